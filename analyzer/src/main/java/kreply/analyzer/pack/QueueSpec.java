package kreply.analyzer.pack;

import java.util.List;

/**
 * Family-B configuration (rule Q): the kernel entries to check, the enqueue / dequeue / block
 * operations on a thread, and the guard predicates (a field read or a call whose name appears in a
 * dominating condition counts as a check).
 */
public record QueueSpec(List<Entry> entries, List<Primitive> enqueue, List<Primitive> dequeue, List<Primitive> block,
                        NameSet queuedGuards, NameSet schedulableGuards) {
    public static final QueueSpec NONE = new QueueSpec(List.of(), List.of(), List.of(), List.of(), NameSet.EMPTY,
            NameSet.EMPTY);

    public QueueSpec {
        entries = List.copyOf(entries);
        enqueue = List.copyOf(enqueue);
        dequeue = List.copyOf(dequeue);
        block = List.copyOf(block);
    }

    /**
     * An entry method. If {@code enqueueVia} is not empty only enqueues performed inside calls to
     * those methods count (the preemption path of a syscall entry, for example).
     */
    public record Entry(String method, NameSet enqueueVia) {
    }
}
