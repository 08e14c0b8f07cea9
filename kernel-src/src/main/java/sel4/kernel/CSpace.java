package sel4.kernel;

import static sel4.machine.Words.MASK;
import static sel4.machine.Words.wordBits;

import sel4.api.ExceptionT;
import sel4.api.LookupFault;
import sel4.api.SyscallError;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.Cap;
import sel4.object.cap.NullCap;
import sel4.object.cnode.Cte;
import sel4.object.tcb.Tcb;

/**
 * Models seL4's src/kernel/cspace.c (Haskell Kernel/CSpace): capability address resolution with
 * guards, radix and depth. Failures set {@code ks.current_lookup_fault}.
 *
 * <p>A capability pointer is resolved most-significant bits first: each CNode cap on the way
 * consumes its guard bits (which must match the pointer) and then its radix bits (the slot index).
 * Resolution stops when the requested number of bits is used up or when the slot reached does
 * not hold a CNode cap; in the second case the caller learns how many bits were left over.
 */
public final class CSpace extends KernelModule {
    public CSpace(Kernel k) {
        super(k);
    }

    /** lookupCap_ret_t. */
    public record LookupCapRet(ExceptionT status, Cap cap) {
    }

    /** lookupCapAndSlot_ret_t. */
    public record LookupCapAndSlotRet(ExceptionT status, Cap cap, Cte slot) {
    }

    /** lookupSlot_raw_ret_t / lookupSlot_ret_t. */
    public record LookupSlotRet(ExceptionT status, Cte slot) {
    }

    /** resolveAddressBits_ret_t. */
    public record ResolveAddressBitsRet(ExceptionT status, Cte slot, int bitsRemaining) {
    }

    /** The cap at {@code cPtr} in the thread's CSpace (a NullCap on failure). */
    public LookupCapRet lookupCap(Tcb thread, long cPtr) {
        LookupSlotRet lu_ret = lookupSlot(thread, cPtr);
        if (lu_ret.status() != ExceptionT.EXCEPTION_NONE) {
            return new LookupCapRet(lu_ret.status(), NullCap.INSTANCE);
        }
        return new LookupCapRet(ExceptionT.EXCEPTION_NONE, lu_ret.slot().cap);
    }

    /** The cap at {@code cPtr} and the slot holding it (slot null on failure). */
    public LookupCapAndSlotRet lookupCapAndSlot(Tcb thread, long cPtr) {
        LookupSlotRet lu_ret = lookupSlot(thread, cPtr);
        if (lu_ret.status() != ExceptionT.EXCEPTION_NONE) {
            return new LookupCapAndSlotRet(lu_ret.status(), NullCap.INSTANCE, null);
        }
        return new LookupCapAndSlotRet(ExceptionT.EXCEPTION_NONE, lu_ret.slot().cap, lu_ret.slot());
    }

    /**
     * Resolves a full-word pointer from the thread's CSpace root (its tcbCTable slot). A lookup
     * that ends early on a non-CNode cap still succeeds: seL4 treats leftover bits of an
     * invocation pointer as "don't care", which lets a short CSpace serve 64-bit pointers.
     */
    public LookupSlotRet lookupSlot(Tcb thread, long capptr) {
        Cap threadRoot = thread.tcbCTE[Tcb.tcbCTable].cap;
        ResolveAddressBitsRet res_ret = resolveAddressBits(threadRoot, capptr, wordBits);
        return new LookupSlotRet(res_ret.status(), res_ret.slot());
    }

