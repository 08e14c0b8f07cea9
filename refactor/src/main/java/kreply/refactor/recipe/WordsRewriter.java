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
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;

import kreply.refactor.config.RecipeConfig;

/**
 * Turns a function's reply writes into the word list it would hand back in the spec protocol:
 * the writes (message registers, a time value) become one array of words in index order, the
 * msgInfo and badge writes go (the deliverer writes them), and a call-flag guard around them is
 * dropped (the deliverer decides). The words land in a local declared where the first write was,
 * or — when the writes sit in a nested block — in a local declared at the top of the body.
 */
final class WordsRewriter {
    private final RecipeConfig.Reply r;
    private final RecipeConfig.SpecReply sp;
    private final ReplyWrites rw;

    WordsRewriter(RecipeConfig config) {
        this.r = config.reply();
        this.sp = config.specReply();
        this.rw = new ReplyWrites(r);
    }

    /**
     * Where the words ended up; {@code computed}: some were written at run-time indices, so the
     * list is cut to length with the recipe file's {@code wordsCapacity} and {@code wordsPrefix}.
     */
    record Words(String local, BlockStmt block, Statement decl, boolean computed) {
    }

    Words rewrite(MethodDeclaration m) {
        BlockStmt body = m.getBody().orElseThrow(() -> new FixNotApplicable(m.getNameAsString() + " has no body"));
        unwrapCallGuards(body);
        List<ReplyWrites.Write> writes = rw.in(body);
        if (writes.isEmpty()) {
            throw new FixNotApplicable(m.getNameAsString() + " writes no reply");
        }
        List<Statement> stmts = new ArrayList<>();
        for (ReplyWrites.Write w : writes) {
            stmts.add(w.call().findAncestor(Statement.class).orElseThrow());
        }
        BlockStmt block = commonBlock(stmts);
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (Statement st : stmts) {
            int i = block.getStatements().indexOf(topIn(block, st));
            lo = Math.min(lo, i);
            hi = Math.max(hi, i);
        }
        Set<String> taken = new HashSet<>();
        m.getParameters().forEach(p -> taken.add(p.getNameAsString()));
        m.findAll(VariableDeclarator.class).forEach(v -> taken.add(v.getNameAsString()));
        String local = CReplyRewriter.fresh("reply", taken);

        // Straight line: every write a statement of its own in the range, constant indices 0..n-1 in order.
        List<Expression> values = new ArrayList<>();
        boolean straight = true;
        int next = 0;
        for (int i = lo; i <= hi && straight; i++) {
            Statement st = block.getStatement(i);
            if (!rw.containsWrite(st)) {
                continue;
            }
            ReplyWrites.Write w = single(st);
            if (w == null) {
                straight = false;
            } else if (w.kind() == ReplyWrites.Kind.MR || w.kind() == ReplyWrites.Kind.TIME) {
                Integer idx = index(w);
                if (idx == null || idx != next) {
                    straight = false;
                } else {
                    values.add(value(w).clone());
                    next++;
                }
            }
        }
        boolean nestedLocal = block != body;
        List<Statement> keep = new ArrayList<>();
        Statement decl;
        boolean computed = false;
        if (straight) {
            Expression words;
            if (values.size() == 1 && single(firstWrite(block, lo, hi)).kind() == ReplyWrites.Kind.TIME) {
                words = StaticJavaParser.parseExpression(sp.timeWordsFor(values.get(0).toString()));
            } else {
                words = StaticJavaParser.parseExpression("new " + sp.wordsType() + " {" + String.join(", ",
                        values.stream().map(Expression::toString).toList()) + "}");
            }
            decl = nestedLocal
                    ? new ExpressionStmt(new AssignExpr(new NameExpr(local), words, AssignExpr.Operator.ASSIGN))
                    : StaticJavaParser.parseStatement(sp.wordsType() + " " + local + " = " + words + ";");
            for (int i = lo; i <= hi; i++) {
                Statement st = block.getStatement(i);
                if (!rw.containsWrite(st)) {
                    keep.add(st);
                }
            }
        } else {
            // Writes in loops or branches: each becomes an element assignment. An index computed at
            // run time (a loop over registers) gets a list as long as a message can be, cut to the
            // length the function reported in its msgInfo.
            int n = 0;
            for (ReplyWrites.Write w : writes) {
                Integer idx = index(w);
                if ((w.kind() == ReplyWrites.Kind.MR || w.kind() == ReplyWrites.Kind.TIME) && idx == null) {
                    computed = true;
                }
                if (idx != null) {
                    n = Math.max(n, idx + 1);
                }
            }
            String alloc = "new " + sp.wordsType().replace("[]", "[" + (computed ? sp.wordsCapacity() : n) + "]");
            decl = nestedLocal
                    ? new ExpressionStmt(new AssignExpr(new NameExpr(local), StaticJavaParser.parseExpression(alloc),
                    AssignExpr.Operator.ASSIGN))
                    : StaticJavaParser.parseStatement(sp.wordsType() + " " + local + " = " + alloc + ";");
            for (int i = lo; i <= hi; i++) {
                Statement st = block.getStatement(i);
                List<Statement> replacement = new ArrayList<>(List.of(st));
                for (ReplyWrites.Write w : rw.in(st)) {
                    Statement ws = w.call().findAncestor(Statement.class).orElseThrow();
                    List<Statement> becomes;
                    if (w.kind() == ReplyWrites.Kind.BADGE) {
                        becomes = List.of();
                    } else if (w.kind() == ReplyWrites.Kind.MSG_INFO) {
                        becomes = computed ? List.of(cut(m, w, local)) : List.of();
                    } else {
                        Expression idx = indexExpr(w);
                        becomes = new ArrayList<>();
                        becomes.add(new ExpressionStmt(new AssignExpr(new ArrayAccessExpr(new NameExpr(local),
                                idx.clone()), value(w).clone(), AssignExpr.Operator.ASSIGN)));
                        if (computed) {
                            lengthAfter(w, idx).ifPresent(becomes::add);
                        }
                    }
                    if (ws == st) {
                        replacement = new ArrayList<>(becomes);
                    } else {
                        replaceIn(ws, becomes);
                    }
                }
                keep.addAll(replacement);
            }
        }
        for (int i = hi; i >= lo; i--) {
            block.getStatements().remove(i);
        }
        List<Statement> ins = new ArrayList<>();
        ins.add(decl);
        ins.addAll(keep);
        for (int i = 0; i < ins.size(); i++) {
            block.getStatements().add(lo + i, ins.get(i));
        }
        if (nestedLocal) {
            body.getStatements().add(0, StaticJavaParser.parseStatement(sp.wordsType() + " " + local + " = "
                    + sp.emptyWords() + ";"));
        }
        return new Words(local, block, decl, computed);
    }

