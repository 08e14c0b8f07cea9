package sel4.arch.x86_64;

import static sel4.model.BootInfoSlots.seL4_CapASIDControl;
import static sel4.model.BootInfoSlots.seL4_CapIOPortControl;
import static sel4.model.BootInfoSlots.seL4_CapInitThreadASIDPool;
import static sel4.model.BootInfoSlots.seL4_CapInitThreadIPCBuffer;
import static sel4.model.BootInfoSlots.seL4_CapInitThreadVSpace;

import sel4.arch.BootRegion;
import sel4.arch.common.ASIDControlCap;
import sel4.arch.common.ASIDPoolCap;
import sel4.arch.common.AsidMap;
import sel4.arch.common.AsidPool;
import sel4.arch.common.PageTable;
import sel4.arch.common.Pte;
import sel4.machine.Words;
import sel4.object.cap.FrameCap;
import sel4.object.cap.VMRights;
import sel4.object.cnode.CNode;
import sel4.object.cnode.Cte;
import sel4.object.tcb.Tcb;

/**
 * Models the x86_64 part of the initial-state construction of seL4's src/arch/x86/kernel/boot.c
 * and the boot code of src/arch/x86/64/kernel/vspace.c: the root thread's PML4 with ASID 1 in the
 * initial pool, the ASID control and pool caps, the I/O port control cap, and the mapping of the
 * root thread's IPC buffer (paging structures created on the way get no caps).
 */
public final class X86ArchBoot extends X86Module {
    X86ArchBoot(X86_64 arch) {
        super(arch);
    }

    public void Arch_createBootObjects(Tcb rootThread, CNode rootCNode, BootRegion mem) {
        PageTable pml4 = new PageTable(mem.alloc(X86Layout.seL4_PML4Bits), X86Layout.seL4_PML4Bits,
                PageTable.PtType.X64_PML4, X86Layout.PT_INDEX_BITS);
        ks.ksPSpace.insert(pml4);
        AsidPool pool = new AsidPool(mem.alloc(X86Layout.seL4_ASIDPoolBits), X86Layout.seL4_ASIDPoolBits);
        ks.ksPSpace.insert(pool);
        pool.array[AsidPool.ASID_LOW(X86Layout.IT_ASID)] = AsidMap.asid_map_vspace_new(pml4);
        state.x86KSASIDTable[AsidPool.ASID_HIGH(X86Layout.IT_ASID)] = pool;

        X86PageTableCap vspaceCap = X86PageTableCap.unmapped(pml4).withMapping(X86Layout.IT_ASID, 0);
        Cte vspaceSlot = rootCNode.slots[seL4_CapInitThreadVSpace];
        vspaceSlot.cap = vspaceCap;
        rootCNode.slots[seL4_CapASIDControl].cap = new ASIDControlCap();
        rootCNode.slots[seL4_CapInitThreadASIDPool].cap = new ASIDPoolCap(pool, 0);
        rootCNode.slots[seL4_CapIOPortControl].cap = new IOPortControlCap();

        k.cnodes.cteInsert(vspaceCap, vspaceSlot, rootThread.tcbCTE[Tcb.tcbVTable]);

        if (rootThread.tcbCTE[Tcb.tcbBuffer].cap instanceof FrameCap buffer) {
            long vaddr = Words.ROUND_DOWN(rootThread.tcbIPCBuffer, buffer.sizeBits());
            map_it_frame(pml4, buffer, vaddr, mem);
            Cte bufferSlot = rootCNode.slots[seL4_CapInitThreadIPCBuffer];
            if (bufferSlot.cap instanceof FrameCap fc && fc.frame() == buffer.frame()) {
                bufferSlot.cap = fc.withMapping(X86Layout.IT_ASID, vaddr);
            }
        }
    }

    private static final PageTable.PtType[] LEVEL_TYPES = {
        PageTable.PtType.X64_PML4, PageTable.PtType.X64_PDPT, PageTable.PtType.X86_PageDirectory,
        PageTable.PtType.X86_PageTable};

    private void map_it_frame(PageTable pml4, FrameCap frame, long vaddr, BootRegion mem) {
        int pageBits = frame.sizeBits();
        X86VSpace.LookupPTSlotRet slot = arch.vspace.lookupPTSlot(pml4, vaddr);
        while (slot.ptBitsLeft() > pageBits) {
            int nextLevel = 1 + (X86Layout.levelShift(0) - slot.ptBitsLeft()) / X86Layout.PT_INDEX_BITS;
            PageTable pt = new PageTable(mem.alloc(X86Layout.seL4_PageTableBits), X86Layout.seL4_PageTableBits,
                    LEVEL_TYPES[nextLevel], X86Layout.PT_INDEX_BITS);
            ks.ksPSpace.insert(pt);
            slot.table().set(slot.index(), new Pte.TablePte(pt));
            slot = arch.vspace.lookupPTSlot(pml4, vaddr);
        }
        slot.table().set(slot.index(), new Pte.PagePte(frame.frame(), X86Layout.pptr_to_paddr(frame.frame().ptr()),
                pageBits, VMRights.VMReadWrite, false, true));
    }
}
