package kreply.refactor.recipe;

import java.util.List;

import kreply.refactor.config.RecipeConfig;
import kreply.refactor.findings.FindingRef;

/**
 * What a recipe plans from: the codebase's recipe configuration, the findings, the chosen option
 * (null for the default), the names of every recipe selected in this run, since some recipes
 * cooperate (deferred-reply reuses the reply shape c-reply or spec-reply installs), and the
 * workspace as it was before the run (site-driven recipes plan from the code itself).
 */
public record RecipeContext(RecipeConfig config, List<FindingRef> findings, String option, List<String> selected,
                            kreply.refactor.source.Workspace workspace) {
    public RecipeContext {
        findings = List.copyOf(findings);
        selected = List.copyOf(selected);
    }

    public boolean isSelected(String recipe) {
        return selected.contains(recipe);
    }

    /**
     * Findings of the given rule ids, one per method: the analyzer reports each code under its own
     * rule, while a recipe fixes a method as a whole, so the codes of one method are merged.
     */
    public List<FindingRef> findingsOf(List<String> ruleIds) {
        return FindingRef.perMethod(findings.stream().filter(f -> ruleIds.contains(f.ruleId())).toList());
    }
}
