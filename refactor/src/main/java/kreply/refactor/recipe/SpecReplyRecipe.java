package kreply.refactor.recipe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;

import kreply.refactor.config.RecipeConfig;
import kreply.refactor.findings.FindingRef;
import kreply.refactor.source.EditSession;

/**
 * spec-reply: the reply protocol of the executable spec (KERNEL-REFERENCE §6.1). A data-returning
 * function returns its reply as a word list instead of writing it; the decoders on the call-graph
 * paths from the dispatcher to it return a carrier (status + words); the entry function delivers
 * the words through one {@code replyFromKernel}, only on Call, then sets Running. Words computed in
 * a helper are returned up the chain; a decoder that answers inline returns its words in the
 * carrier. Perform-stage reads of the decode-time buffer (code P) move into the decoder, which
 * passes the parsed words down. Every call site and override follows each signature change.
 */
public final class SpecReplyRecipe implements Recipe {
    public static final String NAME = "spec-reply";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "spec-form replies: functions return their words, handleInvocation writes the one reply on Call";
    }

    /**
     * Every bug code, the functions that do not return their words (S), perform-stage argument
     * reads (P) and buffers escaping into non-IPC code (E) — except the deferred answer's own
     * codes, which are deferred-reply's.
     */
    @Override
    public boolean removes(FindingRef f, RecipeConfig config) {
        if (!config.rules().reply().contains(f.ruleId())) {
            return false;
        }
        boolean completion = f.methodName().equals(config.deferredReply().completion());
        return f.kinds().stream().anyMatch(k -> STRUCTURAL.contains(k)
                || CReplyRecipe.BUG_CODES.contains(k) && !(completion && k.equals("G")));
    }

    /** The structural codes of the spec protocol this recipe removes besides the bug codes. */
    static final Set<String> STRUCTURAL = Set.of("P", "S", "E");

    @Override
    public boolean changesReplies() {
        return true;
    }

    @Override
    public List<Fix> fixes(RecipeContext ctx) {
        List<Fix> out = new ArrayList<>();
        String completion = ctx.config().deferredReply().completion();
        for (FindingRef f : ctx.findingsOf(ctx.config().rules().reply())) {
            if (f.methodName().equals(completion)) {
                continue; // the deferred answer is deferred-reply's (or, without it, handled with the helper)
            }
            if (f.kinds().stream().anyMatch(CReplyRecipe.BUG_CODES::contains) || f.has("S")) {
                // A defective writer, or a conforming C-form one (S): both move to returning words.
                out.add(new DataFix(f, ctx.config()));
            } else if (f.has("P")) {
                out.add(new ArgsFix(f, ctx.config()));
            }
        }
        return out;
    }

    /** A data-returning function (or a decoder answering inline) moves to the word-list protocol. */
    private record DataFix(FindingRef finding, RecipeConfig config) implements Fix {
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
            return finding.method() + " [" + String.join(" ", finding.kinds()) + "]: return the reply words; "
                    + config.specReply().entry() + " delivers them";
        }

        @Override
        public List<String> addresses() {
            return finding.kinds();
        }

        @Override
        public void apply(EditSession s) {
            RecipeConfig.Reply r = config.reply();
            RecipeConfig.SpecReply sp = config.specReply();
            ReplyHelpers helpers = new ReplyHelpers(r, s);
            SpecShapes shapes = new SpecShapes(config, s);
            MethodDeclaration m = helpers.method(finding);
            if (shapes.returnsWords(m) || shapes.returnsCarrier(m) && !helpers.writesItself(m)) {
                return; // already in the spec form
            }
            String replyScope = emptyReplyScope(s, sp);
            shapes.ensureCarrier();
            shapes.ensureReplyFromKernel();
            boolean decoder = returnsOtherThanSuccess(m, sp);
            if (decoder) {
                inlineDecoder(s, shapes, m);
            } else {
                perform(s, shapes, helpers, m, replyScope);
            }
            shapes.rewriteEntry();
            for (String name : List.of(r.messageRegisters(), r.msgInfoRegister(), r.badgeRegister())) {
                Imports.dropUnusedStatic(s, m, name);
            }
        }

        /**
         * A function that can also fail — a decoder that answers inline, or a perform function with
         * an error path: it returns the carrier, its reply as the carrier's words.
         */
        private void inlineDecoder(EditSession s, SpecShapes shapes, MethodDeclaration m) {
            RecipeConfig.SpecReply sp = config.specReply();
            Set<MethodDeclaration> path = SpecShapes.identitySet();
            path.addAll(shapes.pathTo(m));
            WordsRewriter.Words w = new WordsRewriter(config).rewrite(m);
            Statement after = nextReturn(w);
            if (after == null) {
                throw new FixNotApplicable(m.getNameAsString() + ": no return follows its reply");
            }
            ((ReturnStmt) after).setExpression(new MethodCallExpr(new NameExpr(shapes.carrier()), "reply",
                    new NodeList<>(new NameExpr(w.local()))));
            path.add(m);
            s.markChanged(m);
            importsFor(s, m, w);
            shapes.convertPath(path);
            // As for a perform function: the entry sets Running after the reply, and a lookup that
            // only the removed writes used goes.
            removeRunning(m, config.reply());
            removeUnusedBufferLookups(m, config.reply());
            removeUnusedThreadLocals(m, config.reply());
            dropUnused(s, m, config.reply().bufferType(), null, 0);
            dropUnused(s, m, config.reply().callFlagType(), config.reply().callFlag(), 0);
            if (new ReplyWrites(config.reply()).bufferParam(m).isPresent()) {
                // A decoder that answered inline is a reply root of the rule pack, so a buffer
                // passed to it counts as escaping the IPC code (E). As in the spec's decoders, it
                // takes the message's words instead; its caller reads them.
                ArgsFix.passWords(s, m, config);
            }
        }

        private Statement nextReturn(WordsRewriter.Words w) {
            int i = w.block().getStatements().indexOf(w.decl());
            for (int j = i + 1; j < w.block().getStatements().size(); j++) {
                if (w.block().getStatement(j) instanceof ReturnStmt ret) {
                    return ret;
                }
            }
            return null;
        }

        /** A perform function returns its words; the decoders above it return the carrier. */
        private void perform(EditSession s, SpecShapes shapes, ReplyHelpers helpers, MethodDeclaration m,
                             String replyScope) {
            RecipeConfig.Reply r = config.reply();
            RecipeConfig.SpecReply sp = config.specReply();
            List<MethodCallExpr> outside = new ArrayList<>();
            for (MethodCallExpr c : s.callsTo(m)) {
                if (s.workspace().isTest(EditSession.fileOf(c))) {
                    outside.add(c);
                }
            }
            String local;
            if (helpers.writesItself(m)) {
                WordsRewriter.Words w = new WordsRewriter(config).rewrite(m);
                local = w.local();
                importsFor(s, m, w);
            } else {
                for (ReplyHelpers.HelperCall hc : helpers.helperCalls(m)) {
                    if (!hc.helper().getNameAsString().equals(sp.replyFromKernel())) {
                        helperToWords(s, shapes, hc.helper(), replyScope);
                    }
                }
                local = wordsFromHelperCalls(s, m);
            }
            // Returns of success hand back the words; a Running set goes (the entry sets it after the reply).
            for (ReturnStmt ret : m.findAll(ReturnStmt.class)) {
                if (ret.getExpression().map(e -> isSuccess(e, sp)).orElse(false)) {
                    ret.setExpression(new NameExpr(local));
                }
            }
            removeRunning(m, r);
            removeUnusedBufferLookups(m, r);
            removeUnusedThreadLocals(m, r);
            m.setType(StaticJavaParser.parseType(sp.wordsType()));
            inlineSingleUse(m, local);
            s.markChanged(m);
            Set<MethodDeclaration> path = shapes.pathTo(m);
            shapes.convertPath(path);
            for (MethodCallExpr c : outside) {
                if (!(c.getParentNode().orElse(null) instanceof ExpressionStmt)) {
                    MethodCallExpr status = new MethodCallExpr(new MethodCallExpr(new NameExpr(shapes.carrier()),
                            "reply", new NodeList<>(c.clone())), "status");
                    c.replace(status);
                    s.markChanged(status);
                    shapes.ensureCarrierImport(status);
                }
            }
            dropUnused(s, m, r.bufferType(), null, 0);
            dropUnused(s, m, r.callFlagType(), r.callFlag(), 0);
        }

        /** {@code long[] reply = X; return reply;} at the end of the body becomes {@code return X;}. */
        private void inlineSingleUse(MethodDeclaration m, String local) {
            BlockStmt body = m.getBody().orElseThrow();
            int n = body.getStatements().size();
            if (n < 2 || !(body.getStatement(n - 1) instanceof ReturnStmt ret)
                    || !ret.getExpression().map(e -> e instanceof NameExpr ne && ne.getNameAsString().equals(local))
                    .orElse(false)) {
                return;
            }
            Statement prev = body.getStatement(n - 2);
            long uses = body.findAll(NameExpr.class).stream().filter(x -> x.getNameAsString().equals(local)).count();
            if (uses == 1 && prev instanceof ExpressionStmt es
                    && es.getExpression() instanceof com.github.javaparser.ast.expr.VariableDeclarationExpr vd
                    && vd.getVariables().size() == 1 && vd.getVariable(0).getNameAsString().equals(local)
                    && vd.getVariable(0).getInitializer().isPresent()) {
                Expression init = vd.getVariable(0).getInitializer().get().clone();
                body.getStatements().remove(n - 1);
                body.getStatements().remove(n - 2);
                body.getStatements().add(new ReturnStmt(init));
            }
        }

        /** The helper returns its words; callers that are not being converted deliver them as before. */
        private void helperToWords(EditSession s, SpecShapes shapes, MethodDeclaration h, String replyScope) {
            RecipeConfig.Reply r = config.reply();
            RecipeConfig.SpecReply sp = config.specReply();
            if (shapes.returnsWords(h)) {
                return;
            }
            Parameter buffer = new ReplyWrites(r).bufferParam(h).orElse(null);
            int bufIdx = buffer == null ? -1 : Signatures.indexOf(h, buffer.getNameAsString());
            String lookup = lookupName(r);
            List<Object[]> others = new ArrayList<>();
            for (MethodCallExpr c : s.callsTo(h)) {
                MethodDeclaration encl = EditSession.enclosingMethod(c).orElse(null);
                if (encl == null || !helpersWrite(encl, c)) {
                    continue;
                }
                Expression thread = StaticJavaParser.parseExpression(r.currentThread());
                if (bufIdx >= 0 && c.getArgument(bufIdx) instanceof MethodCallExpr lc
                        && lc.getNameAsString().equals(lookup) && lc.getArguments().size() == 2) {
                    thread = lc.getArgument(1).clone();
                }
                others.add(new Object[] {c, thread});
            }
            WordsRewriter.Words w = new WordsRewriter(config).rewrite(h);
            BlockStmt body = h.getBody().orElseThrow();
            if (w.block() == body && body.getStatements().indexOf(w.decl()) == body.getStatements().size() - 1) {
                body.getStatements().add(new ReturnStmt(new NameExpr(w.local())));
            } else {
                throw new FixNotApplicable("reply helper " + h.getNameAsString() + " does not end with its reply");
            }
            h.setType(StaticJavaParser.parseType(sp.wordsType()));
            inlineSingleUse(h, w.local());
            s.markChanged(h);
            for (Object[] o : others) {
                MethodCallExpr c = (MethodCallExpr) o[0];
                if (c.getParentNode().orElse(null) instanceof ExpressionStmt) {
                    Expression scope = replyScope == null ? null : StaticJavaParser.parseExpression(replyScope);
                    MethodCallExpr deliver = new MethodCallExpr(scope, sp.replyFromKernel(),
                            new NodeList<>((Expression) o[1], c.clone()));
                    c.replace(deliver);
                    s.markChanged(deliver);
                }
            }
            if (buffer != null) {
                new Signatures(s).dropParam(h, buffer.getNameAsString());
            }
        }

        /** A call of the helper from a function that is not itself being turned into a word-returner. */
        private boolean helpersWrite(MethodDeclaration encl, MethodCallExpr c) {
            return !encl.getNameAsString().equals(finding.methodName());
        }

        /** In the perform function: each helper call statement assigns the words. */
        private String wordsFromHelperCalls(EditSession s, MethodDeclaration m) {
            RecipeConfig.SpecReply sp = config.specReply();
            BlockStmt body = m.getBody().orElseThrow();
            Set<String> taken = new HashSet<>();
            m.getParameters().forEach(p -> taken.add(p.getNameAsString()));
            m.findAll(VariableDeclarator.class).forEach(v -> taken.add(v.getNameAsString()));
            String local = CReplyRewriter.fresh("reply", taken);
            boolean any = false;
            List<ExpressionStmt> assigned = new ArrayList<>();
            for (MethodCallExpr c : m.findAll(MethodCallExpr.class)) {
                List<MethodDeclaration> ds = s.declarations(c.getNameAsString(), c.getArguments().size());
                boolean toWords = ds.stream().anyMatch(d -> new SpecShapes(config, s).returnsWords(d)
                        && s.callsTo(d).stream().anyMatch(x -> x == c));
                if (!toWords) {
                    continue;
                }
                Statement st = null;
                if (c.getParentNode().orElse(null) instanceof ExpressionStmt es) {
                    st = es;
                } else if (c.getParentNode().orElse(null) instanceof MethodCallExpr deliver
                        && deliver.getNameAsString().equals(sp.replyFromKernel())
                        && deliver.getParentNode().orElse(null) instanceof ExpressionStmt es) {
                    st = es; // delivered in place while this function was not converted yet
                }
                if (st != null) {
                    ((ExpressionStmt) st).setExpression(new AssignExpr(new NameExpr(local), c.clone(),
                            AssignExpr.Operator.ASSIGN));
                    assigned.add((ExpressionStmt) st);
                    any = true;
                }
            }
            if (!any) {
                throw new FixNotApplicable(m.getNameAsString() + ": no helper call to take the words from");
            }
            if (assigned.size() == 1 && assigned.get(0).getParentNode().orElse(null) == body) {
                // One call at the top level: declare the words right there.
                ExpressionStmt st = assigned.get(0);
                AssignExpr a = (AssignExpr) st.getExpression();
                st.setExpression(new com.github.javaparser.ast.expr.VariableDeclarationExpr(
                        new VariableDeclarator(StaticJavaParser.parseType(sp.wordsType()), local, a.getValue().clone())));
            } else {
                body.getStatements().add(0, StaticJavaParser.parseStatement(sp.wordsType() + " " + local + " = "
                        + sp.emptyWords() + ";"));
            }
            return local;
        }

        /** The recipe file's names a rewrite with run-time indices uses (the capacity constant, the cut). */
        private void importsFor(EditSession s, MethodDeclaration m, WordsRewriter.Words w) {
            if (w.computed()) {
                RecipeConfig.SpecReply sp = config.specReply();
                Imports.ensureFor(s, m, sp.wordsCapacity());
                Imports.ensureFor(s, m, sp.wordsPrefixFor("words", "length"));
            }
        }

        /**
         * {@code IpcBuffer ipcBuffer = lookupIPCBuffer(true, thread);} that only the removed writes
         * used (a conforming C-form function looked its caller's buffer up to write the reply).
         */
        private void removeUnusedBufferLookups(MethodDeclaration m, RecipeConfig.Reply r) {
            String lookup = lookupName(r);
            for (VariableDeclarator v : m.findAll(VariableDeclarator.class)) {
                boolean isLookup = v.getType().asString().equals(r.bufferType()) && v.getInitializer()
                        .map(i -> i instanceof MethodCallExpr c && c.getNameAsString().equals(lookup)).orElse(false);
                if (isLookup && !ReplyWrites.uses(m, v.getNameAsString())
                        && v.getParentNode().orElse(null) instanceof com.github.javaparser.ast.expr.VariableDeclarationExpr vd
                        && vd.getVariables().size() == 1 && vd.getParentNode().orElse(null) instanceof ExpressionStmt st) {
                    st.remove();
                }
            }
        }

        /** {@code Tcb thread = ct;} that only the removed writes used. */
        private void removeUnusedThreadLocals(MethodDeclaration m, RecipeConfig.Reply r) {
            for (VariableDeclarator v : m.findAll(VariableDeclarator.class)) {
                boolean ct = v.getInitializer().map(i -> i.toString().equals(r.currentThread())).orElse(false);
                if (ct && !ReplyWrites.uses(m, v.getNameAsString())
                        && v.getParentNode().orElse(null) instanceof com.github.javaparser.ast.expr.VariableDeclarationExpr vd
                        && vd.getVariables().size() == 1 && vd.getParentNode().orElse(null) instanceof ExpressionStmt st) {
                    st.remove();
                }
            }
        }

        private void removeRunning(MethodDeclaration m, RecipeConfig.Reply r) {
            for (MethodCallExpr c : m.findAll(MethodCallExpr.class)) {
                if (c.getNameAsString().equals(r.setThreadState()) && c.getArguments().size() == 2
                        && c.getArgument(1) instanceof FieldAccessExpr fa
                        && fa.getNameAsString().equals(r.runningState())
                        && c.getParentNode().orElse(null) instanceof ExpressionStmt st) {
                    st.remove();
                }
            }
        }

        /**
         * Drops parameters of {@code type} (and {@code name}, when given) that no longer carry
         * anything, then the same in the callers that only passed them on.
         */
        private void dropUnused(EditSession s, MethodDeclaration m, String type, String name, int depth) {
            for (Parameter p : List.copyOf(m.getParameters())) {
                if (!p.getType().asString().equals(type) || name != null && !p.getNameAsString().equals(name)) {
                    continue;
                }
                if (ReplyWrites.uses(m, p.getNameAsString()) || m.isAnnotationPresent(Override.class)
                        || !s.overridden(m).isEmpty() || !s.overriders(m).isEmpty()) {
                    continue;
                }
                List<MethodDeclaration> callers = s.callsTo(m).stream()
                        .map(c -> EditSession.enclosingMethod(c).orElse(null)).filter(Objects::nonNull)
                        .filter(c -> !s.workspace().isTest(EditSession.fileOf(c))).distinct().toList();
                new Signatures(s).dropParam(m, p.getNameAsString());
                if (depth < 4) {
                    for (MethodDeclaration c : callers) {
                        dropUnused(s, c, type, name, depth + 1);
                    }
                }
            }
        }
    }

    /** Perform-stage reads of the decode-time buffer move into the decoder, which passes the words. */
    private record ArgsFix(FindingRef finding, RecipeConfig config) implements Fix {
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
            return finding.method() + " [P]: the decoder reads the arguments and passes them";
        }

        @Override
        public List<String> addresses() {
            return finding.kinds();
        }

        @Override
        public void apply(EditSession s) {
            MethodDeclaration m = new ReplyHelpers(config.reply(), s).method(finding);
            if (new ReplyWrites(config.reply()).bufferParam(m).isEmpty()) {
                return; // already takes its arguments
            }
            passWords(s, m, config);
        }

        /**
         * {@code m} reads its arguments from the words its callers pass instead of through its
         * buffer parameter; each caller reads the message's words ({@code for i < length:
         * getSyscallArg(i, buffer)}) right before the call.
         */
        static void passWords(EditSession s, MethodDeclaration m, RecipeConfig config) {
            RecipeConfig.Reply r = config.reply();
            RecipeConfig.SpecReply sp = config.specReply();
            Parameter buffer = new ReplyWrites(r).bufferParam(m).orElseThrow();
            String b = buffer.getNameAsString();
            List<MethodCallExpr> reads = m.findAll(MethodCallExpr.class, c -> c.getNameAsString().equals(sp.argumentRead())
                    && c.getArguments().size() == 2 && c.getArgument(1) instanceof NameExpr n
                    && n.getNameAsString().equals(b));
            if (reads.isEmpty()) {
                throw new FixNotApplicable(m.getNameAsString() + " does not read arguments through " + b);
            }
            if (ReplyWrites.uses(m, b) && m.findAll(NameExpr.class).stream()
                    .filter(x -> x.getNameAsString().equals(b)).count() != reads.size()) {
                throw new FixNotApplicable(m.getNameAsString() + " uses " + b + " for more than argument reads");
            }
            int idx = Signatures.indexOf(m, b);
            List<MethodCallExpr> calls = s.callsTo(m);
            for (MethodCallExpr c : calls) {
                if (s.workspace().isTest(EditSession.fileOf(c))) {
                    throw new FixNotApplicable("a test calls " + m.getNameAsString() + " with a buffer directly");
                }
            }
            Set<String> own = new HashSet<>();
            m.getParameters().forEach(p -> own.add(p.getNameAsString()));
            m.findAll(VariableDeclarator.class).forEach(v -> own.add(v.getNameAsString()));
            own.remove(b);
            String argsName = CReplyRewriter.fresh("args", own);
            for (MethodCallExpr read : reads) {
                read.replace(new ArrayAccessExpr(new NameExpr(argsName), read.getArgument(0).clone()));
            }
            m.getParameters().set(idx, new Parameter(StaticJavaParser.parseType(sp.wordsType()), argsName));
            s.markChanged(m);
            for (MethodCallExpr c : calls) {
                MethodDeclaration d = EditSession.enclosingMethod(c).orElseThrow(() -> new FixNotApplicable(
                        "a call to " + m.getNameAsString() + " is outside any method"));
                Expression bufArg = c.getArgument(idx);
                if (!Signatures.hasParam(d, sp.lengthParam())) {
                    throw new FixNotApplicable(d.getNameAsString() + " has no '" + sp.lengthParam()
                            + "' to read the arguments with");
                }
                Set<String> taken = new HashSet<>();
                d.getParameters().forEach(p -> taken.add(p.getNameAsString()));
                d.findAll(VariableDeclarator.class).forEach(v -> taken.add(v.getNameAsString()));
                String a = CReplyRewriter.fresh(argsName, taken);
                String i = CReplyRewriter.fresh("i", taken);
                Statement st = c.findAncestor(Statement.class).orElseThrow();
                BlockStmt block = (BlockStmt) st.getParentNode().filter(p -> p instanceof BlockStmt)
                        .orElseThrow(() -> new FixNotApplicable("the call to " + m.getNameAsString()
                                + " is not a statement in a block"));
                int at = block.getStatements().indexOf(st);
                block.getStatements().add(at, StaticJavaParser.parseStatement(
                        "for (int " + i + " = 0; " + i + " < " + sp.lengthParam() + "; " + i + "++) { " + a + "[" + i
                                + "] = " + sp.argumentRead() + "(" + i + ", " + bufArg + "); }"));
                block.getStatements().add(at, StaticJavaParser.parseStatement(
                        sp.wordsType() + " " + a + " = new " + sp.wordsType().replace("[]", "[" + sp.lengthParam() + "]")
                                + ";"));
                c.setArgument(idx, new NameExpr(a));
                s.markChanged(d);
            }
        }
    }

    static boolean returnsOtherThanSuccess(MethodDeclaration m, RecipeConfig.SpecReply sp) {
        return m.findAll(ReturnStmt.class).stream()
                .filter(r -> r.findAncestor(MethodDeclaration.class).orElse(null) == m)
                .anyMatch(r -> r.getExpression().map(e -> !isSuccess(e, sp)).orElse(false));
    }

    static boolean isSuccess(Expression e, RecipeConfig.SpecReply sp) {
        String t = e.toString();
        return t.equals(sp.success()) || t.endsWith("." + sp.success());
    }

    static String lookupName(RecipeConfig.Reply r) {
        Expression e = StaticJavaParser.parseExpression(r.bufferLookupFor("x"));
        return e instanceof MethodCallExpr mc ? mc.getNameAsString() : "";
    }

    /** How the code base calls the empty reply (e.g. {@code k.endpoints}), to call replyFromKernel the same way. */
    static String emptyReplyScope(EditSession s, RecipeConfig.SpecReply sp) {
        for (String f : s.filesMentioning(sp.replyFromKernel())) {
            if (s.workspace().isTest(f)) {
                continue;
            }
            for (MethodCallExpr c : s.cu(f).findAll(MethodCallExpr.class)) {
                boolean reply = c.getNameAsString().equals(sp.emptyReply())
                        || c.getNameAsString().equals(sp.replyFromKernel());
                if (reply && c.getScope().isPresent()) {
                    return c.getScope().get().toString();
                }
            }
        }
        return null;
    }
}
