// contract: AArch64 arch objects have seL4's type numbers and sizes, are created into the heap with unmapped caps, and their caps derive, compare, mask, badge and finalise as seL4's objecttype.c prescribes.
package sel4.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.api.ObjectTypes;
import sel4.api.SyscallError;
import sel4.arch.ArchTestSupport;
import sel4.arch.common.ASIDControlCap;
import sel4.arch.common.ASIDPoolCap;
import sel4.arch.common.PageTable;
import sel4.kernel.KernelHalt;
import sel4.object.ObjectType;
import sel4.object.cap.CapRights;
import sel4.object.cap.FrameCap;
import sel4.object.cap.IRQControlCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.VMRights;
import sel4.object.cnode.Cte;
import sel4.object.tcb.Tcb;

class ArmArchObjectsTest {
    private final ArmKit kit = new ArmKit();

    @Test
    void objectTypesFollowTheGenericOnesInSeL4Order() {
        assertThat(ArmObjectTypes.seL4_ARM_HugePageObject).isEqualTo(ObjectTypes.seL4_NonArchObjectTypeCount);
        assertThat(new int[] {ArmObjectTypes.seL4_ARM_VSpaceObject, ArmObjectTypes.seL4_ARM_SmallPageObject,
            ArmObjectTypes.seL4_ARM_LargePageObject, ArmObjectTypes.seL4_ARM_PageTableObject,
            ArmObjectTypes.seL4_ARM_VCPUObject}).containsExactly(8, 9, 10, 11, 12);
    }

    @Test
    void sizesAndFrameTypes() {
        assertThat(kit.arch.Arch_getObjectSize(ArmObjectTypes.seL4_ARM_SmallPageObject)).isEqualTo(12);
        assertThat(kit.arch.Arch_getObjectSize(ArmObjectTypes.seL4_ARM_LargePageObject)).isEqualTo(21);
        assertThat(kit.arch.Arch_getObjectSize(ArmObjectTypes.seL4_ARM_HugePageObject)).isEqualTo(30);
        assertThat(kit.arch.Arch_getObjectSize(ArmObjectTypes.seL4_ARM_PageTableObject)).isEqualTo(12);
        assertThat(kit.arch.Arch_getObjectSize(ArmObjectTypes.seL4_ARM_VSpaceObject)).isEqualTo(13);
        assertThat(kit.arch.Arch_getObjectSize(ArmObjectTypes.seL4_ARM_VCPUObject)).isEqualTo(12);
        assertThat(kit.arch.Arch_getObjectSize(ObjectTypes.seL4_TCBObject)).isEqualTo(-1);
        assertThat(kit.arch.Arch_getObjectSize(ArmObjectTypes.seL4_ObjectTypeCount)).isEqualTo(-1);
        assertThat(kit.arch.Arch_isFrameType(ArmObjectTypes.seL4_ARM_HugePageObject)).isTrue();
        assertThat(kit.arch.Arch_isFrameType(ArmObjectTypes.seL4_ARM_PageTableObject)).isFalse();
    }

    @Test
    void createdObjectsAreInTheHeapWithFreshCaps() {
        long base = ArchTestSupport.addr(13);
        PageTableCap vs = (PageTableCap) kit.arch.Arch_createObject(ArmObjectTypes.seL4_ARM_VSpaceObject, base, 0, false);
        assertThat(kit.k.ks.ksPSpace.get(base)).isSameAs(vs.pt());
        assertThat(vs.pt().numEntries()).isEqualTo(1024);
        assertThat(vs.isVSpaceRoot()).isTrue();
        assertThat(vs.isMapped()).isFalse();
        PageTableCap pt = (PageTableCap) kit.arch.Arch_createObject(ArmObjectTypes.seL4_ARM_PageTableObject,
                ArchTestSupport.addr(12), 0, false);
        assertThat(pt.pt().numEntries()).isEqualTo(512);
        assertThat(pt.pt().ptType()).isEqualTo(PageTable.PtType.NormalPT_T);
        FrameCap dev = kit.frame(ArmObjectTypes.seL4_ARM_LargePageObject, true);
        assertThat(dev.isDevice()).isTrue();
        assertThat(dev.vmRights()).isEqualTo(VMRights.VMReadWrite);
        assertThat(dev.isMapped()).isFalse();
        assertThat(dev.frame().sizeBits()).isEqualTo(21);
        assertThatThrownBy(() -> kit.arch.Arch_createObject(ObjectTypes.seL4_TCBObject, ArchTestSupport.addr(11), 0, false))
                .isInstanceOf(KernelHalt.class);
    }

