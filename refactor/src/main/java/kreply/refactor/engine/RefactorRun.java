package kreply.refactor.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import kreply.refactor.change.FileChange;
import kreply.refactor.change.Plan;
import kreply.refactor.config.RecipeConfig;
import kreply.refactor.findings.FindingRef;
import kreply.refactor.recipe.Fix;
import kreply.refactor.recipe.Recipe;
import kreply.refactor.recipe.RecipeContext;
import kreply.refactor.recipe.Recipes;
import kreply.refactor.source.Workspace;

/**
 * One refactoring run: the selected recipes turn the findings into candidate fixes, and the fixes
 * are applied in recipe order — all of them, those a plan names, or those an interactive chooser
 * accepts. Nothing here touches the disk; the result is the list of outcomes and the total change.
 */
public final class RefactorRun {
    /** How fixes are selected. Exactly one of {@code plan} and {@code chooser} may be set; neither means all. */
    public record Selection(Plan plan, Chooser chooser) {
        public static Selection all() {
            return new Selection(null, null);
        }
    }

    /** The outcome: every fix considered, the notes for the user, and the changed files. */
    public record Result(List<AppliedFix> outcomes, List<String> notes, List<FileChange> changes, Plan chosen) {
        public List<AppliedFix> applied() {
            return outcomes.stream().filter(AppliedFix::changed).toList();
        }
    }

    private final RecipeConfig config;
    private final List<String> recipeNames;
    private final String option;

    public RefactorRun(RecipeConfig config, List<String> recipeNames, String option) {
        this.config = config;
        this.recipeNames = List.copyOf(recipeNames);
        this.option = option;
    }

    /** The candidate fixes, in application order. */
    public List<Fix> candidates(Workspace ws, List<FindingRef> findings) {
        RecipeContext ctx = new RecipeContext(config, findings, option, recipeNames, ws);
        List<Fix> out = new ArrayList<>();
        for (Recipe r : Recipes.select(recipeNames)) {
            out.addAll(r.fixes(ctx));
        }
        return out;
    }

    public Result run(Workspace ws, List<FindingRef> findings, Selection sel) {
        Refactorer rf = new Refactorer(ws);
        List<Fix> fixes = candidates(ws, findings);
        List<AppliedFix> outcomes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Set<String> wanted = sel.plan() == null ? null : new LinkedHashSet<>(sel.plan().ids());
        boolean all = sel.chooser() == null;
        boolean quit = false;
        List<Plan.Entry> chosen = new ArrayList<>();
        for (int i = 0; i < fixes.size(); i++) {
            Fix f = fixes.get(i);
            if (wanted != null && !wanted.remove(f.id())) {
                continue;
            }
            if (quit) {
                break;
            }
            AppliedFix outcome;
            if (all) {
                outcome = rf.apply(f);
            } else {
                AppliedFix preview = rf.preview(f);
                if (!preview.changed()) {
                    outcomes.add(preview);
                    continue;
                }
                Chooser.Decision d = sel.chooser().decide(preview, i + 1, fixes.size());
                if (d == Chooser.Decision.QUIT) {
                    quit = true;
                    continue;
                }
                if (d == Chooser.Decision.NO) {
                    continue;
                }
                if (d == Chooser.Decision.ALL) {
                    all = true;
                }
                outcome = rf.apply(f);
            }
            outcomes.add(outcome);
            if (outcome.changed()) {
                chosen.add(new Plan.Entry(f.id(), f.summary()));
            } else {
                notes.add(f.id() + ": skipped: " + outcome.skipped());
            }
        }
        if (wanted != null) {
            for (String id : wanted) {
                notes.add(id + ": in the plan but no finding asks for it now (already applied, or the finding is gone)");
            }
        }
        return new Result(outcomes, notes, rf.totalChanges(), new Plan(recipeNames, option, chosen));
    }
}
