// contract: successful AArch64 invocations decoded from a thread's registers set the caller to Restart and perform seL4's effects on VSpaces, ASID pools, VCPUs, IRQ control, SGIs and the SMMU.
package sel4.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.arch.ArchTestSupport.args;
import static sel4.arch.ArchTestSupport.extraCaps;
import static sel4.arch.ArchTestSupport.noExtraCaps;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.SyscallError;
import sel4.arch.ArchTestSupport;
import sel4.arch.common.ASIDControlCap;
import sel4.arch.common.ASIDPoolCap;
import sel4.arch.common.AsidPool;
import sel4.model.IRQState;
import sel4.object.cap.Cap;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.FrameCap;
import sel4.object.cap.IRQControlCap;
import sel4.object.cap.IRQHandlerCap;
import sel4.object.cap.ThreadCap;
import sel4.object.cap.UntypedCap;
import sel4.object.cap.VMRights;
import sel4.object.cnode.CNode;
import sel4.object.cnode.Cte;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

class ArmInvocationsTest {
    private final ArmKit kit = new ArmKit();
    private CNode cnode;
    private CNodeCap cnodeCap;

    @BeforeEach
    void noExtraCapsAndACNode() {
        noExtraCaps(kit.k);
        cnode = new CNode(ArchTestSupport.addr(9), 4);
        kit.k.ks.ksPSpace.insert(cnode);
        cnodeCap = new CNodeCap(cnode, 4, 0, 60);
    }

    private ExceptionT invoke(InvocationLabel l, int length, Cte slot) {
        kit.ct.tcbState = ThreadState.Running;
        return kit.arch.Arch_decodeInvocation(l.label(), length, 0, slot, slot.cap, true, null);
    }

    private void succeeded(ExceptionT r) {
        assertThat(r).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(kit.ct.tcbState).as("decoder set Restart").isSameAs(ThreadState.Restart);
    }

    // ---- MMU ----

    @Test
    void pageTableMapThenPageMapMakesTheFrameReachable() {
        Cte vs = kit.vspace(1);
        kit.useVSpace(kit.ct, vs);
        for (long level : new long[] {0x4000_0000L, 0x4000_0000L}) {
            PageTableCap pt = (PageTableCap) kit.arch.Arch_createObject(ArmObjectTypes.seL4_ARM_PageTableObject,
                    ArchTestSupport.addr(12), 0, false);
            Cte ptSlot = kit.slot(pt);
            extraCaps(kit.k, vs.cap);
            args(kit.ct, level, 0);
            succeeded(invoke(InvocationLabel.ARMPageTableMap, 2, ptSlot));
            assertThat(((PageTableCap) ptSlot.cap).isMapped()).isTrue();
            assertThat(((PageTableCap) ptSlot.cap).mappedASID()).isEqualTo(1);
        }
        Cte fs = kit.slot(kit.smallFrame());
        extraCaps(kit.k, vs.cap);
        args(kit.ct, 0x4000_5000L, CapRightsWords.READ_ONLY, VSpace.seL4_ARM_Default_VMAttributes);
        succeeded(invoke(InvocationLabel.ARMPageMap, 3, fs));
        FrameCap mapped = (FrameCap) fs.cap;
        assertThat(mapped.mappedASID()).isEqualTo(1);
        assertThat(mapped.mappedAddress()).isEqualTo(0x4000_5000L);
        assertThat(mapped.vmRights()).as("the cap keeps its rights").isEqualTo(VMRights.VMReadWrite);
        assertThat(kit.arch.userTranslate(kit.ct, 0x4000_5000L, false)).isNotNull();
        assertThat(kit.arch.userTranslate(kit.ct, 0x4000_5000L, true)).as("mapped read-only").isNull();

        // Remapping at the same address changes the rights; the old entry is flushed from the TLB.
        long tlb = kit.hw.tlbInvalidations();
        kit.arch.vspace.setVMRoot(kit.ct);
        args(kit.ct, 0x4000_5000L, CapRightsWords.READ_WRITE, VSpace.seL4_ARM_Default_VMAttributes);
        extraCaps(kit.k, vs.cap);
        succeeded(invoke(InvocationLabel.ARMPageMap, 3, fs));
        assertThat(kit.arch.userTranslate(kit.ct, 0x4000_5000L, true)).isNotNull();
        assertThat(kit.hw.tlbInvalidations()).isGreaterThan(tlb);

        succeeded(invoke(InvocationLabel.ARMPageUnmap, 0, fs));
        assertThat(kit.arch.userTranslate(kit.ct, 0x4000_5000L, false)).isNull();
        assertThat(((FrameCap) fs.cap).isMapped()).isFalse();
    }

