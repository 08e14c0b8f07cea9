package sel4.arch;

import sel4.api.Event;
import sel4.api.ExceptionT;
import sel4.api.Fault;
import sel4.object.ObjectType;
import sel4.object.cap.Cap;
import sel4.object.cap.CapRights;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;

/**
 * The architecture interface of the model: the {@code Arch_*} hooks and arch-specific functions
 * that seL4's generic code calls (include/arch/*, src/arch/*; Haskell Arch modules). One
 * implementation per supported architecture, chosen at boot.
 *
 * <p>Frame capabilities ({@link sel4.object.cap.FrameCap}) and every {@link sel4.object.cap.ArchCap}
 * are architecture capabilities: generic code hands them to these hooks.
 */
public interface Arch {

    /** Register names of this architecture, indexed by register number. */
    String[] registerNames();

    /** seL4_UserContext order: frame registers then general-purpose registers. */
    int[] frameRegisters();

    int[] gpRegisters();

    /** lookupIPCBuffer (arch vspace.c): the thread's IPC buffer, or null (KERNEL-REFERENCE §2.6). */
    IpcBuffer lookupIPCBuffer(boolean isReceiver, Tcb thread);

    /** Arch_decodeInvocation: decoders of frame caps and arch caps. */
    ExceptionT Arch_decodeInvocation(long invLabel, int length, long cptr, Cte slot, Cap cap, boolean call,
                                     IpcBuffer buffer);

    ObjectType.DeriveCapRet Arch_deriveCap(Cte slot, Cap cap);

    ObjectType.FinaliseCapRet Arch_finaliseCap(Cap cap, boolean isFinal);

    boolean Arch_sameRegionAs(Cap cap_a, Cap cap_b);

    boolean Arch_sameObjectAs(Cap cap_a, Cap cap_b);

    Cap Arch_updateCapData(boolean preserve, long data, Cap cap);

    Cap Arch_maskCapRights(CapRights cap_rights_mask, Cap cap);

    /** Arch_getObjectSize: size bits of an arch object type, or -1 if not an arch type. */
    int Arch_getObjectSize(int type);

    /** Arch_createObject: creates an arch object at regionBase and returns its cap. */
    Cap Arch_createObject(int type, long regionBase, int userSize, boolean deviceMemory);

    /** Arch_isFrameType. */
    boolean Arch_isFrameType(int type);

    /** Arch_decodeIRQControlInvocation (trigger-mode IRQ issue, SGI signals). */
    ExceptionT Arch_decodeIRQControlInvocation(long invLabel, int length, Cte srcSlot, IpcBuffer buffer);

    /** handleVMFault: builds the VM fault into {@code ks.current_fault}; returns EXCEPTION_FAULT. */
    ExceptionT handleVMFault(Tcb thread, Event.VMFaultType vm_faultType, long address, long fsr);

    /** handleVCPUFault: hypervisor trap of the current thread's VCPU (sets current_fault). */
    ExceptionT handleVCPUFault(long hsr);

    /** handleReservedIRQ: VGIC maintenance and VPPI handling. */
    void handleReservedIRQ(int irq);

    void Arch_switchToThread(Tcb tcb);

    void Arch_switchToIdleThread();

    void Arch_activateIdleThread(Tcb tcb);

    void Arch_prepareNextDomain();

    void Arch_prepareSetDomain(Tcb tptr, int dom);

    /** Arch_prepareThreadDelete: dissociate a VCPU, release the FPU. */
    void Arch_prepareThreadDelete(Tcb thread);

    /** Arch_setMRs_fault: message words of an arch fault; returns the message length. */
    int Arch_setMRs_fault(Tcb sender, Tcb receiver, IpcBuffer receiveIPCBuffer, Fault fault);

    /** Arch_handleFaultReply: true if the faulting thread is to be restarted. */
    boolean Arch_handleFaultReply(Tcb faulter, Tcb receiver, Fault fault, int length);

    /**
     * Boot: creates the architecture's initial objects and caps for the root thread (VSpace root
     * in slot seL4_CapInitThreadVSpace and in the TCB's VTable slot, ASID control and the initial
     * ASID pool, SMC / SMMU controls on AArch64, I/O port control on x86_64) and maps the IPC
     * buffer frame at the thread's tcbIPCBuffer address. Slots are those of
     * {@link sel4.model.BootInfoSlots}.
     */
    void Arch_createBootObjects(Tcb rootThread, sel4.object.cnode.CNode rootCNode, BootRegion mem);

    /**
     * The MMU as seen by a user thread: translates {@code vaddr} in the thread's VSpace. Returns
     * null when the access faults (unmapped, or a write to a read-only mapping).
     */
    UserMapping userTranslate(Tcb thread, long vaddr, boolean write);

    // ---- Added by the arch implementation (K6): C helpers the generic code needs for arch caps ----

    /** Arch_isCapRevocable: whether a cap derived from {@code srcCap} is a revocable MDB child. */
    boolean Arch_isCapRevocable(Cap derivedCap, Cap srcCap);

    /** cap_get_archCapPtr: base address of the object an arch (or frame) cap names; 0 if none. */
    long cap_get_archCapPtr(Cap cap);

    /** cap_get_archCapSizeBits: size bits of that object; 0 if none. */
    int cap_get_archCapSizeBits(Cap cap);

    /**
     * Arch_postCapDeletion: work after an arch cap's slot was emptied, with the cleanup cap that
     * Arch_finaliseCap returned (x86 frees an I/O port range here).
     */
    void Arch_postCapDeletion(Cap cap);

    /** isValidVTableRoot: a cap that TCB Configure / SetSpace accept as a VSpace root. */
    boolean isValidVTableRoot(Cap cap);

    /** checkValidIPCBuffer: TCB Configure / SetIPCBuffer checks (frame cap, not device, aligned). */
    ExceptionT checkValidIPCBuffer(long vptr, Cap cap);
}
