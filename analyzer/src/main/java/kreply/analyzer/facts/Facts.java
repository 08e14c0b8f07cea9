package kreply.analyzer.facts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kreply.analyzer.model.MethodInfo;
import kreply.analyzer.pack.QueueSpec;
import kreply.analyzer.pack.RootSpec;

/**
 * All facts the rules read: resolved reply-root facts, family-B entry traces, and the data flow
 * (for the buffer-escape rule). Computed once per analysis.
 */
public final class Facts {
    private final FactsEnv env;
    private final List<RootFacts> roots = new ArrayList<>();
    private final List<QueueTrace> queues = new ArrayList<>();
    private int truncated;
    private final java.util.Set<String> truncatedIds = new java.util.TreeSet<>();
    private int summarised;

    private Facts(FactsEnv env) {
        this.env = env;
    }

    public static Facts compute(FactsEnv env) {
        Facts f = new Facts(env);
        f.computeRoots();
        f.computeQueues();
        return f;
    }

    public FactsEnv env() {
        return env;
    }

    public List<RootFacts> roots() {
        return roots;
    }

    public List<QueueTrace> queues() {
        return queues;
    }

    /** Number of summaries whose path set hit the cap (a precision warning). */
    public int truncatedSummaries() {
        return truncated;
    }

    /** Methods whose summaries were capped (precision may be lost there). */
    public java.util.Set<String> truncatedMethods() {
        return truncatedIds;
    }

    public int summarisedMethods() {
        return summarised;
    }

    private void computeRoots() {
        List<String> ids = new ArrayList<>();
        for (MethodInfo m : env.table().all()) {
            if (m.hasBody() && env.isRoot(m.id())) {
                ids.add(m.id());
            }
        }
        SummaryEngine eng = new SummaryEngine(env, PathWalker.Mode.REPLY);
        Map<String, Summary> sums = eng.compute(ids);
        truncated += eng.truncatedCount();
        truncatedIds.addAll(eng.truncatedIds());
        summarised += sums.size();
        for (String id : ids) {
            MethodInfo m = env.table().get(id);
            RootSpec spec = env.pack().rootSpec(m.simpleName()).orElseThrow();
            Summary s = sums.get(id);
            roots.add(new RootFacts(m, spec, resolve(id, s == null ? List.of() : s.paths())));
        }
    }

    /** Root-level resolution: call-flag parameters become CALL, buffers are resolved via callers. */
    private List<Path> resolve(String root, List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            Set<String> c = mapAtoms(root, p.ctx());
            if (Atoms.contradictory(c)) {
                continue;
            }
            List<Event> ev = new ArrayList<>();
            for (Event e : p.events()) {
                ev.add(resolveEvent(root, e));
            }
            out.add(new Path(ev, c, p.term()));
        }
        return out;
    }

    private Set<String> mapAtoms(String root, Set<String> atoms) {
        Set<String> r = new HashSet<>();
        for (String a : atoms) {
            boolean neg = a.startsWith("!");
            String base = neg ? a.substring(1) : a;
            if (base.startsWith("P")) {
                try {
                    int i = Integer.parseInt(base.substring(1));
                    if (env.flow().isCallFlagParam(root, i)) {
                        r.add(neg ? "!" + Atoms.CALL : Atoms.CALL);
                        continue;
                    }
                } catch (NumberFormatException ignored) {
                    // not a parameter atom
                }
            }
            r.add(a);
        }
        return r;
    }

    private Event resolveEvent(String root, Event e) {
        Set<String> g = mapAtoms(root, e.guards());
        if (e instanceof Event.Write w) {
            Set<BufRef> b = env.flow().resolve(w.buffer());
            ThreadRef t = w.thread();
            if (w.kind() == Event.WriteKind.BUFFER_WORD && (t == null || t.kind() == ThreadRef.Kind.OTHER)) {
                for (BufRef x : b) {
                    if (x.kind() == BufRef.Kind.SOURCE && x.thread() != null) {
                        t = x.thread();
                        break;
                    }
                }
            }
            return new Event.Write(w.kind(), t, b, w.lo(), w.hi(), w.value(), w.length(), w.primitive(), g, w.site(),
                    w.origin());
        }
        if (e instanceof Event.BufRead r) {
            return new Event.BufRead(env.flow().resolve(r.buffer()), r.primitive(), g, r.site(), r.origin());
        }
        if (e instanceof Event.StateSet s) {
            return new Event.StateSet(s.thread(), s.state(), s.cls(), g, s.site(), s.origin());
        }
        return e;
    }

    private void computeQueues() {
        QueueSpec q = env.pack().queue();
        if (q.entries().isEmpty()) {
            return;
        }
        Set<String> starts = new LinkedHashSet<>();
        List<Object[]> entries = new ArrayList<>();
        for (QueueSpec.Entry e : q.entries()) {
            for (String id : env.table().idsNamed(e.method())) {
                if (env.table().get(id).hasBody()) {
                    starts.add(id);
                    entries.add(new Object[] {id, e});
                }
            }
        }
        if (starts.isEmpty()) {
            return;
        }
        SummaryEngine eng = new SummaryEngine(env, PathWalker.Mode.QUEUE);
        Map<String, Summary> sums = eng.compute(starts);
        truncated += eng.truncatedCount();
        truncatedIds.addAll(eng.truncatedIds());
        summarised += sums.size();
        for (Object[] e : entries) {
            Summary s = sums.get((String) e[0]);
            queues.add(new QueueTrace((String) e[0], (QueueSpec.Entry) e[1], s == null ? List.of() : s.paths()));
        }
    }
}
