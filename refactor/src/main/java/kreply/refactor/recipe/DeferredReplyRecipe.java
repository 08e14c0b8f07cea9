package kreply.refactor.recipe;

import java.util.List;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;

import kreply.refactor.config.RecipeConfig;
import kreply.refactor.findings.FindingRef;
import kreply.refactor.source.EditSession;

/**
 * deferred-reply: for an invocation answered later (YieldTo's completion). When the invocation is
 * deferred, record on the invoker whether it was a Call; on completion answer the invoker — not
 * whichever thread is current — and only if it was a Call; clear the record with the link. The
 * completion function, the link field and the record field come from the recipe file.
 */
public final class DeferredReplyRecipe implements Recipe {
    public static final String NAME = "deferred-reply";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "answer a deferred invocation to the invoker, and only if it was a Call";
    }

    /** Every bug code of the completion function (T, B and G). */
    @Override
    public boolean removes(FindingRef f, RecipeConfig config) {
        return config.rules().reply().contains(f.ruleId()) && f.methodName().equals(config.deferredReply().completion())
                && f.kinds().stream().anyMatch(CReplyRecipe.BUG_CODES::contains);
    }

    @Override
    public boolean changesReplies() {
        return true;
    }

    @Override
    public List<Fix> fixes(RecipeContext ctx) {
        RecipeConfig.DeferredReply d = ctx.config().deferredReply();
        return ctx.findingsOf(ctx.config().rules().reply()).stream()
                .filter(f -> f.methodName().equals(d.completion()))
                .filter(f -> f.kinds().stream().anyMatch(CReplyRecipe.BUG_CODES::contains))
                .map(f -> (Fix) new DFix(f, ctx.config().reply(), d, ctx.config().specReply()))
                .toList();
    }

    private record DFix(FindingRef finding, RecipeConfig.Reply r, RecipeConfig.DeferredReply d,
                        RecipeConfig.SpecReply spec) implements Fix {
        @Override
        public String id() {
            return NAME + ":" + finding.method();
        }

        @Override
        public String recipe() {
            return NAME;
        }

        @Override
        public String summary() {
            return finding.method() + " [" + String.join(" ", finding.kinds())
                    + "]: answer the invoker, only if its invocation was a Call";
        }

        @Override
        public List<String> addresses() {
            return finding.kinds();
        }

        @Override
        public void apply(EditSession s) {
            ReplyHelpers helpers = new ReplyHelpers(r, s);
            MethodDeclaration completion = helpers.method(finding);
            if (specDelivery(s, completion)) {
                recordAndClear(s);
                return;
            }
            List<ReplyHelpers.HelperCall> calls = helpers.helperCalls(completion);
            if (calls.isEmpty()) {
                throw new FixNotApplicable(completion.getNameAsString() + " calls no reply helper");
            }
            for (ReplyHelpers.HelperCall hc : calls) {
                helpers.fixHelper(hc.helper());
            }
            recordAndClear(s);
            // On completion: the helper answers the thread it is given, and only if the record says Call.
            for (ReplyHelpers.HelperCall hc : helpers.helperCalls(completion)) {
                int f = Signatures.indexOf(hc.helper(), r.helperFlag());
                Expression invoker = hc.call().getArgument(f - 1);
                Expression flag = callFlagFor(s, completion, hc.call(), invoker);
                if (!hc.call().getArgument(f).equals(flag)) {
                    hc.call().setArgument(f, flag);
                    s.markChanged(hc.call());
                }
            }
        }

        /**
         * What says whether the invoker's syscall was a Call: the record, read into a local named
         * like the call flag right before {@code use}'s statement ({@code boolean call =
         * yielder.tcbYieldToIsCall;}), so the code reads as every other Call guard and the
         * analyzer, which knows call flags by name, sees the guard. When that name is taken by
         * something else, the record is used directly.
         */
        private Expression callFlagFor(EditSession s, MethodDeclaration completion, com.github.javaparser.ast.Node use,
                                       Expression invoker) {
            Expression record = new FieldAccessExpr(invoker.clone(), d.record());
            Statement st = use instanceof Statement x ? x : use.findAncestor(Statement.class).orElseThrow();
            if (!(st.getParentNode().orElse(null) instanceof BlockStmt block)) {
                return record;
            }
            int i = block.getStatements().indexOf(st);
            Statement decl = StaticJavaParser.parseStatement(r.callFlagType() + " " + r.callFlag() + " = " + record + ";");
            if (i > 0 && block.getStatement(i - 1).equals(decl)) {
                return new com.github.javaparser.ast.expr.NameExpr(r.callFlag()); // already there
            }
            boolean taken = completion.getParameters().stream().anyMatch(p -> p.getNameAsString().equals(r.callFlag()))
                    || completion.findAll(com.github.javaparser.ast.body.VariableDeclarator.class).stream()
                    .anyMatch(v -> v.getNameAsString().equals(r.callFlag()));
            if (taken) {
                return record;
            }
            block.getStatements().add(i, decl);
            s.markChanged(block);
            return new com.github.javaparser.ast.expr.NameExpr(r.callFlag());
        }

        /**
         * Spec form: the completion delivers the helper's words with replyFromKernel. The words are
         * still computed (the helper has effects), but delivered only when the record says Call.
         */
        private boolean specDelivery(EditSession s, MethodDeclaration completion) {
            String deliver = spec.replyFromKernel();
            boolean found = false;
            for (MethodCallExpr c : completion.findAll(MethodCallExpr.class)) {
                if (!c.getNameAsString().equals(deliver) || c.getArguments().size() != 2) {
                    continue;
                }
                found = true;
                Expression invoker = c.getArgument(0);
                Expression record = new FieldAccessExpr(invoker.clone(), d.record());
                Expression flagName = new com.github.javaparser.ast.expr.NameExpr(r.callFlag());
                if (c.findAncestor(IfStmt.class).map(i -> i.getCondition().equals(record)
                        || i.getCondition().equals(flagName)).orElse(false)) {
                    continue; // already guarded
                }
                if (!(c.getParentNode().orElse(null) instanceof ExpressionStmt st)
                        || !(st.getParentNode().orElse(null) instanceof BlockStmt block)) {
                    throw new FixNotApplicable("the reply in " + completion.getNameAsString() + " is not a statement");
                }
                java.util.Set<String> taken = new java.util.HashSet<>();
                completion.getParameters().forEach(p -> taken.add(p.getNameAsString()));
                completion.findAll(com.github.javaparser.ast.body.VariableDeclarator.class)
                        .forEach(v -> taken.add(v.getNameAsString()));
                String local = CReplyRewriter.fresh("reply", taken);
                int i = block.getStatements().indexOf(st);
                Statement words = StaticJavaParser.parseStatement(spec.wordsType() + " " + local + " = "
                        + c.getArgument(1) + ";");
                // A new call, not a clone: a clone keeps the printer's text of the original.
                MethodCallExpr send = new MethodCallExpr(c.getScope().map(Expression::clone).orElse(null),
                        c.getNameAsString(), new com.github.javaparser.ast.NodeList<>(c.getArgument(0).clone(),
                        new com.github.javaparser.ast.expr.NameExpr(local)));
                BlockStmt then = new BlockStmt();
                then.addStatement(new ExpressionStmt(send));
                block.getStatements().remove(i);
                IfStmt guarded = new IfStmt(record, then, null);
                block.getStatements().add(i, guarded);
                block.getStatements().add(i, words);
                guarded.setCondition(callFlagFor(s, completion, guarded, invoker));
                s.markChanged(block);
            }
            return found;
        }

        /** The record field; where the link is set, record the call flag; where it is cleared, clear the record. */
        private void recordAndClear(EditSession s) {
            addRecordField(s);
            for (String file : s.filesMentioning(d.link())) {
                if (s.workspace().isTest(file)) {
                    continue; // tests set the link up directly; they are not deferred invocations
                }
                for (AssignExpr a : s.cu(file).findAll(AssignExpr.class)) {
                    if (!(a.getTarget() instanceof FieldAccessExpr t) || !t.getNameAsString().equals(d.link())) {
                        continue;
                    }
                    boolean clears = a.getValue() instanceof NullLiteralExpr;
                    MethodDeclaration m = EditSession.enclosingMethod(a).orElse(null);
                    if (m == null) {
                        continue;
                    }
                    if (!clears) {
                        new Signatures(s).threadFlag(m, r.callFlag(), r.callFlagType(), r.bufferType());
                    }
                    String value = clears ? "false" : r.callFlag();
                    insertAfter(s, a, t.getScope().clone() + "." + d.record() + " = " + value + ";");
                }
            }
        }

        private void insertAfter(EditSession s, AssignExpr a, String stmt) {
            Statement st = a.findAncestor(Statement.class).orElseThrow();
            if (!(st instanceof ExpressionStmt) || !(st.getParentNode().orElse(null) instanceof BlockStmt block)) {
                throw new FixNotApplicable("the assignment " + a + " is not a statement in a block");
            }
            Statement add = StaticJavaParser.parseStatement(stmt);
            int i = block.getStatements().indexOf(st);
            if (i + 1 < block.getStatements().size() && block.getStatement(i + 1).equals(add)) {
                return;
            }
            block.getStatements().add(i + 1, add);
            s.markChanged(block);
        }

        private void addRecordField(EditSession s) {
            for (String file : s.filesMentioning("class " + d.recordOwner())) {
                for (ClassOrInterfaceDeclaration c : s.cu(file).findAll(ClassOrInterfaceDeclaration.class)) {
                    if (!c.getNameAsString().equals(d.recordOwner())) {
                        continue;
                    }
                    if (c.getFieldByName(d.record()).isPresent()) {
                        return;
                    }
                    FieldDeclaration link = c.getFieldByName(d.link()).orElseThrow(() -> new FixNotApplicable(
                            d.recordOwner() + " has no field " + d.link()));
                    FieldDeclaration rec = new FieldDeclaration();
                    rec.setModifiers(link.getModifiers());
                    rec.addVariable(new com.github.javaparser.ast.body.VariableDeclarator(
                            StaticJavaParser.parseType(d.recordType()), d.record()));
                    // No comment on the new field: the lexical-preserving printer misplaces comments on
                    // inserted members. docs/refactoring.md says what the record means.
                    int idx = c.getMembers().indexOf(link);
                    c.getMembers().add(idx + 1, rec);
                    s.markChanged(c);
                    return;
                }
            }
            throw new FixNotApplicable("no class " + d.recordOwner() + " to hold " + d.record());
        }
    }

}
