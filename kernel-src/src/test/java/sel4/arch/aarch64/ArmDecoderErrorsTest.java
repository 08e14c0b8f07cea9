// contract: every AArch64 arch decoder answers bad labels, short messages, bad arguments and bad caps with seL4's syscall error (type and details) and leaves the caller's state and registers untouched.
package sel4.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.arch.ArchTestSupport.args;
import static sel4.arch.ArchTestSupport.extraCaps;
import static sel4.arch.ArchTestSupport.noExtraCaps;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.LookupFault;
import sel4.api.SyscallError;
import sel4.arch.ArchTestSupport;
import sel4.arch.common.ASIDControlCap;
import sel4.arch.common.ASIDPoolCap;
import sel4.arch.common.AsidPool;
import sel4.model.IRQState;
import sel4.object.cap.Cap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.FrameCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.UntypedCap;
import sel4.object.cap.VMRights;
import sel4.object.cnode.Cte;
import sel4.object.tcb.ThreadState;

class ArmDecoderErrorsTest {
    private final ArmKit kit = new ArmKit();

    @BeforeEach
    void noCaps() {
        noExtraCaps(kit.k);
    }

    private SyscallError decode(InvocationLabel label, int length, Cap cap) {
        return decode(label, length, ArchTestSupport.slotWith(cap));
    }

    private SyscallError decode(InvocationLabel label, int length, Cte slot) {
        kit.k.ks.current_syscall_error = null;
        ExceptionT r = kit.arch.Arch_decodeInvocation(label.label(), length, 0, slot, slot.cap, true, null);
        assertThat(r).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
        assertThat(kit.ct.tcbState).as("decode errors do not touch the thread state").isSameAs(ThreadState.Running);
        return kit.k.ks.current_syscall_error;
    }

    private static void type(SyscallError e, int t) {
        assertThat(e.type()).isEqualTo(t);
    }

    private static void invalidArgument(SyscallError e, long n) {
        type(e, SyscallError.seL4_InvalidArgument);
        assertThat(e.invalidArgumentNumber()).isEqualTo(n);
    }

    private static void invalidCapability(SyscallError e, long n) {
        type(e, SyscallError.seL4_InvalidCapability);
        assertThat(e.invalidCapNumber()).isEqualTo(n);
    }

    private static void range(SyscallError e, long min, long max) {
        type(e, SyscallError.seL4_RangeError);
        assertThat(e.rangeErrorMin()).isEqualTo(min);
        assertThat(e.rangeErrorMax()).isEqualTo(max);
    }

    // ---- labels that do not belong to the cap ----

    @Test
    void foreignAndGenericLabelsAreIllegalOnEveryArchCap() {
        Cap[] caps = {kit.vspace(1).cap, PageTableCap.unmapped(((PageTableCap) kit.vspace(2).cap).pt()),
            kit.smallFrame(), new ASIDControlCap(), new ASIDPoolCap(kit.pool(1), 0), new VCPUCap(kit.vcpu()),
            new SMCCap(0), new SIDControlCap(), new SIDCap(1), new CBControlCap(), new CBCap(1, Smmu.SID_INVALID)};
        InvocationLabel[] labels = {InvocationLabel.TCBSuspend, InvocationLabel.X86PageGetAddress,
            InvocationLabel.X86VCPUReadVMCS, InvocationLabel.InvalidInvocation};
        for (Cap c : caps) {
            for (InvocationLabel l : labels) {
                type(decode(l, 4, c), SyscallError.seL4_IllegalOperation);
            }
        }
        // Labels beyond the table decode as invalid too.
        kit.k.ks.current_syscall_error = null;
        assertThat(kit.arch.Arch_decodeInvocation(10_000, 4, 0, ArchTestSupport.slotWith(kit.smallFrame()),
                kit.smallFrame(), true, null)).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
        type(kit.k.ks.current_syscall_error, SyscallError.seL4_IllegalOperation);
    }

