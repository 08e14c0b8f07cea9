package kreply.analyzer.facts;

import java.util.Set;

/**
 * One effect on a path through a method. Events carry the atoms of the path condition that held
 * when they happened ({@code guards}: {@code CALL} for a true call flag, {@code P<i>} for a true
 * boolean parameter i, {@code Q:queued} / {@code Q:schedulable} for a checked queue guard),
 * {@code site}, the outermost location in the summarised method (the call that led to it), and
 * {@code origin}, where the primitive itself is called.
 */
public sealed interface Event permits Event.Write, Event.StateSet, Event.BufRead, Event.QueueOp {
    Set<String> guards();

    Site site();

    Site origin();

    /** A reply-register or buffer write. Indices are message indices (MR i), [lo, hi]. */
    record Write(WriteKind kind, ThreadRef thread, Set<BufRef> buffer, int lo, int hi, Long value, Length length,
                 String primitive, Set<String> guards, Site site, Site origin) implements Event {
        /** True when some written word may land in the IPC buffer rather than a register. */
        public boolean mayTouchBuffer(int n) {
            return kind == WriteKind.BUFFER_WORD || (kind == WriteKind.MR && hi >= n && !buffer.isEmpty());
        }

        public boolean isMessage() {
            return kind == WriteKind.MR || kind == WriteKind.BUFFER_WORD;
        }
    }

    /** A thread-state change: {@code cls} is RESTART, RUNNING, BLOCKED or OTHER. */
    record StateSet(ThreadRef thread, String state, StateClass cls, Set<String> guards, Site site, Site origin)
            implements Event {
    }

    /** An argument read through a buffer. */
    record BufRead(Set<BufRef> buffer, String primitive, Set<String> guards, Site site, Site origin)
            implements Event {
    }

    /**
     * A scheduler-queue effect on a thread. {@code ctSite} is where the thread first became the
     * current thread (the call that passed the current thread down); {@code via} lists the methods
     * the effect was reached through.
     */
    record QueueOp(QueueKind kind, ThreadRef thread, String op, Set<String> guards, Site site, Site origin,
                   Site ctSite, Set<String> via) implements Event {
    }

    enum WriteKind {
        MR,
        MSGINFO,
        BADGE,
        BUFFER_WORD
    }

    enum StateClass {
        RESTART,
        RUNNING,
        BLOCKED,
        OTHER
    }

    enum QueueKind {
        ENQUEUE,
        DEQUEUE,
        BLOCK
    }

    /** The length field of a msgInfo write: a constant, the value returned by writes, or unknown. */
    record Length(LengthKind kind, long value) {
        public static final Length NONE = new Length(LengthKind.UNKNOWN, 0);
    }

    enum LengthKind {
        CONSTANT,
        FROM_WRITES,
        UNKNOWN
    }
}
