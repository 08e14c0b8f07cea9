package kreply.explore.driver;

import java.util.ArrayList;
import java.util.List;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

/**
 * A readable snapshot of the part of a live system a person follows in a trace: each configured
 * thread's state (with the configuration's object names), its scheduler-queue membership and the
 * SC it holds, plus the current thread. {@link #changes} describes what an event changed. Only
 * used when printing traces, so it may allocate freely.
 */
public final class StateView {
    private final List<String> threadNames;
    private final List<String> lines;
    private final String current;

    private StateView(List<String> threadNames, List<String> lines, String current) {
        this.threadNames = threadNames;
        this.lines = lines;
        this.current = current;
    }

    public static StateView of(LiveSystem sys) {
        List<String> names = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (ThreadHandle h : sys.threads) {
            names.add(h.name());
            lines.add(describe(sys, h.tcb));
        }
        return new StateView(names, lines, sys.currentName());
    }

    public String current() {
        return current;
    }

    static String describe(LiveSystem sys, Tcb t) {
        StringBuilder sb = new StringBuilder(state(sys, t.tcbState));
        if (t.tcbQueued) {
            sb.append(", in ready queue (prio ").append(t.tcbPriority).append(')');
        }
        if (t.tcbInReleaseQueue) {
            sb.append(", in release queue");
        }
        if (t.tcbSchedContext == null) {
            sb.append(", no SC");
        } else if (!sys.nameOf(t.tcbSchedContext).equals("SC of " + t.tcbName)) {
            sb.append(", on ").append(sys.nameOf(t.tcbSchedContext));
        }
        return sb.toString();
    }

    private static String state(LiveSystem sys, ThreadState st) {
        return switch (st.tsType()) {
            case BlockedOnReceive -> "BlockedOnReceive(" + sys.nameOf(st.blockingEndpoint())
                    + (st.replyObject() != null ? ", " + sys.nameOf(st.replyObject()) : "") + ")";
            case BlockedOnSend -> "BlockedOnSend(" + sys.nameOf(st.blockingEndpoint())
                    + (st.blockingIPCIsCall() ? ", call" : "") + ")";
            case BlockedOnReply -> "BlockedOnReply(" + sys.nameOf(st.replyObject()) + ")";
            case BlockedOnNotification -> "BlockedOnNotification(" + sys.nameOf(st.blockingNotification()) + ")";
            default -> st.tsType().name();
        };
    }

    /** What changed from {@code before} to this snapshot, or "-" when nothing visible did. */
    public String changes(StateView before) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).equals(before.lines.get(i))) {
                out.add(threadNames.get(i) + ": " + before.lines.get(i) + " → " + lines.get(i));
            }
        }
        if (!current.equals(before.current)) {
            out.add("now running: " + current);
        }
        return out.isEmpty() ? "-" : String.join("; ", out);
    }

    /** The whole snapshot, one thread per entry. */
    public List<String> describeAll() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            out.add(threadNames.get(i) + ": " + lines.get(i));
        }
        return out;
    }
}
