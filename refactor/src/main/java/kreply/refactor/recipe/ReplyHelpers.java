package kreply.refactor.recipe;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;

import kreply.refactor.config.RecipeConfig;
import kreply.refactor.findings.FindingRef;
import kreply.refactor.source.EditSession;

/**
 * Shared steps of the reply recipes: finding a finding's method, finding the reply helpers it
 * calls (functions that write a reply for their caller, like setConsumed), and turning such a
 * helper into the fixed helper form of seL4 90dafb2e7: it takes the thread to answer and a flag
 * saying whether to write, instead of a buffer, and looks up that thread's buffer itself.
 */
final class ReplyHelpers {
    private final RecipeConfig.Reply r;
    private final EditSession s;
    private final ReplyWrites rw;

    ReplyHelpers(RecipeConfig.Reply r, EditSession s) {
        this.r = r;
        this.s = s;
        this.rw = new ReplyWrites(r);
    }

    MethodDeclaration method(FindingRef f) {
        List<MethodDeclaration> ms = s.methods(f.className(), f.methodName(), f.arity());
        if (ms.isEmpty() && f.arity() >= 0) {
            ms = s.methods(f.className(), f.methodName(), -1); // the signature changed since the analysis
        }
        if (ms.size() != 1) {
            throw new FixNotApplicable("expected one method " + f.method() + ", found " + ms.size());
        }
        return ms.get(0);
    }

    boolean writesItself(MethodDeclaration m) {
        return m.getBody().map(rw::containsWrite).orElse(false);
    }

    /** Calls in {@code m} to methods of the code base that write a reply themselves. */
    List<HelperCall> helperCalls(MethodDeclaration m) {
        List<HelperCall> out = new ArrayList<>();
        for (MethodCallExpr c : m.findAll(MethodCallExpr.class)) {
            if (rw.classify(c).isPresent()) {
                continue;
            }
            for (MethodDeclaration d : s.declarations(c.getNameAsString(), c.getArguments().size())) {
                if (d != m && writesItself(d) && s.callsTo(d).contains(c)) {
                    out.add(new HelperCall(c, d));
                }
            }
        }
        return out;
    }

    record HelperCall(MethodCallExpr call, MethodDeclaration helper) {
    }

    /**
     * Puts a helper in the fixed form: {@code (…, thread, writeFlag)} in place of its buffer; it
     * writes to {@code thread} under the flag. Callers that have the call flag pass the current
     * thread and the flag; other callers pass the thread their buffer was looked up for (or the
     * current thread) and {@code true}, which keeps what they did (a deferred answer is the
     * deferred-reply recipe's job).
     */
    void fixHelper(MethodDeclaration h) {
        if (Signatures.hasParam(h, r.helperFlag())) {
            return;
        }
        Parameter buffer = rw.bufferParam(h).orElseThrow(() -> new FixNotApplicable(
                "reply helper " + h.getNameAsString() + " takes no " + r.bufferType() + " to replace"));
        java.util.Set<String> names = new java.util.HashSet<>();
        h.getParameters().forEach(p -> names.add(p.getNameAsString()));
        h.findAll(com.github.javaparser.ast.body.VariableDeclarator.class).forEach(v -> names.add(v.getNameAsString()));
        String thread = CReplyRewriter.fresh("thread", names);
        String lookupName = lookupMethodName();
        new Signatures(s).replaceParam(h, buffer.getNameAsString(),
                List.of(new Parameter(StaticJavaParser.parseType(r.threadType()), thread),
                        new Parameter(StaticJavaParser.parseType("boolean"), r.helperFlag())),
                (call, old) -> {
                    Optional<MethodDeclaration> encl = EditSession.enclosingMethod(call);
                    if (encl.isPresent() && Signatures.hasParam(encl.get(), r.callFlag())) {
                        return List.of(currentThread(), new NameExpr(r.callFlag()));
                    }
                    Expression t = currentThread();
                    if (old instanceof MethodCallExpr lc && lc.getNameAsString().equals(lookupName)
                            && lc.getArguments().size() == 2) {
                        t = lc.getArgument(1).clone();
                    }
                    return List.of(t, new BooleanLiteralExpr(true));
                });
        new CReplyRewriter(r, s).rewrite(h, r.helperFlag(), new NameExpr(thread), false);
    }

    /** After the helper is fixed: a perform function's own calls pass the current thread and its call flag. */
    void passCallFlag(MethodCallExpr call, MethodDeclaration helper) {
        int f = Signatures.indexOf(helper, r.helperFlag());
        if (f < 1) {
            return;
        }
        Expression flagArg = call.getArgument(f);
        if (!(flagArg instanceof NameExpr n && n.getNameAsString().equals(r.callFlag()))) {
            call.setArgument(f, new NameExpr(r.callFlag()));
            call.setArgument(f - 1, currentThread());
            s.markChanged(call);
        }
    }

    Expression currentThread() {
        return StaticJavaParser.parseExpression(r.currentThread());
    }

    private String lookupMethodName() {
        Expression e = StaticJavaParser.parseExpression(r.bufferLookupFor("x"));
        return e instanceof MethodCallExpr mc ? mc.getNameAsString() : "";
    }
}