    /** seL4_CapRights words: bit 1 read, bit 0 write. */
    private static final class CapRightsWords {
        static final long READ_ONLY = 2;
        static final long READ_WRITE = 3;
    }

    @Test
    void pageTableUnmapNeedsTheFinalCapAndClearsTheTable() {
        Cte vs = kit.vspace(1);
        PageTableCap pt = (PageTableCap) kit.arch.Arch_createObject(ArmObjectTypes.seL4_ARM_PageTableObject,
                ArchTestSupport.addr(12), 0, false);
        Cte ptSlot = cnode.slots[3];
        ptSlot.cap = pt;
        extraCaps(kit.k, vs.cap);
        args(kit.ct, 0x4000_0000L, 0);
        succeeded(invoke(InvocationLabel.ARMPageTableMap, 2, ptSlot));
        assertThat(kit.k.cnodes.isFinalCapability(ptSlot)).isTrue();
        succeeded(invoke(InvocationLabel.ARMPageTableUnmap, 0, ptSlot));
        assertThat(((PageTableCap) ptSlot.cap).isMapped()).isFalse();
        assertThat(kit.arch.vspace.lookupPTSlot(((PageTableCap) vs.cap).pt(), 0x4000_0000L).ptBitsLeft()).isEqualTo(30);
    }

    @Test
    void flushesRecordCacheMaintenanceOnThePhysicalRange() {
        Cte vs = kit.vspace(1);
        Cte fs = kit.slot(kit.smallFrame());
        kit.map(vs, fs, 0x8000, VMRights.VMReadWrite);
        long base = ((FrameCap) fs.cap).frame().ptr();

        args(kit.ct, 0x10, 0x20);
        succeeded(invoke(InvocationLabel.ARMPageClean_Data, 2, fs));
        assertThat(kit.hw.cacheOps()).containsExactly(
                new ArmHardware.CacheOp("cleanCacheRange_RAM", base + 0x10, base + 0x1f, base + 0x10));

        args(kit.ct, 0x8100, 0x8180);
        succeeded(invoke(InvocationLabel.ARMVSpaceUnify_Instruction, 2, vs));
        assertThat(kit.hw.cacheOps()).hasSize(3);
        assertThat(kit.hw.cacheOps().get(2).op()).isEqualTo("invalidateCacheRange_I");
        assertThat(kit.hw.cacheOps().get(2).pstart()).isEqualTo(base + 0x100);

        // Nothing mapped there: nothing cached, success without any maintenance.
        args(kit.ct, 0x20_0000L, 0x20_0100L);
        succeeded(invoke(InvocationLabel.ARMVSpaceClean_Data, 2, vs));
        assertThat(kit.hw.cacheOps()).hasSize(3);
    }

    @Test
    void makePoolTurnsAnUntypedIntoTheNextFreePool() {
        kit.pool(0);
        Cte untyped = kit.slot(new UntypedCap(ArchTestSupport.addr(12), 12, false, 0));
        Cte control = kit.slot(new ASIDControlCap());
        extraCaps(kit.k, nullCap(), cnodeCap);
        kit.k.ks.current_extra_caps[0] = untyped;
        args(kit.ct, 5, 64);
        succeeded(invoke(InvocationLabel.ARMASIDControlMakePool, 2, control));
        ASIDPoolCap pool = (ASIDPoolCap) cnode.slots[5].cap;
        assertThat(pool.asidBase()).isEqualTo(512);
        assertThat(kit.state.armKSASIDTable[1]).isSameAs(pool.pool());
        assertThat(pool.pool().ptr()).isEqualTo(((UntypedCap) untyped.cap).ptr());
        assertThat(((UntypedCap) untyped.cap).freeIndex()).as("untyped used up").isEqualTo(1L << 12);
        assertThat(kit.k.ks.ksPSpace.get(pool.pool().ptr())).isSameAs(pool.pool());

        // A full destination slot is refused.
        Cte untyped2 = kit.slot(new UntypedCap(ArchTestSupport.addr(12), 12, false, 0));
        kit.k.ks.current_extra_caps[0] = untyped2;
        assertThat(invoke(InvocationLabel.ARMASIDControlMakePool, 2, control)).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
        assertThat(kit.k.ks.current_syscall_error.type()).isEqualTo(SyscallError.seL4_DeleteFirst);
    }

