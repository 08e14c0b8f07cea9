package kreply.analyzer.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kreply.analyzer.facts.Event;
import kreply.analyzer.facts.Path;
import kreply.analyzer.facts.QueueTrace;
import kreply.analyzer.facts.Site;
import kreply.analyzer.model.MethodIds;
import kreply.analyzer.pack.NameSet;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.report.Severity;

/**
 * Code Q (family B): on a path from a kernel entry the current thread may be put on a scheduler
 * queue and later blocked, with no dequeue and no guard that checks both the queued flag and
 * schedulability in between. Reported where the blocking call is made for the current thread.
 */
public final class QueueBlockWhileQueued implements Rule {
    static final RuleDescriptor D = new RuleDescriptor("queue-block-while-queued",
            "Current thread blocked while still queued", Severity.ERROR, List.of("Q"),
            "After an entry's budget check may have enqueued the current thread, a later path blocks that thread "
            + "without dequeuing it and without checking both the queued flag and schedulability.",
            "docs/queue-block-while-queued.md");

    static final String QUEUED = "Q:queued";
    static final String SCHEDULABLE = "Q:schedulable";

    @Override
    public RuleDescriptor descriptor() {
        return D;
    }

    @Override
    public List<Draft> check(RuleContext ctx) {
        Map<String, Draft> byMethod = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> entries = new LinkedHashMap<>();
        for (QueueTrace t : ctx.facts().queues()) {
            NameSet via = t.entry().enqueueVia();
            for (Path p : t.paths()) {
                Event.QueueOp pending = null;
                for (Event e : p.events()) {
                    if (!(e instanceof Event.QueueOp q) || !q.thread().isCurrent()) {
                        continue;
                    }
                    switch (q.kind()) {
                        case ENQUEUE -> {
                            if (via.isEmpty() || q.via().stream().anyMatch(via::matches)) {
                                pending = q;
                            }
                        }
                        case DEQUEUE -> pending = null;
                        case BLOCK -> {
                            boolean guarded = q.guards().contains(QUEUED) && q.guards().contains(SCHEDULABLE);
                            if (pending != null && !guarded) {
                                report(byMethod, t, pending, q);
                                Site at = q.ctSite() != null ? q.ctSite() : q.site();
                                entries.computeIfAbsent(at.method(), k -> new java.util.LinkedHashSet<>())
                                        .add(MethodIds.simpleName(t.entryId()) + (via.isEmpty() ? ""
                                                : " (via " + String.join(", ", pending.via().stream().filter(via::matches).sorted().toList()) + ")"));
                            }
                        }
                        default -> { }
                    }
                }
            }
        }
        List<Draft> out = new ArrayList<>();
        for (Draft d : byMethod.values()) {
            out.add(new Draft(d.ruleId(), d.kinds(), d.methodId(), d.line(), d.message() + "; reached from "
                    + String.join(" and ", entries.get(d.methodId())), d.witnessFrom()));
        }
        return out;
    }

    private static void report(Map<String, Draft> byMethod, QueueTrace t, Event.QueueOp enq, Event.QueueOp block) {
        Site at = block.ctSite() != null ? block.ctSite() : block.site();
        if (byMethod.containsKey(at.method())) {
            return;
        }
        String name = MethodIds.simpleName(at.method());
        String entry = MethodIds.simpleName(t.entryId());
        String missing = block.guards().contains(QUEUED) ? "schedulability" : block.guards().contains(SCHEDULABLE)
                ? "the queued flag" : "the queued flag and schedulability";
        byMethod.put(at.method(), new Draft(D.id(), List.of("Q"), at.method(), at.line(), name + " blocks the "
                + "current thread (" + block.op() + " in " + MethodIds.simpleName(block.origin().method())
                + ") at line " + at.line() + " on a path from " + entry + " where " + enq.op() + " in "
                + MethodIds.simpleName(enq.origin().method()) + " may already have queued it; nothing dequeues it "
                + "and no guard checks " + missing + " first, so the thread ends blocked and queued",
                t.entryId()));
    }
}
