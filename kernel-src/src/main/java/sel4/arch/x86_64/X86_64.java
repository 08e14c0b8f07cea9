package sel4.arch.x86_64;

import sel4.api.Event;
import sel4.api.ExceptionT;
import sel4.api.Fault;
import sel4.arch.Arch;
import sel4.arch.BootRegion;
import sel4.arch.UserMapping;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.machine.Registers;
import sel4.object.ObjectType;
import sel4.object.cap.Cap;
import sel4.object.cap.CapRights;
import sel4.object.cnode.CNode;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;

/**
 * The x86_64 subset of the model (seL4's src/arch/x86 with x86_64 mode files and VT-x): I/O
 * ports, VT-x VCPUs and frame GetAddress, plus the address-space and object hooks the generic
 * kernel needs. Each hook delegates to the module that models the corresponding seL4 file.
 *
 * <p>Creating it installs the arch state in {@code ks.archState} and the x86 hardware (I/O port
 * devices, VT-x unit) in {@code machine.archHardware()}.
 */
public final class X86_64 extends KernelModule implements Arch {
    private final X86State state;
    private final X86Hardware hardware;

    public final X86VSpace vspace;
    public final X86MMUInvocations mmu;
    public final IoPorts ioPorts;
    public final X86Vcpus vcpus;
    public final X86VcpuInvocations vcpuInvocations;
    public final X86ArchObjects objects;
    public final X86ArchFaults faults;
    public final X86ArchThread thread;
    public final X86ArchBoot boot;

    public X86_64(Kernel k) {
        super(k);
        this.state = new X86State();
        ks.archState = state;
        this.hardware = new X86Hardware();
        machine.setArchHardware(hardware);
        this.vspace = new X86VSpace(this);
        this.mmu = new X86MMUInvocations(this);
        this.ioPorts = new IoPorts(this);
        this.vcpus = new X86Vcpus(this);
        this.vcpuInvocations = new X86VcpuInvocations(this);
        this.objects = new X86ArchObjects(this);
        this.faults = new X86ArchFaults(this);
        this.thread = new X86ArchThread(this);
        this.boot = new X86ArchBoot(this);
    }

    Kernel kernel() {
        return k;
    }

    public X86State state() {
        return state;
    }

    public X86Hardware hardware() {
        return hardware;
    }

    @Override
    public String[] registerNames() {
        return Registers.X86_64_NAMES.clone();
    }

    @Override
    public int[] frameRegisters() {
        return Registers.X86_64_FRAME_REGISTERS.clone();
    }

    @Override
    public int[] gpRegisters() {
        return Registers.X86_64_GP_REGISTERS.clone();
    }

    @Override
    public IpcBuffer lookupIPCBuffer(boolean isReceiver, Tcb t) {
        return vspace.lookupIPCBuffer(isReceiver, t);
    }

    @Override
    public ExceptionT Arch_decodeInvocation(long invLabel, int length, long cptr, Cte slot, Cap cap, boolean call,
                                            IpcBuffer buffer) {
        return objects.Arch_decodeInvocation(invLabel, length, cptr, slot, cap, call, buffer);
    }

    @Override
    public ObjectType.DeriveCapRet Arch_deriveCap(Cte slot, Cap cap) {
        return objects.Arch_deriveCap(slot, cap);
    }

    @Override
    public ObjectType.FinaliseCapRet Arch_finaliseCap(Cap cap, boolean isFinal) {
        return objects.Arch_finaliseCap(cap, isFinal);
    }

    @Override
    public boolean Arch_sameRegionAs(Cap cap_a, Cap cap_b) {
        return objects.Arch_sameRegionAs(cap_a, cap_b);
    }

    @Override
    public boolean Arch_sameObjectAs(Cap cap_a, Cap cap_b) {
        return objects.Arch_sameObjectAs(cap_a, cap_b);
    }

    @Override
    public Cap Arch_updateCapData(boolean preserve, long data, Cap cap) {
        return objects.Arch_updateCapData(preserve, data, cap);
    }

