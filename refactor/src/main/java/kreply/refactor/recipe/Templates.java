package kreply.refactor.recipe;

import java.util.List;
import java.util.Optional;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;

/**
 * Matches code against a template from the recipe file that has one hole (a placeholder name),
 * and hands back what stands in the hole: e.g. the length inside
 * {@code wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, {length}))}. Matching is structural
 * (same node kinds, same leaves), so spacing and line breaks in the code do not matter.
 */
final class Templates {
    private Templates() {
    }

    /** The expression in the hole, when {@code code} has the template's shape. */
    static Optional<Expression> capture(Expression template, Expression code, String hole) {
        Expression[] found = new Expression[1];
        return matches(template, code, hole, found) ? Optional.ofNullable(found[0]) : Optional.empty();
    }

    private static boolean matches(Node template, Node code, String hole, Expression[] found) {
        if (template instanceof NameExpr n && n.getNameAsString().equals(hole) && code instanceof Expression e) {
            found[0] = e;
            return true;
        }
        if (template.getClass() != code.getClass()) {
            return false;
        }
        List<Node> tc = template.getChildNodes();
        List<Node> cc = code.getChildNodes();
        if (tc.isEmpty() || cc.isEmpty()) {
            return tc.isEmpty() && cc.isEmpty() && template.toString().equals(code.toString());
        }
        if (tc.size() != cc.size()) {
            return false;
        }
        for (int i = 0; i < tc.size(); i++) {
            if (!matches(tc.get(i), cc.get(i), hole, found)) {
                return false;
            }
        }
        return true;
    }
}