    // ---- VSpace root flushes ----

    @Test
    void vspaceFlushChecksItsRangeAndRoot() {
        Cte vs = kit.vspace(1);
        InvocationLabel l = InvocationLabel.ARMVSpaceClean_Data;
        type(decode(l, 1, vs), SyscallError.seL4_TruncatedMessage);
        args(kit.ct, 0x2000, 0x2000);
        invalidArgument(decode(l, 2, vs), 1);
        args(kit.ct, 0x2000, ArmLayout.USER_TOP + 1);
        type(decode(l, 2, vs), SyscallError.seL4_IllegalOperation);
        args(kit.ct, 0x2000, 0x2100);
        invalidCapability(decode(l, 2, ((PageTableCap) vs.cap).withoutMapping()), 0);
        SyscallError e = decode(l, 2, ((PageTableCap) vs.cap).withMapping(77, 0));
        type(e, SyscallError.seL4_FailedLookup);
        assertThat(e.failedLookupWasSource()).isFalse();
        assertThat(e.lookupFault()).isInstanceOf(LookupFault.InvalidRoot.class);
        Cte other = kit.vspace(2);
        invalidCapability(decode(l, 2, ((PageTableCap) other.cap).withMapping(1, 0)), 0);
    }

    @Test
    void vspaceFlushMayNotCrossAPage() {
        Cte vs = kit.vspace(1);
        kit.map(vs, kit.slot(kit.smallFrame()), 0x3000, VMRights.VMReadWrite);
        args(kit.ct, 0x3ff0, 0x4010);
        range(decode(InvocationLabel.ARMVSpaceInvalidate_Data, 2, vs), 0x3ff0, 0x3fff);
    }

    // ---- page tables ----

    @Test
    void pageTableMapChecksEverything() {
        Cte vs = kit.vspace(1);
        PageTableCap pt = (PageTableCap) kit.arch.Arch_createObject(ArmObjectTypes.seL4_ARM_PageTableObject,
                ArchTestSupport.addr(12), 0, false);
        InvocationLabel map = InvocationLabel.ARMPageTableMap;
        type(decode(InvocationLabel.ARMPageMap, 2, pt), SyscallError.seL4_IllegalOperation);
        type(decode(map, 2, pt), SyscallError.seL4_TruncatedMessage);
        extraCaps(kit.k, vs.cap);
        type(decode(map, 1, pt), SyscallError.seL4_TruncatedMessage);
        args(kit.ct, 0x4000_0000L, 0);
        invalidCapability(decode(map, 2, pt.withMapping(1, 0x200000)), 0);
        extraCaps(kit.k, kit.smallFrame());
        invalidCapability(decode(map, 2, pt), 1);
        extraCaps(kit.k, ((PageTableCap) vs.cap).withoutMapping());
        invalidCapability(decode(map, 2, pt), 1);
        extraCaps(kit.k, vs.cap);
        args(kit.ct, ArmLayout.USER_TOP + 1, 0);
        invalidArgument(decode(map, 2, pt), 0);
        args(kit.ct, 0x4000_0000L, 0);
        extraCaps(kit.k, ((PageTableCap) vs.cap).withMapping(99, 0));
        type(decode(map, 2, pt), SyscallError.seL4_FailedLookup);
        extraCaps(kit.k, ((PageTableCap) kit.vspace(2).cap).withMapping(1, 0));
        invalidCapability(decode(map, 2, pt), 1);
        // A slot already holding a table (or a page) must be emptied first.
        kit.map(vs, kit.slot(kit.smallFrame()), 0x4000_0000L, VMRights.VMReadWrite);
        extraCaps(kit.k, vs.cap);
        type(decode(map, 2, pt), SyscallError.seL4_DeleteFirst);
    }

    // ---- frames ----

