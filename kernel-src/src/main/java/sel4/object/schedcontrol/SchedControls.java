package sel4.object.schedcontrol;

import sel4.api.ExceptionT;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.object.cap.Cap;
import sel4.object.frame.IpcBuffer;

/** Models seL4's src/object/schedcontrol.c (Haskell Object/SchedControl): ConfigureFlags. */
public final class SchedControls extends KernelModule {
    public SchedControls(Kernel k) {
        super(k);
    }

    public ExceptionT decodeSchedControlInvocation(long label, Cap cap, int length, IpcBuffer buffer) { throw new UnsupportedOperationException("PENDING"); }
}
