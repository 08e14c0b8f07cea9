// contract: on the legacy kernel-src with the bundled pack the analyzer reports exactly LEGACY-REPLY-BUGS Part C — the bug codes per method, P on the two perform-stage readers, Q on VPPIEvent and VGICMaintenance from both entries — each with a witness path from an entry point (passes once the kernel modules are merged).
package kreply.analyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import kreply.analyzer.TestPaths;
import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KernelSrcResultTest {
    static final Set<String> BUG_CODES = Set.of("C", "I", "G", "B", "R", "R~", "T", "L", "O");
    static final Set<String> ENTRIES = Set.of("handleSyscall", "handleInterruptEntry", "handleUnknownSyscall",
            "handleUserLevelFault", "handleVMFaultEvent", "handleVCPUFault");

    /** LEGACY-REPLY-BUGS Part C, positives of family A (model forms of §A5), by method. */
    static final Map<String, Set<String>> PART_C = Map.ofEntries(
            Map.entry("performPageGetAddress@aarch64", Set.of("C", "G", "B")),
            Map.entry("performPageGetAddress@x86_64", Set.of("C", "G", "B")),
            Map.entry("invokeReadVMCS", Set.of("C", "G", "B", "O", "R~")),
            Map.entry("invokeWriteVMCS", Set.of("C", "I", "G", "B", "O", "R~")),
            Map.entry("invokeReadMSR", Set.of("C", "G", "B", "O", "R~")),
            Map.entry("invokeWriteMSR", Set.of("C", "I", "G", "B", "O", "R~")),
            Map.entry("invokeConfigureSingleStepping", Set.of("C", "I", "G", "B", "R~")),
            Map.entry("invokeGetBreakpoint", Set.of("R", "L")),
            Map.entry("invokeSchedContext_Consumed", Set.of("C", "G", "B", "R~")),
            Map.entry("invokeSchedContext_YieldTo", Set.of("C", "G", "B", "R~")),
            Map.entry("schedContext_completeYieldTo", Set.of("T", "B", "G")),
            Map.entry("decodeARMSIDControlInvocation", Set.of("C", "G", "B", "O")),
            Map.entry("decodeARMCBInvocation", Set.of("C", "G", "B", "O")));

    static AnalysisResult result;

    @BeforeAll
    static void analyseKernel() throws Exception {
        Path kernel = TestPaths.repo().resolve("kernel-src");
        result = new Analyzer().analyze(new AnalyzeRequest(List.of(kernel.resolve("src/main/java")), kernel,
                List.of(TestPaths.kernelPack()), null, null));
    }

    private static String key(Finding f) {
        String simple = f.method().substring(f.method().indexOf('#') + 1);
        if (simple.equals("performPageGetAddress")) {
            return simple + (f.methodId().contains(".x86_64.") ? "@x86_64" : "@aarch64");
        }
        return simple;
    }

    @Test
    void kernelParsesCleanly() {
        assertThat(result.parseProblems()).isEmpty();
    }

    @Test
    void bugCodesAreExactlyPartC() {
        Map<String, Set<String>> actual = new TreeMap<>();
        for (Finding f : result.findings()) {
            for (String k : f.kinds()) {
                if (BUG_CODES.contains(k)) {
                    actual.computeIfAbsent(key(f), x -> new TreeSet<>()).add(k);
                }
            }
        }
        assertThat(actual).isEqualTo(new TreeMap<>(PART_C));
    }

    @Test
    void performStageReadersAreExactlyTheTwo() {
        List<Finding> p = result.findings().stream().filter(f -> f.kinds().contains("P")).toList();
        assertThat(p).extracting(KernelSrcResultTest::key)
                .containsExactlyInAnyOrder("invokeTCB_WriteRegisters", "invokeVCPUWriteRegisters");
        assertThat(p).filteredOn(f -> key(f).equals("invokeVCPUWriteRegisters"))
                .allSatisfy(f -> assertThat(f.methodId()).contains(".x86_64."));
        assertThat(p).allSatisfy(f -> assertThat(f.kinds()).containsExactly("P"));
    }

    @Test
    void familyBIsReportedOnTheTwoHandlersFromBothEntries() {
        List<Finding> q = result.findings().stream().filter(f -> f.kinds().contains("Q")).toList();
        assertThat(q).extracting(KernelSrcResultTest::key).containsExactlyInAnyOrder("VPPIEvent", "VGICMaintenance");
        for (Finding f : q) {
            assertThat(f.message()).contains("handleInterruptEntry").contains("mcsPreemptionPoint");
            String first = f.witness().get(0).methodId();
            assertThat(first.substring(first.indexOf('#') + 1, first.indexOf('('))).isEqualTo("handleInterruptEntry");
            assertThat(f.callPath()).anySatisfy(id -> assertThat(id).contains("#handleInterrupt("));
        }
    }

    @Test
    void everyPartCFindingHasAWitnessFromAnEntry() {
        for (Finding f : result.findings()) {
            if (!PART_C.containsKey(key(f)) && !f.kinds().contains("P") && !f.kinds().contains("Q")) {
                continue;
            }
            String first = f.witness().get(0).methodId();
            String name = first.substring(first.indexOf('#') + 1, first.indexOf('('));
            assertThat(ENTRIES).as(f.method() + " witness " + f.callPath()).contains(name);
            assertThat(f.witness().get(f.witness().size() - 1).methodId()).isEqualTo(f.methodId());
            for (int i = 1; i < f.witness().size(); i++) {
                assertThat(f.witness().get(i).edgeKind()).isNotNull();
            }
        }
    }

    @Test
    void aSecondRunGivesTheSameFindingsWithNoTruncatedSummary() throws Exception {
        // Speed is measured by the benchmark profile, not here: a timed test on a shared 2-core
        // machine would only measure the neighbours. This checks the run is deterministic.
        Path kernel = TestPaths.repo().resolve("kernel-src");
        AnalysisResult again = new Analyzer().analyze(new AnalyzeRequest(List.of(kernel.resolve("src/main/java")),
                kernel, List.of(TestPaths.kernelPack()), null, null));
        assertThat(again.stats().get("truncatedSummaries")).isZero();
        assertThat(again.findings()).extracting(Finding::fingerprint)
                .containsExactlyElementsOf(result.findings().stream().map(Finding::fingerprint).toList());
    }
}