    @Test
    void pageMapChecksRootAlignmentRemapAndLevel() {
        Cte vs = kit.vspace(1);
        FrameCap f = kit.smallFrame();
        InvocationLabel map = InvocationLabel.ARMPageMap;
        type(decode(map, 3, f), SyscallError.seL4_TruncatedMessage);
        extraCaps(kit.k, vs.cap);
        type(decode(map, 2, f), SyscallError.seL4_TruncatedMessage);
        args(kit.ct, 0x1000, 3, 1);
        extraCaps(kit.k, NullCap.INSTANCE);
        invalidCapability(decode(map, 3, f), 1);
        extraCaps(kit.k, ((PageTableCap) vs.cap).withMapping(55, 0));
        SyscallError lookup = decode(map, 3, f);
        type(lookup, SyscallError.seL4_FailedLookup);
        assertThat(lookup.lookupFault()).isInstanceOf(LookupFault.InvalidRoot.class);
        extraCaps(kit.k, ((PageTableCap) kit.vspace(2).cap).withMapping(1, 0));
        invalidCapability(decode(map, 3, f), 1);
        extraCaps(kit.k, vs.cap);
        args(kit.ct, 0x1008, 3, 1);
        type(decode(map, 3, f), SyscallError.seL4_AlignmentError);
        args(kit.ct, 0x1000, 3, 1);
        invalidCapability(decode(map, 3, f.withMapping(2, 0x1000)), 1);
        invalidArgument(decode(map, 3, f.withMapping(1, 0x2000)), 0);
        args(kit.ct, ArmLayout.USER_TOP + 1, 3, 1);
        invalidArgument(decode(map, 3, f), 0);
        // No page table at the 4K level yet: a missing-capability lookup failure with the bits left.
        args(kit.ct, 0x1000, 3, 1);
        SyscallError missing = decode(map, 3, f);
        type(missing, SyscallError.seL4_FailedLookup);
        assertThat(missing.lookupFault()).isEqualTo(new LookupFault.MissingCapability(30));
    }

    @Test
    void pageFlushChecksMappingAndRange() {
        Cte vs = kit.vspace(1);
        Cte fs = kit.slot(kit.smallFrame());
        kit.map(vs, fs, 0x7000, VMRights.VMReadWrite);
        FrameCap mapped = (FrameCap) fs.cap;
        InvocationLabel l = InvocationLabel.ARMPageCleanInvalidate_Data;
        type(decode(l, 1, mapped), SyscallError.seL4_TruncatedMessage);
        args(kit.ct, 0, 8);
        type(decode(l, 2, kit.smallFrame()), SyscallError.seL4_IllegalOperation);
        type(decode(l, 2, mapped.withMapping(321, 0x7000)), SyscallError.seL4_FailedLookup);
        args(kit.ct, 8, 8);
        invalidArgument(decode(l, 2, mapped), 1);
        args(kit.ct, 0x1000, 0x1008);
        invalidArgument(decode(l, 2, mapped), 0);
        args(kit.ct, 0, 0x1001);
        invalidArgument(decode(l, 2, mapped), 0);
        // A frame outside the kernel window cannot be flushed through it.
        FrameCap high = (FrameCap) kit.arch.Arch_createObject(ArmObjectTypes.seL4_ARM_SmallPageObject,
                ArmLayout.PADDR_TOP, 0, false);
        args(kit.ct, 0, 0x100);
        type(decode(l, 2, high.withMapping(1, 0x9000)), SyscallError.seL4_IllegalOperation);
    }

    // ---- ASID control and pools ----

