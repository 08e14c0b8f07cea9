package kreply.analyzer.model;

import java.util.List;
import spoon.reflect.declaration.CtExecutable;
import spoon.reflect.declaration.CtType;

/**
 * What the analysis knows about one method of the model: its id, the Spoon declaration (only
 * reachable through this table, keyed by id), the declaring type, relative file and line, and
 * the parameter names.
 */
public record MethodInfo(String id, CtExecutable<?> exec, CtType<?> type, String file, int line,
                         List<String> paramNames, boolean hasBody) {
    public String simpleName() {
        return MethodIds.simpleName(id);
    }

    public String shortName() {
        return MethodIds.shortForm(id);
    }

    public int paramIndex(String name) {
        return paramNames.indexOf(name);
    }
}
