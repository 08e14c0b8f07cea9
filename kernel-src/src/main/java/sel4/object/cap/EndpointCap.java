package sel4.object.cap;

import sel4.object.endpoint.Endpoint;

/** Endpoint capability (cap_endpoint_cap) with badge and rights. */
public record EndpointCap(Endpoint ep, long badge, boolean canSend, boolean canReceive, boolean canGrant,
                          boolean canGrantReply) implements Cap {
    @Override
    public CapTag capType() {
        return CapTag.cap_endpoint_cap;
    }

    @Override
    public boolean isPhysical() {
        return true;
    }
}