    @Test
    void derivingFramesDropsTheMappingAndTablesMustBeMapped() {
        Cte vs = kit.vspace(1);
        Cte fs = kit.slot(kit.smallFrame());
        kit.map(vs, fs, 0x3000, VMRights.VMReadWrite);
        ObjectType.DeriveCapRet d = kit.arch.Arch_deriveCap(fs, fs.cap);
        assertThat(d.status()).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(((FrameCap) d.cap()).isMapped()).isFalse();
        assertThat(((FrameCap) d.cap()).frame()).isSameAs(((FrameCap) fs.cap).frame());

        assertThat(kit.arch.Arch_deriveCap(vs, vs.cap).cap()).isSameAs(vs.cap);
        ObjectType.DeriveCapRet bad = kit.arch.Arch_deriveCap(vs, ((PageTableCap) vs.cap).withoutMapping());
        assertThat(bad.status()).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
        assertThat(bad.cap()).isEqualTo(NullCap.INSTANCE);
        assertThat(kit.k.ks.current_syscall_error.type()).isEqualTo(SyscallError.seL4_IllegalOperation);

        assertThat(kit.arch.Arch_deriveCap(null, new ASIDControlCap()).cap()).isEqualTo(new ASIDControlCap());
        assertThat(kit.arch.Arch_deriveCap(null, new SMCCap(4)).cap()).isEqualTo(new SMCCap(4));
        assertThat(kit.arch.Arch_deriveCap(null, new SIDControlCap()).cap()).isEqualTo(NullCap.INSTANCE);
        assertThat(kit.arch.Arch_deriveCap(null, new CBControlCap()).cap()).isEqualTo(NullCap.INSTANCE);
        assertThat(kit.arch.Arch_deriveCap(null, new SIDCap(3)).cap()).isEqualTo(new SIDCap(3));
    }

    @Test
    void maskingNarrowsFrameRightsOnly() {
        FrameCap f = kit.smallFrame();
        CapRights readOnly = new CapRights(false, false, true, false);
        CapRights writeOnly = new CapRights(false, false, false, true);
        assertThat(((FrameCap) kit.arch.Arch_maskCapRights(readOnly, f)).vmRights()).isEqualTo(VMRights.VMReadOnly);
        assertThat(((FrameCap) kit.arch.Arch_maskCapRights(CapRights.ALL, f)).vmRights()).isEqualTo(VMRights.VMReadWrite);
        assertThat(((FrameCap) kit.arch.Arch_maskCapRights(writeOnly, f)).vmRights())
                .as("no write-only mappings").isEqualTo(VMRights.VMKernelOnly);
        FrameCap ro = f.withRights(VMRights.VMReadOnly);
        assertThat(((FrameCap) kit.arch.Arch_maskCapRights(CapRights.ALL, ro)).vmRights()).isEqualTo(VMRights.VMReadOnly);
        SMCCap smc = new SMCCap(0);
        assertThat(kit.arch.Arch_maskCapRights(readOnly, smc)).isSameAs(smc);
    }

    @Test
    void onlyAnUnbadgedSmcCapTakesABadge() {
        assertThat(kit.arch.Arch_updateCapData(false, 0x8400_0000L, new SMCCap(0))).isEqualTo(new SMCCap(0x8400_0000L));
        assertThat(kit.arch.Arch_updateCapData(false, 5, new SMCCap(3))).isEqualTo(NullCap.INSTANCE);
        assertThat(kit.arch.Arch_updateCapData(true, 5, new SMCCap(0))).isEqualTo(NullCap.INSTANCE);
        VCPUCap v = new VCPUCap(kit.vcpu());
        assertThat(kit.arch.Arch_updateCapData(false, 5, v)).isSameAs(v);
    }

    @Test
    void regionAndObjectComparisons() {
        FrameCap huge = kit.frame(ArmObjectTypes.seL4_ARM_HugePageObject, false);
        sel4.object.frame.Frame inside = new sel4.object.frame.Frame(huge.frame().ptr() + 0x20_0000L, 12, false);
        FrameCap small = new FrameCap(inside, VMRights.VMReadWrite, false, 0, 0);
        assertThat(kit.arch.Arch_sameRegionAs(huge, small)).isTrue();
        assertThat(kit.arch.Arch_sameRegionAs(small, huge)).isFalse();
        assertThat(kit.arch.Arch_sameObjectAs(huge, small)).isFalse();
        assertThat(kit.arch.Arch_sameObjectAs(huge, huge.withRights(VMRights.VMReadOnly).withMapping(1, 0))).isTrue();

        assertThat(kit.arch.Arch_sameRegionAs(new SIDControlCap(), new SIDCap(1))).isTrue();
        assertThat(kit.arch.Arch_sameObjectAs(new SIDControlCap(), new SIDCap(1))).isFalse();
        assertThat(kit.arch.Arch_sameRegionAs(new CBControlCap(), new CBCap(1, 0))).isTrue();
        assertThat(kit.arch.Arch_sameObjectAs(new CBControlCap(), new CBCap(1, 0))).isFalse();
        assertThat(kit.arch.Arch_sameRegionAs(new SIDCap(1), new SIDCap(2))).isFalse();
        assertThat(kit.arch.Arch_sameRegionAs(new SGISignalCap(1, 0), new SGISignalCap(1, 0))).isTrue();
        assertThat(kit.arch.Arch_sameObjectAs(new SGISignalCap(1, 0), new SGISignalCap(1, 0))).isFalse();
        assertThat(kit.arch.Arch_sameRegionAs(new ASIDControlCap(), new ASIDControlCap())).isTrue();
        assertThat(kit.arch.Arch_sameRegionAs(new SMCCap(1), new SMCCap(2))).isTrue();
        Vcpu v = kit.vcpu();
        assertThat(kit.arch.Arch_sameObjectAs(new VCPUCap(v), new VCPUCap(v))).isTrue();
        assertThat(kit.arch.Arch_sameObjectAs(new VCPUCap(v), new VCPUCap(kit.vcpu()))).isFalse();
    }

