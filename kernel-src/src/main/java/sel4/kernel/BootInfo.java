package sel4.kernel;

import java.util.List;

/**
 * Models the parts of seL4's boot-info frame (libsel4 bootinfo_types.h, {@code seL4_BootInfo})
 * that a root task needs to get going: where its free slots are, which untyped caps it owns and
 * what physical memory they cover, where the SchedControl cap is, and which IRQs the kernel keeps
 * for itself.
 *
 * <p>seL4 writes this structure into a frame mapped into the root task's VSpace. The model builds
 * the same information as a value handed to the harness that plays the root task (see
 * {@link Boot}); the boot-info frame itself still exists (slot {@code seL4_CapBootInfoFrame}).
 *
 * @param initThreadCNodeSizeBits radix of the root CNode (its cap has a guard so that a full
 *                                64-bit CPtr resolves to a slot, as in seL4)
 * @param initThreadDomain        domain of the root thread
 * @param ipcBufferVaddr          virtual address of the root thread's IPC buffer
 * @param empty                   free slots of the root CNode, [start, end)
 * @param schedControl            slots holding the SchedControl caps (one per core; the model has one)
 * @param untyped                 slots holding the untyped caps, [start, end)
 * @param untypedList             one entry per untyped cap, in slot order
 * @param timerIrq                IRQ of the kernel's deadline timer (state IRQTimer)
 * @param vgicMaintenanceIrq      VGIC maintenance IRQ (IRQReserved), or -1 when the architecture
 *                                has no hypervisor interrupt controller
 * @param vtimerIrq               virtual-timer PPI (IRQReserved), or -1 likewise
 */
public record BootInfo(int initThreadCNodeSizeBits, int initThreadDomain, long ipcBufferVaddr,
                       SlotRegion empty, SlotRegion schedControl, SlotRegion untyped,
                       List<UntypedDesc> untypedList, int timerIrq, int vgicMaintenanceIrq, int vtimerIrq) {

    public BootInfo {
        untypedList = List.copyOf(untypedList);
    }

    /** The SchedControl cap of core 0. */
    public int schedControlSlot() {
        return schedControl.start();
    }

    /** seL4_SlotRegion: slots [start, end). */
    public record SlotRegion(int start, int end) {
        public int size() {
            return end - start;
        }

        public boolean contains(long slot) {
            return slot >= start && slot < end;
        }
    }

    /**
     * seL4_UntypedDesc plus the slot of its cap: the untyped covers [paddr, paddr + 2^sizeBits).
     * Device untypeds can only be retyped into frames (and smaller untypeds).
     */
    public record UntypedDesc(int slot, long paddr, int sizeBits, boolean isDevice) {
        public long end() {
            return paddr + (1L << sizeBits);
        }
    }
}