    @Test
    void makePoolChecksMessageFreePoolsAndUntyped() {
        InvocationLabel l = InvocationLabel.ARMASIDControlMakePool;
        type(decode(InvocationLabel.ARMASIDPoolAssign, 2, new ASIDControlCap()), SyscallError.seL4_IllegalOperation);
        type(decode(l, 2, new ASIDControlCap()), SyscallError.seL4_TruncatedMessage);
        UntypedCap good = new UntypedCap(ArchTestSupport.addr(12), 12, false, 0);
        extraCaps(kit.k, good, NullCap.INSTANCE);
        type(decode(l, 1, new ASIDControlCap()), SyscallError.seL4_TruncatedMessage);
        extraCaps(kit.k, good);
        type(decode(l, 2, new ASIDControlCap()), SyscallError.seL4_TruncatedMessage);
        extraCaps(kit.k, new UntypedCap(ArchTestSupport.addr(13), 13, false, 0), NullCap.INSTANCE);
        invalidCapability(decode(l, 2, new ASIDControlCap()), 1);
        extraCaps(kit.k, new UntypedCap(ArchTestSupport.addr(12), 12, true, 0), NullCap.INSTANCE);
        invalidCapability(decode(l, 2, new ASIDControlCap()), 1);
        extraCaps(kit.k, kit.smallFrame(), NullCap.INSTANCE);
        invalidCapability(decode(l, 2, new ASIDControlCap()), 1);
        for (int i = 0; i < AsidPool.nASIDPools; i++) {
            kit.pool((long) i << 9);
        }
        extraCaps(kit.k, good, NullCap.INSTANCE);
        type(decode(l, 2, new ASIDControlCap()), SyscallError.seL4_DeleteFirst);
    }

    @Test
    void assignChecksTheRootAndThePool() {
        AsidPool pool = kit.pool(512);
        ASIDPoolCap cap = new ASIDPoolCap(pool, 512);
        InvocationLabel l = InvocationLabel.ARMASIDPoolAssign;
        type(decode(l, 0, cap), SyscallError.seL4_TruncatedMessage);
        PageTableCap fresh = (PageTableCap) kit.arch.Arch_createObject(ArmObjectTypes.seL4_ARM_VSpaceObject,
                ArchTestSupport.addr(13), 0, false);
        extraCaps(kit.k, kit.vspace(1).cap);
        invalidCapability(decode(l, 0, cap), 1);
        extraCaps(kit.k, kit.smallFrame());
        invalidCapability(decode(l, 0, cap), 1);
        extraCaps(kit.k, fresh);
        SyscallError noPool = decode(l, 0, new ASIDPoolCap(new AsidPool(ArchTestSupport.addr(12), 12), 1024));
        type(noPool, SyscallError.seL4_FailedLookup);
        assertThat(noPool.lookupFault()).isInstanceOf(LookupFault.InvalidRoot.class);
        invalidCapability(decode(l, 0, new ASIDPoolCap(new AsidPool(ArchTestSupport.addr(12), 12), 512)), 0);
        for (int i = 0; i < 512; i++) {
            pool.array[i] = sel4.arch.common.AsidMap.asid_map_vspace_new(fresh.pt());
        }
        type(decode(l, 0, cap), SyscallError.seL4_DeleteFirst);
    }

    // ---- VCPU ----

