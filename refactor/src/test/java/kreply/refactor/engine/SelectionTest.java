// contract: fixes are selected as the reviewer says — all, the ones a saved plan names (replaying an interactive choice exactly), or per fix with yes / no / all / quit — and a replayed plan on an already-fixed tree changes nothing.
package kreply.refactor.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kreply.refactor.Kernel;
import kreply.refactor.change.Plan;
import kreply.refactor.change.UnifiedDiff;
import kreply.refactor.source.Workspace;

class SelectionTest {
    private static final List<String> RECIPES = List.of("c-reply", "deferred-reply");

    private static Chooser scripted(Chooser.Decision... ds) {
        Deque<Chooser.Decision> q = new ArrayDeque<>(List.of(ds));
        return (p, i, n) -> q.isEmpty() ? Chooser.Decision.QUIT : q.poll();
    }

    @Test
    void interactiveChoicesSaveAPlanThatReplaysTheSameDiff(@TempDir Path tmp) {
        RefactorRun run = new RefactorRun(Kernel.config(), RECIPES, null);
        RefactorRun.Result chosen = run.run(Kernel.workspace(), Kernel.findings(), new RefactorRun.Selection(null,
                scripted(Chooser.Decision.NO, Chooser.Decision.YES, Chooser.Decision.NO, Chooser.Decision.YES,
                        Chooser.Decision.QUIT)));
        List<String> offered = ids(run);
        assertThat(chosen.applied()).hasSize(2);
        assertThat(chosen.chosen().ids()).containsExactly(offered.get(1), offered.get(3));

        Path planFile = tmp.resolve("plan.json");
        chosen.chosen().write(planFile);
        Plan plan = Plan.read(planFile);
        RefactorRun.Result replay = run.run(Kernel.workspace(), Kernel.findings(), new RefactorRun.Selection(plan, null));
        assertThat(UnifiedDiff.of(replay.changes())).isEqualTo(UnifiedDiff.of(chosen.changes()));
    }

    @Test
    void allFromTheSecondFixOnAppliesTheRest() {
        RefactorRun run = new RefactorRun(Kernel.config(), RECIPES, null);
        RefactorRun.Result r = run.run(Kernel.workspace(), Kernel.findings(),
                new RefactorRun.Selection(null, scripted(Chooser.Decision.NO, Chooser.Decision.ALL)));
        RefactorRun.Result all = run.run(Kernel.workspace(), Kernel.findings(), RefactorRun.Selection.all());
        assertThat(r.applied()).hasSize(all.applied().size() - 1);
        assertThat(r.chosen().ids()).doesNotContain(ids(run).get(0));
    }

    /** The ids of the fixes offered on the legacy kernel, in the order the reviewer sees them. */
    private static List<String> ids(RefactorRun run) {
        return run.candidates(Kernel.workspace(), Kernel.findings()).stream().map(f -> f.id()).toList();
    }

    @Test
    void quitFirstAppliesNothing() {
        RefactorRun run = new RefactorRun(Kernel.config(), RECIPES, null);
        RefactorRun.Result r = run.run(Kernel.workspace(), Kernel.findings(),
                new RefactorRun.Selection(null, scripted(Chooser.Decision.QUIT)));
        assertThat(r.changes()).isEmpty();
    }

    @Test
    void replayingAPlanOnAFixedTreeChangesNothingAndSaysSo() {
        RefactorRun run = new RefactorRun(Kernel.config(), RECIPES, null);
        Workspace ws = Kernel.workspace();
        RefactorRun.Result first = run.run(ws, Kernel.findings(), RefactorRun.Selection.all());
        RefactorRun.Result again = run.run(ws, Kernel.findings(), new RefactorRun.Selection(first.chosen(), null));
        assertThat(again.changes()).isEmpty();
        assertThat(again.notes()).isNotEmpty();
    }
}
