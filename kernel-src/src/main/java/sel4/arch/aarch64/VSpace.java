package sel4.arch.aarch64;

import static sel4.arch.aarch64.ArmLayout.PT_INDEX_BITS;
import static sel4.arch.aarch64.ArmLayout.UPT_LEVELS;
import static sel4.arch.aarch64.ArmLayout.USER_TOP;
import static sel4.arch.aarch64.ArmLayout.seL4_PageBits;
import static sel4.arch.aarch64.ArmLayout.seL4_VSpaceIndexBits;

import sel4.api.Event;
import sel4.api.ExceptionT;
import sel4.api.Fault;
import sel4.api.SyscallError;
import sel4.arch.UserMapping;
import sel4.arch.common.AsidMap;
import sel4.arch.common.PageTable;
import sel4.arch.common.Pte;
import sel4.machine.Words;
import sel4.object.cap.Cap;
import sel4.object.cap.CapRights;
import sel4.object.cap.FrameCap;
import sel4.object.cap.VMRights;
import sel4.object.frame.Frame;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;

/**
 * Models the address-space part of seL4's src/arch/arm/64/kernel/vspace.c (Haskell
 * Kernel/VSpace/AARCH64): IPC-buffer lookup, page-table walks, mapping and unmapping, the VSpace
 * root installed on a context switch, VM faults, and the MMU view used by the CPU simulator.
 */
public final class VSpace extends ArmModule {
    VSpace(AArch64 arch) {
        super(arch);
    }

    /** lookupPTSlot_ret_t: the slot reached and the size of what it maps. */
    public record LookupPTSlotRet(PageTable table, int index, int ptBitsLeft) {
        public Pte pte() {
            return table.get(index);
        }
    }

    /**
     * lookupIPCBuffer: the IPC buffer of {@code thread}, or null. A buffer exists only if the
     * thread's buffer slot holds a non-device frame cap with read-write rights, or read-only
     * rights when the caller will only read it ({@code isReceiver} false). The pointer is the
     * frame base plus the offset of tcbIPCBuffer within the page.
     */
    public IpcBuffer lookupIPCBuffer(boolean isReceiver, Tcb thread) {
        long w_bufferPtr = thread.tcbIPCBuffer;
        Cap bufferCap = thread.tcbCTE[Tcb.tcbBuffer].cap;
        if (!(bufferCap instanceof FrameCap fc)) {
            return null;
        }
        if (fc.isDevice()) {
            return null;
        }
        VMRights vm_rights = fc.vmRights();
        if (vm_rights == VMRights.VMReadWrite || (!isReceiver && vm_rights == VMRights.VMReadOnly)) {
            int pageBits = fc.sizeBits();
            long offset = w_bufferPtr & Words.MASK(pageBits);
            // The buffer is 2^seL4_IPCBufferSizeBits-aligned, so it never straddles the frame.
            long aligned = Words.ROUND_DOWN(offset, IpcBuffer.seL4_IPCBufferSizeBits);
            return new IpcBuffer(fc.frame(), aligned / 8);
        }
        return null;
    }

    /** checkValidIPCBuffer: the checks TCB SetIPCBuffer / Configure apply to a new buffer. */
    public ExceptionT checkValidIPCBuffer(long vptr, Cap cap) {
        if (!(cap instanceof FrameCap fc)) {
            return syscallError(SyscallError.illegalOperation());
        }
        if (fc.isDevice()) {
            return syscallError(SyscallError.illegalOperation());
        }
        if (!Words.IS_ALIGNED(vptr, IpcBuffer.seL4_IPCBufferSizeBits)) {
            return syscallError(SyscallError.alignmentError());
        }
        return ExceptionT.EXCEPTION_NONE;
    }

    /** isVTableRoot: a VSpace-root page-table cap. */
    public static boolean isVTableRoot(Cap cap) {
        return cap instanceof PageTableCap p && p.isVSpaceRoot();
    }

    /** isValidNativeRoot: a VSpace root with an ASID assigned. */
    public static boolean isValidNativeRoot(Cap cap) {
        return isVTableRoot(cap) && ((PageTableCap) cap).isMapped();
    }

