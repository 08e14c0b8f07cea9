package sel4.object.endpoint;

import sel4.model.Config;
import sel4.object.KernelObject;
import sel4.object.tcb.TcbQueue;

/**
 * Models seL4's {@code endpoint_t} (include/object/structures.h; Haskell Endpoint). The queue is
 * ordered by descending priority, FIFO among equals (MCS), and threaded through the TCBs'
 * scheduler links. Invariant: queue non-empty iff state is not Idle.
 */
public final class Endpoint extends KernelObject {
    public EPState state = EPState.Idle;
    public final TcbQueue queue = new TcbQueue();

    public Endpoint(long ptr) {
        super(ptr, Config.seL4_EndpointBits);
    }

    @Override
    public String typeName() {
        return "Endpoint";
    }
}
