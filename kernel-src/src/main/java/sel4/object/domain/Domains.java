package sel4.object.domain;

import sel4.api.ExceptionT;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.object.frame.IpcBuffer;

/** Models seL4's src/object/domain.c (Haskell Object/Domain... invokeDomain): the Domain invocations. */
public final class Domains extends KernelModule {
    public Domains(Kernel k) {
        super(k);
    }

    public ExceptionT decodeDomainInvocation(long invLabel, int length, IpcBuffer buffer) { throw new UnsupportedOperationException("PENDING"); }
}
