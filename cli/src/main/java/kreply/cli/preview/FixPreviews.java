package kreply.cli.preview;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import kreply.analyzer.engine.ProgressListener;
import kreply.analyzer.report.Finding;
import kreply.analyzer.report.FindingStatus;
import kreply.analyzer.report.FixSuggestion;
import kreply.refactor.config.RecipeConfig;
import kreply.refactor.findings.FindingRef;
import kreply.refactor.recipe.Recipes;

/**
 * Fills in the fix preview (a unified diff) of every finding whose rule pack names a refactoring
 * recipe, for the HTML, SARIF and JSON reports. Recipes fix a method as a whole, merging the codes
 * of its findings, so the dry run happens once per (recipe, method) and every finding of that
 * group gets the same diff. A preview that cannot be computed is left out with a warning; it
 * never fails the analysis, and fingerprints, statuses and the finding set stay as they were.
 * Suppressed findings get none: a suppression records a decision not to change that code.
 */
public final class FixPreviews {
    /** The findings (same order, fixes filled in where known) and one warning per preview left out. */
    public record Outcome(List<Finding> findings, List<String> warnings) {
    }

    private final Supplier<RecipeConfig> config;
    private final ProgressListener progress;

    /**
     * {@code config} is asked only when some finding names a recipe; it throws a
     * {@link kreply.refactor.RefactorException} when the recipe file is missing or broken.
     */
    public FixPreviews(Supplier<RecipeConfig> config, ProgressListener progress) {
        this.config = config;
        this.progress = progress == null ? ProgressListener.NONE : progress;
    }

    /** The group key: one dry run per recipe and method. */
    private record Key(String recipe, String method) {
    }

    /** One dry run to do: where, and the findings the recipe is shown. */
    private record Job(Key key, List<Integer> members, String method, SourceTrees.Tree tree, List<FindingRef> refs) {
    }

    /** What one dry run produced: the diff or null, and a warning or null. */
    private record Done(String diff, String warning) {
    }

    public Outcome attach(List<Finding> findings, Path root) {
        Map<Key, List<Integer>> groups = groups(findings);
        if (groups.isEmpty()) {
            return new Outcome(findings, List.of());
        }
        List<String> warnings = new ArrayList<>();
        RecipeConfig recipes;
        try {
            recipes = config.get();
        } catch (RuntimeException e) {
            warnings.add("fix previews skipped: " + message(e));
            return new Outcome(findings, warnings);
        }
        List<Job> jobs = jobs(groups, findings, new SourceTrees(root, recipes), warnings);
        List<Done> done = run(jobs, recipes);
        List<Finding> out = new ArrayList<>(findings);
        for (int j = 0; j < jobs.size(); j++) {
            Done d = done.get(j);
            if (d.warning() != null) {
                warnings.add(d.warning());
            }
            if (d.diff() == null) {
                continue;
            }
            for (int i : jobs.get(j).members()) {
                Finding f = findings.get(i);
                out.set(i, f.withFix(new FixSuggestion(f.fix().recipe(), f.fix().description(), d.diff())));
            }
        }
        return new Outcome(out, warnings);
    }

    /** Findings that may get a preview, grouped by (recipe, method) in report order. */
    private static Map<Key, List<Integer>> groups(List<Finding> findings) {
        Map<Key, List<Integer>> out = new LinkedHashMap<>();
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (f.fix() == null || f.fix().recipe() == null || f.fix().unifiedDiff() != null
                    || f.status() == FindingStatus.SUPPRESSED || f.method() == null || !f.method().contains("#")
                    || f.file() == null || f.file().isEmpty()) {
                continue;
            }
            String method = f.methodId() != null ? f.methodId() : f.method();
            out.computeIfAbsent(new Key(f.fix().recipe(), method), k -> new ArrayList<>()).add(i);
        }
        return out;
    }

    /**
     * The dry runs to do, with their trees loaded (sequentially: trees are shared). Groups of an
     * unknown recipe, or whose file has no usable tree, get their warning here.
     */
    private static List<Job> jobs(Map<Key, List<Integer>> groups, List<Finding> findings, SourceTrees trees,
                                  List<String> warnings) {
        Set<String> unknown = new LinkedHashSet<>();
        List<Job> jobs = new ArrayList<>();
        for (Map.Entry<Key, List<Integer>> g : groups.entrySet()) {
            Key key = g.getKey();
            if (!Recipes.names().contains(key.recipe())) {
                unknown.add(key.recipe());
                continue;
            }
            List<Finding> group = g.getValue().stream().map(findings::get).toList();
            Finding first = group.get(0);
            try {
                SourceTrees.Tree tree = trees.treeFor(first.file());
                List<FindingRef> refs = group.stream().map(f -> new FindingRef(f.ruleId(), f.kinds(), f.method(),
                        f.methodId(), tree.toWorkspacePath(f.file()))).toList();
                jobs.add(new Job(key, g.getValue(), first.method(), tree, refs));
            } catch (SourceTrees.NoTree | RuntimeException e) {
                warnings.add(noPreview(key, first.method()) + message(e));
            }
        }
        for (String r : unknown) {
            warnings.add("no fix previews for recipe '" + r + "' named by the rule pack: not a known recipe (recipes: "
                    + String.join(", ", Recipes.names()) + ")");
        }
        return jobs;
    }

    /**
     * The dry runs, one after the other. Side by side they were slower on a loaded two-core
     * machine (76 s against 54 s on kernel-src): two sessions miss each other's cached parses and
     * the heap holds twice the lexical-preservation trees.
     */
    private List<Done> run(List<Job> jobs, RecipeConfig recipes) {
        List<Done> out = new ArrayList<>();
        for (Job j : jobs) {
            progress.progress("fixes", out.size(), jobs.size());
            out.add(dryRun(j, recipes));
        }
        progress.progress("fixes", jobs.size(), jobs.size());
        return out;
    }

    /** One group's dry run; whatever goes wrong becomes its warning. */
    private static Done dryRun(Job j, RecipeConfig recipes) {
        try {
            RecipePreview.Result r = RecipePreview.compute(j.tree(), recipes, j.key().recipe(), j.refs());
            String warning = r.skipped().isEmpty() ? null
                    : noPreview(j.key(), j.method()) + String.join("; ", r.skipped());
            return new Done(r.diff(), warning);
        } catch (RuntimeException | StackOverflowError e) {
            // A recipe meeting code it was not written for must not cost the user the analysis.
            return new Done(null, noPreview(j.key(), j.method()) + message(e));
        }
    }

    private static String noPreview(Key key, String method) {
        return "no fix preview for " + method + " (" + key.recipe() + "): ";
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
