package sel4.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import sel4.user.ProgramBuilder;
import sel4.user.UserContext;

/** What simulated threads note as they run (time, thread, text), for assertions on ordering and timing. */
final class EventLog {
    record Entry(long time, String thread, String what) {
        @Override
        public String toString() {
            return "t=" + time + " " + thread + ": " + what;
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    /** An instruction body that notes {@code what}. */
    Consumer<UserContext> note(String what) {
        return ctx -> entries.add(new Entry(ctx.now(), ctx.threadName(), what));
    }

    /** Appends a "note" instruction to {@code b}. */
    ProgramBuilder note(ProgramBuilder b, String what) {
        return b.exec("note " + what, note(what));
    }

    List<Entry> entries() {
        return entries;
    }

    List<String> whats() {
        return entries.stream().map(Entry::what).toList();
    }

    List<Long> times(String what) {
        return entries.stream().filter(e -> e.what().equals(what)).map(Entry::time).toList();
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
