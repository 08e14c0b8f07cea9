package sel4.model;

/**
 * The fixed slots of the root thread's CNode after boot (libsel4 bootinfo_types.h,
 * seL4_RootCNodeCapSlots). Slots from {@link #seL4_NumInitialCaps} on hold untyped caps and then
 * free slots, as reported by the boot info.
 */
public final class BootInfoSlots {
    public static final int seL4_CapNull = 0;
    public static final int seL4_CapInitThreadTCB = 1;
    public static final int seL4_CapInitThreadCNode = 2;
    public static final int seL4_CapInitThreadVSpace = 3;
    public static final int seL4_CapIRQControl = 4;
    public static final int seL4_CapASIDControl = 5;
    public static final int seL4_CapInitThreadASIDPool = 6;
    public static final int seL4_CapIOPortControl = 7;
    public static final int seL4_CapIOSpace = 8;
    public static final int seL4_CapBootInfoFrame = 9;
    public static final int seL4_CapInitThreadIPCBuffer = 10;
    public static final int seL4_CapDomain = 11;
    public static final int seL4_CapSMMUSIDControl = 12;
    public static final int seL4_CapSMMUCBControl = 13;
    public static final int seL4_CapInitThreadSC = 14;
    public static final int seL4_CapSMC = 15;
    public static final int seL4_NumInitialCaps = 16;

    private BootInfoSlots() {
    }
}
