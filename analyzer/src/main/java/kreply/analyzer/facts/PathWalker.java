package kreply.analyzer.facts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import kreply.analyzer.graph.Target;
import kreply.analyzer.model.MethodIds;
import kreply.analyzer.model.MethodInfo;
import kreply.analyzer.model.Positions;
import kreply.analyzer.model.Scan;
import kreply.analyzer.pack.Primitive;
import spoon.reflect.code.CtAbstractInvocation;
import spoon.reflect.code.CtArrayRead;
import spoon.reflect.code.CtAssignment;
import spoon.reflect.code.CtBinaryOperator;
import spoon.reflect.code.CtBlock;
import spoon.reflect.code.CtBreak;
import spoon.reflect.code.CtCase;
import spoon.reflect.code.CtCatch;
import spoon.reflect.code.CtComment;
import spoon.reflect.code.CtConditional;
import spoon.reflect.code.CtConstructorCall;
import spoon.reflect.code.CtContinue;
import spoon.reflect.code.CtDo;
import spoon.reflect.code.CtExecutableReferenceExpression;
import spoon.reflect.code.CtExpression;
import spoon.reflect.code.CtFieldRead;
import spoon.reflect.code.CtFor;
import spoon.reflect.code.CtForEach;
import spoon.reflect.code.CtIf;
import spoon.reflect.code.CtInvocation;
import spoon.reflect.code.CtLambda;
import spoon.reflect.code.CtLiteral;
import spoon.reflect.code.CtLocalVariable;
import spoon.reflect.code.CtReturn;
import spoon.reflect.code.CtStatement;
import spoon.reflect.code.CtSwitch;
import spoon.reflect.code.CtSwitchExpression;
import spoon.reflect.code.CtSynchronized;
import spoon.reflect.code.CtThrow;
import spoon.reflect.code.CtTry;
import spoon.reflect.code.CtTryWithResource;
import spoon.reflect.code.CtTypeAccess;
import spoon.reflect.code.CtVariableRead;
import spoon.reflect.code.CtWhile;
import spoon.reflect.code.CtYieldStatement;
import spoon.reflect.code.BinaryOperatorKind;
import spoon.reflect.code.CaseKind;
import spoon.reflect.declaration.CtClass;
import spoon.reflect.declaration.CtElement;
import spoon.reflect.declaration.CtVariable;

/**
 * Enumerates the effect paths of one method body. Branches fork paths (with the branch condition's
 * atoms added to the path), loops and lambda bodies run zero or one time, calls to primitives add
 * events and calls to other methods splice in the callee's summary rewritten into this method's
 * terms. Paths with equal effects collapse, and the number of paths is capped.
 */
final class PathWalker {
    enum Mode {
        REPLY,
        QUEUE
    }

    /** Most distinct paths kept per program point and per summary. */
    static final int CAP = 64;
    /** Queue paths are short and the entries combine many callees: allow more of them. */
    static final int QUEUE_CAP = 256;
    /** Most events kept per path; longer paths keep their first and last events. */
    static final int MAX_EVENTS = 48;

    private final FactsEnv env;
    private final Mode mode;
    private final MethodInfo method;
    private final MethodContext ctx;
    private final Atoms atoms;
    private final Function<String, Summary> summaries;
    private final List<Path> done = new ArrayList<>();
    private final Deque<List<Path>> breaks = new ArrayDeque<>();
    private final Deque<List<Path>> continues = new ArrayDeque<>();
    private final Deque<List<Path>> lambdaReturns = new ArrayDeque<>();
    private boolean truncated;

    PathWalker(FactsEnv env, Mode mode, MethodInfo method, Function<String, Summary> summaries) {
        this.env = env;
        this.mode = mode;
        this.method = method;
        this.ctx = env.flow().ctx(method.id());
        this.atoms = new Atoms(ctx, env);
        this.summaries = summaries;
        kreply.analyzer.pack.QueueSpec.Entry e = null;
        if (mode == Mode.QUEUE) {
            for (var x : env.pack().queue().entries()) {
                if (x.method().equals(method.simpleName())) {
                    e = x;
                }
            }
        }
        this.entry = e;
    }

    /** The family-B entry being walked, if this method is one (its own paths need less detail). */
    private final kreply.analyzer.pack.QueueSpec.Entry entry;

    Summary run() {
        CtBlock<?> body = method.exec().getBody();
        if (body == null) {
            return Summary.NOTHING;
        }
        List<Path> open = stmt(body, List.of(Path.EMPTY));
        for (Path p : open) {
            done.add(p.with(Path.Term.SUCCESS));
        }
        List<Path> ended = new ArrayList<>(done.size());
        for (Path p : done) {
            Set<String> keep = new HashSet<>();
            for (String a : p.ctx()) {
                if (a.startsWith("P") || a.startsWith("!P")) {
                    keep.add(a);
                }
            }
            Path.Term term = mode == Mode.QUEUE && p.term() == Path.Term.FAILURE ? Path.Term.SUCCESS : p.term();
            ended.add(new Path(p.events(), keep, term));
        }
        java.util.LinkedHashMap<Object, Path> out = new java.util.LinkedHashMap<>();
        for (Path p : ended) {
            out.putIfAbsent(mode == Mode.QUEUE ? queueKey(p) : p, p);
        }
        List<Path> paths = new ArrayList<>(out.values());
        if (paths.size() > cap()) {
            paths = new ArrayList<>(paths.subList(0, cap()));
            truncated = true;
        }
        return new Summary(paths, truncated);
    }

