package kreply.refactor.recipe;

import java.util.List;
import java.util.Optional;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;

import kreply.refactor.config.RecipeConfig;

/**
 * Recognises reply writes (LEGACY-REPLY-BUGS §A2) by the primitives the recipe file names: a
 * message register, msgInfo or badge write through {@code setRegister}, an MR write through
 * {@code setMR}, a time value through the time-argument primitive. Which argument is the thread,
 * the buffer, the index and the value is fixed by the primitive's role, not by its name.
 */
final class ReplyWrites {
    enum Kind { MR, MSG_INFO, BADGE, TIME }

    /** One write: its kind and the call. */
    record Write(Kind kind, MethodCallExpr call) {
        Expression thread(RecipeConfig.Reply r) {
            return kind == Kind.TIME ? call.getArgument(3) : call.getArgument(0);
        }
    }

    private final RecipeConfig.Reply r;

    ReplyWrites(RecipeConfig.Reply r) {
        this.r = r;
    }

    Optional<Write> classify(MethodCallExpr c) {
        if (c.getScope().isPresent() && !c.getScope().get().isThisExpr()) {
            return Optional.empty();
        }
        String n = c.getNameAsString();
        int a = c.getArguments().size();
        if (n.equals(r.setRegister()) && a == 3) {
            Expression reg = c.getArgument(1);
            if (reg instanceof ArrayAccessExpr aa && aa.getName().toString().equals(r.messageRegisters())) {
                return Optional.of(new Write(Kind.MR, c));
            }
            if (reg.toString().equals(r.msgInfoRegister())) {
                return Optional.of(new Write(Kind.MSG_INFO, c));
            }
            if (reg.toString().equals(r.badgeRegister())) {
                return Optional.of(new Write(Kind.BADGE, c));
            }
            return Optional.empty();
        }
        if (n.equals(r.setMR()) && a == 4) {
            return Optional.of(new Write(Kind.MR, c));
        }
        if (n.equals(r.setTimeArg()) && a == 4) {
            return Optional.of(new Write(Kind.TIME, c));
        }
        return Optional.empty();
    }

    List<Write> in(Node n) {
        return n.findAll(MethodCallExpr.class).stream().map(this::classify).flatMap(Optional::stream).toList();
    }

    boolean containsWrite(Node n) {
        return !in(n).isEmpty();
    }

    /** The method's parameter of the buffer type, if any. */
    Optional<Parameter> bufferParam(MethodDeclaration m) {
        return m.getParameters().stream().filter(p -> p.getType().asString().equals(r.bufferType())).findFirst();
    }

    /** The method's parameter named like the call flag, if any. */
    Optional<Parameter> param(MethodDeclaration m, String name) {
        return m.getParameters().stream().filter(p -> p.getNameAsString().equals(name)).findFirst();
    }

    /** Whether the method body still refers to a parameter. */
    static boolean uses(MethodDeclaration m, String name) {
        return m.getBody().map(b -> b.findAll(NameExpr.class).stream()
                .anyMatch(x -> x.getNameAsString().equals(name))).orElse(false);
    }
}
