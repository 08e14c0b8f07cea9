package sel4.object.untyped;

import static sel4.machine.Words.MASK;
import static sel4.machine.Words.ROUND_DOWN;
import static sel4.machine.Words.uge;
import static sel4.machine.Words.ugt;
import static sel4.machine.Words.wordBits;

import java.util.List;
import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.LookupFault;
import sel4.api.ObjectTypes;
import sel4.api.SyscallError;
import sel4.kernel.CSpace.LookupSlotRet;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.model.Config;
import sel4.object.KernelObject;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.Cap;
import sel4.object.cap.UntypedCap;
import sel4.object.cnode.CNode;
import sel4.object.cnode.Cte;
import sel4.object.frame.Frame;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.ThreadState;

/**
 * Models seL4's src/object/untyped.c (Haskell Object/Untyped): Retype with watermark and preemptible reset.
 *
 * <p>An untyped cap hands out its memory from a watermark ({@code freeIndex}, a byte offset in
 * the model) upwards. Objects are never freed one by one: once every cap derived from the untyped
 * is gone, the next Retype resets it — the region's objects disappear from the kernel heap, the
 * memory is cleared in preemptible chunks, and allocation starts again from the bottom.
 */
public final class Untypeds extends KernelModule {
    /**
     * Model limit on the radix of a retyped CNode. The model's CNode holds a Java slot object per
     * slot, so a CNode of 2^radix slots costs that many objects on the JVM heap; seL4 itself is
     * limited only by the untyped's size. Larger requests get RangeError(0, limit).
     */
    public static final int modelMaxCNodeRadix = 20;
    /**
     * Model limit on the size bits of a retyped scheduling context (its refill arrays are JVM
     * arrays; 2^20 bytes already hold 65530 refills). Larger requests get RangeError(0, limit).
     */
    public static final int modelMaxSchedContextBits = 20;

    public Untypeds(Kernel k) {
        super(k);
    }

