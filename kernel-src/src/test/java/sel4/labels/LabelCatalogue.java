package sel4.labels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import sel4.api.InvocationLabel;

/**
 * The label-coverage table: every family's cases, and the coverage rule the issue sets — every
 * label of {@link InvocationLabel} except InvalidInvocation, and every {@link Labelless}
 * subject, has at least one success case and at least one error case.
 */
final class LabelCatalogue {
    private LabelCatalogue() {
    }

    static List<CaseFamily> families() {
        return List.of(
                new UntypedCases(),
                new TcbRegisterCases(),
                new TcbControlCases(),
                new TcbDebugCases(),
                new CNodeCases(),
                new IrqCases(),
                new DomainCases(),
                new SchedCases(),
                new LabellessCases(),
                new ArmVSpaceCases(),
                new ArmVcpuCases(),
                new ArmIrqAndSmcCases(),
                new SmmuCases(),
                new X86Cases());
    }

    static List<LabelCase> all() {
        List<LabelCase> all = new ArrayList<>();
        for (CaseFamily f : families()) {
            all.addAll(f.cases());
        }
        return all;
    }

    /** Every subject the table must cover, labels first. */
    static List<Enum<?>> subjects() {
        List<Enum<?>> s = new ArrayList<>();
        Arrays.stream(InvocationLabel.values()).filter(l -> l != InvocationLabel.InvalidInvocation).forEach(s::add);
        s.addAll(Arrays.asList(Labelless.values()));
        return s;
    }

    /** Cases per subject and kind, in subject order (subjects without cases included). */
    static Map<Enum<?>, Map<Kind, Integer>> table(List<LabelCase> cases) {
        Map<Enum<?>, Map<Kind, Integer>> t = new LinkedHashMap<>();
        for (Enum<?> s : subjects()) {
            Map<Kind, Integer> m = new EnumMap<>(Kind.class);
            for (Kind k : Kind.values()) {
                m.put(k, 0);
            }
            t.put(s, m);
        }
        for (LabelCase c : cases) {
            t.get(c.subject()).merge(c.kind(), 1, Integer::sum);
        }
        return t;
    }

    /** "TCBSuspend: no error case" for each subject missing a success or an error case. */
    static List<String> gaps(List<LabelCase> cases) {
        List<String> gaps = new ArrayList<>();
        table(cases).forEach((subject, kinds) -> kinds.forEach((kind, n) -> {
            if (n == 0) {
                gaps.add(subject.name() + ": no " + kind.name().toLowerCase() + " case");
            }
        }));
        return gaps;
    }

    /** The table as text, one subject per line: "TCBSetPriority  success 1  error 3". */
    static Stream<String> render(List<LabelCase> cases) {
        return table(cases).entrySet().stream().map(e -> String.format("%-32s success %2d  error %2d",
                e.getKey().name(), e.getValue().get(Kind.SUCCESS), e.getValue().get(Kind.ERROR)));
    }
}
