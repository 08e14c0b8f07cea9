package kreply.refactor.recipe;

import java.util.List;

import org.junit.jupiter.api.Test;

import kreply.refactor.Kernel;
import kreply.refactor.change.UnifiedDiff;
import kreply.refactor.engine.AppliedFix;
import kreply.refactor.engine.Refactorer;

class ScratchTest {
    @Test
    void show() {
        Refactorer rf = new Refactorer(Kernel.workspace());
        List<AppliedFix> out = Kernel.applyAll(rf, List.of(System.getProperty("recipes", "queue-guard").split(",")), null);
        for (AppliedFix a : out) {
            System.out.println("== " + a.fix().id() + " skipped=" + a.skipped());
        }
        System.out.println(UnifiedDiff.of(rf.totalChanges()));
    }
}
