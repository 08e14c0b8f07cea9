package sel4.arch.x86_64;

import static sel4.arch.common.AsidPool.ASID_HIGH;
import static sel4.arch.common.AsidPool.ASID_LOW;

import sel4.api.Event;
import sel4.api.ExceptionT;
import sel4.api.Fault;
import sel4.api.LookupFault;
import sel4.api.SyscallError;
import sel4.arch.UserMapping;
import sel4.arch.common.AsidMap;
import sel4.arch.common.AsidPool;
import sel4.arch.common.PageTable;
import sel4.arch.common.Pte;
import sel4.machine.Words;
import sel4.object.cap.Cap;
import sel4.object.cap.FrameCap;
import sel4.object.cap.VMRights;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;

/**
 * Models the address-space part of seL4's src/arch/x86/kernel/vspace.c and
 * src/arch/x86/64/kernel/vspace.c: IPC-buffer lookup, the four-level page-table walk, ASID
 * lookup and deletion, unmapping, the root installed in CR3 on a switch, VM faults and the MMU
 * view used by the CPU simulator.
 */
public final class X86VSpace extends X86Module {
    X86VSpace(X86_64 arch) {
        super(arch);
    }

    /** lookupPTSlot_ret_t: the slot reached and the size of what it maps. */
    public record LookupPTSlotRet(PageTable table, int index, int ptBitsLeft) {
        public Pte pte() {
            return table.get(index);
        }
    }

