package kreply.refactor.recipe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;

import kreply.refactor.config.RecipeConfig;
import kreply.refactor.source.EditSession;

/**
 * The infrastructure of the spec protocol (KERNEL-REFERENCE §6.1) in a code base whose decoders
 * return a status: a small carrier record (status + reply words) returned by every decoder on a
 * call-graph path from the dispatcher to a data-returning function; {@code replyFromKernel}, which
 * writes a word list as the one reply; and the entry function ({@code handleInvocation}) handing
 * the words to it on Call. Each step checks what is already there, so fixes can be applied one
 * at a time and twice.
 */
final class SpecShapes {
    private final RecipeConfig.Reply r;
    private final RecipeConfig.SpecReply sp;
    private final EditSession s;

    SpecShapes(RecipeConfig config, EditSession s) {
        this.r = config.reply();
        this.sp = config.specReply();
        this.s = s;
    }

    String carrier() {
        return sp.carrierSimple();
    }

    boolean returnsCarrier(MethodDeclaration m) {
        return m.getType().asString().equals(carrier());
    }

    boolean returnsWords(MethodDeclaration m) {
        return m.getType().asString().replace(" ", "").equals(sp.wordsType().replace(" ", ""));
    }

    /** Creates the carrier record when the code base does not have it yet. */
    void ensureCarrier() {
        String file = (s.workspace().sourceRoot().isEmpty() ? "" : s.workspace().sourceRoot() + "/")
                + sp.carrier().replace('.', '/') + ".java";
        if (s.workspace().text(file) != null) {
            return;
        }
        String st = sp.statusType();
        String statusImport = importLineFor(st);
        String text = "package " + sp.carrierPackage() + ";\n\n"
                + (statusImport.isEmpty() ? "" : statusImport + "\n\n")
                + "/**\n"
                + " * What a decoder hands back to " + sp.entry() + " in the spec reply protocol: the status of the\n"
                + " * invocation and, for a data-returning invocation, the words of its reply. "
                + sp.entry() + " writes\n"
                + " * them as the one reply, only on Call (created by kreply refactor, recipe spec-reply).\n"
                + " */\n"
                + "public record " + carrier() + "(" + st + " status, " + sp.wordsType() + " words) {\n"
                + "    /** A result without reply data (an error, or an invocation that returns nothing). */\n"
                + "    public static " + carrier() + " of(" + st + " status) {\n"
                + "        return new " + carrier() + "(status, " + sp.emptyWords() + ");\n"
                + "    }\n\n"
                + "    /** A successful invocation that answers with these words. */\n"
                + "    public static " + carrier() + " reply(" + sp.wordsType() + " words) {\n"
                + "        return new " + carrier() + "(" + st + "." + sp.success() + ", words);\n"
                + "    }\n"
                + "}\n";
        s.create(file, text);
    }

