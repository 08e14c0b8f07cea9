package sel4.arch.aarch64;

import static sel4.api.ExceptionT.EXCEPTION_NONE;
import static sel4.api.MessageInfo.seL4_MessageInfo_new;
import static sel4.api.MessageInfo.wordFromMessageInfo;
import static sel4.machine.Registers.msgInfoRegister;
import static sel4.machine.Registers.msgRegisters;

import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.SyscallError;
import sel4.arch.common.AsidPool;
import sel4.kernel.CSpace;
import sel4.machine.Words;
import sel4.object.cap.Cap;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

/**
 * Models seL4's src/arch/arm/object/smmu.c: the SMMU stream-ID and context-bank capabilities.
 * As in seL4 every label is performed inline in its decoder.
 *
 * <p>Legacy form (LEGACY-REPLY-BUGS §A5 #12, #13, snapshot A0): the GetFault branches write the
 * fault words straight into the message registers and msgInfo, ignore {@code call}, and then set
 * the current thread to Restart themselves (codes C G B O).
 */
public final class Smmu extends ArmModule {
    public static final int SMMU_SID_CNODE_SLOT_BITS = 8;
    public static final int SMMU_CB_CNODE_SLOT_BITS = 6;
    /** Stream IDs and context banks of the modelled SMMU. */
    public static final int SMMU_MAX_SID = 1 << SMMU_SID_CNODE_SLOT_BITS;
    public static final int SMMU_MAX_CB = 1 << SMMU_CB_CNODE_SLOT_BITS;
    public static final int SID_INVALID = SMMU_MAX_SID;
    public static final int CB_INVALID = SMMU_MAX_CB;
    public static final long ASID_INVALID = AsidPool.nASIDs;

    Smmu(AArch64 arch) {
        super(arch);
    }

    private Cte cbSlot(long cb) {
        return state.smmuStateCBNode.slots[(int) cb];
    }

    private Cte sidSlot(long sid) {
        return state.smmuStateSIDNode.slots[(int) sid];
    }

    /** checkARMCBVspace: the context bank has a VSpace assigned. */
    private boolean checkARMCBVspace(CBCap cap) {
        return VSpace.isVTableRoot(cbSlot(cap.cb()).cap);
    }

