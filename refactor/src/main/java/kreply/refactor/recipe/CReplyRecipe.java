package kreply.refactor.recipe;

import java.util.List;
import java.util.Set;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.Statement;

import kreply.refactor.config.RecipeConfig;
import kreply.refactor.findings.FindingRef;
import kreply.refactor.source.EditSession;

/**
 * c-reply: the C-idiomatic fix, as seL4 made it in 4ce6cbe9e and 90dafb2e7. For each flagged
 * function: thread the call flag down from the decoder, write only on Call into the thread's own
 * buffer looked up with write authority, zero the badge, take msgInfo's length from setMR, set
 * Running, and drop the decode-time buffer parameter where it only carried the reply. A function
 * whose reply is written by a helper gets the helper fixed and passes it the thread and the flag.
 */
public final class CReplyRecipe implements Recipe {
    public static final String NAME = "c-reply";
    /** Codes this recipe removes (P is structural and left alone). */
    static final Set<String> BUG_CODES = Set.of("C", "I", "G", "B", "R", "R~", "T", "L", "O");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "C-form data replies: written only on Call, own write-authority buffer, badge 0, length from setMR, Running";
    }

    /** Every bug code, except that whether a deferred answer is written at all (G) is deferred-reply's. */
    @Override
    public boolean removes(FindingRef f, RecipeConfig config) {
        boolean completion = f.methodName().equals(config.deferredReply().completion());
        return config.rules().reply().contains(f.ruleId())
                && f.kinds().stream().anyMatch(k -> BUG_CODES.contains(k) && !(completion && k.equals("G")));
    }

    @Override
    public boolean changesReplies() {
        return true;
    }

    @Override
    public List<Fix> fixes(RecipeContext ctx) {
        return ctx.findingsOf(ctx.config().rules().reply()).stream()
                .filter(f -> f.kinds().stream().anyMatch(BUG_CODES::contains))
                .map(f -> (Fix) new CFix(f, ctx.config().reply(), ctx.config().deferredReply()))
                .toList();
    }

    private record CFix(FindingRef finding, RecipeConfig.Reply r, RecipeConfig.DeferredReply d) implements Fix {
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
            return finding.method() + " [" + String.join(" ", finding.kinds()) + "]: C-form reply";
        }

        @Override
        public List<String> addresses() {
            return finding.kinds();
        }

        @Override
        public void apply(EditSession s) {
            ReplyHelpers helpers = new ReplyHelpers(r, s);
            MethodDeclaration m = helpers.method(finding);
            boolean deferredCompletion = m.getNameAsString().equals(d.completion());
            if (helpers.writesItself(m)) {
                if (deferredCompletion) {
                    throw new FixNotApplicable(m.getNameAsString() + " answers a deferred invocation itself;"
                            + " use deferred-reply");
                }
                new Signatures(s).threadFlag(m, r.callFlag(), r.callFlagType(), r.bufferType());
                new CReplyRewriter(r, s).rewrite(m, r.callFlag(), null, true);
                dropUnusedBuffer(s, m);
                return;
            }
            List<ReplyHelpers.HelperCall> calls = helpers.helperCalls(m);
            if (calls.isEmpty()) {
                throw new FixNotApplicable(m.getNameAsString() + " writes no reply, directly or through a helper");
            }
            if (!deferredCompletion) {
                new Signatures(s).threadFlag(m, r.callFlag(), r.callFlagType(), r.bufferType());
            }
            for (ReplyHelpers.HelperCall hc : calls) {
                helpers.fixHelper(hc.helper());
            }
            if (deferredCompletion) {
                return; // the thread is fixed (T, B); whether to write at all is deferred-reply's question (G)
            }
            // Re-find the calls: fixing the helper rewrote them.
            for (ReplyHelpers.HelperCall hc : helpers.helperCalls(m)) {
                helpers.passCallFlag(hc.call(), hc.helper());
                Statement st = hc.call().findAncestor(Statement.class).orElseThrow();
                BlockStmt block = (BlockStmt) st.getParentNode().filter(p -> p instanceof BlockStmt)
                        .orElseThrow(() -> new FixNotApplicable("the call to " + hc.helper().getNameAsString()
                                + " is not a statement in a block"));
                new CReplyRewriter(r, s).ensureRunningAfter(block, block.getStatements().indexOf(st),
                        helpers.currentThread(), m);
            }
            dropUnusedBuffer(s, m);
        }

        /**
         * Drops buffer parameters that no longer carry anything, then asks the same of the callers
         * that passed them (a decoder that only forwarded the buffer to the reply loses it too).
         */
        private void dropUnusedBuffer(EditSession s, MethodDeclaration m) {
            dropUnusedBuffer(s, m, 0);
        }

        private void dropUnusedBuffer(EditSession s, MethodDeclaration m, int depth) {
            for (Parameter p : List.copyOf(m.getParameters())) {
                if (p.getType().asString().equals(r.bufferType()) && !ReplyWrites.uses(m, p.getNameAsString())
                        && !m.isAnnotationPresent(Override.class)) {
                    List<MethodDeclaration> callers = s.callsTo(m).stream()
                            .map(c -> EditSession.enclosingMethod(c).orElse(null))
                            .filter(java.util.Objects::nonNull).distinct().toList();
                    new Signatures(s).dropParam(m, p.getNameAsString());
                    if (depth < 4) {
                        for (MethodDeclaration c : callers) {
                            dropUnusedBuffer(s, c, depth + 1);
                        }
                    }
                }
            }
        }
    }
}
