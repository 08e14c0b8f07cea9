// contract: the label-coverage table has a success case and an error case for every label of InvocationLabel except InvalidInvocation and for every label-less subject, and the coverage check reports exactly the subjects that lack one.
package sel4.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import sel4.api.InvocationLabel;
import sel4.model.Config;

class LabelCoverageTest {
    @Test
    void everyLabelAndLabellessSubjectHasASuccessAndAnErrorCase() {
        List<LabelCase> all = LabelCatalogue.all();
        // The table in the test output, for readers of the report.
        System.out.printf("label coverage: %d subjects, %d cases%n", LabelCatalogue.subjects().size(), all.size());
        LabelCatalogue.render(all).forEach(System.out::println);
        assertThat(LabelCatalogue.gaps(all))
                .as("label coverage table (%d cases):%n%s", all.size(),
                        LabelCatalogue.render(all).collect(Collectors.joining("\n")))
                .isEmpty();
    }

    @Test
    void noRowIsListedTwice() {
        List<String> names = LabelCatalogue.all().stream().map(LabelCase::displayName).toList();
        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void theTableCoversEveryLabelButInvalidInvocation() {
        List<Enum<?>> subjects = LabelCatalogue.subjects();
        assertThat(subjects).doesNotContain(InvocationLabel.InvalidInvocation);
        assertThat(subjects).hasSize(InvocationLabel.values().length - 1 + Labelless.values().length);
    }

    @Test
    void theCheckNamesEachMissingKindOfEachSubject() {
        LabelCase.Body nothing = rig -> { };
        Config c = Config.aarch64();
        List<LabelCase> partial = List.of(
                new LabelCase(InvocationLabel.TCBSuspend, Kind.SUCCESS, "suspends", c, nothing),
                new LabelCase(InvocationLabel.TCBResume, Kind.ERROR, "first phase", c, nothing),
                new LabelCase(Labelless.REPLY, Kind.SUCCESS, "replies", c, nothing),
                new LabelCase(Labelless.REPLY, Kind.ERROR, "stale reply", c, nothing));

        List<String> gaps = LabelCatalogue.gaps(partial);

        assertThat(gaps).contains("TCBSuspend: no error case", "TCBResume: no success case",
                "UntypedRetype: no success case", "UntypedRetype: no error case");
        assertThat(gaps).noneMatch(g -> g.startsWith("REPLY:"));
        assertThat(gaps).noneMatch(g -> g.startsWith("InvalidInvocation"));
        // Two gaps for each of the other subjects, one for each of TCBSuspend and TCBResume.
        assertThat(gaps).hasSize(2 * (LabelCatalogue.subjects().size() - 3) + 2);
    }

    @Test
    void aCaseCannotCoverInvalidInvocation() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LabelCase(InvocationLabel.InvalidInvocation,
                Kind.ERROR, "x", Config.aarch64(), rig -> { })).isInstanceOf(IllegalArgumentException.class);
    }
}