    public ExceptionT decodeARMSIDControlInvocation(long label, int length, long cptr, Cte srcSlot, Cap cap,
                                                    boolean call, IpcBuffer buffer) {
        InvocationLabel l = InvocationLabel.genInvocationType(label);
        if (l == InvocationLabel.ARMSIDGetFault) {
            Tcb thread = ks.ksCurThread;
            long[] fault = hw.smmu().smmu_read_fault_state();
            setRegister(thread, msgRegisters[0], fault[0]);
            setRegister(thread, msgRegisters[1], fault[1]);
            setRegister(thread, msgRegisters[2], fault[2]);
            setRegister(thread, msgInfoRegister, wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, 3)));
            k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
            return EXCEPTION_NONE;
        }
        if (l == InvocationLabel.ARMSIDClearFault) {
            hw.smmu().smmu_clear_fault_state();
            k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
            return EXCEPTION_NONE;
        }
        if (l != InvocationLabel.ARMSIDIssueSIDManager) {
            return syscallError(SyscallError.illegalOperation());
        }
        if (length < 3 || ks.current_extra_caps[0] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long sid = getSyscallArg(0, buffer);
        long index = getSyscallArg(1, buffer);
        long depth = getSyscallArg(2, buffer);
        Cap cnodeCap = ks.current_extra_caps[0].cap;
        if (Words.uge(sid, SMMU_MAX_SID)) {
            return syscallError(SyscallError.rangeError(0, SMMU_MAX_SID - 1));
        }
        if (state.smmuStateSIDTable[(int) sid]) {
            return syscallError(SyscallError.revokeFirst());
        }
        CSpace.LookupSlotRet lu = k.cspace.lookupTargetSlot(cnodeCap, index, depthArg(depth));
        if (lu.status() != EXCEPTION_NONE) {
            return lu.status();
        }
        Cte destSlot = lu.slot();
        ExceptionT status = k.cnodes.ensureEmptySlot(destSlot);
        if (status != EXCEPTION_NONE) {
            return status;
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        state.smmuStateSIDTable[(int) sid] = true;
        k.cnodes.cteInsert(new SIDCap(sid), srcSlot, destSlot);
        return EXCEPTION_NONE;
    }

    public ExceptionT decodeARMSIDInvocation(long label, int length, long cptr, Cte srcSlot, SIDCap cap,
                                             boolean call, IpcBuffer buffer) {
        switch (InvocationLabel.genInvocationType(label)) {
            case ARMSIDBindCB: {
                if (ks.current_extra_caps[0] == null) {
                    return syscallError(SyscallError.truncatedMessage());
                }
                Cte cbCapSlot = ks.current_extra_caps[0];
                if (!(cbCapSlot.cap instanceof CBCap cbCap)) {
                    return syscallError(SyscallError.invalidCapability(1));
                }
                if (!checkARMCBVspace(cbCap)) {
                    return syscallError(SyscallError.invalidCapability(1));
                }
                long sid = cap.sid();
                Cte cbAssignSlot = sidSlot(sid);
                ExceptionT status = k.cnodes.ensureEmptySlot(cbAssignSlot);
                if (status != EXCEPTION_NONE) {
                    return status;
                }
                k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
                hw.smmu().smmu_sid_bind_cb((int) sid, (int) cbCap.cb());
                // The copy in the SID node records the stream, so deleting it unbinds the stream.
                k.cnodes.cteInsert(cbCap, cbCapSlot, cbAssignSlot);
                if (cbAssignSlot.cap instanceof CBCap copy) {
                    cbAssignSlot.cap = copy.withBindSID(sid);
                }
                return EXCEPTION_NONE;
            }
            case ARMSIDUnbindCB: {
                long sid = cap.sid();
                Cte cbAssignSlot = sidSlot(sid);
                if (!(cbAssignSlot.cap instanceof CBCap)) {
                    return syscallError(SyscallError.illegalOperation());
                }
                ExceptionT status = k.cnodes.cteDelete(cbAssignSlot, true);
                if (status != EXCEPTION_NONE) {
                    return status;
                }
                k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
                return EXCEPTION_NONE;
            }
            default:
                return syscallError(SyscallError.illegalOperation());
        }
    }

    /** smmu_delete_sid: the final SID cap goes: unbind its context bank and free the stream ID. */
    public ExceptionT smmu_delete_sid(SIDCap cap) {
        Cte cbAssignSlot = sidSlot(cap.sid());
        ExceptionT status = EXCEPTION_NONE;
        if (cbAssignSlot.cap instanceof CBCap) {
            status = k.cnodes.cteDelete(cbAssignSlot, true);
        }
        state.smmuStateSIDTable[(int) cap.sid()] = false;
        return status;
    }

    /** smmu_sid_unbind: a bound CB-cap copy is deleted, so the stream loses its context bank. */
    public void smmu_sid_unbind(long sid) {
        hw.smmu().smmu_sid_unbind((int) sid);
    }

    public ExceptionT decodeARMCBControlInvocation(long label, int length, long cptr, Cte srcSlot, Cap cap,
                                                   boolean call, IpcBuffer buffer) {
        InvocationLabel l = InvocationLabel.genInvocationType(label);
        if (l == InvocationLabel.ARMCBTLBInvalidateAll) {
            k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
            hw.smmu().smmu_tlb_invalidate_all();
            return EXCEPTION_NONE;
        }
        if (l != InvocationLabel.ARMCBIssueCBManager) {
            return syscallError(SyscallError.illegalOperation());
        }
        if (length < 3 || ks.current_extra_caps[0] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long cb = getSyscallArg(0, buffer);
        long index = getSyscallArg(1, buffer);
        long depth = getSyscallArg(2, buffer);
        Cap cnodeCap = ks.current_extra_caps[0].cap;
        if (Words.uge(cb, SMMU_MAX_CB)) {
            return syscallError(SyscallError.rangeError(0, SMMU_MAX_CB - 1));
        }
        if (state.smmuStateCBTable[(int) cb]) {
            return syscallError(SyscallError.revokeFirst());
        }
        CSpace.LookupSlotRet lu = k.cspace.lookupTargetSlot(cnodeCap, index, depthArg(depth));
        if (lu.status() != EXCEPTION_NONE) {
            return lu.status();
        }
        Cte destSlot = lu.slot();
        ExceptionT status = k.cnodes.ensureEmptySlot(destSlot);
        if (status != EXCEPTION_NONE) {
            return status;
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        state.smmuStateCBTable[(int) cb] = true;
        k.cnodes.cteInsert(new CBCap(cb, SID_INVALID), srcSlot, destSlot);
        return EXCEPTION_NONE;
    }

    public ExceptionT decodeARMCBInvocation(long label, int length, long cptr, Cte srcSlot, CBCap cap,
                                            boolean call, IpcBuffer buffer) {
        switch (InvocationLabel.genInvocationType(label)) {
            case ARMCBTLBInvalidate: {
                if (!checkARMCBVspace(cap)) {
                    return syscallError(SyscallError.illegalOperation());
                }
                long cb = cap.cb();
                PageTableCap assigned = (PageTableCap) cbSlot(cb).cap;
                k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
                hw.smmu().smmu_tlb_invalidate_cb((int) cb, assigned.mappedASID());
                return EXCEPTION_NONE;
            }
            case ARMCBAssignVspace: {
                if (ks.current_extra_caps[0] == null) {
                    return syscallError(SyscallError.truncatedMessage());
                }
                Cte vspaceCapSlot = ks.current_extra_caps[0];
                Cap vspaceCap = vspaceCapSlot.cap;
                if (!VSpace.isVTableRoot(vspaceCap) || !((PageTableCap) vspaceCap).isMapped()) {
                    return syscallError(SyscallError.invalidCapability(1));
                }
                PageTableCap root = (PageTableCap) vspaceCap;
                long cb = cap.cb();
                Cte slot = cbSlot(cb);
                ExceptionT status = k.cnodes.ensureEmptySlot(slot);
                if (status != EXCEPTION_NONE) {
                    return status;
                }
                k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
                hw.smmu().smmu_cb_assign_vspace((int) cb, root.pt(), root.mappedASID());
                k.cnodes.cteInsert(vspaceCap, vspaceCapSlot, slot);
                if (slot.cap instanceof PageTableCap copy) {
                    slot.cap = copy.withMappedCB((int) cb);
                }
                state.smmuStateCBAsidTable[(int) cb] = root.mappedASID();
                arch.asids.increaseASIDBindCB(root.mappedASID());
                return EXCEPTION_NONE;
            }
            case ARMCBUnassignVspace: {
                if (!checkARMCBVspace(cap)) {
                    return syscallError(SyscallError.illegalOperation());
                }
                ExceptionT status = k.cnodes.cteDelete(cbSlot(cap.cb()), true);
                if (status != EXCEPTION_NONE) {
                    return status;
                }
                k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
                return EXCEPTION_NONE;
            }
            case ARMCBGetFault: {
                Tcb thread = ks.ksCurThread;
                long[] fault = hw.smmu().smmu_cb_read_fault_state((int) cap.cb());
                setRegister(thread, msgRegisters[0], fault[0]);
                setRegister(thread, msgRegisters[1], fault[1]);
                setRegister(thread, msgInfoRegister, wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, 2)));
                k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
                return EXCEPTION_NONE;
            }
            case ARMCBClearFault:
                hw.smmu().smmu_cb_clear_fault_state((int) cap.cb());
                k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
                return EXCEPTION_NONE;
            default:
                return syscallError(SyscallError.illegalOperation());
        }
    }

    /** smmu_delete_cb: the final CB cap goes: drop its VSpace assignment and free the bank. */
    public ExceptionT smmu_delete_cb(CBCap cap) {
        ExceptionT status = EXCEPTION_NONE;
        if (checkARMCBVspace(cap)) {
            // Deleting the VSpace copy resets the bank's ASID link (smmu_cb_delete_vspace).
            status = k.cnodes.cteDelete(cbSlot(cap.cb()), true);
        }
        state.smmuStateCBTable[(int) cap.cb()] = false;
        return status;
    }

    /** smmu_cb_delete_vspace: the VSpace copy of a context bank is finalised. */
    public void smmu_cb_delete_vspace(int cb, long asid) {
        state.smmuStateCBAsidTable[cb] = ASID_INVALID;
        arch.asids.decreaseASIDBindCB(asid);
        hw.smmu().smmu_cb_disable(cb, asid);
    }

    public void invalidateSMMUTLBByASID(long asid, int bind_cb) {
        for (int cb = 0; cb < SMMU_MAX_CB && bind_cb > 0; cb++) {
            if (state.smmuStateCBAsidTable[cb] == asid) {
                hw.smmu().smmu_tlb_invalidate_cb(cb, asid);
                bind_cb--;
            }
        }
    }

    public void invalidateSMMUTLBByASIDVA(long asid, long vaddr, int bind_cb) {
        for (int cb = 0; cb < SMMU_MAX_CB && bind_cb > 0; cb++) {
            if (state.smmuStateCBAsidTable[cb] == asid) {
                hw.smmu().smmu_tlb_invalidate_cb(cb, asid);
                bind_cb--;
            }
        }
    }
}