    @Test
    void vcpuDecodersCheckArgumentsAndListRegisters() {
        Vcpu v = kit.vcpu();
        VCPUCap cap = new VCPUCap(v);
        type(decode(InvocationLabel.ARMVCPUSetTCB, 0, cap), SyscallError.seL4_TruncatedMessage);
        extraCaps(kit.k, new EndpointCap(null, 0, true, true, true, true));
        type(decode(InvocationLabel.ARMVCPUSetTCB, 0, cap), SyscallError.seL4_IllegalOperation);
        noExtraCaps(kit.k);

        type(decode(InvocationLabel.ARMVCPUReadReg, 0, cap), SyscallError.seL4_TruncatedMessage);
        args(kit.ct, VcpuReg.seL4_VCPUReg_Num);
        invalidArgument(decode(InvocationLabel.ARMVCPUReadReg, 1, cap), 1);
        args(kit.ct, -1L);
        invalidArgument(decode(InvocationLabel.ARMVCPUReadReg, 1, cap), 1);

        type(decode(InvocationLabel.ARMVCPUWriteReg, 1, cap), SyscallError.seL4_TruncatedMessage);
        args(kit.ct, 24, 5);
        invalidArgument(decode(InvocationLabel.ARMVCPUWriteReg, 2, cap), 1);

        InvocationLabel inject = InvocationLabel.ARMVCPUInjectIRQ;
        type(decode(inject, 0, cap), SyscallError.seL4_TruncatedMessage);
        args(kit.ct, 1024);
        range(decode(inject, 1, cap), 0, 1023);
        args(kit.ct, 5 | (32L << 16));
        range(decode(inject, 1, cap), 0, 31);
        args(kit.ct, 5 | (2L << 24));
        range(decode(inject, 1, cap), 0, 1);
        int nLR = kit.state.gic_vcpu_num_list_regs;
        args(kit.ct, 5 | ((long) nLR << 32));
        range(decode(inject, 1, cap), 0, nLR - 1);
        v.vgic.lr[2] = Virq.virq_set_virqType(Virq.virq_virq_pending_new(0, 0, true, 9), Virq.virq_virq_active);
        args(kit.ct, 5 | (2L << 32));
        type(decode(inject, 1, cap), SyscallError.seL4_DeleteFirst);

        InvocationLabel ack = InvocationLabel.ARMVCPUAckVPPI;
        type(decode(ack, 0, cap), SyscallError.seL4_TruncatedMessage);
        args(kit.ct, kit.k.config.maxIRQ() + 1L);
        range(decode(ack, 1, cap), 0, kit.k.config.maxIRQ());
        args(kit.ct, kit.k.config.vgicMaintenanceIrq());
        invalidArgument(decode(ack, 1, cap), 0);
    }

    // ---- SMC ----

    @Test
    void smcCallNeedsEightWordsAndTheBadgedFunction() {
        type(decode(InvocationLabel.ARMPageMap, 8, new SMCCap(0)), SyscallError.seL4_IllegalOperation);
        type(decode(InvocationLabel.ARMSMCCall, 7, new SMCCap(0)), SyscallError.seL4_TruncatedMessage);
        args(kit.ct, 0x8400_0000L);
        type(decode(InvocationLabel.ARMSMCCall, 8, new SMCCap(0x8400_0001L)), SyscallError.seL4_IllegalOperation);
    }

    // ---- IRQ control ----

    @Test
    void irqControlArchLabelsCheckTheirArguments() {
        Cte control = ArchTestSupport.slotWith(new sel4.object.cap.IRQControlCap());
        InvocationLabel trig = InvocationLabel.ARMIRQIssueIRQHandlerTrigger;
        assertThat(irqControl(InvocationLabel.IRQIssueIRQHandler, 4, control).type())
                .isEqualTo(SyscallError.seL4_IllegalOperation);
        assertThat(irqControl(trig, 4, control).type()).isEqualTo(SyscallError.seL4_TruncatedMessage);
        extraCaps(kit.k, NullCap.INSTANCE);
        assertThat(irqControl(trig, 3, control).type()).isEqualTo(SyscallError.seL4_TruncatedMessage);
        args(kit.ct, kit.k.config.maxIRQ() + 1L, 1, 0, 64);
        range(irqControl(trig, 4, control), 0, kit.k.config.maxIRQ());
        kit.k.ks.intStateIRQTable[40] = IRQState.IRQSignal;
        args(kit.ct, 40, 1, 0, 64);
        type(irqControl(trig, 4, control), SyscallError.seL4_RevokeFirst);

        InvocationLabel sgi = InvocationLabel.ARMIRQIssueSGISignal;
        noExtraCaps(kit.k);
        assertThat(irqControl(sgi, 4, control).type()).isEqualTo(SyscallError.seL4_TruncatedMessage);
        extraCaps(kit.k, NullCap.INSTANCE);
        args(kit.ct, 16, 0, 0, 64);
        range(irqControl(sgi, 4, control), 0, 15);
        args(kit.ct, 3, 8, 0, 64);
        invalidArgument(irqControl(sgi, 4, control), 1);
    }

