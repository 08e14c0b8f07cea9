package sel4.arch.aarch64;

import static sel4.api.ExceptionT.EXCEPTION_NONE;
import static sel4.api.MessageInfo.seL4_MessageInfo_new;
import static sel4.api.MessageInfo.wordFromMessageInfo;
import static sel4.arch.aarch64.ArmLayout.USER_TOP;
import static sel4.arch.common.AsidPool.ASID_HIGH;
import static sel4.arch.common.AsidPool.ASID_LOW;
import static sel4.arch.common.AsidPool.asidLowBits;
import static sel4.arch.common.AsidPool.nASIDPools;
import static sel4.machine.Registers.msgInfoRegister;
import static sel4.machine.Registers.msgRegisters;

import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.LookupFault;
import sel4.api.SyscallError;
import sel4.arch.common.ASIDControlCap;
import sel4.arch.common.ASIDPoolCap;
import sel4.arch.common.AsidMap;
import sel4.arch.common.AsidPool;
import sel4.arch.common.PageTable;
import sel4.arch.common.Pte;
import sel4.kernel.CSpace;
import sel4.machine.Words;
import sel4.object.cap.Cap;
import sel4.object.cap.CapRights;
import sel4.object.cap.FrameCap;
import sel4.object.cap.UntypedCap;
import sel4.object.cap.VMRights;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.ThreadState;

/**
 * Models the invocation half of seL4's src/arch/arm/64/kernel/vspace.c (Haskell
 * Kernel/VSpace/AARCH64 decodeARMMMUInvocation and performARMMMUInvocation): VSpace-root cache
 * flushes, page-table map / unmap, frame map / unmap / flush / GetAddress, ASID control MakePool
 * and ASID pool Assign.
 *
 * <p>Legacy form (LEGACY-REPLY-BUGS §A6, snapshot A0): the MMU path does not receive the
 * {@code call} flag, and {@link #performPageGetAddress} writes MR0 and msgInfo straight into the
 * registers while the decoder's Restart stays in place.
 */
public final class VSpaceInvocations extends ArmModule {
    VSpaceInvocations(AArch64 arch) {
        super(arch);
    }

    /** decodeARMMMUInvocation: dispatch on the MMU cap type. */
    public ExceptionT decodeARMMMUInvocation(long invLabel, int length, long cptr, Cte cte, Cap cap,
                                             IpcBuffer buffer) {
        if (cap instanceof PageTableCap pt) {
            if (pt.isVSpaceRoot()) {
                return decodeARMVSpaceRootInvocation(invLabel, length, cte, pt, buffer);
            }
            return decodeARMPageTableInvocation(invLabel, length, cte, pt, buffer);
        }
        if (cap instanceof FrameCap fc) {
            return decodeARMFrameInvocation(invLabel, length, cte, fc, buffer);
        }
        if (cap instanceof ASIDControlCap) {
            return decodeARMASIDControlInvocation(invLabel, length, buffer);
        }
        if (cap instanceof ASIDPoolCap pool) {
            return decodeARMASIDPoolInvocation(invLabel, pool);
        }
        fail("Invalid ARM arch cap type");
        return ExceptionT.EXCEPTION_SYSCALL_ERROR;
    }

    private static boolean isLabel(long invLabel, InvocationLabel l) {
        return InvocationLabel.genInvocationType(invLabel) == l;
    }

    // ---- VSpace root ----

