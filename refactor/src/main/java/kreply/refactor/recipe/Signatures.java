package kreply.refactor.recipe;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;

import kreply.refactor.source.EditSession;

/**
 * Signature changes with every call site: adding a parameter (and threading a flag up the callers
 * until one already has it) and dropping a parameter that no longer carries anything. Call sites
 * are collected before the declaration changes, since they are matched by argument count.
 */
final class Signatures {
    /** How far up the call chain a flag is threaded before the fix gives up. */
    private static final int MAX_DEPTH = 8;

    private final EditSession s;

    Signatures(EditSession s) {
        this.s = s;
    }

    /**
     * Makes {@code flag} a parameter of {@code m}, passing it from every caller; callers without it
     * get it too, recursively, up to callers that have it (the decoders that receive it from the
     * dispatcher). Placed before a trailing parameter of {@code beforeType} (the buffer, as seL4
     * orders them), else last.
     */
    void threadFlag(MethodDeclaration m, String flag, String type, String beforeType) {
        threadFlag(m, flag, type, beforeType, 0,
                java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private void threadFlag(MethodDeclaration m, String flag, String type, String beforeType, int depth,
                            Set<MethodDeclaration> seen) {
        if (hasParam(m, flag) || !seen.add(m)) {
            return;
        }
        if (depth > MAX_DEPTH) {
            throw new FixNotApplicable("no caller within " + MAX_DEPTH + " calls of " + m.getNameAsString()
                    + " has a '" + flag + "' parameter");
        }
        if (m.isAnnotationPresent(Override.class)) {
            throw new FixNotApplicable(m.getNameAsString() + " overrides another method; its signature is not changed");
        }
        List<MethodCallExpr> calls = s.callsTo(m);
        if (calls.isEmpty()) {
            throw new FixNotApplicable("nothing calls " + m.getNameAsString() + ", so no '" + flag + "' can reach it");
        }
        List<MethodDeclaration> callers = new ArrayList<>();
        for (MethodCallExpr c : calls) {
            MethodDeclaration encl = EditSession.enclosingMethod(c).orElseThrow(() -> new FixNotApplicable(
                    "a call to " + m.getNameAsString() + " is outside any method"));
            callers.add(encl);
        }
        int pos = m.getParameters().size();
        if (pos > 0 && m.getParameter(pos - 1).getType().asString().equals(beforeType)) {
            pos--;
        }
        m.getParameters().add(pos, new Parameter(StaticJavaParser.parseType(type), flag));
        s.markChanged(m);
        for (int i = 0; i < calls.size(); i++) {
            MethodCallExpr c = calls.get(i);
            if (s.workspace().isTest(EditSession.fileOf(c))) {
                // A test calls the function directly, as a Call would: it keeps observing the reply.
                c.getArguments().add(pos, new com.github.javaparser.ast.expr.BooleanLiteralExpr(true));
                s.markChanged(c);
                continue;
            }
            c.getArguments().add(pos, new NameExpr(flag));
            s.markChanged(c);
            threadFlag(callers.get(i), flag, type, beforeType, depth + 1, seen);
        }
    }

    static boolean hasParam(MethodDeclaration m, String name) {
        return m.getParameters().stream().anyMatch(p -> p.getNameAsString().equals(name));
    }

    /** Removes parameter {@code name} from {@code m} and the matching argument from its calls. */
    void dropParam(MethodDeclaration m, String name) {
        int idx = indexOf(m, name);
        if (idx < 0) {
            return;
        }
        List<MethodCallExpr> calls = s.callsTo(m);
        m.getParameters().remove(idx);
        s.markChanged(m);
        for (MethodCallExpr c : calls) {
            c.getArguments().remove(idx);
            s.markChanged(c);
        }
    }

    /**
     * Replaces parameter {@code name} by new parameters; each call site's argument at that position
     * is replaced by the expressions {@code argsFor} computes from the call and its old argument.
     */
    void replaceParam(MethodDeclaration m, String name, List<Parameter> replacement,
                      java.util.function.BiFunction<MethodCallExpr, Expression, List<Expression>> argsFor) {
        int idx = indexOf(m, name);
        if (idx < 0) {
            throw new FixNotApplicable(m.getNameAsString() + " has no parameter " + name);
        }
        List<MethodCallExpr> calls = s.callsTo(m);
        m.getParameters().remove(idx);
        for (int i = 0; i < replacement.size(); i++) {
            m.getParameters().add(idx + i, replacement.get(i));
        }
        s.markChanged(m);
        for (MethodCallExpr c : calls) {
            Expression old = c.getArgument(idx);
            List<Expression> args = argsFor.apply(c, old);
            c.getArguments().remove(idx);
            for (int i = 0; i < args.size(); i++) {
                c.getArguments().add(idx + i, args.get(i));
            }
            s.markChanged(c);
        }
    }

    static int indexOf(MethodDeclaration m, String name) {
        for (int i = 0; i < m.getParameters().size(); i++) {
            if (m.getParameter(i).getNameAsString().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