    /** {@code if (call) { … }} around writes: the statements stay, the guard goes. */
    private void unwrapCallGuards(BlockStmt body) {
        for (IfStmt ifs : body.findAll(IfStmt.class)) {
            if (ifs.getElseStmt().isEmpty() && ifs.getCondition() instanceof NameExpr n
                    && n.getNameAsString().equals(r.callFlag()) && rw.containsWrite(ifs)
                    && ifs.getThenStmt() instanceof BlockStmt then
                    && ifs.getParentNode().orElse(null) instanceof BlockStmt parent) {
                int i = parent.getStatements().indexOf(ifs);
                List<Statement> inner = new ArrayList<>(then.getStatements());
                parent.getStatements().remove(i);
                for (int j = 0; j < inner.size(); j++) {
                    parent.getStatements().add(i + j, inner.get(j));
                }
            }
        }
    }

    /**
     * The words cut to the message's length: the length argument of the msgInfo the function
     * wrote ({@code seL4_MessageInfo_new(0, 0, 0, length)}), as the recipe file spells msgInfo.
     */
    private Statement cut(MethodDeclaration m, ReplyWrites.Write msgInfo, String local) {
        Expression written = msgInfo.call().getArgument(2);
        Expression template = StaticJavaParser.parseExpression(r.messageInfoFor(LENGTH_HOLE));
        Expression length = Templates.capture(template, written, LENGTH_HOLE).orElseThrow(() -> new FixNotApplicable(
                m.getNameAsString() + ": its msgInfo is not written as " + r.messageInfoFor("{length}")));
        return new ExpressionStmt(new AssignExpr(new NameExpr(local), StaticJavaParser.parseExpression(
                sp.wordsPrefixFor(local, length.toString())), AssignExpr.Operator.ASSIGN));
    }

    private static final String LENGTH_HOLE = "kreplyLengthHole";