    private ExceptionT decodeARMVSpaceRootInvocation(long invLabel, int length, Cte cte, PageTableCap cap,
                                                     IpcBuffer buffer) {
        InvocationLabel label = InvocationLabel.genInvocationType(invLabel);
        switch (label) {
            case ARMVSpaceClean_Data:
            case ARMVSpaceInvalidate_Data:
            case ARMVSpaceCleanInvalidate_Data:
            case ARMVSpaceUnify_Instruction: {
                if (length < 2) {
                    return syscallError(SyscallError.truncatedMessage());
                }
                long start = getSyscallArg(0, buffer);
                long end = getSyscallArg(1, buffer);
                if (Words.ule(end, start)) {
                    return syscallError(SyscallError.invalidArgument(1));
                }
                // Applications may not flush kernel regions.
                if (Words.ugt(end, USER_TOP)) {
                    return syscallError(SyscallError.illegalOperation());
                }
                if (!VSpace.isValidNativeRoot(cap)) {
                    return syscallError(SyscallError.invalidCapability(0));
                }
                PageTable vspaceRoot = cap.pt();
                long asid = cap.mappedASID();
                AsidPools.FindVSpaceForASIDRet find = arch.asids.findVSpaceForASID(asid);
                if (find.status() != EXCEPTION_NONE) {
                    return syscallError(SyscallError.failedLookup(false, ks.current_lookup_fault));
                }
                if (find.vspaceRoot() != vspaceRoot) {
                    return syscallError(SyscallError.invalidCapability(0));
                }
                VSpace.LookupPTSlotRet resolve = arch.vspace.lookupPTSlot(vspaceRoot, start);
                if (!(resolve.pte() instanceof Pte.PagePte page)) {
                    // Nothing resident, so nothing cached for this address space: succeed silently.
                    k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
                    return EXCEPTION_NONE;
                }
                int bits = resolve.ptBitsLeft();
                if (Words.ROUND_DOWN(start, bits) != Words.ROUND_DOWN(end - 1, bits)) {
                    return syscallError(SyscallError.rangeError(start, Words.ROUND_DOWN(start, bits) + Words.MASK(bits)));
                }
                long pstart = page.paddr() + (start & Words.MASK(bits));
                k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
                return performVSpaceFlush(invLabel, vspaceRoot, asid, start, end - 1, pstart);
            }
            default:
                return syscallError(SyscallError.illegalOperation());
        }
    }

    /** performVSpaceFlush: with hypervisor support the flush uses the kernel window address. */
    public ExceptionT performVSpaceFlush(long invLabel, PageTable vspaceRoot, long asid, long start, long end,
                                         long pstart) {
        long size = end - start;
        long kstart = ArmLayout.paddr_to_pptr(pstart);
        long kend = kstart + size;
        if (Words.ult(kstart, kend)) {
            doFlush(invLabel, kstart, kend, pstart);
        }
        return EXCEPTION_NONE;
    }

    private void doFlush(long invLabel, long start, long end, long pstart) {
        switch (InvocationLabel.genInvocationType(invLabel)) {
            case ARMVSpaceClean_Data, ARMPageClean_Data -> hw.cacheMaintenance("cleanCacheRange_RAM", start, end, pstart);
            case ARMVSpaceInvalidate_Data, ARMPageInvalidate_Data ->
                    hw.cacheMaintenance("invalidateCacheRange_RAM", start, end, pstart);
            case ARMVSpaceCleanInvalidate_Data, ARMPageCleanInvalidate_Data ->
                    hw.cacheMaintenance("cleanInvalidateCacheRange_RAM", start, end, pstart);
            case ARMVSpaceUnify_Instruction, ARMPageUnify_Instruction -> {
                hw.cacheMaintenance("cleanCacheRange_PoU", start, end, pstart);
                hw.cacheMaintenance("invalidateCacheRange_I", start, end, pstart);
            }
            default -> fail("Invalid operation, shouldn't get here.");
        }
    }

    // ---- page tables ----

