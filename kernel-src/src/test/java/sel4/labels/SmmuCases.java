package sel4.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.InvocationLabel.ARMCBAssignVspace;
import static sel4.api.InvocationLabel.ARMCBClearFault;
import static sel4.api.InvocationLabel.ARMCBGetFault;
import static sel4.api.InvocationLabel.ARMCBIssueCBManager;
import static sel4.api.InvocationLabel.ARMCBTLBInvalidate;
import static sel4.api.InvocationLabel.ARMCBTLBInvalidateAll;
import static sel4.api.InvocationLabel.ARMCBUnassignVspace;
import static sel4.api.InvocationLabel.ARMSIDBindCB;
import static sel4.api.InvocationLabel.ARMSIDClearFault;
import static sel4.api.InvocationLabel.ARMSIDGetFault;
import static sel4.api.InvocationLabel.ARMSIDIssueSIDManager;
import static sel4.api.InvocationLabel.ARMSIDUnbindCB;
import static sel4.labels.CallerView.deleteFirst;
import static sel4.labels.CallerView.emptyReply;
import static sel4.labels.CallerView.failedLookup;
import static sel4.labels.CallerView.illegal;
import static sel4.labels.CallerView.invalidCapability;
import static sel4.labels.CallerView.range;
import static sel4.labels.CallerView.revokeFirst;
import static sel4.labels.CallerView.truncated;
import static sel4.labels.Rig.CNODE;
import static sel4.labels.Rig.DEPTH;
import static sel4.labels.Rig.NO_CAPS;
import static sel4.labels.Rig.caps;

import java.util.List;
import sel4.api.InvocationLabel;
import sel4.api.LookupFault;
import sel4.arch.aarch64.CBCap;
import sel4.arch.aarch64.PageTableCap;
import sel4.arch.aarch64.SIDCap;
import sel4.arch.aarch64.Smmu;
import sel4.arch.aarch64.SmmuHardware;
import sel4.model.BootInfoSlots;
import sel4.model.Config;
import sel4.object.cap.NullCap;
import sel4.user.SyscallResult;

/**
 * The AArch64 SMMU labels (src/arch/arm/object/smmu.c; performed inline in the decoders): the
 * stream-ID control and stream caps, the context-bank control and bank caps. The GetFault labels
 * are in their legacy O form: the fault words go to the message registers, msgInfo says their
 * count, then the decoder sets Restart, so a Call observes the empty reply's msgInfo (length 0)
 * over the words.
 */
final class SmmuCases implements CaseFamily {
    private static final long SID_CONTROL = BootInfoSlots.seL4_CapSMMUSIDControl;
    private static final long CB_CONTROL = BootInfoSlots.seL4_CapSMMUCBControl;
    private static final int SID = 5;
    private static final int CB = 3;

    @Override
    public String name() {
        return "AArch64 SMMU";
    }

    private static SmmuHardware smmu(Rig r) {
        return r.arm().hardware().smmu();
    }

    static long sid(Rig r, int sid) {
        long dest = r.free();
        r.setUp(SID_CONTROL, ARMSIDIssueSIDManager, caps(CNODE), sid, dest, DEPTH);
        return dest;
    }

    static long cb(Rig r, int cb) {
        long dest = r.free();
        r.setUp(CB_CONTROL, ARMCBIssueCBManager, caps(CNODE), cb, dest, DEPTH);
        return dest;
    }

    /** A context bank with a VSpace assigned; returns the bank cap and the VSpace cap. */
    private static long[] cbWithVSpace(Rig r, int cb) {
        long bank = cb(r, cb);
        long vs = ArmSpaces.vspace(r);
        r.setUp(bank, ARMCBAssignVspace, caps(vs));
        return new long[] {bank, vs};
    }