    private SyscallError irqControl(InvocationLabel l, int length, Cte control) {
        kit.k.ks.current_syscall_error = null;
        assertThat(kit.arch.Arch_decodeIRQControlInvocation(l.label(), length, control, null))
                .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
        return kit.k.ks.current_syscall_error;
    }

    // ---- SMMU ----

    @Test
    void smmuDecodersCheckRangesAndAssignments() {
        type(decode(InvocationLabel.ARMCBIssueCBManager, 3, new SIDControlCap()), SyscallError.seL4_IllegalOperation);
        type(decode(InvocationLabel.ARMSIDIssueSIDManager, 3, new SIDControlCap()), SyscallError.seL4_TruncatedMessage);
        extraCaps(kit.k, NullCap.INSTANCE);
        type(decode(InvocationLabel.ARMSIDIssueSIDManager, 2, new SIDControlCap()), SyscallError.seL4_TruncatedMessage);
        args(kit.ct, Smmu.SMMU_MAX_SID, 0, 64);
        range(decode(InvocationLabel.ARMSIDIssueSIDManager, 3, new SIDControlCap()), 0, Smmu.SMMU_MAX_SID - 1);
        kit.state.smmuStateSIDTable[7] = true;
        args(kit.ct, 7, 0, 64);
        type(decode(InvocationLabel.ARMSIDIssueSIDManager, 3, new SIDControlCap()), SyscallError.seL4_RevokeFirst);

        noExtraCaps(kit.k);
        type(decode(InvocationLabel.ARMSIDBindCB, 0, new SIDCap(7)), SyscallError.seL4_TruncatedMessage);
        extraCaps(kit.k, new SIDCap(3));
        invalidCapability(decode(InvocationLabel.ARMSIDBindCB, 0, new SIDCap(7)), 1);
        extraCaps(kit.k, new CBCap(4, Smmu.SID_INVALID));
        invalidCapability(decode(InvocationLabel.ARMSIDBindCB, 0, new SIDCap(7)), 1);
        type(decode(InvocationLabel.ARMSIDUnbindCB, 0, new SIDCap(7)), SyscallError.seL4_IllegalOperation);

        noExtraCaps(kit.k);
        type(decode(InvocationLabel.ARMCBIssueCBManager, 3, new CBControlCap()), SyscallError.seL4_TruncatedMessage);
        extraCaps(kit.k, NullCap.INSTANCE);
        args(kit.ct, Smmu.SMMU_MAX_CB, 0, 64);
        range(decode(InvocationLabel.ARMCBIssueCBManager, 3, new CBControlCap()), 0, Smmu.SMMU_MAX_CB - 1);
        kit.state.smmuStateCBTable[4] = true;
        args(kit.ct, 4, 0, 64);
        type(decode(InvocationLabel.ARMCBIssueCBManager, 3, new CBControlCap()), SyscallError.seL4_RevokeFirst);

        CBCap cb = new CBCap(4, Smmu.SID_INVALID);
        type(decode(InvocationLabel.ARMCBTLBInvalidate, 0, cb), SyscallError.seL4_IllegalOperation);
        type(decode(InvocationLabel.ARMCBUnassignVspace, 0, cb), SyscallError.seL4_IllegalOperation);
        noExtraCaps(kit.k);
        type(decode(InvocationLabel.ARMCBAssignVspace, 0, cb), SyscallError.seL4_TruncatedMessage);
        extraCaps(kit.k, ((PageTableCap) kit.vspace(1).cap).withoutMapping());
        invalidCapability(decode(InvocationLabel.ARMCBAssignVspace, 0, cb), 1);
        type(decode(InvocationLabel.ARMSIDGetFault, 0, cb), SyscallError.seL4_IllegalOperation);
    }
}
