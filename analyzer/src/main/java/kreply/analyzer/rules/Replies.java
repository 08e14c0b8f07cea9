package kreply.analyzer.rules;

import java.util.ArrayList;
import java.util.List;
import kreply.analyzer.facts.Event;
import kreply.analyzer.facts.Path;
import kreply.analyzer.facts.RootFacts;
import kreply.analyzer.facts.ThreadRef;

/** Shared vocabulary of the reply rules: which events are reply writes and how to describe them. */
final class Replies {
    static final String CALL = "CALL";

    private Replies() {
    }

    static List<Event.Write> writes(Path p) {
        List<Event.Write> r = new ArrayList<>();
        for (Event e : p.events()) {
            if (e instanceof Event.Write w) {
                r.add(w);
            }
        }
        return r;
    }

    static boolean success(Path p) {
        return p.term() == Path.Term.SUCCESS;
    }

    static boolean isCurrent(ThreadRef t) {
        return t != null && t.isCurrent();
    }

    /** The current thread's state when the path ends: the last state set, else the root's entry state. */
    static Event.StateClass finalState(RootFacts r, Path p) {
        Event.StateClass s = switch (r.spec().entryState()) {
            case "Restart" -> Event.StateClass.RESTART;
            case "Running" -> Event.StateClass.RUNNING;
            default -> Event.StateClass.OTHER;
        };
        for (Event e : p.events()) {
            if (e instanceof Event.StateSet st && st.thread().isCurrent()) {
                s = st.cls();
            }
        }
        return s;
    }

    /** The last state change of the current thread on the path, or null. */
    static Event.StateSet lastState(Path p) {
        Event.StateSet last = null;
        for (Event e : p.events()) {
            if (e instanceof Event.StateSet st && st.thread().isCurrent()) {
                last = st;
            }
        }
        return last;
    }

    static String what(Event.Write w) {
        String idx = w.hi() == Integer.MAX_VALUE ? w.lo() + "..?" : w.lo() == w.hi() ? "" + w.lo()
                : w.lo() + ".." + w.hi();
        return switch (w.kind()) {
            case MR -> "MR" + idx + " (" + w.primitive() + ")";
            case MSGINFO -> "the msgInfo register";
            case BADGE -> "the badge register";
            case BUFFER_WORD -> "IPC-buffer message word " + idx + " (" + w.primitive() + ")";
        };
    }

    static String where(Event.Write w) {
        String s = "line " + w.site().line();
        if (!w.origin().equals(w.site())) {
            s += " via " + kreply.analyzer.model.MethodIds.simpleName(w.origin().method()) + " line "
                    + w.origin().line();
        }
        return s;
    }

    static String describe(List<Event.Write> ws, int max) {
        List<String> parts = new ArrayList<>();
        for (Event.Write w : ws) {
            String s = what(w) + " at " + where(w);
            if (!parts.contains(s)) {
                parts.add(s);
            }
            if (parts.size() >= max) {
                break;
            }
        }
        return String.join(", ", parts);
    }

    static String name(RootFacts r) {
        return r.method().simpleName();
    }
}