    private static Cap nullCap() {
        return sel4.object.cap.NullCap.INSTANCE;
    }

    @Test
    void assignGivesTheFirstFreeAsidButNeverAsidZero() {
        AsidPool pool = kit.pool(0);
        Cte root = kit.slot(kit.arch.Arch_createObject(ArmObjectTypes.seL4_ARM_VSpaceObject, ArchTestSupport.addr(13), 0, false));
        extraCaps(kit.k, nullCap());
        kit.k.ks.current_extra_caps[0] = root;
        succeeded(invoke(InvocationLabel.ARMASIDPoolAssign, 0, kit.slot(new ASIDPoolCap(pool, 0))));
        assertThat(((PageTableCap) root.cap).mappedASID()).isEqualTo(1);
        assertThat(pool.array[1].vspaceRoot()).isSameAs(((PageTableCap) root.cap).pt());
        assertThat(pool.array[0]).isNull();
    }

    // ---- VCPU ----

    @Test
    void vcpuSetTcbWriteRegInjectAndAck() {
        Vcpu v = kit.vcpu();
        Cte vs = kit.slot(new VCPUCap(v));
        Tcb guest = new Tcb(ArchTestSupport.addr(11), 0);
        extraCaps(kit.k, new ThreadCap(guest));
        succeeded(invoke(InvocationLabel.ARMVCPUSetTCB, 0, vs));
        assertThat(guest.tcbArch.tcbVCPU).isSameAs(v);
        assertThat(v.vcpuTCB).isSameAs(guest);

        noExtraCaps(kit.k);
        args(kit.ct, VcpuReg.seL4_VCPUReg_ELR_EL1, 0x8_0000);
        succeeded(invoke(InvocationLabel.ARMVCPUWriteReg, 2, vs));
        assertThat(v.regs[VcpuReg.seL4_VCPUReg_ELR_EL1]).isEqualTo(0x8_0000);

        args(kit.ct, 44 | (5L << 16) | (1L << 24) | (3L << 32));
        succeeded(invoke(InvocationLabel.ARMVCPUInjectIRQ, 1, vs));
        long lr = v.vgic.lr[3];
        assertThat(Virq.virq_get_virqIRQ(lr)).isEqualTo(44);
        assertThat(Virq.virq_get_virqPriority(lr)).isEqualTo(5);
        assertThat(Virq.virq_get_virqGroup(lr)).isEqualTo(1);
        assertThat(Virq.virq_get_virqType(lr)).isEqualTo(Virq.virq_virq_pending);
        assertThat(Virq.virq_get_virqEOIIRQEN(lr)).isTrue();

        v.vppi_masked[Vcpu.VPPIEventIRQ_VTimer] = true;
        args(kit.ct, kit.k.config.vtimerIrq());
        succeeded(invoke(InvocationLabel.ARMVCPUAckVPPI, 1, vs));
        assertThat(v.vppi_masked[Vcpu.VPPIEventIRQ_VTimer]).isFalse();
    }

    // ---- IRQ control and SGIs ----

    @Test
    void issueIrqHandlerWithTriggerAndSgiSignals() {
        Cte control = kit.slot(new IRQControlCap());
        extraCaps(kit.k, cnodeCap);
        args(kit.ct, 48, 1, 2, 64);
        ExceptionT r = kit.arch.Arch_decodeIRQControlInvocation(InvocationLabel.ARMIRQIssueIRQHandlerTrigger.label(), 4,
                control, null);
        succeeded(r);
        assertThat(cnode.slots[2].cap).isEqualTo(new IRQHandlerCap(48));
        assertThat(kit.k.ks.intStateIRQTable[48]).isEqualTo(IRQState.IRQSignal);
        assertThat(kit.hw.irqTrigger(48)).isTrue();

        kit.ct.tcbState = ThreadState.Running;
        args(kit.ct, 3, 0, 4, 64);
        succeeded(kit.arch.Arch_decodeIRQControlInvocation(InvocationLabel.ARMIRQIssueSGISignal.label(), 4, control, null));
        assertThat(cnode.slots[4].cap).isEqualTo(new SGISignalCap(3, 0));

        succeeded(invoke(InvocationLabel.InvalidInvocation, 0, cnode.slots[4]));
        assertThat(kit.hw.sentSGIs()).hasSize(1);
        assertThat(kit.hw.sentSGIs().get(0)).containsExactly(3, 0);
    }

