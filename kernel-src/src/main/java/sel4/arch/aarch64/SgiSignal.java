package sel4.arch.aarch64;

import static sel4.api.ExceptionT.EXCEPTION_NONE;

import sel4.api.ExceptionT;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.ThreadState;

/**
 * Models the SGI-signal invocation of seL4's src/arch/arm/object/interrupt.c
 * (decodeSGISignalInvocation / invokeSGISignalGenerate): invoking an SGI signal cap, whatever the
 * label, sends its software-generated interrupt to its target.
 */
public final class SgiSignal extends ArmModule {
    SgiSignal(AArch64 arch) {
        super(arch);
    }

    public ExceptionT decodeSGISignalInvocation(long invLabel, int length, SGISignalCap cap, IpcBuffer buffer) {
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeSGISignalGenerate(cap.irq(), cap.target());
    }

    public ExceptionT invokeSGISignalGenerate(long irq, long target) {
        hw.plat_sendSGI(irq, target);
        return EXCEPTION_NONE;
    }
}
