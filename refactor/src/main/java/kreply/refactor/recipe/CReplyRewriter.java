package kreply.refactor.recipe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;

import kreply.refactor.config.RecipeConfig;
import kreply.refactor.source.EditSession;

/**
 * Rewrites a function's own reply writes into the conforming C shape (LEGACY-REPLY-BUGS §A3):
 * under the call flag, look up the replied-to thread's buffer with write authority, zero the
 * badge, write the words with setMR, and take msgInfo's length from the last setMR; then set the
 * thread Running (a trailing Restart becomes Running). Results are computed before the guard, so
 * a non-Call still does the work and only the message is skipped. Code that is already in this
 * shape comes out unchanged, which makes the recipes idempotent.
 */
final class CReplyRewriter {
    private final RecipeConfig.Reply r;
    private final ReplyWrites rw;
    private final EditSession s;

    CReplyRewriter(RecipeConfig.Reply r, EditSession s) {
        this.r = r;
        this.rw = new ReplyWrites(r);
        this.s = s;
    }

    /**
     * @param flag           the boolean the writes are guarded by
     * @param threadOverride the thread written to (null: the thread the writes already name)
     * @param setRunning     whether this function answers the invocation (it sets Running after)
     */
    void rewrite(MethodDeclaration m, String flag, Expression threadOverride, boolean setRunning) {
        // Dry run on a copy first: code already in the fixed shape must come out byte-identical, and
        // the lexical-preserving printer would reprint even a structurally equal replacement.
        MethodDeclaration copy = m.clone();
        transform(copy, flag, threadOverride, setRunning, true);
        if (copy.toString().equals(m.toString())) {
            return;
        }
        transform(m, flag, threadOverride, setRunning, false);
        s.markChanged(m);
        Imports.ensure(s, m, r.bufferType());
        Imports.ensureFor(s, m, r.setRegister() + "(t, " + r.badgeRegister() + ", 0)");
        Imports.ensureFor(s, m, r.setRegister() + "(t, " + r.msgInfoRegister() + ", " + r.messageInfoFor("n") + ")");
        Imports.ensureFor(s, m, r.setRunningFor("t"));
        Imports.dropUnusedStatic(s, m, r.messageRegisters());
    }