    /** lookupIPCBuffer: same rule as on ARM (non-device frame, RW, or RO when only read). */
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
            long offset = w_bufferPtr & Words.MASK(fc.sizeBits());
            // The buffer is 2^seL4_IPCBufferSizeBits-aligned, so it never straddles the frame.
            long aligned = Words.ROUND_DOWN(offset, IpcBuffer.seL4_IPCBufferSizeBits);
            return new IpcBuffer(fc.frame(), aligned / 8);
        }
        return null;
    }

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

    /** isValidVTableRoot: a PML4 cap with an ASID assigned. */
    public static boolean isValidVTableRoot(Cap cap) {
        return cap instanceof X86PageTableCap p && p.isPML4() && p.isMapped();
    }

    public AsidMap findMapForASID(long asid) {
        if (!AsidPool.inRange(asid)) {
            return null;
        }
        AsidPool pool = state.x86KSASIDTable[ASID_HIGH(asid)];
        return pool == null ? null : pool.array[ASID_LOW(asid)];
    }

    /** findVSpaceForASID: the PML4 of {@code asid}, or an InvalidRoot lookup fault. */
    public PageTable findVSpaceForASID(long asid) {
        AsidMap m = findMapForASID(asid);
        if (m == null) {
            ks.current_lookup_fault = new LookupFault.InvalidRoot();
            return null;
        }
        return m.vspaceRoot();
    }

    /** lookupPTSlot: walks PML4 → PDPT → PD → PT as far as table entries lead. */
    public LookupPTSlotRet lookupPTSlot(PageTable pml4, long vptr) {
        int level = 0;
        PageTable pt = pml4;
        int shift = X86Layout.levelShift(0);
        int index = (int) ((vptr >>> shift) & Words.MASK(X86Layout.PT_INDEX_BITS));
        while (pt.get(index) instanceof Pte.TablePte t && level < 3) {
            level++;
            pt = t.table();
            shift = X86Layout.levelShift(level);
            index = (int) ((vptr >>> shift) & Words.MASK(X86Layout.PT_INDEX_BITS));
        }
        return new LookupPTSlotRet(pt, index, shift);
    }

    /** setVMRoot: CR3 := the thread's PML4, or the kernel's own when the thread has no valid one. */
    public void setVMRoot(Tcb tcb) {
        Cap threadRoot = tcb.tcbCTE[Tcb.tcbVTable].cap;
        if (!isValidVTableRoot(threadRoot)) {
            hw.vmx().setCR3(null, 0);
            return;
        }
        X86PageTableCap root = (X86PageTableCap) threadRoot;
        AsidMap m = findMapForASID(root.mappedASID());
        if (m == null || m.vspaceRoot() != root.pt()) {
            hw.vmx().setCR3(null, 0);
            return;
        }
        hw.vmx().setCR3(root.pt(), root.mappedASID());
    }

    /** handleVMFault: the faulting address (CR2) and the error code, data or instruction fetch. */
    public ExceptionT handleVMFault(Tcb thread, Event.VMFaultType vm_faultType, long address, long fsr) {
        switch (vm_faultType) {
            case seL4_DataFault:
                ks.current_fault = new Fault.VMFault(address, fsr, false);
                return ExceptionT.EXCEPTION_FAULT;
            case seL4_InstructionFault:
                ks.current_fault = new Fault.VMFault(address, fsr, true);
                return ExceptionT.EXCEPTION_FAULT;
            default:
                fail("Invalid VM fault type");
                return ExceptionT.EXCEPTION_FAULT;
        }
    }

    /** userTranslate: a walk of the thread's PML4 honouring the mapping's rights. */
    public UserMapping userTranslate(Tcb thread, long vaddr, boolean write) {
        Cap c = thread.tcbCTE[Tcb.tcbVTable].cap;
        if (!isValidVTableRoot(c)) {
            return null;
        }
        X86PageTableCap root = (X86PageTableCap) c;
        AsidMap m = findMapForASID(root.mappedASID());
        if (m == null || m.vspaceRoot() != root.pt() || Words.ugt(vaddr, X86Layout.USER_TOP)) {
            return null;
        }
        LookupPTSlotRet lu = lookupPTSlot(root.pt(), vaddr);
        if (!(lu.pte() instanceof Pte.PagePte p) || p.pageBits() != lu.ptBitsLeft()) {
            return null;
        }
        if (p.rights() == VMRights.VMKernelOnly || (write && p.rights() == VMRights.VMReadOnly)) {
            return null;
        }
        return new UserMapping(p.frame(), (vaddr & Words.MASK(p.pageBits())) >>> 3);
    }

    /** unmapPage: clears the mapping if the slot still maps this frame with this size. */
    public void unmapPage(int pageBits, long asid, long vptr, long pptr) {
        AsidMap m = findMapForASID(asid);
        if (m == null) {
            return;
        }
        LookupPTSlotRet lu = lookupPTSlot(m.vspaceRoot(), vptr);
        if (lu.ptBitsLeft() != pageBits || !(lu.pte() instanceof Pte.PagePte p)
                || p.paddr() != X86Layout.pptr_to_paddr(pptr)) {
            return;
        }
        lu.table().set(lu.index(), Pte.INVALID);
    }

    /**
     * unmapPageTable / unmapPageDirectory / unmapPDPT: removes the entry that links
     * {@code target} into the VSpace of {@code asid} at {@code vptr}, if it is still there.
     */
    public void unmapPagingStructure(long asid, long vptr, PageTable target) {
        AsidMap m = findMapForASID(asid);
        if (m == null) {
            return;
        }
        PageTable pt = m.vspaceRoot();
        for (int level = 0; level < 3; level++) {
            int index = (int) ((vptr >>> X86Layout.levelShift(level)) & Words.MASK(X86Layout.PT_INDEX_BITS));
            if (!(pt.get(index) instanceof Pte.TablePte t)) {
                return;
            }
            if (t.table() == target) {
                pt.set(index, Pte.INVALID);
                return;
            }
            pt = t.table();
        }
    }

    /** deleteASID: unassigns {@code asid} if it still maps {@code vspace}. */
    public void deleteASID(long asid, PageTable vspace) {
        AsidPool pool = state.x86KSASIDTable[ASID_HIGH(asid)];
        if (pool != null) {
            AsidMap m = pool.array[ASID_LOW(asid)];
            if (m != null && m.vspaceRoot() == vspace) {
                pool.array[ASID_LOW(asid)] = null;
                setVMRoot(ks.ksCurThread);
            }
        }
    }

    /** deleteASIDPool: removes the pool from the ASID table. */
    public void deleteASIDPool(long asid_base, AsidPool pool) {
        if (state.x86KSASIDTable[ASID_HIGH(asid_base)] == pool) {
            state.x86KSASIDTable[ASID_HIGH(asid_base)] = null;
            setVMRoot(ks.ksCurThread);
        }
    }
}