    public static boolean isValidVTableRoot(Cap cap) {
        return isValidNativeRoot(cap);
    }

    /**
     * lookupPTSlot: walks from the root as far as table entries lead. The result's ptBitsLeft is
     * the size of the region the returned slot maps (30, 21 or 12 bits).
     */
    public LookupPTSlotRet lookupPTSlot(PageTable vspace, long vptr) {
        int level = UPT_LEVELS - 1;
        PageTable pt = vspace;
        int ptBitsLeft = PT_INDEX_BITS * level + seL4_PageBits;
        int index = (int) ((vptr >>> ptBitsLeft) & Words.MASK(seL4_VSpaceIndexBits));
        while (pt.get(index) instanceof Pte.TablePte t && level > 0) {
            level--;
            ptBitsLeft -= PT_INDEX_BITS;
            pt = t.table();
            index = (int) ((vptr >>> ptBitsLeft) & Words.MASK(PT_INDEX_BITS));
        }
        return new LookupPTSlotRet(pt, index, ptBitsLeft);
    }

    /** makeUserPagePTE: a stage-2 page entry for {@code frame} with the given rights and attributes. */
    public static Pte makeUserPagePTE(Frame frame, long paddr, VMRights vm_rights, long attributes, int pageBits) {
        boolean executeNever = (attributes & VM_ATTR_EXECUTE_NEVER) != 0;
        boolean cacheable = (attributes & VM_ATTR_CACHEABLE) != 0;
        return new Pte.PagePte(frame, paddr, pageBits, vm_rights, executeNever, cacheable);
    }

    /** vm_attributes_t bits (armPageCacheable bit 0, armParityEnabled bit 1, armExecuteNever bit 2). */
    public static final long VM_ATTR_CACHEABLE = 1;
    public static final long VM_ATTR_PARITY = 2;
    public static final long VM_ATTR_EXECUTE_NEVER = 4;
    /** seL4_ARM_Default_VMAttributes: cacheable. */
    public static final long seL4_ARM_Default_VMAttributes = VM_ATTR_CACHEABLE;

    /** maskVMRights: the rights a mapping gets through a cap-rights mask. */
    public static VMRights maskVMRights(VMRights vm_rights, CapRights cap_rights_mask) {
        if (vm_rights == VMRights.VMReadOnly && cap_rights_mask.allowRead()) {
            return VMRights.VMReadOnly;
        }
        if (vm_rights == VMRights.VMReadWrite && cap_rights_mask.allowRead()) {
            return cap_rights_mask.allowWrite() ? VMRights.VMReadWrite : VMRights.VMReadOnly;
        }
        // Write-only mappings do not exist: they become kernel-only.
        return VMRights.VMKernelOnly;
    }

    /**
     * unmapPageTable: removes the entry that links {@code target} into the VSpace of
     * {@code asid} at {@code vptr}; nothing happens if the link is not there any more.
     */
    public void unmapPageTable(long asid, long vptr, PageTable target) {
        AsidPools.FindVSpaceForASIDRet find = arch.asids.findVSpaceForASID(asid);
        if (find.status() != ExceptionT.EXCEPTION_NONE) {
            return;
        }
        PageTable pt = find.vspaceRoot();
        PageTable parent = null;
        int parentIndex = -1;
        for (int i = 0; i < UPT_LEVELS - 1 && pt != target; i++) {
            parent = pt;
            parentIndex = ArmLayout.GET_UPT_INDEX(vptr, i);
            if (!(pt.get(parentIndex) instanceof Pte.TablePte t)) {
                return;
            }
            pt = t.table();
        }
        if (pt != target || parent == null) {
            return;
        }
        parent.set(parentIndex, Pte.INVALID);
        arch.asids.invalidateTLBByASID(asid);
    }

