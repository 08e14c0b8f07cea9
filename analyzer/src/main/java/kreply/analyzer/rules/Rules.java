package kreply.analyzer.rules;

import java.util.List;

/** The rule catalogue, in report order. */
public final class Rules {
    private Rules() {
    }

    public static List<Rule> all() {
        return List.of(new ReplyClobbered(), new ReplyNoMsgInfo(), new ReplyNotCallGuarded(),
                new ReplyBadgeNotZeroed(), new ReplyWriteWithoutAuthority(), new ReplyMixedThreads(),
                new ReplyHardcodedLength(), new ReplyRestartAfterWrite(), new PerformReadsDecodeBuffer(),
                new ReplyNotReturned(), new IpcBufferEscape(), new QueueBlockWhileQueued());
    }
}
