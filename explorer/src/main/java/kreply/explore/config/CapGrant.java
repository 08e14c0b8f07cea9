package kreply.explore.config;

import java.util.Set;

/**
 * A cap a thread holds, with its rights. Rights matter for endpoints and notifications only:
 * send (seL4's write right: Send / Call / Signal), receive (read: Recv / Wait / Poll), grant and
 * grantReply. The thread's cap is minted with exactly these rights, and the search only makes the
 * syscalls they allow — a VMM that only receives on its fault endpoint never sends to itself.
 */
public record CapGrant(String name, boolean send, boolean receive, boolean grant, boolean grantReply) {
    public static final Set<String> RIGHTS = Set.of("send", "receive", "grant", "grantReply");

    public static CapGrant all(String name) {
        return new CapGrant(name, true, true, true, true);
    }

    public boolean allRights() {
        return send && receive && grant && grantReply;
    }

    /** The seL4_CapRights_t word (grantReply, grant, read, write from bit 3 down). */
    public long rightsWord() {
        return (grantReply ? 8 : 0) | (grant ? 4 : 0) | (receive ? 2 : 0) | (send ? 1 : 0);
    }
}
