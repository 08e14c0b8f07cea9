package kreply.refactor.recipe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;

import kreply.refactor.config.RecipeConfig;
import kreply.refactor.source.EditSession;
import kreply.refactor.source.Workspace;

/**
 * queue-asserts: the runtime complement of the queue-block-while-queued rule. Inserts the
 * scheduler-queue checks of the recipe file at kernel entry (start of each entry function) and
 * exit (before each of its returns), right before every blocking transition (the listed calls,
 * and state changes to the listed states), and at the start of the endpoint enqueue. Site-driven:
 * it needs no finding. One fix per function, so a reviewer can take the checks where they want them.
 */
public final class QueueAssertsRecipe implements Recipe {
    public static final String NAME = "queue-asserts";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "insert scheduler-queue invariant checks at kernel entry and exit, before blocking, in the EP enqueue";
    }

    /** The sites, found in the workspace's main sources, grouped by the function that holds them. */
    @Override
    public List<Fix> fixes(RecipeContext ctx) {
        Workspace ws = ctx.workspace().copy();
        RecipeConfig.QueueAsserts qa = ctx.config().queueAsserts();
        EditSession s = new EditSession(ws);
        Map<String, SiteFix> byMethod = new LinkedHashMap<>();
        for (String f : ws.files()) {
            if (ws.isTest(f)) {
                continue;
            }
            String text = ws.text(f);
            boolean relevant = qa.entries().stream().anyMatch(e -> text.contains(methodPart(e)))
                    || qa.blockingCalls().stream().anyMatch(text::contains) || text.contains(qa.stateSetter())
                    || qa.enqueue().stream().anyMatch(text::contains);
            if (!relevant) {
                continue;
            }
            for (MethodDeclaration m : s.cu(f).findAll(MethodDeclaration.class)) {
                if (m.getBody().isEmpty()) {
                    continue;
                }
                String id = EditSession.classOf(m) + "#" + m.getNameAsString();
                boolean entry = isEntry(qa, m);
                boolean enqueue = qa.enqueue().contains(m.getNameAsString()) && !m.getParameters().isEmpty();
                boolean blocking = !blockingCalls(m, qa).isEmpty();
                if (entry || enqueue || blocking) {
                    byMethod.putIfAbsent(id + "(" + m.getParameters().size() + ")",
                            new SiteFix(EditSession.classOf(m), m.getNameAsString(), m.getParameters().size(),
                                    ctx.config()));
                }
            }
        }
        s.release(); // read only: the parses serve the fixes
        return new ArrayList<>(byMethod.values());
    }

    /** An entry is named {@code Class#method} (simple class name) or just {@code method}. */
    static boolean isEntry(RecipeConfig.QueueAsserts qa, MethodDeclaration m) {
        String cls = EditSession.classOf(m);
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        return qa.entries().contains(m.getNameAsString()) || qa.entries().contains(simple + "#" + m.getNameAsString());
    }

    static String methodPart(String entry) {
        return entry.substring(entry.indexOf('#') + 1);
    }

    static List<MethodCallExpr> blockingCalls(MethodDeclaration m, RecipeConfig.QueueAsserts qa) {
        List<MethodCallExpr> out = new ArrayList<>();
        for (MethodCallExpr c : m.findAll(MethodCallExpr.class)) {
            if (c.getArguments().isEmpty()) {
                continue;
            }
            if (qa.blockingCalls().contains(c.getNameAsString())) {
                out.add(c);
            } else if (c.getNameAsString().equals(qa.stateSetter()) && c.getArguments().size() == 2) {
                String state = c.getArgument(1).toString();
                if (qa.blockingStates().stream().anyMatch(state::startsWith)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private record SiteFix(String className, String method, int arity, RecipeConfig config) implements Fix {
        @Override
        public String id() {
            return NAME + ":" + className + "#" + method;
        }

        @Override
        public String recipe() {
            return NAME;
        }

        @Override
        public String summary() {
            return className + "#" + method + ": scheduler-queue checks";
        }

        @Override
        public List<String> addresses() {
            return List.of();
        }

        @Override
        public void apply(EditSession s) {
            RecipeConfig.QueueAsserts qa = config.queueAsserts();
            String ct = config.reply().currentThread();
            List<MethodDeclaration> ms = s.methods(className, method, arity);
            if (ms.size() != 1) {
                throw new FixNotApplicable("expected one method " + className + "#" + method + ", found " + ms.size());
            }
            MethodDeclaration m = ms.get(0);
            BlockStmt body = m.getBody().orElseThrow();
            String site = method;
            for (MethodCallExpr c : blockingCalls(m, qa)) {
                Statement st = c.findAncestor(Statement.class).orElseThrow();
                if (st.getParentNode().orElse(null) instanceof BlockStmt block) {
                    String thread = c.getArgument(0).toString();
                    insertBefore(block, st, RecipeConfig.QueueAsserts.fill(qa.beforeBlocking(), thread,
                            "before " + c.getNameAsString() + " in " + site));
                }
            }
            if (qa.enqueue().contains(method)) {
                String thread = m.getParameter(0).getNameAsString();
                String code = RecipeConfig.QueueAsserts.fill(qa.beforeBlocking(), thread, "enqueue in " + site);
                insertAt(body, afterLeadingChecks(body, code), code);
            }
            if (isEntry(qa, m)) {
                for (ReturnStmt ret : m.findAll(ReturnStmt.class)) {
                    // A return that still calls something does work after a check placed before it:
                    // only returns of a value already computed are exit points to check.
                    boolean computes = ret.getExpression().map(e -> !e.findAll(MethodCallExpr.class).isEmpty())
                            .orElse(false);
                    if (!computes && ret.getParentNode().orElse(null) instanceof BlockStmt block
                            && ret.findAncestor(MethodDeclaration.class).orElse(null) == m) {
                        insertBefore(block, ret, RecipeConfig.QueueAsserts.fill(qa.atExit(), ct, "exit of " + site));
                    }
                }
                List<Statement> stmts = body.getStatements();
                if (m.getType().isVoidType() && (stmts.isEmpty() || !(stmts.get(stmts.size() - 1) instanceof ReturnStmt))) {
                    Statement check = StaticJavaParser.parseStatement(RecipeConfig.QueueAsserts.fill(qa.atExit(), ct,
                            "exit of " + site));
                    if (stmts.isEmpty() || !stmts.get(stmts.size() - 1).equals(check)) {
                        body.getStatements().add(check);
                    }
                }
                insertAt(body, 0, RecipeConfig.QueueAsserts.fill(qa.atEntry(), ct, "entry of " + site));
            }
            s.markChanged(m);
        }

        /**
         * Past the checks the function already opens with (calls of the same check function): the
         * code's own, more specific checks keep reporting first.
         */
        private static int afterLeadingChecks(BlockStmt body, String code) {
            Statement check = StaticJavaParser.parseStatement(code);
            String fn = check.findFirst(MethodCallExpr.class).map(MethodCallExpr::getNameAsString).orElse("");
            int i = 0;
            while (i < body.getStatements().size() && !body.getStatement(i).equals(check)
                    && body.getStatement(i).isExpressionStmt()
                    && body.getStatement(i).asExpressionStmt().getExpression() instanceof MethodCallExpr c
                    && c.getNameAsString().equals(fn) && c.getScope().isEmpty()) {
                i++;
            }
            return i;
        }

        private static void insertBefore(BlockStmt block, Statement st, String code) {
            insertAt(block, block.getStatements().indexOf(st), code);
        }

        /** Inserts at {@code i} unless the same check is already there (idempotent). */
        private static void insertAt(BlockStmt block, int i, String code) {
            Statement check = StaticJavaParser.parseStatement(code);
            if (i > 0 && block.getStatement(i - 1).equals(check)) {
                return;
            }
            if (i < block.getStatements().size() && block.getStatement(i).equals(check)) {
                return;
            }
            block.getStatements().add(i, check);
        }
    }

}
