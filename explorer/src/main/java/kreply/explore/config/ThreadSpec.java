package kreply.explore.config;

import java.util.List;

/**
 * One user thread of a configured system. {@code caps} names the objects the thread may invoke,
 * with their rights (its syscall alphabet during the search); handlers, the VCPU and the bound
 * notification are set up through the kernel before the search starts.
 */
public record ThreadSpec(String name, int priority, ScSpec sc, String vcpu, HandlerRef faultHandler,
                         HandlerRef timeoutHandler, String boundNotification, List<CapGrant> caps, WaitSpec waitOn) {

    public ThreadSpec {
        caps = List.copyOf(caps);
    }

    /** The cap to {@code object}, or null. */
    public CapGrant cap(String object) {
        for (CapGrant c : caps) {
            if (c.name().equals(object)) {
                return c;
            }
        }
        return null;
    }
}
