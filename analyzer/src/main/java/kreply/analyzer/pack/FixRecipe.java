package kreply.analyzer.pack;

import java.util.List;

/** A refactoring recipe named by a pack and the rules whose findings it fixes. */
public record FixRecipe(String recipe, String description, List<String> rules) {
    public FixRecipe {
        rules = List.copyOf(rules);
    }
}