    /**
     * Slot lookup for CNode-style invocation arguments (root cap, index, depth). Unlike
     * {@link #lookupSlot} the depth must be consumed exactly, and failures are syscall errors
     * (FailedLookup with the source flag, or RangeError for a bad depth) rather than faults.
     */
    public LookupSlotRet lookupSlotForCNodeOp(boolean isSource, Cap root, long capptr, int depth) {
        if (!(root instanceof CNodeCap)) {
            ks.current_lookup_fault = new LookupFault.InvalidRoot();
            syscallError(SyscallError.failedLookup(isSource, ks.current_lookup_fault));
            return new LookupSlotRet(ExceptionT.EXCEPTION_SYSCALL_ERROR, null);
        }

        if (depth < 1 || depth > wordBits) {
            syscallError(SyscallError.rangeError(1, wordBits));
            return new LookupSlotRet(ExceptionT.EXCEPTION_SYSCALL_ERROR, null);
        }

        ResolveAddressBitsRet res_ret = resolveAddressBits(root, capptr, depth);
        if (res_ret.status() != ExceptionT.EXCEPTION_NONE) {
            // resolveAddressBits has already recorded why in current_lookup_fault.
            syscallError(SyscallError.failedLookup(isSource, ks.current_lookup_fault));
            return new LookupSlotRet(ExceptionT.EXCEPTION_SYSCALL_ERROR, null);
        }

        if (res_ret.bitsRemaining() != 0) {
            ks.current_lookup_fault = new LookupFault.DepthMismatch(0, res_ret.bitsRemaining());
            syscallError(SyscallError.failedLookup(isSource, ks.current_lookup_fault));
            return new LookupSlotRet(ExceptionT.EXCEPTION_SYSCALL_ERROR, null);
        }

        return new LookupSlotRet(ExceptionT.EXCEPTION_NONE, res_ret.slot());
    }

    public LookupSlotRet lookupSourceSlot(Cap root, long capptr, int depth) {
        return lookupSlotForCNodeOp(true, root, capptr, depth);
    }

    public LookupSlotRet lookupTargetSlot(Cap root, long capptr, int depth) {
        return lookupSlotForCNodeOp(false, root, capptr, depth);
    }

    public LookupSlotRet lookupPivotSlot(Cap root, long capptr, int depth) {
        return lookupSlotForCNodeOp(true, root, capptr, depth);
    }

    /**
     * Walks the CNode graph from {@code nodeCap}, consuming the top {@code n_bits} bits of
     * {@code capptr}. Returns the slot reached and how many bits were left when the walk stopped
     * at a slot that does not hold a CNode cap.
     */
    public ResolveAddressBitsRet resolveAddressBits(Cap nodeCap, long capptr, int n_bits) {
        if (!(nodeCap instanceof CNodeCap)) {
            ks.current_lookup_fault = new LookupFault.InvalidRoot();
            return new ResolveAddressBitsRet(ExceptionT.EXCEPTION_LOOKUP_FAULT, null, n_bits);
        }

        CNodeCap node = (CNodeCap) nodeCap;
        while (true) {
            int radixBits = node.radix();
            int guardBits = node.guardSize();
            int levelBits = radixBits + guardBits;

            // A CNode cap that resolves no bits would make this loop spin forever; retype and
            // Mutate never produce one (radix >= 1), so this is a kernel bug, not user input.
            if (levelBits == 0) {
                fail("All CNodes must resolve bits");
            }

            long capGuard = node.guard();
            // Only meaningful when guardBits <= n_bits, which the test below checks first.
            long guard = guardBits > n_bits ? 0
                    : (capptr >>> ((n_bits - guardBits) & (wordBits - 1))) & MASK(guardBits);
            if (guardBits > n_bits || guard != capGuard) {
                ks.current_lookup_fault = new LookupFault.GuardMismatch(n_bits, capGuard, guardBits);
                return new ResolveAddressBitsRet(ExceptionT.EXCEPTION_LOOKUP_FAULT, null, n_bits);
            }

            if (levelBits > n_bits) {
                ks.current_lookup_fault = new LookupFault.DepthMismatch(levelBits, n_bits);
                return new ResolveAddressBitsRet(ExceptionT.EXCEPTION_LOOKUP_FAULT, null, n_bits);
            }

            int offset = (int) ((capptr >>> (n_bits - levelBits)) & MASK(radixBits));
            Cte slot = node.cnode().slots[offset];

            if (n_bits == levelBits) {
                return new ResolveAddressBitsRet(ExceptionT.EXCEPTION_NONE, slot, 0);
            }

            n_bits -= levelBits;
            if (!(slot.cap instanceof CNodeCap next)) {
                return new ResolveAddressBitsRet(ExceptionT.EXCEPTION_NONE, slot, n_bits);
            }
            node = next;
        }
    }
}