    @Test
    void revocabilityOfSgiAndSmcChildren() {
        assertThat(kit.arch.Arch_isCapRevocable(new SGISignalCap(1, 0), new IRQControlCap())).isTrue();
        assertThat(kit.arch.Arch_isCapRevocable(new SGISignalCap(1, 0), new SGISignalCap(1, 0))).isFalse();
        assertThat(kit.arch.Arch_isCapRevocable(new SMCCap(5), new SMCCap(0))).isTrue();
        assertThat(kit.arch.Arch_isCapRevocable(new SMCCap(0), new SMCCap(0))).isFalse();
        assertThat(kit.arch.Arch_isCapRevocable(kit.smallFrame(), kit.smallFrame())).isFalse();
    }

    @Test
    void capPointersAndSizesNameTheObjects() {
        Vcpu v = kit.vcpu();
        assertThat(kit.arch.cap_get_archCapPtr(new VCPUCap(v))).isEqualTo(v.ptr());
        assertThat(kit.arch.cap_get_archCapSizeBits(new VCPUCap(v))).isEqualTo(12);
        ASIDPoolCap pool = new ASIDPoolCap(kit.pool(0), 0);
        assertThat(kit.arch.cap_get_archCapPtr(pool)).isEqualTo(kit.pool(0).ptr());
        assertThat(kit.arch.cap_get_archCapSizeBits(pool)).isEqualTo(12);
        assertThat(kit.arch.cap_get_archCapPtr(new ASIDControlCap())).isZero();
        assertThat(new ASIDControlCap().isPhysical()).isFalse();
        assertThat(pool.isPhysical()).isTrue();
        assertThat(kit.arch.cap_get_archCapSizeBits(kit.vspace(1).cap)).isEqualTo(13);
    }

    @Test
    void finalisingAMappedFrameCopyUnmapsItEvenIfNotFinal() {
        Cte vs = kit.vspace(1);
        kit.useVSpace(kit.ct, vs);
        Cte fs = kit.slot(kit.smallFrame());
        kit.map(vs, fs, 0x9000, VMRights.VMReadWrite);
        ObjectType.FinaliseCapRet r = kit.arch.Arch_finaliseCap(fs.cap, false);
        assertThat(r.remainder()).isEqualTo(NullCap.INSTANCE);
        assertThat(r.cleanupInfo()).isEqualTo(NullCap.INSTANCE);
        assertThat(kit.arch.userTranslate(kit.ct, 0x9000, false)).isNull();
    }

    @Test
    void finalisingTheLastVSpaceCapDeletesItsAsidAndTheLastPoolCapThePool() {
        Cte vs = kit.vspace(2);
        kit.arch.Arch_finaliseCap(vs.cap, false);
        assertThat(kit.arch.asids.findMapForASID(2)).as("not final: kept").isNotNull();
        kit.arch.Arch_finaliseCap(vs.cap, true);
        assertThat(kit.arch.asids.findMapForASID(2)).isNull();
        ASIDPoolCap pool = new ASIDPoolCap(kit.pool(0), 0);
        kit.arch.Arch_finaliseCap(pool, true);
        assertThat(kit.state.armKSASIDTable[0]).isNull();
    }

    @Test
    void finalisingAMappedPageTableUnlinksIt() {
        Cte vs = kit.vspace(1);
        kit.useVSpace(kit.ct, vs);
        kit.map(vs, kit.slot(kit.smallFrame()), 0x40_0000L, VMRights.VMReadWrite);
        PageTable leaf = kit.arch.vspace.lookupPTSlot(((PageTableCap) vs.cap).pt(), 0x40_0000L).table();
        PageTableCap leafCap = PageTableCap.unmapped(leaf).withMapping(1, 0x40_0000L);
        kit.arch.Arch_finaliseCap(leafCap, true);
        assertThat(kit.arch.userTranslate(kit.ct, 0x40_0000L, false)).isNull();
    }

    @Test
    void threadDeleteWithoutVcpuIsHarmless() {
        Tcb t = new Tcb(ArchTestSupport.addr(11), 0);
        kit.arch.Arch_prepareThreadDelete(t);
        assertThat(t.tcbArch.tcbVCPU).isNull();
    }
}