    // ---- SMMU ----

    @Test
    void smmuStreamsAndContextBanks() {
        Cte sidControl = kit.slot(new SIDControlCap());
        Cte cbControl = kit.slot(new CBControlCap());
        extraCaps(kit.k, cnodeCap);
        args(kit.ct, 9, 1, 64);
        succeeded(invoke(InvocationLabel.ARMSIDIssueSIDManager, 3, sidControl));
        assertThat(cnode.slots[1].cap).isEqualTo(new SIDCap(9));
        assertThat(kit.state.smmuStateSIDTable[9]).isTrue();
        args(kit.ct, 6, 2, 64);
        succeeded(invoke(InvocationLabel.ARMCBIssueCBManager, 3, cbControl));
        assertThat(cnode.slots[2].cap).isEqualTo(new CBCap(6, Smmu.SID_INVALID));

        Cte vs = kit.vspace(1);
        extraCaps(kit.k, nullCap());
        kit.k.ks.current_extra_caps[0] = vs;
        succeeded(invoke(InvocationLabel.ARMCBAssignVspace, 0, cnode.slots[2]));
        PageTableCap inBank = (PageTableCap) kit.state.smmuStateCBNode.slots[6].cap;
        assertThat(inBank.mappedCB()).isEqualTo(6);
        assertThat(kit.hw.smmu().contextBankVspace(6)).isSameAs(((PageTableCap) vs.cap).pt());
        assertThat(kit.state.smmuStateCBAsidTable[6]).isEqualTo(1);
        assertThat(kit.arch.asids.findMapForASID(1).bindCB()).isEqualTo(1);

        kit.k.ks.current_extra_caps[0] = cnode.slots[2];
        succeeded(invoke(InvocationLabel.ARMSIDBindCB, 0, cnode.slots[1]));
        assertThat(kit.hw.smmu().boundContextBank(9)).isEqualTo(6);
        assertThat(kit.state.smmuStateSIDNode.slots[9].cap).isEqualTo(new CBCap(6, 9));

        // Unmapping a page of the VSpace also flushes the bank that translates with it.
        Cte fs = kit.slot(kit.smallFrame());
        kit.map(vs, fs, 0x1000, VMRights.VMReadWrite);
        long before = kit.hw.smmu().tlbInvalidateCount(6);
        kit.arch.vspaceInvocations.performPageInvocationUnmap((FrameCap) fs.cap, fs);
        assertThat(kit.hw.smmu().tlbInvalidateCount(6)).isGreaterThan(before);

        noExtraCaps(kit.k);
        succeeded(invoke(InvocationLabel.ARMSIDUnbindCB, 0, cnode.slots[1]));
        assertThat(kit.hw.smmu().boundContextBank(9)).isEqualTo(-1);

        succeeded(invoke(InvocationLabel.ARMCBTLBInvalidate, 0, cnode.slots[2]));
        succeeded(invoke(InvocationLabel.ARMCBUnassignVspace, 0, cnode.slots[2]));
        assertThat(kit.hw.smmu().contextBankVspace(6)).isNull();
        assertThat(kit.state.smmuStateCBAsidTable[6]).isEqualTo(Smmu.ASID_INVALID);
        assertThat(kit.arch.asids.findMapForASID(1).bindCB()).isZero();

        succeeded(invoke(InvocationLabel.ARMCBTLBInvalidateAll, 0, cbControl));
        assertThat(kit.hw.smmu().tlbInvalidateAllCount()).isEqualTo(1);
        kit.hw.smmu().recordGlobalFault(1, 2, 3);
        succeeded(invoke(InvocationLabel.ARMSIDClearFault, 0, sidControl));
        assertThat(kit.hw.smmu().smmu_read_fault_state()).containsExactly(0, 0, 0);
    }

    @Test
    void deletingTheLastSidAndCbCapsFreesThem() {
        kit.state.smmuStateSIDTable[4] = true;
        kit.state.smmuStateCBTable[2] = true;
        kit.arch.Arch_finaliseCap(new SIDCap(4), true);
        kit.arch.Arch_finaliseCap(new CBCap(2, Smmu.SID_INVALID), true);
        assertThat(kit.state.smmuStateSIDTable[4]).isFalse();
        assertThat(kit.state.smmuStateCBTable[2]).isFalse();
    }
}