    /**
     * unmapPage: removes the mapping of the frame at {@code pptr} from {@code vptr} in the VSpace
     * of {@code asid}, but only if that slot still maps this very frame with this size (frame caps
     * may carry stale mapping information).
     */
    public void unmapPage(int pageBits, long asid, long vptr, long pptr) {
        AsidPools.FindVSpaceForASIDRet find = arch.asids.findVSpaceForASID(asid);
        if (find.status() != ExceptionT.EXCEPTION_NONE) {
            return;
        }
        LookupPTSlotRet lu = lookupPTSlot(find.vspaceRoot(), vptr);
        if (lu.ptBitsLeft() != pageBits) {
            return;
        }
        if (!(lu.pte() instanceof Pte.PagePte p)) {
            return;
        }
        if (p.paddr() != ArmLayout.pptr_to_paddr(pptr)) {
            return;
        }
        lu.table().set(lu.index(), Pte.INVALID);
        arch.asids.invalidateTLBByASIDVA(asid, vptr);
    }

    /**
     * setVMRoot: installs the thread's VSpace (with its VMID, allocated on demand) or, when the
     * thread has no valid VSpace, the empty global one.
     */
    public void setVMRoot(Tcb tcb) {
        Cap threadRoot = tcb.tcbCTE[Tcb.tcbVTable].cap;
        if (!isValidNativeRoot(threadRoot)) {
            hw.setCurrentUserVSpaceRoot(0, state.armKSGlobalUserVSpace);
            return;
        }
        PageTableCap root = (PageTableCap) threadRoot;
        AsidPools.FindVSpaceForASIDRet find = arch.asids.findVSpaceForASID(root.mappedASID());
        if (find.status() != ExceptionT.EXCEPTION_NONE || find.vspaceRoot() != root.pt()) {
            hw.setCurrentUserVSpaceRoot(0, state.armKSGlobalUserVSpace);
            return;
        }
        armv_contextSwitch(root.pt(), root.mappedASID());
    }

    /** armv_contextSwitch: VTTBR := (VMID of asid, root). */
    void armv_contextSwitch(PageTable vspace, long asid) {
        int vmid = arch.asids.getHWASID(asid);
        hw.setCurrentUserVSpaceRoot(vmid, vspace);
    }

    /**
     * handleVMFault: a data abort reports the faulting address and its syndrome, a prefetch abort
     * the restart PC. With a VCPU active the guest's stage-1 translation would apply first; the
     * modelled guests run with their stage-1 MMU off, so that translation is the identity.
     */
    public ExceptionT handleVMFault(Tcb thread, Event.VMFaultType vm_faultType, long address, long fsr) {
        switch (vm_faultType) {
            case seL4_DataFault:
                ks.current_fault = new Fault.VMFault(address, fsr, false);
                return ExceptionT.EXCEPTION_FAULT;
            case seL4_InstructionFault:
                ks.current_fault = new Fault.VMFault(getRestartPC(thread), fsr, true);
                return ExceptionT.EXCEPTION_FAULT;
            default:
                fail("Invalid VM fault type");
                return ExceptionT.EXCEPTION_FAULT;
        }
    }

    /**
     * The MMU as the CPU simulator sees it: a real walk of the thread's VSpace (the cap in its
     * VTable slot, which must be a VSpace root whose ASID still maps to it). Returns null when the
     * access faults: no valid VSpace, an address above USER_TOP, no page, a kernel-only page, or a
     * write to a read-only page. Word accesses use the word containing {@code vaddr}.
     */
    public UserMapping userTranslate(Tcb thread, long vaddr, boolean write) {
        Cap c = thread.tcbCTE[Tcb.tcbVTable].cap;
        if (!isValidNativeRoot(c)) {
            return null;
        }
        PageTableCap root = (PageTableCap) c;
        AsidMap map = arch.asids.findMapForASID(root.mappedASID());
        if (map == null || map.vspaceRoot() != root.pt()) {
            return null;
        }
        if (Words.ugt(vaddr, USER_TOP)) {
            return null;
        }
        LookupPTSlotRet lu = lookupPTSlot(root.pt(), vaddr);
        if (!(lu.pte() instanceof Pte.PagePte p) || p.pageBits() != lu.ptBitsLeft()) {
            return null;
        }
        if (p.rights() == VMRights.VMKernelOnly || (write && p.rights() == VMRights.VMReadOnly)) {
            return null;
        }
        long offset = vaddr & Words.MASK(p.pageBits());
        return new UserMapping(p.frame(), offset >>> 3);
    }
}
