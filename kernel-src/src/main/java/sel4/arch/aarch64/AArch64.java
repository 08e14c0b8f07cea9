package sel4.arch.aarch64;

import sel4.api.Event;
import sel4.api.ExceptionT;
import sel4.api.Fault;
import sel4.arch.Arch;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.object.ObjectType;
import sel4.object.cap.Cap;
import sel4.object.cap.CapRights;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;

/** The AArch64 architecture of the model. */
public final class AArch64 extends KernelModule implements Arch {
    public AArch64(Kernel k) {
        super(k);
    }

    @Override public String[] registerNames() { throw new UnsupportedOperationException("PENDING"); }
    @Override public int[] frameRegisters() { throw new UnsupportedOperationException("PENDING"); }
    @Override public int[] gpRegisters() { throw new UnsupportedOperationException("PENDING"); }
    @Override public IpcBuffer lookupIPCBuffer(boolean isReceiver, Tcb thread) { throw new UnsupportedOperationException("PENDING"); }
    @Override public ExceptionT Arch_decodeInvocation(long invLabel, int length, long cptr, Cte slot, Cap cap, boolean call, IpcBuffer buffer) { throw new UnsupportedOperationException("PENDING"); }
    @Override public ObjectType.DeriveCapRet Arch_deriveCap(Cte slot, Cap cap) { throw new UnsupportedOperationException("PENDING"); }
    @Override public ObjectType.FinaliseCapRet Arch_finaliseCap(Cap cap, boolean isFinal) { throw new UnsupportedOperationException("PENDING"); }
    @Override public boolean Arch_sameRegionAs(Cap cap_a, Cap cap_b) { throw new UnsupportedOperationException("PENDING"); }
    @Override public boolean Arch_sameObjectAs(Cap cap_a, Cap cap_b) { throw new UnsupportedOperationException("PENDING"); }
    @Override public Cap Arch_updateCapData(boolean preserve, long data, Cap cap) { throw new UnsupportedOperationException("PENDING"); }
    @Override public Cap Arch_maskCapRights(CapRights cap_rights_mask, Cap cap) { throw new UnsupportedOperationException("PENDING"); }
    @Override public int Arch_getObjectSize(int type) { throw new UnsupportedOperationException("PENDING"); }
    @Override public Cap Arch_createObject(int type, long regionBase, int userSize, boolean deviceMemory) { throw new UnsupportedOperationException("PENDING"); }
    @Override public boolean Arch_isFrameType(int type) { throw new UnsupportedOperationException("PENDING"); }
    @Override public ExceptionT Arch_decodeIRQControlInvocation(long invLabel, int length, Cte srcSlot, IpcBuffer buffer) { throw new UnsupportedOperationException("PENDING"); }
    @Override public ExceptionT handleVMFault(Tcb thread, Event.VMFaultType vm_faultType, long address, long fsr) { throw new UnsupportedOperationException("PENDING"); }
    @Override public ExceptionT handleVCPUFault(long hsr) { throw new UnsupportedOperationException("PENDING"); }
    @Override public void handleReservedIRQ(int irq) { throw new UnsupportedOperationException("PENDING"); }
    @Override public void Arch_switchToThread(Tcb tcb) { throw new UnsupportedOperationException("PENDING"); }
    @Override public void Arch_switchToIdleThread() { throw new UnsupportedOperationException("PENDING"); }
    @Override public void Arch_activateIdleThread(Tcb tcb) { throw new UnsupportedOperationException("PENDING"); }
    @Override public void Arch_prepareNextDomain() { throw new UnsupportedOperationException("PENDING"); }
    @Override public void Arch_prepareSetDomain(Tcb tptr, int dom) { throw new UnsupportedOperationException("PENDING"); }
    @Override public void Arch_prepareThreadDelete(Tcb thread) { throw new UnsupportedOperationException("PENDING"); }
    @Override public int Arch_setMRs_fault(Tcb sender, Tcb receiver, IpcBuffer receiveIPCBuffer, Fault fault) { throw new UnsupportedOperationException("PENDING"); }
    @Override public boolean Arch_handleFaultReply(Tcb faulter, Tcb receiver, Fault fault, int length) { throw new UnsupportedOperationException("PENDING"); }
    @Override public void Arch_createBootObjects(Tcb rootThread, sel4.object.cnode.CNode rootCNode, sel4.arch.BootRegion mem) { throw new UnsupportedOperationException("PENDING"); }
    @Override public sel4.arch.UserMapping userTranslate(Tcb thread, long vaddr, boolean write) { throw new UnsupportedOperationException("PENDING"); }
}
