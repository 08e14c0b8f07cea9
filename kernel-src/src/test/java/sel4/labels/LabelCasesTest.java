// contract: every row of the label-coverage table passes when driven through real syscalls on a freshly booted kernel of its architecture: each invocation label and label-less subject succeeds with the effect and reply a caller observes, and fails with the seL4 error (label and error words) for every check its decoder makes.
package sel4.labels;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

class LabelCasesTest {
    @TestFactory
    Stream<DynamicNode> everyLabelCase() {
        return rows(false);
    }

    // legacy-form: these rows pin the legacy reply defects (C, I, O) their CaseList.legacySuccess names
    @Tag("legacy-form")
    @TestFactory
    Stream<DynamicNode> legacyFormLabelCases() {
        return rows(true);
    }

    /** The rows that pin a legacy defect, or all the others; per family, as the table lists them. */
    private static Stream<DynamicNode> rows(boolean pinning) {
        return LabelCatalogue.families().stream().map(f -> DynamicContainer.dynamicContainer(f.name(),
                f.cases().stream().filter(c -> (c.pinnedDefect() != null) == pinning)
                        .map(c -> DynamicTest.dynamicTest(c.displayName(), () -> run(c)))));
    }

    /** Runs one row on a fresh kernel; a failure names the row, since dynamic tests have no method name. */
    private static void run(LabelCase c) {
        try {
            c.body().run(new Rig(c.config()));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(c.displayName() + ": " + e.getMessage(), e);
        }
    }
}