    @Override
    public List<LabelCase> cases() {
        CaseList c = new CaseList(Config.aarch64());
        c.success(ARMSIDIssueSIDManager, "a cap for the stream ID, which is then in use", r -> {
            long dest = r.free();
            emptyReply(r.call(SID_CONTROL, ARMSIDIssueSIDManager, caps(CNODE), SID, dest, DEPTH));
            assertThat(r.cap(dest)).isEqualTo(new SIDCap(SID));
            assertThat(r.arm().state().smmuStateSIDTable[SID]).isTrue();
        });
        issueShared(c, ARMSIDIssueSIDManager, SID_CONTROL, SID);
        c.error(ARMSIDIssueSIDManager, "RangeError [0, 255]: no such stream ID", r ->
                range(r.call(SID_CONTROL, ARMSIDIssueSIDManager, caps(CNODE), Smmu.SMMU_MAX_SID, r.free(), DEPTH), 0,
                        Smmu.SMMU_MAX_SID - 1));
        c.error(ARMSIDIssueSIDManager, "RevokeFirst: the stream ID was already issued", r -> {
            sid(r, SID);
            long dest = r.free();
            revokeFirst(r.call(SID_CONTROL, ARMSIDIssueSIDManager, caps(CNODE), SID, dest, DEPTH));
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });

        c.legacySuccess(ARMSIDGetFault, "O C", "legacy O form: MR0..2 = status and syndromes, msgInfo of the empty reply", r -> {
            smmu(r).recordGlobalFault(0x8000_0002L, 0x1234, 0x5678);
            SyscallResult res = r.call(SID_CONTROL, ARMSIDGetFault, NO_CAPS);
            emptyReply(res);
            assertThat(new long[] {res.mr(0), res.mr(1), res.mr(2)}).containsExactly(0x8000_0002L, 0x1234, 0x5678);
        });
        c.error(ARMSIDGetFault, "IllegalOperation: sent to a stream cap, not the SID control cap", r ->
                illegal(r.call(sid(r, SID), ARMSIDGetFault, NO_CAPS)));
        c.success(ARMSIDClearFault, "clears the global fault registers", r -> {
            smmu(r).recordGlobalFault(0x8000_0002L, 0x1234, 0x5678);
            emptyReply(r.call(SID_CONTROL, ARMSIDClearFault, NO_CAPS));
            assertThat(smmu(r).smmu_read_fault_state()).containsExactly(0, 0, 0);
        });
        c.error(ARMSIDClearFault, "IllegalOperation: sent to a stream cap, not the SID control cap", r -> {
            smmu(r).recordGlobalFault(0x8000_0002L, 0x1234, 0x5678);
            illegal(r.call(sid(r, SID), ARMSIDClearFault, NO_CAPS));
            assertThat(smmu(r).smmu_read_fault_state()[0]).isEqualTo(0x8000_0002L);
        });

        c.success(ARMSIDBindCB, "binds the stream to the context bank", r -> {
            long s = sid(r, SID);
            long bank = cbWithVSpace(r, CB)[0];
            emptyReply(r.call(s, ARMSIDBindCB, caps(bank)));
            assertThat(smmu(r).boundContextBank(SID)).isEqualTo(CB);
            assertThat(r.arm().state().smmuStateSIDNode.slots[SID].cap).isEqualTo(new CBCap(CB, SID));
        });
        c.error(ARMSIDBindCB, "TruncatedMessage: no context-bank cap", r -> truncated(r.call(sid(r, SID), ARMSIDBindCB,
                NO_CAPS)));
        c.error(ARMSIDBindCB, "InvalidCapability 1: not a context-bank cap, or a bank without VSpace", r -> {
            long s = sid(r, SID);
            invalidCapability(r.call(s, ARMSIDBindCB, caps(r.endpoint())), 1);
            invalidCapability(r.call(s, ARMSIDBindCB, caps(cb(r, CB))), 1);
            assertThat(smmu(r).boundContextBank(SID)).isEqualTo(-1);
        });
        c.error(ARMSIDBindCB, "DeleteFirst: the stream is already bound", r -> {
            long s = sid(r, SID);
            r.setUp(s, ARMSIDBindCB, caps(cbWithVSpace(r, CB)[0]));
            deleteFirst(r.call(s, ARMSIDBindCB, caps(cbWithVSpace(r, CB + 1)[0])));
            assertThat(smmu(r).boundContextBank(SID)).isEqualTo(CB);
        });
        c.success(ARMSIDUnbindCB, "unbinds the stream", r -> {
            long s = sid(r, SID);
            r.setUp(s, ARMSIDBindCB, caps(cbWithVSpace(r, CB)[0]));
            emptyReply(r.call(s, ARMSIDUnbindCB, NO_CAPS));
            assertThat(smmu(r).boundContextBank(SID)).isEqualTo(-1);
            assertThat(r.arm().state().smmuStateSIDNode.slots[SID].cap).isEqualTo(NullCap.INSTANCE);
        });
        c.error(ARMSIDUnbindCB, "IllegalOperation: the stream is not bound", r -> illegal(r.call(sid(r, SID),
                ARMSIDUnbindCB, NO_CAPS)));

        c.success(ARMCBIssueCBManager, "a cap for the context bank, which is then in use", r -> {
            long dest = r.free();
            emptyReply(r.call(CB_CONTROL, ARMCBIssueCBManager, caps(CNODE), CB, dest, DEPTH));
            assertThat(r.cap(dest)).isEqualTo(new CBCap(CB, Smmu.SID_INVALID));
            assertThat(r.arm().state().smmuStateCBTable[CB]).isTrue();
        });
        issueShared(c, ARMCBIssueCBManager, CB_CONTROL, CB);
        c.error(ARMCBIssueCBManager, "RangeError [0, 63]: no such context bank", r ->
                range(r.call(CB_CONTROL, ARMCBIssueCBManager, caps(CNODE), Smmu.SMMU_MAX_CB, r.free(), DEPTH), 0,
                        Smmu.SMMU_MAX_CB - 1));
        c.error(ARMCBIssueCBManager, "RevokeFirst: the context bank was already issued", r -> {
            cb(r, CB);
            long dest = r.free();
            revokeFirst(r.call(CB_CONTROL, ARMCBIssueCBManager, caps(CNODE), CB, dest, DEPTH));
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });

        c.success(ARMCBTLBInvalidateAll, "invalidates the whole SMMU TLB", r -> {
            emptyReply(r.call(CB_CONTROL, ARMCBTLBInvalidateAll, NO_CAPS));
            assertThat(smmu(r).tlbInvalidateAllCount()).isEqualTo(1);
        });
        c.error(ARMCBTLBInvalidateAll, "IllegalOperation: sent to a bank cap, not the CB control cap", r -> {
            illegal(r.call(cb(r, CB), ARMCBTLBInvalidateAll, NO_CAPS));
            assertThat(smmu(r).tlbInvalidateAllCount()).isZero();
        });
        c.success(ARMCBTLBInvalidate, "invalidates the bank's TLB entries", r -> {
            long bank = cbWithVSpace(r, CB)[0];
            long before = smmu(r).tlbInvalidateCount(CB);
            emptyReply(r.call(bank, ARMCBTLBInvalidate, NO_CAPS));
            assertThat(smmu(r).tlbInvalidateCount(CB)).isEqualTo(before + 1);
        });
        c.error(ARMCBTLBInvalidate, "IllegalOperation: the bank has no VSpace", r -> {
            illegal(r.call(cb(r, CB), ARMCBTLBInvalidate, NO_CAPS));
            assertThat(smmu(r).tlbInvalidateCount(CB)).isZero();
        });

        c.success(ARMCBAssignVspace, "gives the bank the VSpace and its ASID", r -> {
            long bank = cb(r, CB);
            long vs = ArmSpaces.vspace(r);
            emptyReply(r.call(bank, ARMCBAssignVspace, caps(vs)));
            PageTableCap cap = (PageTableCap) r.cap(vs);
            assertThat(smmu(r).contextBankVspace(CB)).isSameAs(cap.pt());
            assertThat(smmu(r).contextBankAsid(CB)).isEqualTo(cap.mappedASID());
        });
        c.error(ARMCBAssignVspace, "TruncatedMessage: no VSpace cap", r -> truncated(r.call(cb(r, CB),
                ARMCBAssignVspace, NO_CAPS)));
        c.error(ARMCBAssignVspace, "InvalidCapability 1: not a VSpace root with an ASID", r -> {
            long bank = cb(r, CB);
            invalidCapability(r.call(bank, ARMCBAssignVspace, caps(ArmSpaces.unassignedVSpace(r))), 1);
            invalidCapability(r.call(bank, ARMCBAssignVspace, caps(r.endpoint())), 1);
            assertThat(smmu(r).contextBankVspace(CB)).isNull();
        });
        c.error(ARMCBAssignVspace, "DeleteFirst: the bank already has a VSpace", r -> {
            long[] b = cbWithVSpace(r, CB);
            deleteFirst(r.call(b[0], ARMCBAssignVspace, caps(ArmSpaces.vspace(r))));
            assertThat(smmu(r).contextBankVspace(CB)).isSameAs(((PageTableCap) r.cap(b[1])).pt());
        });
        c.success(ARMCBUnassignVspace, "takes the VSpace away from the bank", r -> {
            long bank = cbWithVSpace(r, CB)[0];
            emptyReply(r.call(bank, ARMCBUnassignVspace, NO_CAPS));
            assertThat(smmu(r).contextBankVspace(CB)).isNull();
            assertThat(r.arm().state().smmuStateCBNode.slots[CB].cap).isEqualTo(NullCap.INSTANCE);
        });
        c.error(ARMCBUnassignVspace, "IllegalOperation: the bank has no VSpace", r -> illegal(r.call(cb(r, CB),
                ARMCBUnassignVspace, NO_CAPS)));

        c.legacySuccess(ARMCBGetFault, "O C", "legacy O form: MR0..1 = status and address, msgInfo of the empty reply", r -> {
            long bank = cb(r, CB);
            smmu(r).recordContextBankFault(CB, 0x2, 0x4000_1000L);
            SyscallResult res = r.call(bank, ARMCBGetFault, NO_CAPS);
            emptyReply(res);
            assertThat(new long[] {res.mr(0), res.mr(1)}).containsExactly(0x2, 0x4000_1000L);
        });
        c.error(ARMCBGetFault, "IllegalOperation: sent to the CB control cap, not a bank cap", r ->
                illegal(r.call(CB_CONTROL, ARMCBGetFault, NO_CAPS)));
        c.success(ARMCBClearFault, "clears the bank's fault registers", r -> {
            long bank = cb(r, CB);
            smmu(r).recordContextBankFault(CB, 0x2, 0x4000_1000L);
            emptyReply(r.call(bank, ARMCBClearFault, NO_CAPS));
            assertThat(smmu(r).smmu_cb_read_fault_state(CB)).containsExactly(0, 0);
        });
        c.error(ARMCBClearFault, "IllegalOperation: sent to the CB control cap, not a bank cap", r -> {
            smmu(r).recordContextBankFault(CB, 0x2, 0x4000_1000L);
            illegal(r.call(CB_CONTROL, ARMCBClearFault, NO_CAPS));
            assertThat(smmu(r).smmu_cb_read_fault_state(CB)[0]).isEqualTo(0x2);
        });
        return c.rows();
    }

    /** The message and destination-slot checks of both issue labels. */
    private static void issueShared(CaseList c, InvocationLabel l, long control, int number) {
        c.error(l, "TruncatedMessage: fewer than three words or no CNode", r -> {
            long dest = r.free();
            truncated(r.call(control, l, caps(CNODE), number, dest));
            truncated(r.call(control, l, NO_CAPS, number, dest, DEPTH));
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(l, "RangeError [1, 64] / FailedLookup [0, invalid root]: destination not found", r -> {
            long dest = r.free();
            range(r.call(control, l, caps(CNODE), number, dest, 0), 1, 64);
            failedLookup(r.call(control, l, caps(r.endpoint()), number, dest, DEPTH), false,
                    new LookupFault.InvalidRoot());
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(l, "DeleteFirst: the destination slot is occupied", r -> {
            long occupied = r.endpoint();
            deleteFirst(r.call(control, l, caps(CNODE), number, occupied, DEPTH));
        });
    }
}