    @Override
    public Cap Arch_maskCapRights(CapRights cap_rights_mask, Cap cap) {
        return objects.Arch_maskCapRights(cap_rights_mask, cap);
    }

    @Override
    public int Arch_getObjectSize(int type) {
        return objects.Arch_getObjectSize(type);
    }

    @Override
    public Cap Arch_createObject(int type, long regionBase, int userSize, boolean deviceMemory) {
        return objects.Arch_createObject(type, regionBase, userSize, deviceMemory);
    }

    @Override
    public boolean Arch_isFrameType(int type) {
        return objects.Arch_isFrameType(type);
    }

    @Override
    public boolean Arch_isCapRevocable(Cap derivedCap, Cap srcCap) {
        return objects.Arch_isCapRevocable(derivedCap, srcCap);
    }

    @Override
    public long cap_get_archCapPtr(Cap cap) {
        return objects.cap_get_archCapPtr(cap);
    }

    @Override
    public int cap_get_archCapSizeBits(Cap cap) {
        return objects.cap_get_archCapSizeBits(cap);
    }

    @Override
    public void Arch_postCapDeletion(Cap cap) {
        objects.Arch_postCapDeletion(cap);
    }

    @Override
    public boolean isValidVTableRoot(Cap cap) {
        return X86VSpace.isValidVTableRoot(cap);
    }

    @Override
    public ExceptionT checkValidIPCBuffer(long vptr, Cap cap) {
        return vspace.checkValidIPCBuffer(vptr, cap);
    }

    /** The x86 subset has no arch IRQ-control labels (IOAPIC / MSI issue are outside it). */
    @Override
    public ExceptionT Arch_decodeIRQControlInvocation(long invLabel, int length, Cte srcSlot, IpcBuffer buffer) {
        return syscallError(sel4.api.SyscallError.illegalOperation());
    }

    @Override
    public ExceptionT handleVMFault(Tcb t, Event.VMFaultType vm_faultType, long address, long fsr) {
        return vspace.handleVMFault(t, vm_faultType, address, fsr);
    }

    @Override
    public ExceptionT handleVCPUFault(long hsr) {
        return faults.handleVCPUFault(hsr);
    }

    /** No IRQ is reserved for the kernel in the x86 subset; a reserved IRQ is ignored. */
    @Override
    public void handleReservedIRQ(int irq) {
        // Nothing is reserved on x86 in the model.
    }

    @Override
    public void Arch_switchToThread(Tcb tcb) {
        thread.Arch_switchToThread(tcb);
    }

    @Override
    public void Arch_switchToIdleThread() {
        thread.Arch_switchToIdleThread();
    }

    @Override
    public void Arch_activateIdleThread(Tcb tcb) {
        thread.Arch_activateIdleThread(tcb);
    }

    @Override
    public void Arch_prepareNextDomain() {
        thread.Arch_prepareNextDomain();
    }

    @Override
    public void Arch_prepareSetDomain(Tcb tptr, int dom) {
        thread.Arch_prepareSetDomain(tptr, dom);
    }

    @Override
    public void Arch_prepareThreadDelete(Tcb t) {
        objects.Arch_prepareThreadDelete(t);
    }

    @Override
    public int Arch_setMRs_fault(Tcb sender, Tcb receiver, IpcBuffer receiveIPCBuffer, Fault fault) {
        return faults.Arch_setMRs_fault(sender, receiver, receiveIPCBuffer, fault);
    }

    @Override
    public boolean Arch_handleFaultReply(Tcb faulter, Tcb receiver, Fault fault, int length) {
        return faults.Arch_handleFaultReply(faulter, receiver, fault, length);
    }

    @Override
    public void Arch_createBootObjects(Tcb rootThread, CNode rootCNode, BootRegion mem) {
        boot.Arch_createBootObjects(rootThread, rootCNode, mem);
    }

    @Override
    public UserMapping userTranslate(Tcb t, long vaddr, boolean write) {
        return vspace.userTranslate(t, vaddr, write);
    }
}