    private void transform(MethodDeclaration m, String flag, Expression threadOverride, boolean setRunning,
                           boolean dry) {
        BlockStmt body = m.getBody().orElseThrow(() -> new FixNotApplicable(m.getNameAsString() + " has no body"));
        List<ReplyWrites.Write> writes = rw.in(body);
        if (writes.isEmpty()) {
            throw new FixNotApplicable(m.getNameAsString() + " writes no reply itself");
        }
        List<Statement> stmts = new ArrayList<>();
        for (ReplyWrites.Write w : writes) {
            stmts.add(w.call().findAncestor(Statement.class).orElseThrow());
        }
        BlockStmt block = commonBlock(stmts);
        List<Statement> tops = new ArrayList<>();
        for (Statement st : stmts) {
            tops.add(topIn(block, st));
        }
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (Statement t : tops) {
            int i = indexIn(block, t);
            lo = Math.min(lo, i);
            hi = Math.max(hi, i);
        }
        boolean guarded = isFlagGuard(block, flag);
        Expression thread = threadOverride != null ? threadOverride.clone() : writes.get(0).thread(r).clone();

        Set<String> taken = declaredNames(m, block, lo, hi);
        String len = fresh(r.lengthLocal(), taken);
        String buf = fresh(r.bufferLocal(), taken);

        List<Statement> pre = new ArrayList<>();
        List<Statement> inner = new ArrayList<>();
        boolean lengthDeclared = false;
        boolean nestedBeforeDecl = false;
        // Work on the original statements (detached), so the printer tracks every edit made to them.
        NodeList<Statement> now = new NodeList<>();
        now.addAll(block.getStatements());
        List<Statement> range = new ArrayList<>(now.subList(lo, hi + 1));
        for (int i = hi; i >= lo; i--) {
            block.getStatements().remove(i);
        }
        for (Statement child : range) {
            if (isOwnScaffolding(child, buf, len)) {
                continue;
            }
            if (!rw.containsWrite(child)) {
                if (guarded) {
                    inner.add(child);
                } else {
                    pre.add(child);
                }
                continue;
            }
            ReplyWrites.Write top = topLevelWrite(child);
            if (top != null) {
                if (top.kind() == ReplyWrites.Kind.BADGE || top.kind() == ReplyWrites.Kind.MSG_INFO) {
                    continue;
                }
                MethodCallExpr call = converted(top, buf, thread, guarded ? null : pre, taken);
                if (!lengthDeclared && !nestedBeforeDecl) {
                    inner.add(StaticJavaParser.parseStatement("int " + len + " = " + call + ";"));
                    lengthDeclared = true;
                } else {
                    inner.add(new ExpressionStmt(new AssignExpr(new NameExpr(len), call, AssignExpr.Operator.ASSIGN)));
                }
                continue;
            }
            // A control statement with writes inside (e.g. if / else choosing the value).
            for (ReplyWrites.Write w : rw.in(child)) {
                Statement st = w.call().findAncestor(Statement.class).orElseThrow();
                if (w.kind() == ReplyWrites.Kind.BADGE || w.kind() == ReplyWrites.Kind.MSG_INFO) {
                    st.remove();
                } else {
                    MethodCallExpr call = converted(w, buf, thread, null, taken);
                    st.replace(new ExpressionStmt(new AssignExpr(new NameExpr(len), call, AssignExpr.Operator.ASSIGN)));
                }
            }
            if (!lengthDeclared) {
                nestedBeforeDecl = true;
            }
            inner.add(child);
        }
        if (!lengthDeclared) {
            inner.add(0, StaticJavaParser.parseStatement("int " + len + " = 0;"));
        }
        List<Statement> guardBody = new ArrayList<>();
        guardBody.add(StaticJavaParser.parseStatement(r.bufferType() + " " + buf + " = "
                + r.bufferLookupFor(thread.toString()) + ";"));
        guardBody.add(StaticJavaParser.parseStatement(r.setRegister() + "(" + thread + ", " + r.badgeRegister()
                + ", 0);"));
        guardBody.addAll(inner);
        guardBody.add(StaticJavaParser.parseStatement(r.setRegister() + "(" + thread + ", " + r.msgInfoRegister()
                + ", " + r.messageInfoFor(len) + ");"));

        BlockStmt outer;
        int guardIndex;
        if (guarded) {
            NodeList<Statement> before = new NodeList<>(block.getStatements().subList(0, lo));
            NodeList<Statement> after = new NodeList<>(block.getStatements().subList(lo, block.getStatements().size()));
            block.getStatements().clear();
            for (Statement st : before) {
                if (!isOwnScaffolding(st, buf, len)) {
                    block.getStatements().add(st);
                }
            }
            block.getStatements().addAll(guardBody);
            block.getStatements().addAll(after);
            IfStmt guard = (IfStmt) block.getParentNode().orElseThrow();
            outer = (BlockStmt) guard.getParentNode().filter(p -> p instanceof BlockStmt)
                    .orElseThrow(() -> new FixNotApplicable("the call guard is not in a block"));
            guardIndex = indexIn(outer, guard);
        } else {
            BlockStmt then = new BlockStmt(new NodeList<>(guardBody));
            IfStmt guard = new IfStmt(new NameExpr(flag), then, null);
            List<Statement> ins = new ArrayList<>(pre);
            ins.add(guard);
            for (int i = 0; i < ins.size(); i++) {
                block.getStatements().add(lo + i, ins.get(i));
            }
            outer = block;
            guardIndex = lo + pre.size();
        }
        if (setRunning) {
            ensureRunningAfter(outer, guardIndex, thread, dry ? null : m);
        }
    }

    /**
     * After an answer at {@code index}: a later {@code setThreadState(t, Restart)} becomes Running
     * (the O defect); with no state change after it, Running is set right after the answer.
     */
    void ensureRunningAfter(BlockStmt outer, int index, Expression thread, Node changed) {
        for (int i = index + 1; i < outer.getStatements().size(); i++) {
            for (MethodCallExpr c : outer.getStatement(i).findAll(MethodCallExpr.class)) {
                if (!c.getNameAsString().equals(r.setThreadState()) || c.getArguments().size() != 2) {
                    continue;
                }
                Expression st = c.getArgument(1);
                if (st instanceof FieldAccessExpr fa && fa.getNameAsString().equals(r.restartState())) {
                    fa.setName(r.runningState());
                    if (changed != null) {
                        s.markChanged(changed);
                    }
                    return;
                }
                if (st instanceof FieldAccessExpr fa && fa.getNameAsString().equals(r.runningState())) {
                    return;
                }
            }
        }
        outer.getStatements().add(index + 1, StaticJavaParser.parseStatement(r.setRunningFor(thread.toString())));
        if (changed != null) {
            s.markChanged(changed);
            Imports.ensureFor(s, changed, r.setRunningFor("t"));
        }
    }

    /** The write as setMR / time-argument call on the new buffer, its value hoisted when it calls something. */
    private MethodCallExpr converted(ReplyWrites.Write w, String buf, Expression thread, List<Statement> hoistTo,
                                     Set<String> taken) {
        MethodCallExpr c = w.call();
        Expression th = thread.clone();
        if (w.kind() == ReplyWrites.Kind.TIME) {
            Expression value = hoist(c.getArgument(1), hoistTo, taken);
            return new MethodCallExpr(null, r.setTimeArg(), new NodeList<>(c.getArgument(0).clone(), value,
                    new NameExpr(buf), th));
        }
        Expression index;
        Expression value;
        if (c.getNameAsString().equals(r.setMR())) {
            index = c.getArgument(2).clone();
            value = c.getArgument(3);
        } else {
            index = ((com.github.javaparser.ast.expr.ArrayAccessExpr) c.getArgument(1)).getIndex().clone();
            value = c.getArgument(2);
        }
        value = hoist(value, hoistTo, taken);
        return new MethodCallExpr(null, r.setMR(), new NodeList<>(th, new NameExpr(buf), index, value));
    }

