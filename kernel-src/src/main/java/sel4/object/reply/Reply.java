package sel4.object.reply;

import sel4.model.Config;
import sel4.object.KernelObject;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;

/**
 * Models seL4's MCS {@code reply_t} (include/object/structures.h; Haskell Reply in Object/Reply).
 *
 * <p>C encodes {@code replyNext} as a call-stack word that is either the SC whose stack this reply
 * heads or the next (newer) reply; the model keeps the two cases in separate fields, at most one of
 * which is set: {@link #replyNext} or {@link #replyHeadSc}.
 */
public final class Reply extends KernelObject {
    /** The caller blocked on this reply, or the receiver that offered it while blocked in Recv. */
    public Tcb replyTCB;
    /** Next-older reply on the same SC call stack. */
    public Reply replyPrev;
    /** Newer reply on the call stack (C: replyNext with isHead = false). */
    public Reply replyNext;
    /** SC whose call stack this reply heads (C: replyNext with isHead = true). */
    public SchedContext replyHeadSc;

    public Reply(long ptr) {
        super(ptr, Config.seL4_ReplyBits);
    }

    @Override
    public String typeName() {
        return "Reply";
    }
}