    /**
     * Decodes UntypedRetype(type, size bits, node index, node depth, node offset, count) with
     * the destination CNode root as extra cap 0. Objects go into the empty slots
     * [offset, offset + count) of the destination CNode.
     */
    public ExceptionT decodeUntypedInvocation(long invLabel, int length, Cte slot, Cap cap, boolean call,
                                              IpcBuffer buffer) {
        if (invLabel != InvocationLabel.UntypedRetype.label()) {
            return syscallError(SyscallError.illegalOperation());
        }

        if (length < 6 || ks.current_extra_caps[0] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }

        long newType = getSyscallArg(0, buffer);
        long userObjSize = getSyscallArg(1, buffer);
        long nodeIndex = getSyscallArg(2, buffer);
        long nodeDepth = getSyscallArg(3, buffer);
        long nodeOffset = getSyscallArg(4, buffer);
        long nodeWindow = getSyscallArg(5, buffer);
        Cte rootSlot = ks.current_extra_caps[0];

        if (!isValidObjectType(newType)) {
            return syscallError(SyscallError.invalidArgument(0));
        }
        int type = (int) newType;

        // Sizes of a word or more are nonsense (and would overflow the size computation).
        if (uge(userObjSize, wordBits)) {
            return syscallError(SyscallError.rangeError(0, Config.seL4_MaxUntypedBits));
        }
        int userSize = (int) userObjSize;
        int objectSize = k.objectType.getObjectSize(type, userSize);
        if (objectSize > Config.seL4_MaxUntypedBits) {
            return syscallError(SyscallError.rangeError(0, Config.seL4_MaxUntypedBits));
        }

        if (type == ObjectTypes.seL4_CapTableObject && userSize == 0) {
            return syscallError(SyscallError.invalidArgument(1));
        }

        if (type == ObjectTypes.seL4_UntypedObject && userSize < Config.seL4_MinUntypedBits) {
            return syscallError(SyscallError.invalidArgument(1));
        }

        if (type == ObjectTypes.seL4_SchedContextObject && userSize < Config.seL4_MinSchedContextBits) {
            return syscallError(SyscallError.invalidArgument(1));
        }

        if (type == ObjectTypes.seL4_CapTableObject && userSize > modelMaxCNodeRadix) {
            return syscallError(SyscallError.rangeError(0, modelMaxCNodeRadix));
        }
        if (type == ObjectTypes.seL4_SchedContextObject && userSize > modelMaxSchedContextBits) {
            return syscallError(SyscallError.rangeError(0, modelMaxSchedContextBits));
        }

        // The destination CNode: the root itself (depth 0) or a CNode cap found below it.
        Cap nodeCap;
        if (nodeDepth == 0) {
            nodeCap = rootSlot.cap;
        } else {
            Cap rootCap = rootSlot.cap;
            LookupSlotRet lu_ret = k.cspace.lookupTargetSlot(rootCap, nodeIndex, depthArg(nodeDepth));
            if (lu_ret.status() != ExceptionT.EXCEPTION_NONE) {
                return lu_ret.status();
            }
            nodeCap = lu_ret.slot().cap;
        }

        if (!(nodeCap instanceof CNodeCap destNodeCap)) {
            // nodeDepth is 0 or a depth the lookup accepted (1..wordBits).
            ks.current_lookup_fault = new LookupFault.MissingCapability((int) nodeDepth);
            return syscallError(SyscallError.failedLookup(false, ks.current_lookup_fault));
        }

        long nodeSize = 1L << destNodeCap.radix();
        if (ugt(nodeOffset, nodeSize - 1)) {
            return syscallError(SyscallError.rangeError(0, nodeSize - 1));
        }
        if (nodeWindow < 1 || ugt(nodeWindow, Config.retypeFanOutLimit)) {
            return syscallError(SyscallError.rangeError(1, Config.retypeFanOutLimit));
        }
        if (ugt(nodeWindow, nodeSize - nodeOffset)) {
            return syscallError(SyscallError.rangeError(1, nodeSize - nodeOffset));
        }

        CNode destCNode = destNodeCap.cnode();
        int destOffset = (int) nodeOffset;
        int destLength = (int) nodeWindow;
        for (int i = destOffset; i < destOffset + destLength; i++) {
            ExceptionT status = k.cnodes.ensureEmptySlot(destCNode.slots[i]);
            if (status != ExceptionT.EXCEPTION_NONE) {
                return status;
            }
        }

        UntypedCap untyped = (UntypedCap) cap;
        // With no children left, nothing can refer to the region any more: allocation may
        // restart from the bottom whatever the watermark says (after a reset).
        long freeIndex;
        boolean reset;
        if (k.cnodes.ensureNoChildren(slot) != ExceptionT.EXCEPTION_NONE) {
            freeIndex = untyped.freeIndex();
            reset = false;
        } else {
            freeIndex = 0;
            reset = true;
        }
        long freeRef = untyped.ptr() + freeIndex;

        // No alignment slack needs counting: the region's end is aligned to its size, so if
        // the objects fit they also fit packed against the end after aligning up.
        long untypedFreeBytes = (1L << untyped.blockSize()) - freeIndex;
        if ((untypedFreeBytes >>> objectSize) < nodeWindow) {
            return syscallError(SyscallError.notEnoughMemory(untypedFreeBytes));
        }

        boolean deviceMemory = untyped.isDevice();
        if (deviceMemory && type != ObjectTypes.seL4_UntypedObject && !k.arch.Arch_isFrameType(type)) {
            return syscallError(SyscallError.invalidArgument(1));
        }

        long alignedFreeRef = alignUp(freeRef, objectSize);

        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeUntyped_Retype(slot, reset, alignedFreeRef, type, userSize, destCNode, destOffset,
                destLength, deviceMemory);
    }

    /** Generic types, or an arch type the architecture knows (seL4_ObjectTypeCount check). */
    private boolean isValidObjectType(long newType) {
        if (newType < 0 || newType > Integer.MAX_VALUE) {
            return false;
        }
        if (newType < ObjectTypes.seL4_NonArchObjectTypeCount) {
            return true;
        }
        return k.arch.Arch_getObjectSize((int) newType) >= 0;
    }

