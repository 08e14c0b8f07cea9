package sel4.object.cnode;

import static sel4.machine.Words.ugt;
import static sel4.machine.Words.ult;

import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.LookupFault;
import sel4.api.SyscallError;
import sel4.kernel.CSpace.LookupSlotRet;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.object.KernelObject;
import sel4.object.ObjectType.DeriveCapRet;
import sel4.object.ObjectType.FinaliseCapRet;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.Cap;
import sel4.object.cap.CapRights;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.NotificationCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.ThreadCap;
import sel4.object.cap.UntypedCap;
import sel4.object.cap.ZombieCap;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

/**
 * Models seL4's src/object/cnode.c (Haskell Object/CNode): the mapping database, capability
 * insert / move / swap, preemptible delete and revoke with Zombies, and the CNode invocations.
 *
 * <p>The MDB is a doubly linked list of slots in derivation order: a cap's descendants follow it
 * directly, so "the next slot is my child" ({@link #isMDBParentOf}) is enough to walk a subtree.
 *
 * <p>Deleting the last cap to a CNode or TCB cannot be done in one step, because every cap
 * inside must be deleted first and that may take arbitrarily long. The cap is turned into a
 * Zombie that records how many of the object's slots are still to be emptied; each step empties
 * the last one and counts down, with a preemption point in between. A preempted delete leaves the
 * Zombie in place, and the restarted system call continues where it stopped.
 */
public final class CNodes extends KernelModule {
    public CNodes(Kernel k) {
        super(k);
    }

    /** finaliseSlot_ret_t. */
    public record FinaliseSlotRet(ExceptionT status, boolean success, Cap cleanupInfo) {
    }

    // ---- CNode invocations ----

    /**
     * Decodes a CNode invocation: argument 0/1 address the destination (target) slot relative
     * to the invoked CNode; Copy / Mint / Move / Mutate take the source root as extra cap 0,
     * Rotate the pivot root and the source root as extra caps 0 and 1.
     */
    public ExceptionT decodeCNodeInvocation(long invLabel, int length, Cap cap, IpcBuffer buffer) {
        assertion(cap instanceof CNodeCap, "decodeCNodeInvocation: invalid cap", ks.ksCurThread);

        if (ult(invLabel, InvocationLabel.CNodeRevoke.label()) || ugt(invLabel, InvocationLabel.CNodeRotate.label())) {
            return syscallError(SyscallError.illegalOperation());
        }
        InvocationLabel label = InvocationLabel.genInvocationType(invLabel);

        if (length < 2) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long index = getSyscallArg(0, buffer);
        long w_bits = getSyscallArg(1, buffer);

        LookupSlotRet lu_ret = k.cspace.lookupTargetSlot(cap, index, depthArg(w_bits));
        if (lu_ret.status() != ExceptionT.EXCEPTION_NONE) {
            return lu_ret.status();
        }
        Cte destSlot = lu_ret.slot();

        if (label == InvocationLabel.CNodeCopy || label == InvocationLabel.CNodeMint
                || label == InvocationLabel.CNodeMove || label == InvocationLabel.CNodeMutate) {
            return decodeCNodeCopyMintMoveMutate(label, length, destSlot, buffer);
        }

        if (label == InvocationLabel.CNodeRevoke) {
            k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
            return invokeCNodeRevoke(destSlot);
        }

        if (label == InvocationLabel.CNodeDelete) {
            k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
            return invokeCNodeDelete(destSlot);
        }

        if (label == InvocationLabel.CNodeCancelBadgedSends) {
            Cap destCap = destSlot.cap;
            if (!k.objectType.hasCancelSendRights(destCap)) {
                return syscallError(SyscallError.illegalOperation());
            }
            k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
            return invokeCNodeCancelBadgedSends(destCap);
        }

        if (label == InvocationLabel.CNodeRotate) {
            return decodeCNodeRotate(length, destSlot, buffer);
        }

        return ExceptionT.EXCEPTION_NONE;
    }

