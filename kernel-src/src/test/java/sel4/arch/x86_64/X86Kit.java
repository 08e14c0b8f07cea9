package sel4.arch.x86_64;

import sel4.arch.ArchTestSupport;
import sel4.arch.common.AsidMap;
import sel4.arch.common.AsidPool;
import sel4.arch.common.PageTable;
import sel4.arch.common.Pte;
import sel4.kernel.Kernel;
import sel4.model.Config;
import sel4.object.cap.FrameCap;
import sel4.object.cap.VMRights;
import sel4.object.tcb.Tcb;

/** Test fixture for the x86_64 tests: a kernel with a current thread and VSpace builders. */
final class X86Kit {
    final Kernel k = new Kernel(Config.x86_64());
    final X86_64 arch = (X86_64) k.arch;
    final X86State state = arch.state();
    final X86Hardware hw = arch.hardware();
    final Tcb ct = ArchTestSupport.currentThread(k);

    FrameCap frame(int type, boolean device) {
        int bits = arch.Arch_getObjectSize(type);
        return (FrameCap) arch.Arch_createObject(type, ArchTestSupport.addr(bits), 0, device);
    }

    FrameCap smallFrame() {
        return frame(X86Layout.seL4_X86_4K, false);
    }

    X86Vcpu vcpu() {
        return ((X86VCPUCap) arch.Arch_createObject(X86Layout.seL4_X86_VCPUObject,
                ArchTestSupport.addr(X86Layout.seL4_X86_VCPUBits), 0, false)).vcpu();
    }

    /** A PML4 assigned {@code asid} (pool created if needed); returns its mapped cap. */
    X86PageTableCap pml4(long asid) {
        X86PageTableCap cap = (X86PageTableCap) arch.Arch_createObject(X86Layout.seL4_X64_PML4Object,
                ArchTestSupport.addr(12), 0, false);
        int high = AsidPool.ASID_HIGH(asid);
        if (state.x86KSASIDTable[high] == null) {
            state.x86KSASIDTable[high] = new AsidPool(ArchTestSupport.addr(12), 12);
        }
        state.x86KSASIDTable[high].array[AsidPool.ASID_LOW(asid)] = AsidMap.asid_map_vspace_new(cap.pt());
        return cap.withMapping(asid, 0);
    }

    private static final PageTable.PtType[] LEVELS = {PageTable.PtType.X64_PML4, PageTable.PtType.X64_PDPT,
        PageTable.PtType.X86_PageDirectory, PageTable.PtType.X86_PageTable};

    /** Maps a frame with the given rights, creating the paging structures on the way. */
    void map(X86PageTableCap root, FrameCap f, long vaddr, VMRights rights) {
        X86VSpace.LookupPTSlotRet lu = arch.vspace.lookupPTSlot(root.pt(), vaddr);
        while (lu.ptBitsLeft() > f.sizeBits()) {
            int level = 1 + (39 - lu.ptBitsLeft()) / 9;
            PageTable pt = new PageTable(ArchTestSupport.addr(12), 12, LEVELS[level], 9);
            k.ks.ksPSpace.insert(pt);
            lu.table().set(lu.index(), new Pte.TablePte(pt));
            lu = arch.vspace.lookupPTSlot(root.pt(), vaddr);
        }
        lu.table().set(lu.index(), new Pte.PagePte(f.frame(), f.frame().ptr(), f.sizeBits(), rights, false, true));
    }
}