    /**
     * Where a write's returned length went ({@code length = setMR(…)}, {@code int length = setMR(…)}),
     * the same variable now counts the words: index + 1.
     */
    private static java.util.Optional<Statement> lengthAfter(ReplyWrites.Write w, Expression idx) {
        Node parent = w.call().getParentNode().orElse(null);
        String count = "(" + idx + ") + 1";
        if (idx instanceof NameExpr || idx instanceof IntegerLiteralExpr) {
            count = idx + " + 1";
        }
        if (parent instanceof AssignExpr a && a.getTarget() instanceof NameExpr target) {
            return java.util.Optional.of(StaticJavaParser.parseStatement(target + " = " + count + ";"));
        }
        if (parent instanceof VariableDeclarator v) {
            return java.util.Optional.of(StaticJavaParser.parseStatement(v.getType() + " " + v.getName() + " = "
                    + count + ";"));
        }
        return java.util.Optional.empty();
    }

    /** Replaces a statement inside a block by the given statements (none: removes it). */
    private static void replaceIn(Statement ws, List<Statement> becomes) {
        if (!(ws.getParentNode().orElse(null) instanceof BlockStmt parent)) {
            if (becomes.size() == 1) {
                ws.replace(becomes.get(0));
                return;
            }
            throw new FixNotApplicable("a reply write outside a block cannot become " + becomes.size() + " statements");
        }
        int at = parent.getStatements().indexOf(ws);
        parent.getStatements().remove(at);
        for (int j = 0; j < becomes.size(); j++) {
            parent.getStatements().add(at + j, becomes.get(j));
        }
    }

    /** The index expression of a message write (constant or computed). */
    private Expression indexExpr(ReplyWrites.Write w) {
        MethodCallExpr c = w.call();
        if (w.kind() == ReplyWrites.Kind.TIME) {
            return c.getArgument(0);
        }
        return c.getNameAsString().equals(r.setMR()) ? c.getArgument(2) : ((ArrayAccessExpr) c.getArgument(1)).getIndex();
    }

    private Statement firstWrite(BlockStmt block, int lo, int hi) {
        for (int i = lo; i <= hi; i++) {
            ReplyWrites.Write w = single(block.getStatement(i));
            if (w != null && (w.kind() == ReplyWrites.Kind.MR || w.kind() == ReplyWrites.Kind.TIME)) {
                return block.getStatement(i);
            }
        }
        return block.getStatement(lo);
    }

    private ReplyWrites.Write single(Statement st) {
        if (!(st instanceof ExpressionStmt es)) {
            return null;
        }
        Expression e = es.getExpression();
        if (e instanceof com.github.javaparser.ast.expr.VariableDeclarationExpr vd && vd.getVariables().size() == 1
                && vd.getVariable(0).getInitializer().isPresent()) {
            e = vd.getVariable(0).getInitializer().get();
        } else if (e instanceof AssignExpr a) {
            e = a.getValue();
        }
        return e instanceof MethodCallExpr c ? rw.classify(c).orElse(null) : null;
    }

    private Integer index(ReplyWrites.Write w) {
        MethodCallExpr c = w.call();
        Expression idx;
        if (w.kind() == ReplyWrites.Kind.TIME) {
            idx = c.getArgument(0);
        } else if (w.kind() != ReplyWrites.Kind.MR) {
            return null;
        } else if (c.getNameAsString().equals(r.setMR())) {
            idx = c.getArgument(2);
        } else {
            idx = ((ArrayAccessExpr) c.getArgument(1)).getIndex();
        }
        return idx instanceof IntegerLiteralExpr lit ? lit.asNumber().intValue() : null;
    }

    private Expression value(ReplyWrites.Write w) {
        MethodCallExpr c = w.call();
        if (w.kind() == ReplyWrites.Kind.TIME) {
            return c.getArgument(1);
        }
        return c.getNameAsString().equals(r.setMR()) ? c.getArgument(3) : c.getArgument(2);
    }

    private static BlockStmt commonBlock(List<Statement> stmts) {
        Node n = stmts.get(0);
        while (true) {
            BlockStmt b = n.findAncestor(BlockStmt.class).orElseThrow(
                    () -> new FixNotApplicable("reply writes are not inside one block"));
            if (stmts.stream().allMatch(b::isAncestorOf)) {
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

    static NodeList<Expression> args(Expression... xs) {
        return new NodeList<>(xs);
    }
}
