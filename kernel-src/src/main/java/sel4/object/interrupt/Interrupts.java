package sel4.object.interrupt;

import sel4.api.ExceptionT;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.object.cap.Cap;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;

/**
 * Models seL4's src/object/interrupt.c (Haskell Object/Interrupt): IRQ control and handler
 * invocations and handleInterrupt for the Signal, Timer and Reserved states.
 */
public final class Interrupts extends KernelModule {
    public Interrupts(Kernel k) {
        super(k);
    }

    public ExceptionT decodeIRQControlInvocation(long invLabel, int length, Cte srcSlot, IpcBuffer buffer) { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT decodeIRQHandlerInvocation(long invLabel, int irq) { throw new UnsupportedOperationException("PENDING"); }
    public void deletingIRQHandler(int irq) { throw new UnsupportedOperationException("PENDING"); }
    public void deletedIRQHandler(int irq) { throw new UnsupportedOperationException("PENDING"); }
    public void handleInterrupt(int irq) { throw new UnsupportedOperationException("PENDING"); }
    public void setIRQState(sel4.model.IRQState irqState, int irq) { throw new UnsupportedOperationException("PENDING"); }
}
