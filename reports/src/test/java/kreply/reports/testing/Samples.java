package kreply.reports.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import kreply.analyzer.report.FixSuggestion;
import kreply.analyzer.report.ParseProblem;
import kreply.analyzer.report.PathStep;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.report.Severity;
import kreply.analyzer.report.Suppression;

/**
 * Synthetic analysis results shaped like the engine's output on the legacy kernel (the engine is
 * developed in parallel), used by the gate and renderer tests.
 */
public final class Samples {
    public static final String VSPACE = "src/main/java/sel4/arch/aarch64/Vspace.java";
    public static final String TCB = "src/main/java/sel4/object/tcb/TcbInvocations.java";
    public static final String VCPU = "src/main/java/sel4/arch/aarch64/Vcpu.java";
    public static final String SYSCALLS = "src/main/java/sel4/api/Syscalls.java";

    public static final RuleDescriptor REPLY = new RuleDescriptor("reply-protocol",
            "Reply written outside the C reply protocol", Severity.ERROR, List.of("C", "I", "G", "B", "R", "R~", "T", "L", "O"),
            "An invoke function writes a data reply without the five conditions of a conforming C-style reply.",
            "docs/reply-protocol.md");
    public static final RuleDescriptor QUEUED = new RuleDescriptor("blocked-while-queued",
            "Thread blocked while still in a scheduler queue", Severity.WARNING, List.of("S"),
            "After checkBudget may have enqueued the current thread, a later blocking transition is not guarded.",
            "docs/blocked-while-queued.md");

    private Samples() {
    }

    public static List<PathStep> path(String... methodIds) {
        List<PathStep> steps = new ArrayList<>();
        for (int i = 0; i < methodIds.length; i++) {
            steps.add(new PathStep(methodIds[i], SYSCALLS, 10 + i * 7, i == 0 ? null : i == 2 ? "virtual" : "call"));
        }
        return steps;
    }

    public static Finding finding(String rule, List<String> kinds, String method, String file, int line, String fp) {
        Severity sev = rule.equals(QUEUED.id()) ? Severity.WARNING : Severity.ERROR;
        return new Finding(rule, kinds, sev, method, method + "(long)", file, line,
                "reply written while the current thread is left in Restart", path("sel4.api.Syscalls#handleSyscall()",
                "sel4.api.Syscalls#handleInvocation(boolean,boolean)", "sel4.kernel.Decode#decodeInvocation(long)",
                method + "(long)"), fp, null, null, null);
    }

    public static AnalysisResult result(String root, List<Finding> findings, List<Suppression> suppressions) {
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("model", 812L);
        timings.put("callgraph", 95L);
        timings.put("facts", 40L);
        timings.put("rules", 23L);
        Map<String, Long> stats = Map.of("files", 143L, "methods", 1712L, "edges", 5230L);
        return new AnalysisResult("kreply", "0.1.0-SNAPSHOT", root, List.of(root + "/../rules/packs/reply.yaml"),
                List.of(REPLY, QUEUED), findings, List.of(), suppressions, timings, stats);
    }

    /**
     * A result exercising every report section: new, baselined-to-be and suppressed findings, a
     * long witness, a fix with a diff, a parse problem, a used, an unused and a reasonless
     * suppression.
     */
    public static AnalysisResult rich(String root) {
        List<Finding> fs = new ArrayList<>();
        fs.add(finding("reply-protocol", List.of("C", "G", "B"), "sel4.arch.aarch64.Vspace#performPageGetAddress",
                VSPACE, 120, "fp-pga"));
        Finding getBp = finding("reply-protocol", List.of("R", "L"), "sel4.object.tcb.TcbInvocations#invokeGetBreakpoint",
                TCB, 300, "fp-getbp");
        fs.add(getBp.withFix(new FixSuggestion("spec-reply", "Look the buffer up with write authority and take the length from setMR",
                "--- a/" + TCB + "\n+++ b/" + TCB + "\n@@ -301,3 +301,3 @@\n"
                        + "     if (call) {\n-        IpcBuffer b = buffer;\n+        IpcBuffer b = k.arch.lookupIPCBuffer(true, ks.ksCurThread);\n"
                        + "         setRegister(ks.ksCurThread, badgeRegister, 0);\n")));
        fs.add(new Finding("blocked-while-queued", List.of("S"), Severity.WARNING, "sel4.arch.aarch64.Vcpu#VPPIEvent",
                "sel4.arch.aarch64.Vcpu#VPPIEvent(int)", VCPU, 88,
                "current thread may be blocked by handleFault while it is in the ready queue",
                path("sel4.api.Syscalls#handleInterruptEntry()", "sel4.object.Interrupts#handleInterrupt(int)",
                        "sel4.arch.aarch64.Vcpu#handleReservedIRQ(int)", "sel4.arch.aarch64.Vcpu#dispatchVppi(int)",
                        "sel4.arch.aarch64.Vcpu#maskVppi(int)", "sel4.arch.aarch64.Vcpu#vppiCheck(int)",
                        "sel4.arch.aarch64.Vcpu#vppiInner(int)", "sel4.arch.aarch64.Vcpu#vppiPrep(int)",
                        "sel4.arch.aarch64.Vcpu#VPPIEvent(int)"),
                "fp-vppi", null, null, null));
        fs.add(finding("reply-protocol", List.of("C", "I", "G", "B", "R~"),
                "sel4.object.tcb.TcbInvocations#invokeConfigureSingleStepping", TCB, 410, "fp-css"));
        List<Suppression> ss = List.of(
                new Suppression("reply-protocol", "single stepping is debug-only and fixed upstream", TCB, 405, 406, 430),
                new Suppression("*", "left over from an old refactoring", VSPACE, 10, 11, 20),
                new Suppression("blocked-while-queued", "", VCPU, 80, 81, 95));
        AnalysisResult r = result(root, fs, ss);
        return new AnalysisResult(r.tool(), r.toolVersion(), r.root(), r.packs(), r.rules(), r.findings(),
                List.of(new ParseProblem("src/main/java/sel4/Broken.java", 7, "';' expected")), r.suppressions(),
                r.timingsMillis(), r.stats());
    }
}