    private static int depthArg(long w) {
        return (w < 0 || w > Integer.MAX_VALUE) ? Integer.MAX_VALUE : (int) w;
    }

    private static long alignUp(long baseValue, int alignment) {
        return (baseValue + MASK(alignment)) & ~MASK(alignment);
    }

    /**
     * Performs the retype: resets the untyped first if it has no children, raises the
     * watermark past the new objects, then creates them and their caps.
     */
    public ExceptionT invokeUntyped_Retype(Cte srcSlot, boolean reset, long retypeBase, int newType, int userSize,
                                          CNode destCNode, int destOffset, int destLength, boolean deviceMemory) {
        long regionBase = ((UntypedCap) srcSlot.cap).ptr();

        if (reset) {
            ExceptionT status = resetUntypedCap(srcSlot);
            if (status != ExceptionT.EXCEPTION_NONE) {
                return status;
            }
        }

        long totalObjectSize = (long) destLength << k.objectType.getObjectSize(newType, userSize);
        long freeRef = retypeBase + totalObjectSize;
        srcSlot.cap = ((UntypedCap) srcSlot.cap).withFreeIndex(freeRef - regionBase);

        k.objectType.createNewObjects(newType, srcSlot, destCNode, destOffset, destLength, retypeBase, userSize,
                deviceMemory);

        return ExceptionT.EXCEPTION_NONE;
    }

    /**
     * Returns a childless untyped to its empty state, lowering the watermark from its current
     * value to 0 in chunks of 2^resetChunkBits bytes, from the top down, with a preemption point
     * after each chunk. A preempted reset leaves the lowered watermark and resumes from it when
     * the Retype is re-executed (the untyped still has no children, so it is reset again).
     *
     * <p>As in seL4 (typ_region_bytes) and the Haskell spec (deleteObjects), the region's objects
     * stop existing when the reset starts: they leave the kernel heap, and nothing can refer to
     * them since the untyped has no children. The model keeps memory contents inside frame
     * objects, so "clearing the memory" means zeroing those frames; it is done as the frames
     * leave the heap, because a frame that is no longer in the heap cannot be found again to
     * finish the job after a preemption. Device memory is never cleared.
     */
    public ExceptionT resetUntypedCap(Cte srcSlot) {
        UntypedCap prev_cap = (UntypedCap) srcSlot.cap;
        int block_size = prev_cap.blockSize();
        long regionBase = prev_cap.ptr();
        int chunk = Config.resetChunkBits;
        long offset = prev_cap.freeIndex();
        boolean deviceMemory = prev_cap.isDevice();

        if (offset == 0) {
            return ExceptionT.EXCEPTION_NONE;
        }

        deleteObjects(regionBase, block_size, deviceMemory);

        if (deviceMemory || block_size < chunk) {
            srcSlot.cap = prev_cap.withFreeIndex(0);
        } else {
            long chunkBytes = 1L << chunk;
            for (offset = ROUND_DOWN(offset - 1, chunk); offset != -chunkBytes; offset -= chunkBytes) {
                srcSlot.cap = prev_cap.withFreeIndex(offset);
                ExceptionT status = k.budget.preemptionPoint();
                if (status != ExceptionT.EXCEPTION_NONE) {
                    return status;
                }
            }
        }
        return ExceptionT.EXCEPTION_NONE;
    }

    /** Removes the objects of [base, base + 2^bits) from the kernel heap, zeroing normal frames. */
    private void deleteObjects(long base, int bits, boolean deviceMemory) {
        List<KernelObject> dead = ks.ksPSpace.objectsIn(base, bits);
        ks.ksPSpace.removeRange(base, bits);
        if (!deviceMemory) {
            for (KernelObject o : dead) {
                if (o instanceof Frame f) {
                    f.clear();
                }
            }
        }
    }
}
