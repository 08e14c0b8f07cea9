package kreply.refactor.recipe;

import java.util.ArrayList;
import java.util.List;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;

import kreply.refactor.config.RecipeConfig;
import kreply.refactor.findings.FindingRef;
import kreply.refactor.source.EditSession;

/**
 * queue-guard: the fixes for "blocked while queued" (seL4 issue #346) in the handlers the analyzer
 * flags. An option either puts an early return at the top of the handler, guarded by the
 * configured condition (S1, S2, S3), or inserts the configured dequeue statements right before
 * the blocking call. The handler names come from the findings; the conditions and statements
 * from the recipe file.
 */
public final class QueueGuardRecipe implements Recipe {
    public static final String NAME = "queue-guard";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "guard interrupt handlers that block the current thread against it being queued (issue #346)";
    }

    /** Every queue-block-while-queued finding, whichever option. */
    @Override
    public boolean removes(FindingRef f, RecipeConfig config) {
        return config.rules().queue().contains(f.ruleId());
    }

    @Override
    public List<String> options(RecipeContext ctx) {
        return List.copyOf(ctx.config().queueGuard().options().keySet());
    }

    @Override
    public List<Fix> fixes(RecipeContext ctx) {
        RecipeConfig.QueueGuard qg = ctx.config().queueGuard();
        String opt = ctx.option() == null ? qg.defaultOption() : ctx.option();
        RecipeConfig.GuardOption option = qg.options().get(opt);
        if (option == null) {
            throw new kreply.refactor.RefactorException("queue-guard has no option '" + opt + "' (options: "
                    + String.join(", ", qg.options().keySet()) + ")");
        }
        List<Fix> out = new ArrayList<>();
        for (FindingRef f : ctx.findingsOf(ctx.config().rules().queue())) {
            out.add(new GuardFix(f, opt, option, qg.blockingCall()));
        }
        return out;
    }

    private record GuardFix(FindingRef finding, String optionName, RecipeConfig.GuardOption option,
                            String blockingCall) implements Fix {
        @Override
        public String id() {
            return NAME + ":" + finding.method() + ":" + optionName;
        }

        @Override
        public String recipe() {
            return NAME;
        }

        @Override
        public String summary() {
            return finding.method() + ": " + optionName + " — " + option.description();
        }

        @Override
        public List<String> addresses() {
            return finding.kinds();
        }

        @Override
        public void apply(EditSession s) {
            List<MethodDeclaration> ms = s.methods(finding.className(), finding.methodName(), finding.arity());
            if (ms.size() != 1) {
                throw new FixNotApplicable("expected one method " + finding.method() + ", found " + ms.size());
            }
            MethodDeclaration m = ms.get(0);
            BlockStmt body = m.getBody().orElseThrow(() -> new FixNotApplicable(finding.method() + " has no body"));
            List<MethodCallExpr> blocking = m.findAll(MethodCallExpr.class,
                    c -> c.getNameAsString().equals(blockingCall));
            if (blocking.isEmpty()) {
                throw new FixNotApplicable(finding.method() + " does not call " + blockingCall);
            }
            if (option.guard() != null) {
                Expression cond = StaticJavaParser.parseExpression(option.guard());
                if (hasGuard(body, cond)) {
                    return; // already guarded this way: idempotent
                }
                BlockStmt then = new BlockStmt();
                then.addStatement(returnFor(m));
                body.addStatement(0, new IfStmt(cond, then, null));
            } else {
                for (MethodCallExpr call : blocking) {
                    Statement st = call.findAncestor(Statement.class).orElseThrow();
                    BlockStmt block = st.getParentNode().filter(p -> p instanceof BlockStmt).map(p -> (BlockStmt) p)
                            .orElseThrow(() -> new FixNotApplicable("the call to " + blockingCall
                                    + " is not a statement in a block"));
                    int idx = block.getStatements().indexOf(st);
                    List<Statement> stmts = option.before().stream().map(StaticJavaParser::parseStatement).toList();
                    if (idx >= stmts.size() && precededBy(block, idx, stmts)) {
                        continue;
                    }
                    for (int i = 0; i < stmts.size(); i++) {
                        block.addStatement(idx + i, stmts.get(i));
                    }
                }
            }
            s.markChanged(m);
        }

        private static boolean hasGuard(BlockStmt body, Expression cond) {
            return !body.getStatements().isEmpty() && body.getStatement(0) instanceof IfStmt ifs
                    && ifs.getCondition().equals(cond);
        }

        private static boolean precededBy(BlockStmt block, int idx, List<Statement> stmts) {
            for (int i = 0; i < stmts.size(); i++) {
                if (!block.getStatement(idx - stmts.size() + i).equals(stmts.get(i))) {
                    return false;
                }
            }
            return true;
        }

        private static Statement returnFor(MethodDeclaration m) {
            if (m.getType().isVoidType()) {
                return new ReturnStmt();
            }
            throw new FixNotApplicable(m.getNameAsString() + " returns a value; an early return needs one");
        }
    }
}