    private ExceptionT decodeARMPageTableInvocation(long invLabel, int length, Cte cte, PageTableCap cap,
                                                    IpcBuffer buffer) {
        if (isLabel(invLabel, InvocationLabel.ARMPageTableUnmap)) {
            if (!k.cnodes.isFinalCapability(cte)) {
                return syscallError(SyscallError.revokeFirst());
            }
            k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
            return performPageTableInvocationUnmap(cap, cte);
        }
        if (!isLabel(invLabel, InvocationLabel.ARMPageTableMap)) {
            return syscallError(SyscallError.illegalOperation());
        }
        if (length < 2 || ks.current_extra_caps[0] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        if (cap.isMapped()) {
            return syscallError(SyscallError.invalidCapability(0));
        }
        long vaddr = getSyscallArg(0, buffer);
        Cap vspaceRootCap = ks.current_extra_caps[0].cap;
        if (!VSpace.isValidNativeRoot(vspaceRootCap)) {
            return syscallError(SyscallError.invalidCapability(1));
        }
        PageTableCap rootCap = (PageTableCap) vspaceRootCap;
        PageTable vspaceRoot = rootCap.pt();
        long asid = rootCap.mappedASID();
        if (Words.ugt(vaddr, USER_TOP)) {
            return syscallError(SyscallError.invalidArgument(0));
        }
        AsidPools.FindVSpaceForASIDRet find = arch.asids.findVSpaceForASID(asid);
        if (find.status() != EXCEPTION_NONE) {
            return syscallError(SyscallError.failedLookup(false, ks.current_lookup_fault));
        }
        if (find.vspaceRoot() != vspaceRoot) {
            return syscallError(SyscallError.invalidCapability(1));
        }
        VSpace.LookupPTSlotRet ptSlot = arch.vspace.lookupPTSlot(vspaceRoot, vaddr);
        if (ptSlot.ptBitsLeft() == ArmLayout.seL4_PageBits || ptSlot.pte().isValid()) {
            return syscallError(SyscallError.deleteFirst());
        }
        Pte pte = new Pte.TablePte(cap.pt());
        PageTableCap newCap = cap.withMapping(asid, vaddr & ~Words.MASK(ptSlot.ptBitsLeft()));
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return performPageTableInvocationMap(newCap, cte, pte, ptSlot);
    }

    public ExceptionT performPageTableInvocationMap(PageTableCap cap, Cte ctSlot, Pte pte, VSpace.LookupPTSlotRet ptSlot) {
        ctSlot.cap = cap;
        ptSlot.table().set(ptSlot.index(), pte);
        return EXCEPTION_NONE;
    }

    public ExceptionT performPageTableInvocationUnmap(PageTableCap cap, Cte ctSlot) {
        if (cap.isMapped()) {
            PageTable pt = cap.pt();
            arch.vspace.unmapPageTable(cap.mappedASID(), cap.mappedAddress(), pt);
            pt.clear();
        }
        if (ctSlot.cap instanceof PageTableCap slotCap) {
            ctSlot.cap = slotCap.withoutMapping();
        }
        return EXCEPTION_NONE;
    }

    // ---- frames ----

    private static boolean checkVPAlignment(int pageBits, long w) {
        return (w & Words.MASK(pageBits)) == 0;
    }

    private ExceptionT decodeARMFrameInvocation(long invLabel, int length, Cte cte, FrameCap cap, IpcBuffer buffer) {
        InvocationLabel label = InvocationLabel.genInvocationType(invLabel);
        switch (label) {
            case ARMPageMap:
                return decodeARMPageMap(length, cte, cap, buffer);
            case ARMPageUnmap:
                k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
                return performPageInvocationUnmap(cap, cte);
            case ARMPageClean_Data:
            case ARMPageInvalidate_Data:
            case ARMPageCleanInvalidate_Data:
            case ARMPageUnify_Instruction:
                return decodeARMPageFlush(invLabel, length, cap, buffer);
            case ARMPageGetAddress:
                k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
                return performPageGetAddress(cap.frame().ptr());
            default:
                return syscallError(SyscallError.illegalOperation());
        }
    }

    private ExceptionT decodeARMPageMap(int length, Cte cte, FrameCap cap, IpcBuffer buffer) {
        if (length < 3 || ks.current_extra_caps[0] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long vaddr = getSyscallArg(0, buffer);
        long attributes = getSyscallArg(2, buffer);
        Cap vspaceRootCap = ks.current_extra_caps[0].cap;
        int pageBits = cap.sizeBits();
        VMRights vmRights = VSpace.maskVMRights(cap.vmRights(), CapRights.rightsFromWord(getSyscallArg(1, buffer)));
        if (!VSpace.isValidNativeRoot(vspaceRootCap)) {
            return syscallError(SyscallError.invalidCapability(1));
        }
        PageTableCap rootCap = (PageTableCap) vspaceRootCap;
        PageTable vspaceRoot = rootCap.pt();
        long asid = rootCap.mappedASID();
        AsidPools.FindVSpaceForASIDRet find = arch.asids.findVSpaceForASID(asid);
        if (find.status() != EXCEPTION_NONE) {
            return syscallError(SyscallError.failedLookup(false, ks.current_lookup_fault));
        }
        if (find.vspaceRoot() != vspaceRoot) {
            return syscallError(SyscallError.invalidCapability(1));
        }
        if (!checkVPAlignment(pageBits, vaddr)) {
            return syscallError(SyscallError.alignmentError());
        }
        long frame_asid = cap.mappedASID();
        if (frame_asid != AsidPool.asidInvalid) {
            // A remap must stay in the same address space and at the same address.
            if (frame_asid != asid) {
                return syscallError(SyscallError.invalidCapability(1));
            } else if (cap.mappedAddress() != vaddr) {
                return syscallError(SyscallError.invalidArgument(0));
            }
        } else {
            if (Words.ugt(vaddr + Words.BIT(pageBits) - 1, USER_TOP)) {
                return syscallError(SyscallError.invalidArgument(0));
            }
        }
        FrameCap newCap = cap.withMapping(asid, vaddr);
        long base = ArmLayout.pptr_to_paddr(cap.frame().ptr());
        VSpace.LookupPTSlotRet lu = arch.vspace.lookupPTSlot(vspaceRoot, vaddr);
        if (lu.ptBitsLeft() != pageBits) {
            ks.current_lookup_fault = new LookupFault.MissingCapability(lu.ptBitsLeft());
            return syscallError(SyscallError.failedLookup(false, ks.current_lookup_fault));
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return performPageInvocationMap(asid, newCap, cte,
                VSpace.makeUserPagePTE(cap.frame(), base, vmRights, attributes, pageBits), lu);
    }

    public ExceptionT performPageInvocationMap(long asid, FrameCap cap, Cte ctSlot, Pte pte, VSpace.LookupPTSlotRet ptSlot) {
        boolean tlbflush_required = ptSlot.pte().isValid();
        ctSlot.cap = cap;
        ptSlot.table().set(ptSlot.index(), pte);
        if (tlbflush_required) {
            arch.asids.invalidateTLBByASIDVA(asid, cap.mappedAddress());
        }
        return EXCEPTION_NONE;
    }

    public ExceptionT performPageInvocationUnmap(FrameCap cap, Cte ctSlot) {
        if (cap.mappedASID() != 0) {
            arch.vspace.unmapPage(cap.sizeBits(), cap.mappedASID(), cap.mappedAddress(), cap.frame().ptr());
        }
        if (ctSlot.cap instanceof FrameCap slotCap) {
            ctSlot.cap = slotCap.withMapping(AsidPool.asidInvalid, 0);
        }
        return EXCEPTION_NONE;
    }

    private ExceptionT decodeARMPageFlush(long invLabel, int length, FrameCap cap, IpcBuffer buffer) {
        if (length < 2) {
            return syscallError(SyscallError.truncatedMessage());
        }
        if (cap.mappedASID() == 0) {
            return syscallError(SyscallError.illegalOperation());
        }
        long vaddr = cap.mappedAddress();
        long asid = cap.mappedASID();
        AsidPools.FindVSpaceForASIDRet find = arch.asids.findVSpaceForASID(asid);
        if (find.status() != EXCEPTION_NONE) {
            return syscallError(SyscallError.failedLookup(false, ks.current_lookup_fault));
        }
        long start = getSyscallArg(0, buffer);
        long end = getSyscallArg(1, buffer);
        if (Words.ule(end, start)) {
            return syscallError(SyscallError.invalidArgument(1));
        }
        // start and end are offsets inside the page.
        long page_size = Words.BIT(cap.sizeBits());
        if (Words.uge(start, page_size) || Words.ugt(end, page_size)) {
            return syscallError(SyscallError.invalidArgument(0));
        }
        long pstart = ArmLayout.pptr_to_paddr(cap.frame().ptr()) + start;
        // With hypervisor support the flush goes through the kernel window: stay inside it.
        if (Words.ult(pstart, ArmLayout.PADDR_BASE) || Words.ugt((end - start) + pstart, ArmLayout.PADDR_TOP)) {
            return syscallError(SyscallError.illegalOperation());
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return performPageFlush(invLabel, find.vspaceRoot(), asid, vaddr + start, vaddr + end - 1, pstart);
    }

    public ExceptionT performPageFlush(long invLabel, PageTable vspaceRoot, long asid, long start, long end, long pstart) {
        long size = end - start;
        long kstart = ArmLayout.paddr_to_pptr(pstart);
        long kend = kstart + size;
        if (Words.ult(kstart, kend)) {
            doFlush(invLabel, kstart, kend, pstart);
        }
        return EXCEPTION_NONE;
    }

    /**
     * performPageGetAddress, legacy A0 form (LEGACY-REPLY-BUGS §A6, codes C G B): the physical
     * address goes straight into the first message register and msgInfo says label 0, length 1.
     * There is no {@code call} flag, no buffer and no badge write, and the decoder's Restart is
     * left in place, so on Call handleInvocation's empty success reply overwrites msgInfo.
     */
    public ExceptionT performPageGetAddress(long basePtr) {
        setRegister(ks.ksCurThread, msgRegisters[0], ArmLayout.pptr_to_paddr(basePtr));
        setRegister(ks.ksCurThread, msgInfoRegister, wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, 1)));
        return EXCEPTION_NONE;
    }

    // ---- ASID control and pools ----

    private ExceptionT decodeARMASIDControlInvocation(long invLabel, int length, IpcBuffer buffer) {
        if (!isLabel(invLabel, InvocationLabel.ARMASIDControlMakePool)) {
            return syscallError(SyscallError.illegalOperation());
        }
        if (length < 2 || ks.current_extra_caps[0] == null || ks.current_extra_caps[1] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long index = getSyscallArg(0, buffer);
        long depth = getSyscallArg(1, buffer);
        Cte parentSlot = ks.current_extra_caps[0];
        Cap untyped = parentSlot.cap;
        Cap root = ks.current_extra_caps[1].cap;

        int i = 0;
        while (i < nASIDPools && state.armKSASIDTable[i] != null) {
            i++;
        }
        if (i == nASIDPools) {
            return syscallError(SyscallError.deleteFirst());
        }
        long asid_base = (long) i << asidLowBits;

        if (!(untyped instanceof UntypedCap ut) || ut.blockSize() != ArmObjectTypes.seL4_ASIDPoolBits || ut.isDevice()) {
            return syscallError(SyscallError.invalidCapability(1));
        }
        ExceptionT status = k.cnodes.ensureNoChildren(parentSlot);
        if (status != EXCEPTION_NONE) {
            return status;
        }
        CSpace.LookupSlotRet lu = k.cspace.lookupTargetSlot(root, index, depthArg(depth));
        if (lu.status() != EXCEPTION_NONE) {
            return lu.status();
        }
        Cte destSlot = lu.slot();
        status = k.cnodes.ensureEmptySlot(destSlot);
        if (status != EXCEPTION_NONE) {
            return status;
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return performASIDControlInvocation(ut.ptr(), destSlot, parentSlot, asid_base);
    }

    /**
     * performASIDControlInvocation: the whole untyped becomes a new ASID pool. The untyped is
     * marked full, stale objects in its region are dropped (memzero), and the pool cap is
     * inserted as its child.
     */
    public ExceptionT performASIDControlInvocation(long frame, Cte slot, Cte parent, long asid_base) {
        UntypedCap ut = (UntypedCap) parent.cap;
        parent.cap = ut.withFreeIndex(Words.BIT(ut.blockSize()));
        ks.ksPSpace.removeRange(frame, ArmObjectTypes.seL4_ASIDPoolBits);
        AsidPool pool = new AsidPool(frame, ArmObjectTypes.seL4_ASIDPoolBits);
        ks.ksPSpace.insert(pool);
        k.cnodes.cteInsert(new ASIDPoolCap(pool, asid_base), parent, slot);
        state.armKSASIDTable[ASID_HIGH(asid_base)] = pool;
        return EXCEPTION_NONE;
    }

    private ExceptionT decodeARMASIDPoolInvocation(long invLabel, ASIDPoolCap cap) {
        if (!isLabel(invLabel, InvocationLabel.ARMASIDPoolAssign)) {
            return syscallError(SyscallError.illegalOperation());
        }
        if (ks.current_extra_caps[0] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        Cte vspaceCapSlot = ks.current_extra_caps[0];
        Cap vspaceCap = vspaceCapSlot.cap;
        if (!VSpace.isVTableRoot(vspaceCap) || ((PageTableCap) vspaceCap).isMapped()) {
            return syscallError(SyscallError.invalidCapability(1));
        }
        AsidPool pool = state.armKSASIDTable[ASID_HIGH(cap.asidBase())];
        if (pool == null) {
            ks.current_lookup_fault = new LookupFault.InvalidRoot();
            return syscallError(SyscallError.failedLookup(false, ks.current_lookup_fault));
        }
        if (pool != cap.pool()) {
            return syscallError(SyscallError.invalidCapability(0));
        }
        long asid = cap.asidBase();
        int i = 0;
        // ASID 0 is never handed out: it means "no ASID".
        while (i < (1 << asidLowBits) && (asid + i == 0 || pool.array[i] != null)) {
            i++;
        }
        if (i == (1 << asidLowBits)) {
            return syscallError(SyscallError.deleteFirst());
        }
        asid += i;
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return performASIDPoolInvocation(asid, pool, vspaceCapSlot);
    }

    /** performASIDPoolInvocation: the VSpace root gets {@code asid}; its VMID comes later, on demand. */
    public ExceptionT performASIDPoolInvocation(long asid, AsidPool poolPtr, Cte vspaceCapSlot) {
        PageTableCap cap = (PageTableCap) vspaceCapSlot.cap;
        vspaceCapSlot.cap = cap.withMapping(asid, 0);
        poolPtr.array[ASID_LOW(asid)] = AsidMap.asid_map_vspace_new(cap.pt());
        return EXCEPTION_NONE;
    }
}