    /** The Copy / Mint / Move / Mutate part of decodeCNodeInvocation. */
    private ExceptionT decodeCNodeCopyMintMoveMutate(InvocationLabel label, int length, Cte destSlot,
                                                     IpcBuffer buffer) {
        if (length < 4 || ks.current_extra_caps[0] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long srcIndex = getSyscallArg(2, buffer);
        long srcDepth = getSyscallArg(3, buffer);
        Cap srcRoot = ks.current_extra_caps[0].cap;

        ExceptionT status = ensureEmptySlot(destSlot);
        if (status != ExceptionT.EXCEPTION_NONE) {
            return status;
        }

        LookupSlotRet lu_ret = k.cspace.lookupSourceSlot(srcRoot, srcIndex, depthArg(srcDepth));
        if (lu_ret.status() != ExceptionT.EXCEPTION_NONE) {
            return lu_ret.status();
        }
        Cte srcSlot = lu_ret.slot();

        if (srcSlot.cap instanceof NullCap) {
            // The lookup succeeded, so srcDepth is a valid depth (1..wordBits).
            ks.current_lookup_fault = new LookupFault.MissingCapability((int) srcDepth);
            return syscallError(SyscallError.failedLookup(true, ks.current_lookup_fault));
        }

        Cap newCap;
        boolean isMove;
        switch (label) {
            case CNodeCopy: {
                if (length < 5) {
                    return syscallError(SyscallError.truncatedMessage());
                }
                CapRights cap_rights = CapRights.rightsFromWord(getSyscallArg(4, buffer));
                Cap srcCap = k.objectType.maskCapRights(cap_rights, srcSlot.cap);
                DeriveCapRet dc_ret = k.objectType.deriveCap(srcSlot, srcCap);
                if (dc_ret.status() != ExceptionT.EXCEPTION_NONE) {
                    return dc_ret.status();
                }
                newCap = dc_ret.cap();
                isMove = false;
                break;
            }
            case CNodeMint: {
                if (length < 6) {
                    return syscallError(SyscallError.truncatedMessage());
                }
                CapRights cap_rights = CapRights.rightsFromWord(getSyscallArg(4, buffer));
                long capData = getSyscallArg(5, buffer);
                Cap srcCap = k.objectType.maskCapRights(cap_rights, srcSlot.cap);
                DeriveCapRet dc_ret = k.objectType.deriveCap(srcSlot,
                        k.objectType.updateCapData(false, capData, srcCap));
                if (dc_ret.status() != ExceptionT.EXCEPTION_NONE) {
                    return dc_ret.status();
                }
                newCap = dc_ret.cap();
                isMove = false;
                break;
            }
            case CNodeMove:
                newCap = srcSlot.cap;
                isMove = true;
                break;
            case CNodeMutate: {
                if (length < 5) {
                    return syscallError(SyscallError.truncatedMessage());
                }
                long capData = getSyscallArg(4, buffer);
                newCap = k.objectType.updateCapData(true, capData, srcSlot.cap);
                isMove = true;
                break;
            }
            default:
                fail("decodeCNodeInvocation: unexpected label " + label);
                return ExceptionT.EXCEPTION_NONE;
        }

        if (newCap instanceof NullCap) {
            return syscallError(SyscallError.illegalOperation());
        }

        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        if (isMove) {
            return invokeCNodeMove(newCap, srcSlot, destSlot);
        }
        return invokeCNodeInsert(newCap, srcSlot, destSlot);
    }

    /** The Rotate part of decodeCNodeInvocation: src → dest, pivot → src, in one step. */
    private ExceptionT decodeCNodeRotate(int length, Cte destSlot, IpcBuffer buffer) {
        if (length < 8 || ks.current_extra_caps[0] == null || ks.current_extra_caps[1] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long pivotNewData = getSyscallArg(2, buffer);
        long pivotIndex = getSyscallArg(3, buffer);
        long pivotDepth = getSyscallArg(4, buffer);
        long srcNewData = getSyscallArg(5, buffer);
        long srcIndex = getSyscallArg(6, buffer);
        long srcDepth = getSyscallArg(7, buffer);

        Cap pivotRoot = ks.current_extra_caps[0].cap;
        Cap srcRoot = ks.current_extra_caps[1].cap;

        LookupSlotRet lu_ret = k.cspace.lookupSourceSlot(srcRoot, srcIndex, depthArg(srcDepth));
        if (lu_ret.status() != ExceptionT.EXCEPTION_NONE) {
            return lu_ret.status();
        }
        Cte srcSlot = lu_ret.slot();

        lu_ret = k.cspace.lookupPivotSlot(pivotRoot, pivotIndex, depthArg(pivotDepth));
        if (lu_ret.status() != ExceptionT.EXCEPTION_NONE) {
            return lu_ret.status();
        }
        Cte pivotSlot = lu_ret.slot();

        if (pivotSlot == srcSlot || pivotSlot == destSlot) {
            return syscallError(SyscallError.illegalOperation());
        }

        // Rotating onto the source itself is a swap; otherwise the destination must be free.
        if (srcSlot != destSlot) {
            ExceptionT status = ensureEmptySlot(destSlot);
            if (status != ExceptionT.EXCEPTION_NONE) {
                return status;
            }
        }

        if (srcSlot.cap instanceof NullCap) {
            ks.current_lookup_fault = new LookupFault.MissingCapability((int) srcDepth);
            return syscallError(SyscallError.failedLookup(true, ks.current_lookup_fault));
        }

        if (pivotSlot.cap instanceof NullCap) {
            ks.current_lookup_fault = new LookupFault.MissingCapability((int) pivotDepth);
            return syscallError(SyscallError.failedLookup(false, ks.current_lookup_fault));
        }

        Cap newSrcCap = k.objectType.updateCapData(true, srcNewData, srcSlot.cap);
        Cap newPivotCap = k.objectType.updateCapData(true, pivotNewData, pivotSlot.cap);

        if (newSrcCap instanceof NullCap) {
            return syscallError(SyscallError.illegalOperation());
        }
        if (newPivotCap instanceof NullCap) {
            return syscallError(SyscallError.illegalOperation());
        }

        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeCNodeRotate(newSrcCap, newPivotCap, srcSlot, pivotSlot, destSlot);
    }

    /**
     * A depth argument as the lookup's int parameter. Any word outside 0..Integer.MAX_VALUE is
     * out of range for a lookup anyway; it is clamped so the lookup reports the RangeError
     * instead of the narrowing silently producing a small valid depth.
     */
    private static int depthArg(long w) {
        return (w < 0 || w > Integer.MAX_VALUE) ? Integer.MAX_VALUE : (int) w;
    }

    public ExceptionT invokeCNodeRevoke(Cte destSlot) {
        return cteRevoke(destSlot);
    }

    public ExceptionT invokeCNodeDelete(Cte destSlot) {
        return cteDelete(destSlot, true);
    }

    /** Cancels the pending sends that carry this cap's badge (an unbadged cap cancels nothing). */
    public ExceptionT invokeCNodeCancelBadgedSends(Cap cap) {
        EndpointCap epCap = (EndpointCap) cap;
        long badge = epCap.badge();
        if (badge != 0) {
            k.endpoints.cancelBadgedSends(epCap.ep(), badge);
        }
        return ExceptionT.EXCEPTION_NONE;
    }

    public ExceptionT invokeCNodeInsert(Cap cap, Cte srcSlot, Cte destSlot) {
        cteInsert(cap, srcSlot, destSlot);
        return ExceptionT.EXCEPTION_NONE;
    }

    public ExceptionT invokeCNodeMove(Cap cap, Cte srcSlot, Cte destSlot) {
        cteMove(cap, srcSlot, destSlot);
        return ExceptionT.EXCEPTION_NONE;
    }

    /**
     * Rotate: pivot → dest and src → pivot. When dest is src the two caps simply swap places
     * (the pivot's old content ends up in src).
     */
    public ExceptionT invokeCNodeRotate(Cap cap1, Cap cap2, Cte slot1, Cte slot2, Cte slot3) {
        if (slot1 == slot3) {
            cteSwap(cap1, slot1, cap2, slot2);
        } else {
            cteMove(cap2, slot2, slot3);
            cteMove(cap1, slot1, slot2);
        }
        return ExceptionT.EXCEPTION_NONE;
    }

    // ---- the mapping database ----

    /**
     * If an untyped is copied whole (same base and size), the original may no longer allocate:
     * otherwise both caps could hand out the same memory. Its watermark is set to the end.
     */
    private void setUntypedCapAsFull(Cap srcCap, Cap newCap, Cte srcSlot) {
        if (srcCap instanceof UntypedCap src && newCap instanceof UntypedCap dst) {
            if (src.ptr() == dst.ptr() && src.blockSize() == dst.blockSize()) {
                srcSlot.cap = ((UntypedCap) srcSlot.cap).withFreeIndex(1L << src.blockSize());
            }
        }
    }

    /**
     * Places {@code newCap}, derived from the cap in {@code srcSlot}, into the empty
     * {@code destSlot} directly after its source in the MDB. A cap that differs from its source
     * in a way that makes it revocable (a new badge, an IRQ handler, an untyped) becomes the
     * first of a new badge class ({@code mdbFirstBadged}).
     */
    public void cteInsert(Cap newCap, Cte srcSlot, Cte destSlot) {
        Cap srcCap = srcSlot.cap;
        boolean newCapIsRevocable = k.objectType.isCapRevocable(newCap, srcCap);

        assertion(destSlot.cap instanceof NullCap, "cteInsert to non-empty destination", ks.ksCurThread);
        assertion(destSlot.mdbNext == null && destSlot.mdbPrev == null, "cteInsert: mdb entry must be empty",
                ks.ksCurThread);

        setUntypedCapAsFull(srcCap, newCap, srcSlot);

        Cte next = srcSlot.mdbNext;
        destSlot.cap = newCap;
        destSlot.mdbPrev = srcSlot;
        destSlot.mdbNext = next;
        destSlot.mdbRevocable = newCapIsRevocable;
        destSlot.mdbFirstBadged = newCapIsRevocable;
        srcSlot.mdbNext = destSlot;
        if (next != null) {
            next.mdbPrev = destSlot;
        }
    }

    /** Moves the cap and its MDB position from {@code srcSlot} to the empty {@code destSlot}. */
    public void cteMove(Cap newCap, Cte srcSlot, Cte destSlot) {
        assertion(destSlot.cap instanceof NullCap, "cteMove to non-empty destination", ks.ksCurThread);
        assertion(destSlot.mdbNext == null && destSlot.mdbPrev == null, "cteMove: mdb entry must be empty",
                ks.ksCurThread);

        MdbNode mdb = MdbNode.of(srcSlot);
        destSlot.cap = newCap;
        srcSlot.cap = NullCap.INSTANCE;
        mdb.storeIn(destSlot);
        MdbNode.NULL.storeIn(srcSlot);

        if (mdb.prev() != null) {
            mdb.prev().mdbNext = destSlot;
        }
        if (mdb.next() != null) {
            mdb.next().mdbPrev = destSlot;
        }
    }

    /** Swaps two slots' contents in place during delete (no-op on the same slot). */
    public void capSwapForDelete(Cte slot1, Cte slot2) {
        if (slot1 == slot2) {
            return;
        }
        cteSwap(slot1.cap, slot1, slot2.cap, slot2);
    }

    /**
     * Exchanges two slots: {@code cap1} goes to slot2, {@code cap2} to slot1, and each MDB node
     * moves with its cap. The neighbour pointers of the first node are redirected before the
     * second node is read, which keeps the list right when the two slots are adjacent.
     */
    public void cteSwap(Cap cap1, Cte slot1, Cap cap2, Cte slot2) {
        slot1.cap = cap2;
        slot2.cap = cap1;

        MdbNode mdb1 = MdbNode.of(slot1);
        if (mdb1.prev() != null) {
            mdb1.prev().mdbNext = slot2;
        }
        if (mdb1.next() != null) {
            mdb1.next().mdbPrev = slot2;
        }

        MdbNode mdb2 = MdbNode.of(slot2);
        mdb2.storeIn(slot1);
        mdb1.storeIn(slot2);

        if (mdb2.prev() != null) {
            mdb2.prev().mdbNext = slot1;
        }
        if (mdb2.next() != null) {
            mdb2.next().mdbPrev = slot1;
        }
    }

    /** Puts a freshly created object's cap into {@code slot} as a revocable child of {@code parent}. */
    public void insertNewCap(Cte parent, Cte slot, Cap cap) {
        Cte next = parent.mdbNext;
        slot.cap = cap;
        slot.mdbNext = next;
        slot.mdbPrev = parent;
        slot.mdbRevocable = true;
        slot.mdbFirstBadged = true;
        if (next != null) {
            next.mdbPrev = slot;
        }
        parent.mdbNext = slot;
    }

    /**
     * Whether {@code cte_b} (which follows {@code cte_a} in the MDB) is a child of {@code cte_a}:
     * a must be revocable and cover b's object; a badged endpoint or notification cap is the
     * parent only of caps with the same badge that do not start a badge class of their own.
     */
    public boolean isMDBParentOf(Cte cte_a, Cte cte_b) {
        if (!cte_a.mdbRevocable) {
            return false;
        }
        if (!k.objectType.sameRegionAs(cte_a.cap, cte_b.cap)) {
            return false;
        }
        // seL4's Arch_isMDBParentOf (badged SMC / SGI caps) has no hook in the model's Arch
        // interface; it is true for every other cap.
        if (cte_a.cap instanceof EndpointCap a) {
            if (a.badge() == 0) {
                return true;
            }
            return cte_b.cap instanceof EndpointCap b && a.badge() == b.badge() && !cte_b.mdbFirstBadged;
        }
        if (cte_a.cap instanceof NotificationCap a) {
            if (a.badge() == 0) {
                return true;
            }
            return cte_b.cap instanceof NotificationCap b && a.badge() == b.badge() && !cte_b.mdbFirstBadged;
        }
        return true;
    }

    /** RevokeFirst if the cap in {@code slot} has MDB children. */
    public ExceptionT ensureNoChildren(Cte slot) {
        if (slot.mdbNext != null) {
            if (isMDBParentOf(slot, slot.mdbNext)) {
                return syscallError(SyscallError.revokeFirst());
            }
        }
        return ExceptionT.EXCEPTION_NONE;
    }

    /** DeleteFirst unless {@code slot} is empty. */
    public ExceptionT ensureEmptySlot(Cte slot) {
        if (!(slot.cap instanceof NullCap)) {
            return syscallError(SyscallError.deleteFirst());
        }
        return ExceptionT.EXCEPTION_NONE;
    }

    /**
     * Whether the cap in {@code cte} is the last cap to its object. Caps to one object are
     * adjacent in the MDB, so looking at both neighbours suffices.
     */
    public boolean isFinalCapability(Cte cte) {
        boolean prevIsSameObject;
        if (cte.mdbPrev == null) {
            prevIsSameObject = false;
        } else {
            prevIsSameObject = k.objectType.sameObjectAs(cte.mdbPrev.cap, cte.cap);
        }

        if (prevIsSameObject) {
            return false;
        }
        if (cte.mdbNext == null) {
            return true;
        }
        return !k.objectType.sameObjectAs(cte.cap, cte.mdbNext.cap);
    }

    /** Whether deleting the cap in {@code slot} would go through a (preemptible) Zombie. */
    public boolean slotCapLongRunningDelete(Cte slot) {
        if (slot.cap instanceof NullCap) {
            return false;
        } else if (!isFinalCapability(slot)) {
            return false;
        }
        return slot.cap instanceof ThreadCap || slot.cap instanceof ZombieCap || slot.cap instanceof CNodeCap;
    }

    // ---- delete and revoke ----

    /**
     * Deletes every MDB descendant of the cap in {@code slot}, one child at a time with a
     * preemption point after each. The loop re-reads the slot's next MDB entry each time, so a
     * restarted revoke carries on with whatever children are left.
     */
    public ExceptionT cteRevoke(Cte slot) {
        for (Cte nextPtr = slot.mdbNext; nextPtr != null && isMDBParentOf(slot, nextPtr); nextPtr = slot.mdbNext) {
            ExceptionT status = cteDelete(nextPtr, true);
            if (status != ExceptionT.EXCEPTION_NONE) {
                return status;
            }

            status = k.budget.preemptionPoint();
            if (status != ExceptionT.EXCEPTION_NONE) {
                return status;
            }
        }
        return ExceptionT.EXCEPTION_NONE;
    }

    /**
     * Deletes the cap in {@code slot}. {@code exposed}: the slot is visible to users (a CNode
     * Delete or Revoke), so it must end empty; otherwise (a slot inside an object being
     * deleted) it may be left holding a cyclic Zombie that the outer delete finishes.
     */
    public ExceptionT cteDelete(Cte slot, boolean exposed) {
        FinaliseSlotRet fs_ret = finaliseSlot(slot, exposed);
        if (fs_ret.status() != ExceptionT.EXCEPTION_NONE) {
            return fs_ret.status();
        }

        if (exposed || fs_ret.success()) {
            emptySlot(slot, fs_ret.cleanupInfo());
        }
        return ExceptionT.EXCEPTION_NONE;
    }

    /** Unlinks the slot from the MDB and clears it, then releases what finalisation deferred. */
    public void emptySlot(Cte slot, Cap cleanupInfo) {
        if (!(slot.cap instanceof NullCap)) {
            Cte prev = slot.mdbPrev;
            Cte next = slot.mdbNext;
            boolean firstBadged = slot.mdbFirstBadged;

            if (prev != null) {
                prev.mdbNext = next;
            }
            if (next != null) {
                next.mdbPrev = prev;
                // The successor inherits the start of a badge class, so the class stays
                // separate from the (unbadged) parent's other children.
                next.mdbFirstBadged = next.mdbFirstBadged || firstBadged;
            }
            slot.cap = NullCap.INSTANCE;
            MdbNode.NULL.storeIn(slot);

            k.objectType.postCapDeletion(cleanupInfo);
        }
    }

    /** capRemovable: finalisation is complete and the slot may simply be emptied. */
    private boolean capRemovable(Cap cap, Cte slot) {
        if (cap instanceof NullCap) {
            return true;
        }
        if (cap instanceof ZombieCap z) {
            long n = z.number();
            return n == 0 || (n == 1 && slot == zombieSlot(z, 0));
        }
        fail("finaliseCap should only return Zombie or NullCap");
        return false;
    }

    /** capCyclicZombie: a Zombie sitting in the first slot of the object it is destroying. */
    private boolean capCyclicZombie(Cap cap, Cte slot) {
        return cap instanceof ZombieCap z && zombieSlot(z, 0) == slot;
    }

    /** Slot {@code i} of the CNode or TCB a Zombie is destroying. */
    private Cte zombieSlot(ZombieCap z, long i) {
        KernelObject o = z.zombiePtr();
        if (o instanceof CNode c) {
            return c.slots[(int) i];
        }
        if (o instanceof Tcb t) {
            return t.tcbCTE[(int) i];
        }
        fail("Zombie of an object without slots: " + o);
        return null;
    }

    /**
     * Finalises the cap in {@code slot} until it can be removed. {@code immediate}: finish the
     * job here (exposed slots). Returns success = false when the slot was left holding a cyclic
     * Zombie for the caller to finish (unexposed slots only), or when preempted.
     */
    public FinaliseSlotRet finaliseSlot(Cte slot, boolean immediate) {
        while (!(slot.cap instanceof NullCap)) {
            boolean isFinal = isFinalCapability(slot);
            FinaliseCapRet fc_ret = k.objectType.finaliseCap(slot.cap, isFinal, false);

            if (capRemovable(fc_ret.remainder(), slot)) {
                return new FinaliseSlotRet(ExceptionT.EXCEPTION_NONE, true, fc_ret.cleanupInfo());
            }

            slot.cap = fc_ret.remainder();

            if (!immediate && capCyclicZombie(fc_ret.remainder(), slot)) {
                return new FinaliseSlotRet(ExceptionT.EXCEPTION_NONE, false, fc_ret.cleanupInfo());
            }

            ExceptionT status = reduceZombie(slot, immediate);
            if (status != ExceptionT.EXCEPTION_NONE) {
                return new FinaliseSlotRet(status, false, NullCap.INSTANCE);
            }

            status = k.budget.preemptionPoint();
            if (status != ExceptionT.EXCEPTION_NONE) {
                return new FinaliseSlotRet(status, false, NullCap.INSTANCE);
            }
        }
        return new FinaliseSlotRet(ExceptionT.EXCEPTION_NONE, true, NullCap.INSTANCE);
    }

    /**
     * One step of destroying a Zombie's object. Immediate: delete the object's last remaining
     * slot and count the Zombie down. Otherwise: move the Zombie into the object's own first
     * slot (making it cyclic), which hands the rest of the work to whoever deletes that slot —
     * this is how deleting a CNode that contains caps to itself terminates.
     */
    private ExceptionT reduceZombie(Cte slot, boolean immediate) {
        assertion(slot.cap instanceof ZombieCap, "reduceZombie: slot holds a Zombie", ks.ksCurThread);
        ZombieCap zombie = (ZombieCap) slot.cap;
        Cte ptr = zombieSlot(zombie, 0);
        long n = zombie.number();
        int type = zombie.zombieType();

        assertion(n > 0, "reduceZombie: expected unremovable zombie", ks.ksCurThread);

        if (immediate) {
            Cte endSlot = zombieSlot(zombie, n - 1);

            ExceptionT status = cteDelete(endSlot, false);
            if (status != ExceptionT.EXCEPTION_NONE) {
                return status;
            }

            if (slot.cap instanceof NullCap) {
                return ExceptionT.EXCEPTION_NONE;
            } else if (slot.cap instanceof ZombieCap z2) {
                Cte ptr2 = zombieSlot(z2, 0);
                if (ptr == ptr2 && z2.number() == n && z2.zombieType() == type) {
                    assertion(endSlot.cap instanceof NullCap, "reduceZombie: end slot emptied", ks.ksCurThread);
                    slot.cap = z2.withNumber(n - 1);
                } else {
                    assertion(ptr2 == slot && ptr != slot, "Expected new Zombie to be self-referential.",
                            ks.ksCurThread);
                }
            } else {
                fail("Expected recursion to result in Zombie.");
            }
        } else {
            assertion(ptr != slot, "Cyclic zombie passed to unexposed reduceZombie", ks.ksCurThread);
            if (ptr.cap instanceof ZombieCap inner) {
                assertion(ptr != zombieSlot(inner, 0), "Moving self-referential Zombie aside.", ks.ksCurThread);
            }
            capSwapForDelete(ptr, slot);
        }
        return ExceptionT.EXCEPTION_NONE;
    }

    /**
     * Deletes a cap that finalises in one step (endpoint, notification, reply, ... — never a
     * CNode or TCB cap), for kernel paths that cannot be preempted.
     */
    public void cteDeleteOne(Cte slot) {
        if (!(slot.cap instanceof NullCap)) {
            boolean isFinal = isFinalCapability(slot);
            FinaliseCapRet fc_ret = k.objectType.finaliseCap(slot.cap, isFinal, true);
            assertion(capRemovable(fc_ret.remainder(), slot) && fc_ret.cleanupInfo() instanceof NullCap,
                    "cteDeleteOne: cap should be removable", ks.ksCurThread);
            emptySlot(slot, NullCap.INSTANCE);
        }
    }

    /** A snapshot of a slot's mdb_node_t, so nodes can be copied between slots as C does. */
    private record MdbNode(Cte prev, Cte next, boolean revocable, boolean firstBadged) {
        static final MdbNode NULL = new MdbNode(null, null, false, false);

        static MdbNode of(Cte slot) {
            return new MdbNode(slot.mdbPrev, slot.mdbNext, slot.mdbRevocable, slot.mdbFirstBadged);
        }

        void storeIn(Cte slot) {
            slot.mdbPrev = prev;
            slot.mdbNext = next;
            slot.mdbRevocable = revocable;
            slot.mdbFirstBadged = firstBadged;
        }
    }
}