    // ------------------------------------------------------------------ statements

    private List<Path> stmts(List<CtStatement> ss, List<Path> in) {
        List<Path> cur = in;
        for (CtStatement s : ss) {
            if (cur.isEmpty()) {
                break;
            }
            cur = stmt(s, cur);
        }
        return cur;
    }

    private List<Path> stmt(CtStatement s, List<Path> in) {
        if (s == null || in.isEmpty()) {
            return in;
        }
        if (s instanceof CtBlock<?> b) {
            return stmts(b.getStatements(), in);
        }
        if (s instanceof CtIf i) {
            Fork f = cond(i.getCondition(), in);
            List<Path> t = stmt(i.getThenStatement(), f.whenTrue);
            List<Path> e = i.getElseStatement() == null ? f.whenFalse : stmt(i.getElseStatement(), f.whenFalse);
            return union(t, e);
        }
        if (s instanceof CtReturn<?> r) {
            List<Path> after = expr(r.getReturnedExpression(), in);
            if (!lambdaReturns.isEmpty()) {
                lambdaReturns.peek().addAll(after);
                return List.of();
            }
            Path.Term term = isFailure(r.getReturnedExpression()) ? Path.Term.FAILURE : Path.Term.SUCCESS;
            for (Path p : after) {
                done.add(p.with(term));
            }
            return List.of();
        }
        if (s instanceof CtThrow t) {
            for (Path p : expr(t.getThrownExpression(), in)) {
                done.add(p.with(Path.Term.FAILURE));
            }
            return List.of();
        }
        if (s instanceof CtLocalVariable<?> lv) {
            return expr(lv.getDefaultExpression(), in);
        }
        if (s instanceof CtFor f) {
            List<Path> init = stmts(f.getForInit(), in);
            return loop(f.getExpression(), f.getBody(), f.getForUpdate(), init);
        }
        if (s instanceof CtWhile w) {
            return loop(w.getLoopingExpression(), w.getBody(), List.of(), in);
        }
        if (s instanceof CtForEach fe) {
            List<Path> it = expr(fe.getExpression(), in);
            return loop(null, fe.getBody(), List.of(), it);
        }
        if (s instanceof CtDo d) {
            breaks.push(new ArrayList<>());
            continues.push(new ArrayList<>());
            List<Path> body = stmt(d.getBody(), in);
            body = union(body, continues.pop());
            Fork f = cond(d.getLoopingExpression(), body);
            return union(f.whenFalse, union(f.whenTrue, breaks.pop()));
        }
        if (s instanceof CtSwitch<?> sw) {
            List<Path> sel = expr(sw.getSelector(), in);
            return cases(sw.getCases(), sel);
        }
        if (s instanceof CtTryWithResource twr) {
            List<Path> cur = in;
            for (CtLocalVariable<?> res : twr.getResources().stream().filter(CtLocalVariable.class::isInstance)
                    .map(x -> (CtLocalVariable<?>) x).toList()) {
                cur = expr(res.getDefaultExpression(), cur);
            }
            return tryBody(twr, cur);
        }
        if (s instanceof CtTry t) {
            return tryBody(t, in);
        }
        if (s instanceof CtSynchronized sy) {
            return stmt(sy.getBlock(), expr(sy.getExpression(), in));
        }
        if (s instanceof CtBreak) {
            if (!breaks.isEmpty()) {
                breaks.peek().addAll(in);
            }
            return List.of();
        }
        if (s instanceof CtContinue) {
            if (!continues.isEmpty()) {
                continues.peek().addAll(in);
            }
            return List.of();
        }
        if (s instanceof CtYieldStatement y) {
            List<Path> after = expr(y.getExpression(), in);
            if (!breaks.isEmpty()) {
                breaks.peek().addAll(after);
            }
            return List.of();
        }
        if (s instanceof CtComment || s instanceof CtClass<?>) {
            return in;
        }
        if (s instanceof CtExpression<?> e) {
            return expr(e, in);
        }
        return in;
    }

    private List<Path> loop(CtExpression<Boolean> cond, CtStatement body, List<CtStatement> update, List<Path> in) {
        breaks.push(new ArrayList<>());
        continues.push(new ArrayList<>());
        List<Path> enter;
        List<Path> skip;
        if (cond == null) {
            enter = in;
            skip = in;
        } else {
            Fork f = cond(cond, in);
            enter = f.whenTrue;
            skip = f.whenFalse;
        }
        List<Path> once = stmt(body, enter);
        once = union(once, continues.pop());
        once = stmts(update, once);
        // zero or one iteration: enough for effects and their order, and bounded
        return union(skip, union(once, breaks.pop()));
    }

