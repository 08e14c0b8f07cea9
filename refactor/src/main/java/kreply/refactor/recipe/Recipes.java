package kreply.refactor.recipe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kreply.refactor.RefactorException;

/** The recipes by name, in the order their fixes are applied when several are selected. */
public final class Recipes {
    private static final Map<String, Recipe> ALL = new LinkedHashMap<>();

    static {
        for (Recipe r : List.of(new CReplyRecipe(), new SpecReplyRecipe(), new DeferredReplyRecipe(),
                new QueueGuardRecipe(), new QueueAssertsRecipe())) {
            ALL.put(r.name(), r);
        }
    }

    private Recipes() {
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    /** The named recipes in application order; an unknown name is an input error listing the known ones. */
    public static List<Recipe> select(List<String> names) {
        for (String n : names) {
            if (!ALL.containsKey(n)) {
                throw new RefactorException("unknown recipe '" + n + "' (recipes: " + String.join(", ", names()) + ")");
            }
        }
        List<Recipe> out = new ArrayList<>();
        for (Recipe r : ALL.values()) {
            if (names.contains(r.name())) {
                out.add(r);
            }
        }
        return out;
    }
}
