// contract: the legacy kernel's manifest agrees with LEGACY-REPLY-BUGS Part C: every entry names a data-returning function with the codes it really has, the conforming references have no entry, and every code of a function is shown by some failing test except B and R~, which have no observable symptom with four message registers.
package sel4.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LegacyManifestCodesTest {
    /** LEGACY-REPLY-BUGS §A5 "Model" column / Part C, by the function names the manifest uses. */
    private static final Map<String, Set<String>> MODEL_CODES = Map.ofEntries(
            Map.entry("performPageGetAddress (AArch64)", Set.of("C", "G", "B")),
            Map.entry("performPageGetAddress (x86_64)", Set.of("C", "G", "B")),
            Map.entry("invokeReadVMCS", Set.of("C", "G", "B", "O", "R~")),
            Map.entry("invokeWriteVMCS", Set.of("C", "I", "G", "B", "O", "R~")),
            Map.entry("invokeReadMSR", Set.of("C", "G", "B", "O", "R~")),
            Map.entry("invokeWriteMSR", Set.of("C", "I", "G", "B", "O", "R~")),
            Map.entry("invokeConfigureSingleStepping", Set.of("C", "I", "G", "B", "R~")),
            Map.entry("invokeGetBreakpoint", Set.of("R", "L")),
            Map.entry("invokeSchedContext_Consumed", Set.of("C", "G", "B", "R~")),
            Map.entry("invokeSchedContext_YieldTo", Set.of("C", "G", "B", "R~")),
            Map.entry("schedContext_completeYieldTo", Set.of("T", "B", "G")),
            Map.entry("decodeARMSIDControlInvocation (ARMSIDGetFault)", Set.of("C", "G", "B", "O")),
            Map.entry("decodeARMCBInvocation (ARMCBGetFault)", Set.of("C", "G", "B", "O")),
            // The conforming references (§A7).
            Map.entry("invokeTCB_ReadRegisters", Set.of()),
            Map.entry("invokeSetFlags", Set.of()),
            Map.entry("invokeVCPUReadReg", Set.of()),
            Map.entry("invokeX86PortIn", Set.of()),
            Map.entry("invokeSMCCall", Set.of()));

    /**
     * Codes no user-level test can observe with n_msgRegisters = 4: B is masked on Call by the
     * empty success reply (or the deferral's empty reply) and is correct behaviour on Send; R~
     * writes only indices below n, which are registers.
     */
    private static final Set<String> NO_SYMPTOM = Set.of("B", "R~");

    private final ConformanceManifest manifest;

    LegacyManifestCodesTest() throws Exception {
        manifest = ConformanceManifest.load(ReplyConformance.DEFAULT_MANIFEST);
    }

    @Test
    void everyEntryShowsCodesItsFunctionHas() {
        for (ConformanceManifest.Entry e : manifest.entries().values()) {
            assertThat(MODEL_CODES).as("function of %s", e.test()).containsKey(e.function());
            assertThat(MODEL_CODES.get(e.function())).as("codes of %s", e.test()).containsAll(e.codes());
        }
    }

    @Test
    void everyObservableCodeIsShownBySomeFailingTest() {
        Map<String, Set<String>> shown = new HashMap<>();
        for (ConformanceManifest.Entry e : manifest.entries().values()) {
            shown.computeIfAbsent(e.function(), f -> new HashSet<>()).addAll(e.codes());
        }
        MODEL_CODES.forEach((function, codes) -> {
            Set<String> observable = new HashSet<>(codes);
            observable.removeAll(NO_SYMPTOM);
            assertThat(shown.getOrDefault(function, Set.of())).as("codes shown for %s", function)
                    .containsExactlyInAnyOrderElementsOf(observable);
        });
    }
}
