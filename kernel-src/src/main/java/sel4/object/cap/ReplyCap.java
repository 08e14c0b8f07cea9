package sel4.object.cap;

import sel4.object.reply.Reply;

/** MCS reply-object capability (cap_reply_cap). */
public record ReplyCap(Reply reply, boolean canGrant) implements Cap {
    @Override
    public CapTag capType() {
        return CapTag.cap_reply_cap;
    }

    @Override
    public boolean isPhysical() {
        return true;
    }
}