    private Expression hoist(Expression value, List<Statement> hoistTo, Set<String> taken) {
        if (hoistTo == null || value.findAll(MethodCallExpr.class).isEmpty()) {
            return value.clone();
        }
        String name = fresh("value", taken);
        taken.add(name);
        hoistTo.add(StaticJavaParser.parseStatement(r.wordType() + " " + name + " = " + value + ";"));
        return new NameExpr(name);
    }

    /** The write when the statement is exactly one write (possibly assigned or declared). */
    private ReplyWrites.Write topLevelWrite(Statement st) {
        if (!(st instanceof ExpressionStmt es)) {
            return null;
        }
        Expression e = es.getExpression();
        if (e instanceof VariableDeclarationExpr vd && vd.getVariables().size() == 1
                && vd.getVariable(0).getInitializer().isPresent()) {
            e = vd.getVariable(0).getInitializer().get();
        } else if (e instanceof AssignExpr a) {
            e = a.getValue();
        }
        if (e instanceof MethodCallExpr mc) {
            return rw.classify(mc).orElse(null);
        }
        return null;
    }

    /** Statements this rewriter itself puts in the guard besides writes: the buffer lookup and the zero length. */
    private boolean isOwnScaffolding(Statement st, String buf, String len) {
        if (!(st instanceof ExpressionStmt es) || !(es.getExpression() instanceof VariableDeclarationExpr vd)
                || vd.getVariables().size() != 1) {
            return false;
        }
        VariableDeclarator v = vd.getVariable(0);
        if (v.getNameAsString().equals(buf) && v.getType().asString().equals(r.bufferType())) {
            return true;
        }
        return v.getNameAsString().equals(len) && v.getInitializer().map(i -> i.toString().equals("0")).orElse(false);
    }

    private boolean isFlagGuard(BlockStmt block, String flag) {
        return block.getParentNode().filter(p -> p instanceof IfStmt).map(p -> (IfStmt) p)
                .filter(i -> i.getThenStmt() == block && i.getElseStmt().isEmpty()
                        && i.getCondition() instanceof NameExpr n && n.getNameAsString().equals(flag))
                .isPresent();
    }

    private static BlockStmt commonBlock(List<Statement> stmts) {
        Node n = stmts.get(0);
        while (true) {
            BlockStmt b = n.findAncestor(BlockStmt.class).orElseThrow(
                    () -> new FixNotApplicable("reply writes are not inside one block"));
            boolean all = stmts.stream().allMatch(st -> b.isAncestorOf(st));
            if (all) {
                return b;
            }
            n = b;
        }
    }

    private static Statement topIn(BlockStmt block, Statement st) {
        Node n = st;
        while (n.getParentNode().isPresent() && n.getParentNode().get() != block) {
            n = n.getParentNode().get();
        }
        return (Statement) n;
    }

    private static int indexIn(BlockStmt block, Node st) {
        for (int i = 0; i < block.getStatements().size(); i++) {
            if (block.getStatement(i) == st) {
                return i;
            }
        }
        throw new IllegalStateException("statement not in its block");
    }

    /** Names declared in the method, except the rewriter's own in the rewritten range. */
    private Set<String> declaredNames(MethodDeclaration m, BlockStmt block, int lo, int hi) {
        Set<String> out = new HashSet<>();
        m.getParameters().forEach(p -> out.add(p.getNameAsString()));
        Set<VariableDeclarator> own = new HashSet<>();
        for (int i = 0; i <= hi && i < block.getStatements().size(); i++) {
            Statement st = block.getStatement(i);
            if (i >= lo || isGuardScaffold(st)) {
                own.addAll(st.findAll(VariableDeclarator.class));
            }
        }
        for (VariableDeclarator v : m.findAll(VariableDeclarator.class)) {
            if (!own.contains(v)) {
                out.add(v.getNameAsString());
            }
        }
        return out;
    }

    private boolean isGuardScaffold(Statement st) {
        return st instanceof ExpressionStmt es && es.getExpression() instanceof VariableDeclarationExpr vd
                && vd.getVariables().size() == 1 && vd.getVariable(0).getType().asString().equals(r.bufferType());
    }

    static String fresh(String base, Set<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        String alt = "reply" + Character.toUpperCase(base.charAt(0)) + base.substring(1);
        for (int i = 0; ; i++) {
            String n = i == 0 ? alt : alt + i;
            if (!taken.contains(n)) {
                return n;
            }
        }
    }
}