    private List<Path> cases(List<? extends CtCase<?>> cases, List<Path> in) {
        breaks.push(new ArrayList<>());
        List<Path> results = new ArrayList<>();
        List<Path> carry = List.of();
        boolean hasDefault = false;
        for (CtCase<?> c : cases) {
            if (c.getCaseExpressions().isEmpty()) {
                hasDefault = true;
            }
            List<Path> entry = union(in, carry);
            List<Path> out = stmts(c.getStatements(), entry);
            if (c.getCaseKind() == CaseKind.ARROW) {
                results.addAll(out);
                carry = List.of();
            } else {
                carry = out;
            }
        }
        results.addAll(carry);
        if (!hasDefault) {
            results.addAll(in);
        }
        return union(results, breaks.pop());
    }

    private List<Path> tryBody(CtTry t, List<Path> in) {
        List<Path> body = stmt(t.getBody(), in);
        List<Path> out = new ArrayList<>(body);
        for (CtCatch c : t.getCatchers()) {
            out.addAll(stmt(c.getBody(), in));
        }
        out = norm(out);
        if (t.getFinalizer() != null) {
            out = stmt(t.getFinalizer(), out);
        }
        return out;
    }

    private boolean isFailure(CtExpression<?> e) {
        if (e == null) {
            return false;
        }
        var failures = env.pack().failureReturns();
        if (matchesName(e, failures)) {
            return true;
        }
        for (CtElement x : Scan.<CtElement>all(e, CtElement.class)) {
            if (matchesName(x, failures)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesName(CtElement x, kreply.analyzer.pack.NameSet names) {
        if (x instanceof CtInvocation<?> i) {
            return names.matches(i.getExecutable().getSimpleName());
        }
        if (x instanceof CtFieldRead<?> f) {
            return names.matches(f.getVariable().getSimpleName());
        }
        return false;
    }

    // ------------------------------------------------------------------ conditions

    private record Fork(List<Path> whenTrue, List<Path> whenFalse) {
    }

    private Fork cond(CtExpression<?> c, List<Path> in) {
        List<Path> after = expr(c, in);
        Boolean k = ctx.constantBool(c);
        Set<String> t = atoms.whenTrue(c);
        Set<String> f = atoms.whenFalse(c);
        List<Path> pt = Boolean.FALSE.equals(k) ? List.of() : assume(after, t);
        List<Path> pf = Boolean.TRUE.equals(k) ? List.of() : assume(after, f);
        return new Fork(pt, pf);
    }

    private List<Path> assume(List<Path> in, Set<String> add) {
        if (add.isEmpty()) {
            return in;
        }
        List<Path> out = new ArrayList<>(in.size());
        for (Path p : in) {
            Set<String> c = new HashSet<>(p.ctx());
            c.addAll(add);
            if (!Atoms.contradictory(c)) {
                out.add(new Path(p.events(), c, p.term()));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ expressions

    private List<Path> expr(CtExpression<?> e, List<Path> in) {
        if (e == null || in.isEmpty()) {
            return in;
        }
        if (e instanceof CtLiteral<?> || e instanceof CtTypeAccess<?> || e instanceof CtExecutableReferenceExpression<?, ?>
                || (e instanceof CtVariableRead<?> && !(e instanceof CtFieldRead<?>))) {
            return in;
        }
        if (e instanceof CtInvocation<?> inv) {
            List<Path> cur = expr(inv.getTarget(), in);
            for (CtExpression<?> a : inv.getArguments()) {
                cur = expr(a, cur);
            }
            return call(inv, cur);
        }
        if (e instanceof CtConstructorCall<?> cc) {
            List<Path> cur = in;
            for (CtExpression<?> a : cc.getArguments()) {
                cur = expr(a, cur);
            }
            return call(cc, cur);
        }
        if (e instanceof CtConditional<?> c) {
            Fork f = cond(c.getCondition(), in);
            return union(expr(c.getThenExpression(), f.whenTrue), expr(c.getElseExpression(), f.whenFalse));
        }
        if (e instanceof CtLambda<?> l) {
            lambdaReturns.push(new ArrayList<>());
            breaks.push(new ArrayList<>());
            continues.push(new ArrayList<>());
            List<Path> body = l.getBody() != null ? stmt(l.getBody(), in) : expr(l.getExpression(), in);
            continues.pop();
            breaks.pop();
            body = union(body, lambdaReturns.pop());
            return union(in, body);
        }
        if (e instanceof CtBinaryOperator<?> b) {
            List<Path> left = expr(b.getLeftHandOperand(), in);
            if (b.getKind() == BinaryOperatorKind.AND || b.getKind() == BinaryOperatorKind.OR) {
                return union(left, expr(b.getRightHandOperand(), left));
            }
            return expr(b.getRightHandOperand(), left);
        }
        if (e instanceof CtAssignment<?, ?> a) {
            List<Path> cur = in;
            if (a.getAssigned() instanceof CtArrayRead<?> || a.getAssigned() instanceof CtFieldRead<?>) {
                cur = expr(a.getAssigned(), cur);
            }
            return expr(a.getAssignment(), cur);
        }
        if (e instanceof CtSwitchExpression<?, ?> sw) {
            List<Path> sel = expr(sw.getSelector(), in);
            return cases(sw.getCases(), sel);
        }
        List<Path> cur = in;
        for (CtElement child : e.getDirectChildren()) {
            if (child instanceof CtExpression<?> ce && !(child instanceof CtTypeAccess<?>)) {
                cur = expr(ce, cur);
            }
        }
        return cur;
    }

    // ------------------------------------------------------------------ calls

    private List<Path> call(CtAbstractInvocation<?> site, List<Path> in) {
        if (in.isEmpty()) {
            return in;
        }
        if (site instanceof CtInvocation<?> inv) {
            if (env.prims().isHalt(inv)) {
                for (Path p : in) {
                    done.add(p.with(Path.Term.HALT));
                }
                return List.of();
            }
            if (env.prims().mayMatch(inv.getExecutable().getSimpleName())) {
                boolean recvBuf = inv.getTarget() != null && !env.flow().prov(inv.getTarget(), method.id()).isEmpty();
                List<Primitives.Match> ms = env.prims().match(inv, recvBuf);
                if (!ms.isEmpty()) {
                    List<Path> cur = in;
                    for (Primitives.Match m : ms) {
                        cur = primitive(inv, m, cur);
                    }
                    return cur;
                }
            }
        }
        List<Target> targets = env.graph().resolver().targets(site);
        if (targets.isEmpty()) {
            return in;
        }
        List<Path> out = new ArrayList<>();
        boolean passThrough = false;
        for (Target t : targets) {
            Summary s = summaries.apply(t.id());
            if (s == null) {
                passThrough = true;
                continue;
            }
            out.addAll(inline(in, s, t.id(), site));
        }
        if (passThrough) {
            out.addAll(in);
        }
        return norm(out);
    }

    private int line(CtElement e) {
        return Positions.line(e);
    }

    private Site here(CtElement e) {
        return new Site(method.id(), line(e));
    }

    private List<Path> primitive(CtInvocation<?> inv, Primitives.Match m, List<Path> in) {
        Primitive p = m.primitive();
        List<CtExpression<?>> args = inv.getArguments();
        switch (m.category()) {
            case WRITE -> {
                if (mode != Mode.REPLY) {
                    return in;
                }
                WriteShape w = writeShape(inv, p, args);
                if (w == null) {
                    return in;
                }
                return addEvent(in, g -> new Event.Write(w.kind, w.thread, w.buffer, w.lo, w.hi, w.value, w.length,
                        p.name(), g, here(inv), here(inv)));
            }
            case READ -> {
                if (mode != Mode.REPLY) {
                    return in;
                }
                CtExpression<?> b = operand(inv, p, "buffer");
                Set<BufRef> bufs = b == null ? Set.of() : env.flow().prov(b, method.id());
                if (bufs.isEmpty()) {
                    return in;
                }
                return addEvent(in, g -> new Event.BufRead(bufs, p.name(), g, here(inv), here(inv)));
            }
            case STATE -> {
                CtExpression<?> te = operand(inv, p, "thread");
                if (te == null) {
                    return in;
                }
                ThreadRef t = ctx.thread(te);
                String state = p.fixedState() != null ? p.fixedState() : stateName(operand(inv, p, "state"));
                Event.StateClass cls = classify(state);
                if (mode == Mode.REPLY) {
                    if (t.kind() == ThreadRef.Kind.OTHER) {
                        return in;
                    }
                    return addEvent(in, g -> new Event.StateSet(t, state, cls, g, here(inv), here(inv)));
                }
                if (cls != Event.StateClass.BLOCKED || t.kind() == ThreadRef.Kind.OTHER) {
                    return in;
                }
                return addQueue(in, Event.QueueKind.BLOCK, t, p.name() + "(" + state + ")", inv);
            }
            case ENQUEUE, DEQUEUE, BLOCK -> {
                if (mode != Mode.QUEUE) {
                    return in;
                }
                CtExpression<?> te = operand(inv, p, "thread");
                ThreadRef t = te == null ? ThreadRef.other(List.of("?")) : ctx.thread(te);
                if (t.kind() == ThreadRef.Kind.OTHER) {
                    return in;
                }
                Event.QueueKind k = m.category() == Primitives.Category.ENQUEUE ? Event.QueueKind.ENQUEUE
                        : m.category() == Primitives.Category.DEQUEUE ? Event.QueueKind.DEQUEUE : Event.QueueKind.BLOCK;
                return addQueue(in, k, t, p.name(), inv);
            }
            default -> {
                return in;
            }
        }
    }

    private kreply.analyzer.pack.NameSet viaNames;

    /** Only methods some family-B entry filters on are worth remembering in {@code via}. */
    private kreply.analyzer.pack.NameSet viaNames() {
        if (viaNames == null) {
            kreply.analyzer.pack.NameSet all = kreply.analyzer.pack.NameSet.EMPTY;
            for (var e : env.pack().queue().entries()) {
                all = new kreply.analyzer.pack.NameSet(concat(all.names(), e.enqueueVia().names()),
                        concat(all.patterns(), e.enqueueVia().patterns()));
            }
            viaNames = all;
        }
        return viaNames;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> r = new ArrayList<>(a);
        r.addAll(b);
        return r;
    }

    private List<Path> addQueue(List<Path> in, Event.QueueKind k, ThreadRef t, String op, CtInvocation<?> inv) {
        Site s = here(inv);
        Site ct = t.isCurrent() ? s : null;
        return addEvent(in, g -> new Event.QueueOp(k, t, op, g, s, s, ct, Set.of()));
    }

    private static CtExpression<?> operand(CtInvocation<?> inv, Primitive p, String role) {
        if (!p.has(role)) {
            return null;
        }
        int pos = p.arg(role);
        if (pos == Primitive.RECEIVER) {
            return inv.getTarget();
        }
        return pos < inv.getArguments().size() ? inv.getArguments().get(pos) : null;
    }

    private String stateName(CtExpression<?> e) {
        if (e instanceof CtFieldRead<?> f) {
            return f.getVariable().getSimpleName();
        }
        if (e instanceof CtInvocation<?> i) {
            return i.getExecutable().getSimpleName();
        }
        CtVariable<?> v = ctx.localOrParam(e);
        if (v != null && ctx.defs(v).size() == 1) {
            return stateName(ctx.defs(v).get(0));
        }
        return e == null ? "?" : e.toString();
    }

    private Event.StateClass classify(String state) {
        var pk = env.pack();
        if (pk.restartStates().matches(state)) {
            return Event.StateClass.RESTART;
        }
        if (pk.runningStates().matches(state)) {
            return Event.StateClass.RUNNING;
        }
        if (pk.blockedStates().matches(state)) {
            return Event.StateClass.BLOCKED;
        }
        return Event.StateClass.OTHER;
    }

    private record WriteShape(Event.WriteKind kind, ThreadRef thread, Set<BufRef> buffer, int lo, int hi, Long value,
                              Event.Length length) {
    }

    private WriteShape writeShape(CtInvocation<?> inv, Primitive p, List<CtExpression<?>> args) {
        CtExpression<?> valueExpr = operand(inv, p, "value");
        switch (p.kind()) {
            case "register" -> {
                ThreadRef t = ctx.thread(operand(inv, p, "thread"));
                Reg r = register(operand(inv, p, "register"), 0);
                if (r == null) {
                    return null;
                }
                Long v = r.kind == Event.WriteKind.BADGE ? ctx.constant(valueExpr) : null;
                Event.Length len = r.kind == Event.WriteKind.MSGINFO ? length(valueExpr) : Event.Length.NONE;
                return new WriteShape(r.kind, t, Set.of(), r.lo, r.hi, v, len);
            }
            case "message" -> {
                ThreadRef t = ctx.thread(operand(inv, p, "thread"));
                CtExpression<?> b = operand(inv, p, "buffer");
                Set<BufRef> bufs = b == null ? Set.of() : env.flow().prov(b, method.id());
                int[] r = ctx.range(operand(inv, p, "index"));
                int hi = r[1] == MethodContext.INF ? r[1] : r[1] + Math.max(1, p.words()) - 1;
                return new WriteShape(Event.WriteKind.MR, t, bufs, r[0], hi, null, Event.Length.NONE);
            }
            default -> {
                CtExpression<?> b = operand(inv, p, "buffer");
                Set<BufRef> bufs = b == null ? Set.of() : env.flow().prov(b, method.id());
                if (bufs.isEmpty()) {
                    return null;
                }
                int[] r = ctx.range(operand(inv, p, "word"));
                int off = env.pack().bufferWordOffset();
                int lo = r[0] - off;
                int hi = r[1] == MethodContext.INF ? r[1] : r[1] - off;
                ThreadRef t = bufferThread(bufs);
                return new WriteShape(Event.WriteKind.BUFFER_WORD, t, bufs, lo, hi, null, Event.Length.NONE);
            }
        }
    }

    private static ThreadRef bufferThread(Set<BufRef> bufs) {
        for (BufRef b : bufs) {
            if (b.kind() == BufRef.Kind.SOURCE && b.thread() != null) {
                return b.thread();
            }
        }
        return null;
    }

    private record Reg(Event.WriteKind kind, int lo, int hi) {
    }

    private Reg register(CtExpression<?> e, int depth) {
        if (e == null || depth > 4) {
            return null;
        }
        var pk = env.pack();
        if (e instanceof CtFieldRead<?> f) {
            String n = f.getVariable().getSimpleName();
            if (pk.msgInfoRegister().matches(n)) {
                return new Reg(Event.WriteKind.MSGINFO, 0, 0);
            }
            if (pk.badgeRegister().matches(n)) {
                return new Reg(Event.WriteKind.BADGE, 0, 0);
            }
            return null;
        }
        if (e instanceof CtArrayRead<?> a) {
            CtExpression<?> arr = a.getTarget();
            String n = arr instanceof CtFieldRead<?> f ? f.getVariable().getSimpleName()
                    : arr instanceof CtVariableRead<?> v ? v.getVariable().getSimpleName() : null;
            if (n != null && pk.msgRegisters().matches(n)) {
                int[] r = ctx.range(a.getIndexExpression());
                return new Reg(Event.WriteKind.MR, r[0], r[1]);
            }
            return null;
        }
        CtVariable<?> v = ctx.localOrParam(e);
        if (v != null && ctx.defs(v).size() == 1) {
            return register(ctx.defs(v).get(0), depth + 1);
        }
        return null;
    }

    /** The length field of a message-info value: constant, computed from writes, or unknown. */
    private Event.Length length(CtExpression<?> value) {
        CtInvocation<?> ctor = findCtor(value, 0);
        if (ctor == null) {
            return Event.Length.NONE;
        }
        int pos = env.pack().messageInfoLengthArg();
        if (pos >= ctor.getArguments().size()) {
            return Event.Length.NONE;
        }
        CtExpression<?> len = ctor.getArguments().get(pos);
        Long c = ctx.constant(len);
        if (c != null) {
            return new Event.Length(Event.LengthKind.CONSTANT, c);
        }
        if (fromWrites(len, 0)) {
            return new Event.Length(Event.LengthKind.FROM_WRITES, 0);
        }
        return Event.Length.NONE;
    }

    private CtInvocation<?> findCtor(CtExpression<?> e, int depth) {
        if (e == null || depth > 4) {
            return null;
        }
        String name = env.pack().messageInfoConstructor();
        if (e instanceof CtInvocation<?> i && i.getExecutable().getSimpleName().equals(name)) {
            return i;
        }
        for (CtInvocation<?> i : Scan.<CtInvocation<?>>all(e, CtInvocation.class)) {
            if (i.getExecutable().getSimpleName().equals(name)) {
                return i;
            }
        }
        CtVariable<?> v = ctx.localOrParam(e);
        if (v != null) {
            for (CtExpression<?> d : ctx.defs(v)) {
                CtInvocation<?> r = findCtor(d, depth + 1);
                if (r != null) {
                    return r;
                }
            }
        }
        return null;
    }

    private boolean fromWrites(CtExpression<?> e, int depth) {
        if (e == null || depth > 4) {
            return false;
        }
        List<CtElement> parts = new ArrayList<>();
        parts.add(e);
        parts.addAll(Scan.<CtExpression<?>>all(e, CtExpression.class));
        for (CtElement x : parts) {
            if (x instanceof CtInvocation<?> i && returnsLength(i)) {
                return true;
            }
            if (x instanceof CtExpression<?> xe) {
                CtVariable<?> v = ctx.localOrParam(xe);
                if (v != null) {
                    for (CtExpression<?> d : ctx.defs(v)) {
                        if (fromWrites(d, depth + 1)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private boolean returnsLength(CtInvocation<?> i) {
        for (Primitives.Match m : env.prims().match(i, true)) {
            if (m.category() == Primitives.Category.WRITE && m.primitive().returnsLength()) {
                return true;
            }
        }
        return false;
    }

    private List<Path> addEvent(List<Path> in, Function<Set<String>, Event> make) {
        List<Path> out = new ArrayList<>(in.size());
        for (Path p : in) {
            List<Event> ev = new ArrayList<>(p.events().size() + 1);
            ev.addAll(p.events());
            append(ev, make.apply(p.ctx()));
            out.add(new Path(bound(ev), p.ctx(), p.term()));
        }
        return norm(out);
    }

    /**
     * Appends an event, dropping repetitions the rules cannot tell apart: a queue effect equal to
     * the previous one, a state change that directly replaces the previous state change of the same
     * thread, and an exact repeat of the previous event.
     */
    private void append(List<Event> ev, Event e) {
        if (e instanceof Event.QueueOp q && entry != null) {
            // at the entry itself: enqueues it does not count, and blocks before any enqueue, never matter
            if (q.kind() == Event.QueueKind.ENQUEUE && !entry.enqueueVia().isEmpty()
                    && q.via().stream().noneMatch(entry.enqueueVia()::matches)) {
                return;
            }
            if (q.kind() == Event.QueueKind.BLOCK && ev.stream().noneMatch(x -> x instanceof Event.QueueOp o
                    && o.kind() == Event.QueueKind.ENQUEUE)) {
                return;
            }
        }
        if (e instanceof Event.QueueOp q) {
            // a block checked against both the queued flag and schedulability can never be reported
            if (q.kind() == Event.QueueKind.BLOCK && q.guards().contains(Atoms.QUEUED)
                    && q.guards().contains(Atoms.SCHEDULABLE)) {
                return;
            }
            // enqueue immediately followed by a dequeue of the same thread leaves it dequeued
            while (q.kind() == Event.QueueKind.DEQUEUE && !ev.isEmpty()
                    && ev.get(ev.size() - 1) instanceof Event.QueueOp l && l.thread().equals(q.thread())
                    && (l.kind() == Event.QueueKind.ENQUEUE || l.kind() == Event.QueueKind.DEQUEUE)) {
                ev.remove(ev.size() - 1);
            }
        }
        if (!ev.isEmpty()) {
            Event last = ev.get(ev.size() - 1);
            if (last.equals(e)) {
                return;
            }
            if (e instanceof Event.QueueOp q && last instanceof Event.QueueOp l && queueKey(q).equals(queueKey(l))) {
                return;
            }
            if (e instanceof Event.StateSet s && last instanceof Event.StateSet l && s.thread().equals(l.thread())) {
                ev.set(ev.size() - 1, e);
                return;
            }
        }
        ev.add(e);
    }

    /** Keeps the first and the last events of an overlong path (first writes and final states matter). */
    private List<Event> bound(List<Event> ev) {
        if (ev.size() <= MAX_EVENTS) {
            return ev;
        }
        truncated = true;
        List<Event> r = new ArrayList<>(MAX_EVENTS);
        r.addAll(ev.subList(0, MAX_EVENTS / 2));
        r.addAll(ev.subList(ev.size() - MAX_EVENTS / 2, ev.size()));
        return r;
    }

    // ------------------------------------------------------------------ inlining summaries

    private List<Path> inline(List<Path> in, Summary s, String callee, CtAbstractInvocation<?> site) {
        boolean dropWrites = mode == Mode.REPLY && (env.isRoot(callee) || env.isAllowlisted(callee));
        String calleeName = MethodIds.simpleName(callee);
        Site at = here(site);
        record Piece(List<Event> events, Set<String> ctx, boolean halt) {
        }
        List<Piece> pieces = new ArrayList<>();
        for (Path q : s.paths()) {
            Set<String> c = substituteAtoms(q.ctx(), site);
            if (c == null) {
                continue;
            }
            List<Event> ev = new ArrayList<>();
            for (Event e : q.events()) {
                if (dropWrites && (e instanceof Event.Write || e instanceof Event.BufRead)) {
                    continue;
                }
                Event r = substitute(e, callee, calleeName, site, at);
                if (r != null) {
                    ev.add(r);
                }
            }
            pieces.add(new Piece(ev, c, q.term() == Path.Term.HALT));
        }
        java.util.LinkedHashMap<Object, Path> out = new java.util.LinkedHashMap<>();
        product:
        for (Path p : in) {
            for (Piece q : pieces) {
                if (out.size() >= cap()) {
                    // the product is capped before it is built: bounded work per call site
                    truncated = true;
                    break product;
                }
                Set<String> c = new HashSet<>(p.ctx());
                c.addAll(q.ctx);
                if (Atoms.contradictory(c)) {
                    continue;
                }
                List<Event> ev = new ArrayList<>(p.events());
                for (Event e : q.events) {
                    append(ev, withGuards(e, p.ctx()));
                }
                Path np = new Path(bound(ev), c, Path.Term.OPEN);
                if (q.halt) {
                    done.add(np.with(Path.Term.HALT));
                } else {
                    out.putIfAbsent(mode == Mode.QUEUE ? queueKey(np) : np, np);
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Rewrites callee parameter atoms into this method's terms; null when the path is infeasible here. */
    private Set<String> substituteAtoms(Set<String> in, CtAbstractInvocation<?> site) {
        Set<String> out = new HashSet<>();
        for (String a : in) {
            boolean neg = a.startsWith("!");
            String base = neg ? a.substring(1) : a;
            if (!base.startsWith("P")) {
                out.add(a);
                continue;
            }
            int i;
            try {
                i = Integer.parseInt(base.substring(1));
            } catch (NumberFormatException e) {
                continue;
            }
            if (i >= site.getArguments().size()) {
                continue;
            }
            String r = argAtom(site.getArguments().get(i), !neg);
            if (r == null) {
                continue;
            }
            if (r.equals("FALSE")) {
                return null;
            }
            if (!r.equals("TRUE")) {
                out.add(r);
            }
        }
        return Atoms.contradictory(out) ? null : out;
    }

    /** The atom an argument contributes when the callee assumed its parameter to be {@code value}. */
    private String argAtom(CtExpression<?> arg, boolean value) {
        Boolean k = ctx.constantBool(arg);
        if (k != null) {
            return k == value ? "TRUE" : "FALSE";
        }
        if (arg instanceof spoon.reflect.code.CtUnaryOperator<?> u
                && u.getKind() == spoon.reflect.code.UnaryOperatorKind.NOT) {
            return argAtom(u.getOperand(), !value);
        }
        if (arg instanceof CtVariableRead<?> vr && !(arg instanceof CtFieldRead<?>)) {
            int pi = ctx.paramIndex(vr.getVariable());
            String pos = pi >= 0 ? "P" + pi
                    : env.pack().callFlags().matches(vr.getVariable().getSimpleName()) ? Atoms.CALL : null;
            if (pos == null) {
                return null;
            }
            return value ? pos : Atoms.neg(pos);
        }
        return null;
    }

    private Event substitute(Event e, String callee, String calleeName, CtAbstractInvocation<?> site, Site at) {
        Set<String> g = substituteGuards(e.guards(), site);
        DataFlow f = env.flow();
        String me = method.id();
        if (e instanceof Event.Write w) {
            ThreadRef t = w.thread() == null ? null : f.substituteThread(w.thread(), callee, site, me);
            Set<BufRef> b = subBufs(w.buffer(), callee, site);
            if (w.kind() == Event.WriteKind.BUFFER_WORD && t == null) {
                t = bufferThread(b);
            }
            return new Event.Write(w.kind(), t, b, w.lo(), w.hi(), w.value(), w.length(), w.primitive(), g, at,
                    w.origin());
        }
        if (e instanceof Event.StateSet s) {
            ThreadRef t = f.substituteThread(s.thread(), callee, site, me);
            if (t.kind() == ThreadRef.Kind.OTHER) {
                return null;
            }
            return new Event.StateSet(t, s.state(), s.cls(), g, at, s.origin());
        }
        if (e instanceof Event.BufRead r) {
            return new Event.BufRead(subBufs(r.buffer(), callee, site), r.primitive(), g, at, r.origin());
        }
        Event.QueueOp q = (Event.QueueOp) e;
        ThreadRef t = f.substituteThread(q.thread(), callee, site, me);
        if (t.kind() == ThreadRef.Kind.OTHER) {
            return null;
        }
        Site ct = q.ctSite() != null ? q.ctSite() : t.isCurrent() ? at : null;
        Set<String> via = q.via();
        if (viaNames().matches(calleeName)) {
            via = new HashSet<>(via);
            via.add(calleeName);
        }
        return new Event.QueueOp(q.kind(), t, q.op(), g, at, q.origin(), ct, via);
    }

    private Set<BufRef> subBufs(Set<BufRef> in, String callee, CtAbstractInvocation<?> site) {
        if (in.isEmpty()) {
            return in;
        }
        Set<BufRef> out = new LinkedHashSet<>();
        for (BufRef b : in) {
            out.addAll(env.flow().substitute(b, callee, site, method.id()));
        }
        return out;
    }

    private Set<String> substituteGuards(Set<String> in, CtAbstractInvocation<?> site) {
        Set<String> out = new HashSet<>();
        for (String a : in) {
            boolean neg = a.startsWith("!");
            String base = neg ? a.substring(1) : a;
            if (!base.startsWith("P")) {
                out.add(a);
                continue;
            }
            int i;
            try {
                i = Integer.parseInt(base.substring(1));
            } catch (NumberFormatException ex) {
                continue;
            }
            if (i < site.getArguments().size()) {
                String r = argAtom(site.getArguments().get(i), !neg);
                if (r != null && !r.equals("TRUE") && !r.equals("FALSE")) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static Event withGuards(Event e, Set<String> more) {
        if (more.isEmpty()) {
            return e;
        }
        Set<String> g = new HashSet<>(e.guards());
        g.addAll(more);
        if (e instanceof Event.Write w) {
            return new Event.Write(w.kind(), w.thread(), w.buffer(), w.lo(), w.hi(), w.value(), w.length(),
                    w.primitive(), g, w.site(), w.origin());
        }
        if (e instanceof Event.StateSet s) {
            return new Event.StateSet(s.thread(), s.state(), s.cls(), g, s.site(), s.origin());
        }
        if (e instanceof Event.BufRead r) {
            return new Event.BufRead(r.buffer(), r.primitive(), g, r.site(), r.origin());
        }
        Event.QueueOp q = (Event.QueueOp) e;
        return new Event.QueueOp(q.kind(), q.thread(), q.op(), g, q.site(), q.origin(), q.ctSite(), q.via());
    }

    // ------------------------------------------------------------------ path sets

    /**
     * Queue paths that differ only in message detail (which primitive blocked, where exactly) are
     * the same to rule Q: keep the first and compare the rest by kind, thread, guards and sites.
     */
    /** What rule Q distinguishes: enqueues and dequeues by thread and via, blocks also by guards and site. */
    private static Object queueKey(Event.QueueOp q) {
        if (q.kind() == Event.QueueKind.BLOCK) {
            return java.util.Arrays.asList(q.kind(), q.thread(), q.guards(), q.ctSite() == null ? q.site()
                    : q.ctSite());
        }
        if (q.kind() == Event.QueueKind.DEQUEUE) {
            return java.util.Arrays.asList(q.kind(), q.thread());
        }
        return java.util.Arrays.asList(q.kind(), q.thread(), q.via());
    }

    private static Object queueKey(Path p) {
        List<Object> ev = new ArrayList<>(p.events().size());
        for (Event e : p.events()) {
            if (e instanceof Event.QueueOp q) {
                ev.add(queueKey(q));
            } else {
                ev.add(e);
            }
        }
        return List.of(ev, p.ctx(), p.term());
    }

    private List<Path> union(List<Path> a, List<Path> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        List<Path> r = new ArrayList<>(a.size() + b.size());
        r.addAll(a);
        r.addAll(b);
        return norm(r);
    }

    private int cap() {
        return mode == Mode.QUEUE ? QUEUE_CAP : CAP;
    }

    private List<Path> norm(List<Path> in) {
        if (in.size() <= 1) {
            return in;
        }
        java.util.LinkedHashMap<Object, Path> s = new java.util.LinkedHashMap<>();
        for (Path p : in) {
            s.putIfAbsent(mode == Mode.QUEUE ? queueKey(p) : p, p);
        }
        List<Path> r = new ArrayList<>(s.values());
        if (r.size() > cap()) {
            truncated = true;
            r = new ArrayList<>(r.subList(0, cap()));
        }
        return r;
    }
}
