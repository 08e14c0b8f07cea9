package sel4.arch.aarch64;

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
 * The AArch64 architecture of the model (seL4's src/arch/arm with aarch64 mode files and
 * hypervisor support; Haskell AARCH64 modules): the {@code Arch_*} hooks the generic kernel calls,
 * each delegating to the module that models the corresponding seL4 source file.
 *
 * <p>Creating it installs the architecture state in {@code ks.archState}, the AArch64 hardware in
 * {@code machine.archHardware()} (with the virtual-timer and VGIC-maintenance lines as computed
 * levels on the interrupt controller) and runs vcpu_boot_init.
 */
public final class AArch64 extends KernelModule implements Arch {
    private final ArmState state;
    private final ArmHardware hardware;

    public final VSpace vspace;
    public final AsidPools asids;
    public final VSpaceInvocations vspaceInvocations;
    public final Vcpus vcpus;
    public final VcpuInvocations vcpuInvocations;
    public final Smc smc;
    public final SgiSignal sgi;
    public final ArchInterrupts interrupts;
    public final Smmu smmu;
    public final ArchFaults faults;
    public final ArchObjects objects;
    public final ArchThread thread;
    public final ArchBoot boot;

    public AArch64(Kernel k) {
        super(k);
        this.state = new ArmState();
        ks.archState = state;
        this.hardware = new ArmHardware(machine, config, state);
        machine.setArchHardware(hardware);
        this.vspace = new VSpace(this);
        this.asids = new AsidPools(this);
        this.vspaceInvocations = new VSpaceInvocations(this);
        this.vcpus = new Vcpus(this);
        this.vcpuInvocations = new VcpuInvocations(this);
        this.smc = new Smc(this);
        this.sgi = new SgiSignal(this);
        this.interrupts = new ArchInterrupts(this);
        this.smmu = new Smmu(this);
        this.faults = new ArchFaults(this);
        this.objects = new ArchObjects(this);
        this.thread = new ArchThread(this);
        this.boot = new ArchBoot(this);
        vcpus.vcpu_boot_init();
        hardware.attachInterruptSources();
    }

    Kernel kernel() {
        return k;
    }

    public ArmState state() {
        return state;
    }

    public ArmHardware hardware() {
        return hardware;
    }

    @Override
    public String[] registerNames() {
        return Registers.AARCH64_NAMES.clone();
    }

    @Override
    public int[] frameRegisters() {
        return Registers.AARCH64_FRAME_REGISTERS.clone();
    }

    @Override
    public int[] gpRegisters() {
        return Registers.AARCH64_GP_REGISTERS.clone();
    }

    @Override
    public IpcBuffer lookupIPCBuffer(boolean isReceiver, Tcb thread) {
        return vspace.lookupIPCBuffer(isReceiver, thread);
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
        // No AArch64 cap needs work after its slot is emptied.
    }

    @Override
    public boolean isValidVTableRoot(Cap cap) {
        return VSpace.isValidVTableRoot(cap);
    }

    @Override
    public ExceptionT checkValidIPCBuffer(long vptr, Cap cap) {
        return vspace.checkValidIPCBuffer(vptr, cap);
    }

    @Override
    public ExceptionT Arch_decodeIRQControlInvocation(long invLabel, int length, Cte srcSlot, IpcBuffer buffer) {
        return interrupts.Arch_decodeIRQControlInvocation(invLabel, length, srcSlot, buffer);
    }

    @Override
    public ExceptionT handleVMFault(Tcb thread, Event.VMFaultType vm_faultType, long address, long fsr) {
        return vspace.handleVMFault(thread, vm_faultType, address, fsr);
    }

    @Override
    public ExceptionT handleVCPUFault(long hsr) {
        return vcpus.handleVCPUFault(hsr);
    }

    @Override
    public void handleReservedIRQ(int irq) {
        interrupts.handleReservedIRQ(irq);
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
