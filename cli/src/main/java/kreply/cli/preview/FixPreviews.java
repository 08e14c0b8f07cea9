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
 * of its findings, so every finding of one (recipe, method) group gets the same diff: the change
 * that method's fixes make in one dry run of the recipe over all the groups (see
 * {@link RecipePreview}). A preview that cannot be computed is left out with a warning; it
 * never fails the analysis, and fingerprints, statuses and the finding set stay as they were.
 * Suppressed findings get none: a suppression records a decision not to change that code.
 */
public final class FixPreviews {
    /** The findings (same order, fixes filled in where known) and one warning per preview left out. */
    public record Outcome(List<Finding> findings, List<String> warnings) {
    }

    private final Supplier<RecipeConfig> config;
    private final ProgressListener progress;
    private final PreviewCache cache;

    /**
     * {@code config} is asked only when some finding names a recipe; it throws a
     * {@link kreply.refactor.RefactorException} when the recipe file is missing or broken.
     * {@code cacheDir} keeps previews between runs ({@link PreviewCache}); null keeps none.
     */
    public FixPreviews(Supplier<RecipeConfig> config, ProgressListener progress, Path cacheDir) {
        this.config = config;
        this.progress = progress == null ? ProgressListener.NONE : progress;
        this.cache = new PreviewCache(cacheDir);
    }

    /** The group key: one preview per recipe and method. */
    private record Key(String recipe, String method) {
    }

    /** One preview to compute: where, and the findings the recipe is shown. */
    private record Job(Key key, List<Integer> members, String method, SourceTrees.Tree tree, List<FindingRef> refs) {
    }

    /** What one preview came to: the diff or null, and a warning or null. */
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
     * The previews to compute, with their trees loaded (sequentially: trees are shared). Groups of an
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
     * The dry runs: one per recipe and source tree, each applying its methods' fixes in report
     * order (see {@link RecipePreview}), one run after the other. Side by side on two threads they
     * gained 10-15% on kernel-src (spec-reply alone is about three quarters of the work) and lost
     * time on a loaded machine, where the runs miss each other's cached parses; not worth the
     * concurrency.
     */
    private List<Done> run(List<Job> jobs, RecipeConfig recipes) {
        Map<String, List<Integer>> batches = new LinkedHashMap<>();
        for (int j = 0; j < jobs.size(); j++) {
            Job job = jobs.get(j);
            batches.computeIfAbsent(job.key().recipe() + "\n" + job.tree().prefix(), k -> new ArrayList<>()).add(j);
        }
        Done[] out = new Done[jobs.size()];
        int finished = 0;
        for (List<Integer> batch : batches.values()) {
            progress.progress("fixes", finished, jobs.size());
            Job first = jobs.get(batch.get(0));
            Map<String, List<FindingRef>> byMethod = new LinkedHashMap<>();
            batch.forEach(j -> byMethod.put(jobs.get(j).key().method(), jobs.get(j).refs()));
            try {
                Map<String, RecipePreview.Result> results = cache.get(first.tree(), recipes, first.key().recipe(),
                        byMethod, () -> RecipePreview.compute(first.tree(), recipes, first.key().recipe(), byMethod));
                for (int j : batch) {
                    Job job = jobs.get(j);
                    RecipePreview.Result r = results.get(job.key().method());
                    String warning = r.skipped().isEmpty() ? null
                            : noPreview(job.key(), job.method()) + String.join("; ", r.skipped());
                    out[j] = new Done(r.diff(), warning);
                }
            } catch (RuntimeException e) {
                // The recipe could not even be set up for this tree: no preview for any of its methods.
                for (int j : batch) {
                    out[j] = new Done(null, noPreview(jobs.get(j).key(), jobs.get(j).method()) + message(e));
                }
            }
            finished += batch.size();
        }
        progress.progress("fixes", jobs.size(), jobs.size());
        cache.save();
        return List.of(out);
    }

    private static String noPreview(Key key, String method) {
        return "no fix preview for " + method + " (" + key.recipe() + "): ";
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
