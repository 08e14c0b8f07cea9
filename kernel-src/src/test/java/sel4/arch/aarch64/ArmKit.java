package sel4.arch.aarch64;

import sel4.arch.ArchTestSupport;
import sel4.arch.common.AsidPool;
import sel4.arch.common.Pte;
import sel4.kernel.Kernel;
import sel4.model.Config;
import sel4.object.cap.FrameCap;
import sel4.object.cap.VMRights;
import sel4.object.cnode.Cte;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;

/**
 * Test fixture for the AArch64 tests: a kernel with a current thread, plus builders for frames,
 * VSpaces with an assigned ASID and mappings made with the kernel's own perform functions (which
 * need no other kernel module).
 */
final class ArmKit {
    final Kernel k;
    final AArch64 arch;
    final ArmState state;
    final ArmHardware hw;
    final Tcb ct;

    ArmKit() {
        this(Config.aarch64());
    }

    ArmKit(Config config) {
        this.k = new Kernel(config);
        this.arch = (AArch64) k.arch;
        this.state = arch.state();
        this.hw = arch.hardware();
        this.ct = ArchTestSupport.currentThread(k);
    }

    /**
     * Gives {@code t} an active round-robin SC, as a thread the kernel is running has: it is then
     * schedulable, which interrupt handlers guarded against issue #346 check before faulting it.
     */
    void schedulable(Tcb t) {
        SchedContext sc = new SchedContext(ArchTestSupport.addr(8), 8);
        sc.scRefillMax = Config.minRefills;
        sc.scRefillHead = 0;
        sc.scRefillTail = 1;
        sc.rTime[0] = k.ks.ksCurTime;
        sc.rAmount[0] = 1_000_000;
        sc.scTcb = t;
        t.tcbSchedContext = sc;
    }

    Cte slot(sel4.object.cap.Cap cap) {
        return ArchTestSupport.slotWith(cap);
    }

    FrameCap frame(int type, boolean device) {
        int bits = arch.Arch_getObjectSize(type);
        return (FrameCap) arch.Arch_createObject(type, ArchTestSupport.addr(bits), 0, device);
    }

    FrameCap smallFrame() {
        return frame(ArmObjectTypes.seL4_ARM_SmallPageObject, false);
    }

    Vcpu vcpu() {
        return ((VCPUCap) arch.Arch_createObject(ArmObjectTypes.seL4_ARM_VCPUObject,
                ArchTestSupport.addr(ArmObjectTypes.VCPU_SIZE_BITS), 0, false)).vcpu();
    }

    /** A pool in the ASID table for the high bits of {@code asid} (created if missing). */
    AsidPool pool(long asid) {
        int high = AsidPool.ASID_HIGH(asid);
        if (state.armKSASIDTable[high] == null) {
            AsidPool p = new AsidPool(ArchTestSupport.addr(12), 12);
            k.ks.ksPSpace.insert(p);
            state.armKSASIDTable[high] = p;
        }
        return state.armKSASIDTable[high];
    }

    /** A new VSpace root assigned {@code asid}; returns the slot holding its (mapped) cap. */
    Cte vspace(long asid) {
        PageTableCap cap = (PageTableCap) arch.Arch_createObject(ArmObjectTypes.seL4_ARM_VSpaceObject,
                ArchTestSupport.addr(ArmObjectTypes.seL4_VSpaceBits), 0, false);
        Cte s = slot(cap);
        arch.vspaceInvocations.performASIDPoolInvocation(asid, pool(asid), s);
        return s;
    }

    /** Installs the VSpace in {@code slot} as the thread's VTable. */
    void useVSpace(Tcb t, Cte vspaceSlot) {
        t.tcbCTE[Tcb.tcbVTable].cap = vspaceSlot.cap;
    }

    /**
     * Maps {@code frameSlot}'s frame at {@code vaddr} with {@code rights}, creating page tables as
     * needed, through performPageTableInvocationMap and performPageInvocationMap.
     */
    void map(Cte vspaceSlot, Cte frameSlot, long vaddr, VMRights rights) {
        PageTableCap root = (PageTableCap) vspaceSlot.cap;
        FrameCap fc = (FrameCap) frameSlot.cap;
        VSpace.LookupPTSlotRet lu = arch.vspace.lookupPTSlot(root.pt(), vaddr);
        while (lu.ptBitsLeft() > fc.sizeBits()) {
            PageTableCap pt = (PageTableCap) arch.Arch_createObject(ArmObjectTypes.seL4_ARM_PageTableObject,
                    ArchTestSupport.addr(ArmObjectTypes.seL4_PageTableBits), 0, false);
            Cte ptSlot = slot(pt);
            arch.vspaceInvocations.performPageTableInvocationMap(
                    pt.withMapping(root.mappedASID(), vaddr & ~((1L << lu.ptBitsLeft()) - 1)), ptSlot,
                    new Pte.TablePte(pt.pt()), lu);
            lu = arch.vspace.lookupPTSlot(root.pt(), vaddr);
        }
        arch.vspaceInvocations.performPageInvocationMap(root.mappedASID(), fc.withMapping(root.mappedASID(), vaddr),
                frameSlot, VSpace.makeUserPagePTE(fc.frame(), fc.frame().ptr(), rights,
                        VSpace.seL4_ARM_Default_VMAttributes, fc.sizeBits()), lu);
    }
}
