package sel4.arch.aarch64;

import static sel4.model.BootInfoSlots.seL4_CapASIDControl;
import static sel4.model.BootInfoSlots.seL4_CapInitThreadASIDPool;
import static sel4.model.BootInfoSlots.seL4_CapInitThreadIPCBuffer;
import static sel4.model.BootInfoSlots.seL4_CapInitThreadVSpace;
import static sel4.model.BootInfoSlots.seL4_CapSMC;
import static sel4.model.BootInfoSlots.seL4_CapSMMUCBControl;
import static sel4.model.BootInfoSlots.seL4_CapSMMUSIDControl;

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
 * Models the AArch64 part of the initial-state construction of seL4's src/arch/arm/kernel/boot.c
 * and the boot code of src/arch/arm/64/kernel/vspace.c (create_it_address_space,
 * write_it_asid_pool, map_it_frame_cap): the root thread's VSpace root, the ASID control cap and
 * the initial ASID pool with the root VSpace assigned ASID 1, the SMC and SMMU control caps, and
 * the mapping of the root thread's IPC buffer.
 *
 * <p>Boot writes the CNode slots directly (as seL4's write_slot), so those caps are MDB roots; the
 * copy of the VSpace cap in the TCB's VTable slot is inserted as a child of the CNode slot, as
 * create_initial_thread does. The intermediate page tables that map the IPC buffer get no caps.
 */
public final class ArchBoot extends ArmModule {
    ArchBoot(AArch64 arch) {
        super(arch);
    }

    public void Arch_createBootObjects(Tcb rootThread, CNode rootCNode, BootRegion mem) {
        PageTable vspace = new PageTable(mem.alloc(ArmObjectTypes.seL4_VSpaceBits), ArmObjectTypes.seL4_VSpaceBits,
                PageTable.PtType.VSRootPT_T, ArmLayout.seL4_VSpaceIndexBits);
        ks.ksPSpace.insert(vspace);
        AsidPool pool = new AsidPool(mem.alloc(ArmObjectTypes.seL4_ASIDPoolBits), ArmObjectTypes.seL4_ASIDPoolBits);
        ks.ksPSpace.insert(pool);

        // write_it_asid_pool: the root VSpace gets IT_ASID in the first pool.
        pool.array[AsidPool.ASID_LOW(ArmLayout.IT_ASID)] = AsidMap.asid_map_vspace_new(vspace);
        state.armKSASIDTable[AsidPool.ASID_HIGH(ArmLayout.IT_ASID)] = pool;

        PageTableCap vspaceCap = PageTableCap.unmapped(vspace).withMapping(ArmLayout.IT_ASID, 0);
        Cte vspaceSlot = rootCNode.slots[seL4_CapInitThreadVSpace];
        vspaceSlot.cap = vspaceCap;
        rootCNode.slots[seL4_CapASIDControl].cap = new ASIDControlCap();
        rootCNode.slots[seL4_CapInitThreadASIDPool].cap = new ASIDPoolCap(pool, 0);
        rootCNode.slots[seL4_CapSMC].cap = new SMCCap(0);
        rootCNode.slots[seL4_CapSMMUSIDControl].cap = new SIDControlCap();
        rootCNode.slots[seL4_CapSMMUCBControl].cap = new CBControlCap();

        k.cnodes.cteInsert(vspaceCap, vspaceSlot, rootThread.tcbCTE[Tcb.tcbVTable]);

        if (rootThread.tcbCTE[Tcb.tcbBuffer].cap instanceof FrameCap buffer) {
            long vaddr = Words.ROUND_DOWN(rootThread.tcbIPCBuffer, buffer.sizeBits());
            map_it_frame(vspace, buffer, vaddr, mem);
            Cte bufferSlot = rootCNode.slots[seL4_CapInitThreadIPCBuffer];
            if (bufferSlot.cap instanceof FrameCap fc && fc.frame() == buffer.frame()) {
                bufferSlot.cap = fc.withMapping(ArmLayout.IT_ASID, vaddr);
            }
        }
    }

    /** map_it_frame_cap: maps a frame read-write, creating the page tables on the way. */
    private void map_it_frame(PageTable vspace, FrameCap frame, long vaddr, BootRegion mem) {
        int pageBits = frame.sizeBits();
        VSpace.LookupPTSlotRet slot = arch.vspace.lookupPTSlot(vspace, vaddr);
        while (slot.ptBitsLeft() > pageBits) {
            PageTable pt = new PageTable(mem.alloc(ArmObjectTypes.seL4_PageTableBits),
                    ArmObjectTypes.seL4_PageTableBits, PageTable.PtType.NormalPT_T, ArmLayout.PT_INDEX_BITS);
            ks.ksPSpace.insert(pt);
            slot.table().set(slot.index(), new Pte.TablePte(pt));
            slot = arch.vspace.lookupPTSlot(vspace, vaddr);
        }
        slot.table().set(slot.index(), VSpace.makeUserPagePTE(frame.frame(), ArmLayout.pptr_to_paddr(frame.frame().ptr()),
                VMRights.VMReadWrite, VSpace.seL4_ARM_Default_VMAttributes, pageBits));
    }
}