    private String importLineFor(String simple) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile("(?m)^import\\s+([\\w.]+\\." + simple + ")\\s*;");
        for (String f : s.filesMentioning("." + simple + ";")) {
            java.util.regex.Matcher m = p.matcher(s.workspace().text(f));
            if (m.find()) {
                String fqn = m.group(1);
                if (fqn.substring(0, fqn.lastIndexOf('.')).equals(sp.carrierPackage())) {
                    return "";
                }
                return "import " + fqn + ";";
            }
        }
        return "";
    }

    /** Adds replyFromKernel(thread, words) beside the empty-reply function, built from the reply primitives. */
    MethodDeclaration ensureReplyFromKernel() {
        List<MethodDeclaration> empties = new ArrayList<>();
        for (String f : s.filesMentioning(sp.emptyReply())) {
            if (s.workspace().isTest(f)) {
                continue;
            }
            s.cu(f).findAll(MethodDeclaration.class).stream()
                    .filter(m -> m.getNameAsString().equals(sp.emptyReply()) && m.getBody().isPresent())
                    .forEach(empties::add);
        }
        if (empties.size() != 1) {
            throw new FixNotApplicable("expected one " + sp.emptyReply() + " to put " + sp.replyFromKernel()
                    + " beside, found " + empties.size());
        }
        MethodDeclaration empty = empties.get(0);
        TypeDeclaration<?> owner = empty.findAncestor(TypeDeclaration.class).orElseThrow();
        Optional<MethodDeclaration> existing = owner.getMethodsByName(sp.replyFromKernel()).stream()
                .filter(m -> m.getParameters().size() == 2).findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        String t = "thread";
        String code = "public void " + sp.replyFromKernel() + "(" + r.threadType() + " " + t + ", " + sp.wordsType()
                + " words) {\n"
                + r.bufferType() + " " + r.bufferLocal() + " = " + r.bufferLookupFor(t) + ";\n"
                + r.setRegister() + "(" + t + ", " + r.badgeRegister() + ", 0);\n"
                + "int " + r.lengthLocal() + " = 0;\n"
                + "for (int i = 0; i < words.length; i++) {\n"
                + r.lengthLocal() + " = " + r.setMR() + "(" + t + ", " + r.bufferLocal() + ", i, words[i]);\n"
                + "}\n"
                + r.setRegister() + "(" + t + ", " + r.msgInfoRegister() + ", " + r.messageInfoFor(r.lengthLocal())
                + ");\n"
                + "}";
        BodyDeclaration<?> decl = StaticJavaParser.parseBodyDeclaration(code);
        MethodDeclaration m = decl.asMethodDeclaration();
        int idx = owner.getMembers().indexOf(empty);
        owner.getMembers().add(idx + 1, m);
        s.markChanged(owner);
        Imports.ensure(s, owner, r.bufferType());
        Imports.ensureFor(s, owner, r.setRegister() + "(t, " + r.badgeRegister() + ", 0)");
        Imports.ensureFor(s, owner, r.setRegister() + "(t, " + r.msgInfoRegister() + ", " + r.messageInfoFor("n") + ")");
        return m;
    }

    /** The entry keeps the dispatcher's carrier and hands its words to replyFromKernel instead of the empty reply. */
    void rewriteEntry() {
        List<MethodDeclaration> entries = new ArrayList<>();
        for (String f : s.filesMentioning(sp.entry())) {
            if (!s.workspace().isTest(f)) {
                s.cu(f).findAll(MethodDeclaration.class).stream()
                        .filter(m -> m.getNameAsString().equals(sp.entry()) && m.getBody().isPresent())
                        .forEach(entries::add);
            }
        }
        if (entries.size() != 1) {
            throw new FixNotApplicable("expected one " + sp.entry() + ", found " + entries.size());
        }
        MethodDeclaration entry = entries.get(0);
        MethodCallExpr dispatch = entry.findAll(MethodCallExpr.class).stream()
                .filter(c -> c.getNameAsString().equals(sp.dispatcher())).findFirst()
                .orElseThrow(() -> new FixNotApplicable(sp.entry() + " does not call " + sp.dispatcher()));
        String decoded = "decoded";
        if (dispatch.getParentNode().orElse(null) instanceof MethodCallExpr outer
                && outer.getNameAsString().equals("status")) {
            // The earlier conversion appended .status(): keep the carrier instead.
            Statement st = outer.findAncestor(Statement.class).orElseThrow();
            if (st instanceof ExpressionStmt es && es.getExpression() instanceof AssignExpr a
                    && st.getParentNode().orElse(null) instanceof BlockStmt block) {
                // Keep the dispatcher call's own text (it may be wrapped over lines): only the target
                // of the assignment changes, to a carrier declared just before.
                int i = block.getStatements().indexOf(st);
                Expression oldTarget = a.getTarget().clone();
                a.setTarget(new NameExpr(decoded));
                a.setValue(dispatch);
                block.getStatements().add(i, StaticJavaParser.parseStatement(carrier() + " " + decoded + ";"));
                block.getStatements().add(i + 2, new ExpressionStmt(new AssignExpr(oldTarget,
                        new MethodCallExpr(new NameExpr(decoded), "status"), AssignExpr.Operator.ASSIGN)));
            } else {
                throw new FixNotApplicable("the call to " + sp.dispatcher() + " in " + sp.entry()
                        + " is not an assignment statement");
            }
        } else if (entry.findAll(VariableDeclarationExpr.class).stream()
                .anyMatch(v -> v.getVariables().stream().anyMatch(x -> x.getNameAsString().equals(decoded)))) {
            // already rewritten
        } else {
            throw new FixNotApplicable("unexpected use of " + sp.dispatcher() + " in " + sp.entry());
        }
        for (MethodCallExpr c : entry.findAll(MethodCallExpr.class)) {
            if (c.getNameAsString().equals(sp.emptyReply()) && c.getArguments().size() == 1) {
                c.setName(sp.replyFromKernel());
                c.addArgument(new MethodCallExpr(new NameExpr(decoded), "words"));
            }
        }
        s.markChanged(entry);
        ensureCarrierImport(entry);
    }

    void ensureCarrierImport(Node in) {
        var cu = in.findCompilationUnit().orElseThrow();
        String pkg = cu.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
        if (pkg.equals(sp.carrierPackage())
                || cu.getImports().stream().anyMatch(i -> i.getNameAsString().equals(sp.carrier()))) {
            return;
        }
        Imports.insert(cu, sp.carrier(), false);
        s.markChanged(in);
    }

    /**
     * The decoders on call paths from the dispatcher to {@code target}: found backwards from the
     * target through callers and overridden declarations, kept when the dispatcher reaches them.
     */
    Set<MethodDeclaration> pathTo(MethodDeclaration target) {
        // Identity collections: nodes are mutable and compare structurally.
        Map<MethodDeclaration, List<MethodDeclaration>> up = new IdentityHashMap<>();
        Deque<MethodDeclaration> work = new ArrayDeque<>();
        Set<MethodDeclaration> seen = identitySet();
        work.add(target);
        seen.add(target);
        while (!work.isEmpty()) {
            MethodDeclaration m = work.poll();
            List<MethodDeclaration> callers = new ArrayList<>();
            if (!m.getNameAsString().equals(sp.dispatcher())) {
                for (MethodCallExpr c : s.callsTo(m)) {
                    if (s.workspace().isTest(EditSession.fileOf(c))) {
                        continue;
                    }
                    EditSession.enclosingMethod(c).ifPresent(callers::add);
                }
                callers.addAll(s.overridden(m));
            }
            up.put(m, callers);
            for (MethodDeclaration c : callers) {
                if (seen.add(c)) {
                    work.add(c);
                }
            }
        }
        Set<MethodDeclaration> out = identitySet();
        Map<MethodDeclaration, Boolean> memo = new IdentityHashMap<>();
        for (MethodDeclaration m : seen) {
            if (m != target && reachesDispatcher(m, up, memo, identitySet())) {
                out.add(m);
            }
        }
        if (out.stream().noneMatch(m -> m.getNameAsString().equals(sp.dispatcher()))) {
            throw new FixNotApplicable(target.getNameAsString() + " is not reached from " + sp.dispatcher());
        }
        // Implementations of an interface method on the path change with it.
        for (MethodDeclaration m : List.copyOf(out)) {
            out.addAll(s.overriders(m));
        }
        return out;
    }

    static Set<MethodDeclaration> identitySet() {
        return java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    }

    private boolean reachesDispatcher(MethodDeclaration m, Map<MethodDeclaration, List<MethodDeclaration>> up,
                                      Map<MethodDeclaration, Boolean> memo, Set<MethodDeclaration> visiting) {
        if (m.getNameAsString().equals(sp.dispatcher())) {
            return true;
        }
        Boolean known = memo.get(m);
        if (known != null) {
            return known;
        }
        if (!visiting.add(m)) {
            return false;
        }
        boolean r = false;
        for (MethodDeclaration c : up.getOrDefault(m, List.of())) {
            if (reachesDispatcher(c, up, memo, visiting)) {
                r = true;
                break;
            }
        }
        memo.put(m, r);
        return r;
    }

    /**
     * Makes every method of {@code path} return the carrier: returns of calls to other carrier
     * methods pass through, returns of a word-returning function become a reply, everything else
     * is wrapped as a plain status; callers outside the path take {@code .status()}.
     */
    void convertPath(Set<MethodDeclaration> path) {
        Map<MethodDeclaration, List<MethodCallExpr>> sites = new IdentityHashMap<>();
        for (MethodDeclaration m : path) {
            if (!returnsCarrier(m)) {
                sites.put(m, s.callsTo(m));
            }
        }
        for (MethodDeclaration m : path) {
            if (!returnsCarrier(m)) {
                m.setType(StaticJavaParser.parseType(carrier()));
                s.markChanged(m);
                ensureCarrierImport(m);
            }
        }
        for (MethodDeclaration m : path) {
            for (ReturnStmt ret : m.findAll(ReturnStmt.class)) {
                if (ret.findAncestor(MethodDeclaration.class).orElse(null) != m || ret.getExpression().isEmpty()) {
                    continue;
                }
                Expression e = ret.getExpression().get();
                Expression inner = unwrap(e);
                Expression now;
                if (inner instanceof MethodCallExpr c && callsCarrier(c)) {
                    now = inner.clone();
                } else if (inner instanceof MethodCallExpr c && callsWords(c)) {
                    now = new MethodCallExpr(new NameExpr(carrier()), "reply", new NodeList<>(inner.clone()));
                } else if (e instanceof MethodCallExpr w && w.getScope().map(x -> x.toString().equals(carrier()))
                        .orElse(false)) {
                    continue; // already a carrier expression
                } else {
                    now = new MethodCallExpr(new NameExpr(carrier()), "of", new NodeList<>(e.clone()));
                }
                if (!now.equals(e)) {
                    ret.setExpression(now);
                    s.markChanged(m);
                }
            }
        }
        for (var e : sites.entrySet()) {
            for (MethodCallExpr c : e.getValue()) {
                if (c.findCompilationUnit().isEmpty()) {
                    continue; // replaced with its return statement above
                }
                MethodDeclaration encl = EditSession.enclosingMethod(c).orElse(null);
                boolean handled = encl != null && path.contains(encl)
                        && c.getParentNode().orElse(null) instanceof ReturnStmt;
                if (!handled && !(c.getParentNode().orElse(null) instanceof MethodCallExpr p
                        && p.getNameAsString().equals("status"))) {
                    MethodCallExpr status = new MethodCallExpr(c.clone(), "status");
                    c.replace(status);
                    s.markChanged(status);
                }
            }
        }
    }

    /** {@code Carrier.of(x)} or {@code x.status()} → x; anything else unchanged. */
    private Expression unwrap(Expression e) {
        if (e instanceof MethodCallExpr c && c.getNameAsString().equals("of") && c.getArguments().size() == 1
                && c.getScope().map(x -> x.toString().equals(carrier())).orElse(false)) {
            return c.getArgument(0);
        }
        if (e instanceof MethodCallExpr c && c.getNameAsString().equals("status") && c.getArguments().isEmpty()
                && c.getScope().isPresent()) {
            return c.getScope().get();
        }
        return e;
    }

    private boolean callsCarrier(MethodCallExpr c) {
        return resolve(c).stream().anyMatch(this::returnsCarrier);
    }

    private boolean callsWords(MethodCallExpr c) {
        return resolve(c).stream().anyMatch(this::returnsWords);
    }

    private List<MethodDeclaration> resolve(MethodCallExpr c) {
        List<MethodDeclaration> out = new ArrayList<>();
        for (MethodDeclaration d : s.declarations(c.getNameAsString(), c.getArguments().size())) {
            if (s.callsTo(d).stream().anyMatch(x -> x == c)) {
                out.add(d);
            }
        }
        return out;
    }
}
