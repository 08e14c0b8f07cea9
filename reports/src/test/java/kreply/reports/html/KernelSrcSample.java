package kreply.reports.html;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import kreply.analyzer.report.FixSuggestion;
import kreply.analyzer.report.PathStep;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.report.Severity;
import kreply.analyzer.report.Suppression;
import kreply.reports.gate.Baseline;
import kreply.reports.gate.BaselineEntry;
import kreply.reports.gate.Gate;
import kreply.reports.gate.GateOutcome;

/**
 * A result shaped like the analyzer's on the legacy kernel (LEGACY-REPLY-BUGS Part C), built over
 * the real {@code kernel-src} files: every method id, declaration line and finding line is looked
 * up in today's sources, and witness paths follow real calls from the kernel entries. The engine is
 * developed in parallel; once it is merged, tests can render its own result instead.
 * <p>
 * Gate: the A0 {@code performPageGetAddress} pair and {@code invokeReadVMCS} are baselined (plus one
 * stale entry), {@code invokeConfigureSingleStepping} is suppressed in the source, the rest is new.
 */
final class KernelSrcSample {
    static final String TCB = "sel4.object.tcb.TcbInvocations";
    static final String SC = "sel4.object.schedcontext.SchedContexts";

    final Path root;
    final JavaSources src;
    final AnalysisResult result;
    final GateOutcome outcome;
    /** The findings by "Class#method/rule-id", for tests to look up. */
    final Map<String, Finding> byKey = new LinkedHashMap<>();

    static Path repo() {
        return Path.of(System.getProperty("kreply.repo", "..")).toAbsolutePath().normalize();
    }

    /** Rule documentation pages written for these tests (test resources). */
    static Path rulesDir() {
        return Path.of("src/test/resources/html/rules").toAbsolutePath();
    }

    static RuleDescriptor rule(String id, String title, Severity sev, List<String> codes, String description) {
        return new RuleDescriptor(id, title, sev, codes, description, "docs/" + id + ".md");
    }

    static final List<RuleDescriptor> RULES = List.of(
            rule("reply-clobbered", "Reply overwritten by the empty success reply", Severity.ERROR, List.of("C"),
                    "A reply root writes a data reply and returns success while the current thread is still in "
                            + "Restart, so handleInvocation replaces the message info with an empty reply."),
            rule("reply-no-msginfo", "Data reply without a message info", Severity.ERROR, List.of("I"),
                    "Message registers are written but the msgInfo register is not, so the length seen by the "
                            + "caller is whatever was there before."),
            rule("reply-not-call-guarded", "Reply written without checking the call flag", Severity.ERROR, List.of("G"),
                    "Reply words are written on Send as well as Call, clobbering the sender's registers."),
            rule("reply-badge-not-zeroed", "Reply leaves the badge register", Severity.ERROR, List.of("B"),
                    "A kernel reply must carry badge 0; this one leaves the caller's badge in place."),
            rule("reply-write-without-authority", "Reply written through a buffer without write authority",
                    Severity.ERROR, List.of("R", "R~"),
                    "Words beyond the message registers go through the decode-time buffer, which may be read-only."),
            rule("reply-mixed-threads", "Reply written to another thread's registers", Severity.ERROR, List.of("T"),
                    "The buffer belongs to one thread while the registers written belong to another."),
            rule("reply-hardcoded-length", "Message length is a constant", Severity.WARNING, List.of("L"),
                    "msgInfo's length does not come from the last setMR, so it can claim words that were never written."),
            rule("reply-restart-after-write", "Restart set after the reply was written", Severity.ERROR, List.of("O"),
                    "The function writes its reply and then sets Restart itself, inviting the empty reply."),
            rule("queue-block-while-queued", "Thread blocked while still in a scheduler queue", Severity.ERROR,
                    List.of("Q"), "After the budget check may have queued the current thread, a fault handler "
                            + "blocks it without checking that it is neither queued nor unschedulable."));

    KernelSrcSample() {
        root = repo().resolve("kernel-src");
        src = new JavaSources(root, "src/main/java");

        JavaSources.Method handleSyscall = src.method("sel4.api.Syscalls", "handleSyscall");
        JavaSources.Method handleInvocation = src.method("sel4.api.Syscalls", "handleInvocation");
        JavaSources.Method decodeInvocation = src.method("sel4.object.ObjectType", "decodeInvocation");
        List<PathStep> toDecode = List.of(handleSyscall.step(null), handleInvocation.step("call"),
                decodeInvocation.step("call"));

        List<Finding> fs = new ArrayList<>();
        // aarch64 PageGetAddress (A0: C G B) through the Arch interface
        JavaSources.Method pga = src.method("sel4.arch.aarch64.VSpaceInvocations", "performPageGetAddress");
        List<PathStep> pgaPath = path(toDecode, src.method("sel4.arch.aarch64.AArch64", "Arch_decodeInvocation")
                        .step("virtual"), src.method("sel4.arch.aarch64.ArchObjects", "Arch_decodeInvocation").step("call"),
                src.method("sel4.arch.aarch64.VSpaceInvocations", "decodeARMMMUInvocation").step("call"),
                src.method("sel4.arch.aarch64.VSpaceInvocations", "decodeARMFrameInvocation").step("call"),
                pga.step("call"));
        int pgaLine = src.lineOf(pga, "setRegister(");
        fs.add(finding("reply-clobbered", "C", pga, pgaLine, pgaPath,
                "reply written (MR0, msgInfo) while the current thread is left in Restart by the decoder; on Call "
                        + "handleInvocation's empty success reply overwrites msgInfo with length 0"));
        fs.add(finding("reply-not-call-guarded", "G", pga, pgaLine, pgaPath,
                "MR0 and msgInfo are written on Send as well as on Call (no call flag reaches this function)"));
        fs.add(finding("reply-badge-not-zeroed", "B", pga, pgaLine, pgaPath,
                "the badge register keeps the caller's badge: no setRegister(badgeRegister, 0) before the reply"));

        // x86_64 PageGetAddress, same defect
        JavaSources.Method pgaX86 = src.method("sel4.arch.x86_64.X86MMUInvocations", "performPageGetAddress");
        List<PathStep> x86Path = path(toDecode, src.method("sel4.arch.x86_64.X86_64", "Arch_decodeInvocation")
                        .step("virtual"), src.method("sel4.arch.x86_64.X86ArchObjects", "Arch_decodeInvocation").step("call"),
                src.method("sel4.arch.x86_64.X86MMUInvocations", "decodeX86MMUInvocation").step("call"),
                src.method("sel4.arch.x86_64.X86MMUInvocations", "decodeX86FrameInvocation").step("call"),
                pgaX86.step("call"));
        fs.add(finding("reply-clobbered", "C", pgaX86, src.lineOf(pgaX86, "setRegister("), x86Path,
                "reply written (MR0, msgInfo) while the current thread is left in Restart by the decoder"));

        // x86 VMCS read: self-Restart (O) and the decode-time buffer (R~)
        JavaSources.Method vmcs = src.method("sel4.arch.x86_64.X86VcpuInvocations", "invokeReadVMCS");
        List<PathStep> vmcsPath = path(toDecode, src.method("sel4.arch.x86_64.X86_64", "Arch_decodeInvocation")
                        .step("virtual"), src.method("sel4.arch.x86_64.X86ArchObjects", "Arch_decodeInvocation").step("call"),
                src.method("sel4.arch.x86_64.X86VcpuInvocations", "decodeX86VCPUInvocation").step("call"),
                src.method("sel4.arch.x86_64.X86VcpuInvocations", "decodeReadVMCS").step("call"), vmcs.step("call"));
        int vmcsLine = src.lineOf(vmcs, "setMR(");
        fs.add(finding("reply-clobbered", "C", vmcs, vmcsLine, vmcsPath,
                "reply written, then the function sets Restart itself; handleInvocation replaces msgInfo"));
        fs.add(finding("reply-restart-after-write", "O", vmcs, src.lineOf(vmcs, "ThreadState.Restart"), vmcsPath,
                "setThreadState(thread, Restart) after the reply was written"));
        fs.add(finding("reply-write-without-authority", "R~", vmcs, vmcsLine, vmcsPath,
                "MR0 written through the decode-time buffer parameter (looked up with isReceiver = false)"));

        // TCB debug invocations
        JavaSources.Method decodeTcb = src.method(TCB, "decodeTCBInvocation");
        JavaSources.Method css = src.method(TCB, "invokeConfigureSingleStepping");
        List<PathStep> cssPath = path(toDecode, decodeTcb.step("call"),
                src.method(TCB, "decodeConfigureSingleStepping").step("call"), css.step("call"));
        int cssLine = src.lineOf(css, "setMR(");
        for (String[] rc : new String[][] {{"reply-clobbered", "C"}, {"reply-no-msginfo", "I"},
                {"reply-not-call-guarded", "G"}, {"reply-badge-not-zeroed", "B"}, {"reply-write-without-authority", "R~"}}) {
            fs.add(finding(rc[0], rc[1], css, cssLine, cssPath, "single-stepping reply in its pre-4ce6cbe9e form ("
                    + rc[1] + ")"));
        }
        JavaSources.Method getBp = src.method(TCB, "invokeGetBreakpoint");
        List<PathStep> bpPath = path(toDecode, decodeTcb.step("call"), src.method(TCB, "decodeGetBreakpoint")
                .step("call"), getBp.step("call"));
        int mr4 = src.lineOf(getBp, "setMR(ks.ksCurThread, buffer, 4");
        int len = src.lineOf(getBp, "seL4_MessageInfo_new(0, 0, 0, 5)");
        FixSuggestion fix = new FixSuggestion("c-reply",
                "Look the caller's buffer up with write authority and take msgInfo's length from setMR",
                getBreakpointDiff(getBp));
        fs.add(finding("reply-write-without-authority", "R", getBp, mr4, bpPath,
                "MR4 lands in IPC-buffer word 5 of the decode-time buffer, which may be read-only").withFix(fix));
        fs.add(finding("reply-hardcoded-length", "L", getBp, len, bpPath,
                "msgInfo length is the constant 5 even when there is no buffer to hold MR4").withFix(fix));

        // SchedContext Consumed and YieldTo completion
        JavaSources.Method consumed = src.method(SC, "invokeSchedContext_Consumed");
        JavaSources.Method decodeSc = src.method(SC, "decodeSchedContextInvocation");
        JavaSources.Method setConsumed = src.method(SC, "setConsumed");
        List<PathStep> consumedPath = path(toDecode, decodeSc.step("call"), consumed.step("call"));
        int consumedLine = src.lineOf(consumed, "setConsumed(");
        for (String[] rc : new String[][] {{"reply-clobbered", "C"}, {"reply-not-call-guarded", "G"},
                {"reply-badge-not-zeroed", "B"}, {"reply-write-without-authority", "R~"}}) {
            fs.add(finding(rc[0], rc[1], consumed, consumedLine, consumedPath, "setConsumed (" + setConsumed.file()
                    + ":" + setConsumed.line() + ") writes the consumed time into the current thread's reply ("
                    + rc[1] + ")"));
        }
        JavaSources.Method yieldTo = src.method(SC, "schedContext_completeYieldTo");
        List<PathStep> yieldPath = path(toDecode, decodeSc.step("call"), src.method(SC, "decodeSchedContext_YieldTo")
                .step("call"), src.method(SC, "invokeSchedContext_YieldTo").step("call"), yieldTo.step("call"));
        int yieldLine = src.lineOf(yieldTo, "setConsumed(");
        fs.add(finding("reply-mixed-threads", "T", yieldTo, yieldLine, yieldPath,
                "the buffer is looked up for the yielder but setConsumed writes ks.ksCurThread's registers"));
        fs.add(finding("reply-badge-not-zeroed", "B", yieldTo, yieldLine, yieldPath,
                "deferred YieldTo reply leaves the badge register unchanged"));

        // Family B: the VCPU fault handlers reached from handleInterruptEntry
        JavaSources.Method entry = src.method("sel4.api.Syscalls", "handleInterruptEntry");
        JavaSources.Method handleInterrupt = src.method("sel4.object.interrupt.Interrupts", "handleInterrupt");
        List<PathStep> irqPath = List.of(entry.step(null), handleInterrupt.step("call"),
                src.method("sel4.arch.aarch64.AArch64", "handleReservedIRQ").step("virtual"),
                src.method("sel4.arch.aarch64.ArchInterrupts", "handleReservedIRQ").step("call"));
        for (String name : List.of("VPPIEvent", "VGICMaintenance")) {
            JavaSources.Method m = src.method("sel4.arch.aarch64.Vcpus", name);
            fs.add(finding("queue-block-while-queued", "Q", m, src.lineOf(m, "k.faultHandler.handleFault("),
                    path(irqPath, m.step("call")), "handleFault may block the current thread, which "
                            + "handleInterruptEntry's checkBudget may just have put in the ready queue (mcsPreemptionPoint "
                            + "is not reached); no guard checks tcbQueued and isSchedulable"));
        }

        List<Suppression> suppressions = List.of(new Suppression("*",
                "debug-only invocation; the conforming shape is tracked upstream (4ce6cbe9e)", css.file(),
                css.line() - 1, css.line(), css.line() + 40));
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("model", 1430L);
        timings.put("callgraph", 212L);
        timings.put("facts", 388L);
        timings.put("rules", 41L);
        result = new AnalysisResult("kreply", "0.1.0-SNAPSHOT", root.toString().replace('\\', '/'),
                List.of(repo().resolve("rules/packs/sel4-kernel.yaml").toString()), RULES, fs, List.of(), suppressions,
                timings, Map.of("files", 186L, "methods", 2611L, "edges", 9874L));

        List<Finding> accepted = fs.stream().filter(f -> f.method().endsWith("#performPageGetAddress")
                || f.method().endsWith("#invokeReadVMCS")).toList();
        List<BaselineEntry> entries = new ArrayList<>(Baseline.of(accepted).entries());
        entries.add(new BaselineEntry("fp-gone-portin", "reply-clobbered", "sel4.arch.x86_64.IoPorts#invokeX86PortIn",
                List.of("C"), "src/main/java/sel4/arch/x86_64/IoPorts.java"));
        outcome = Gate.apply(result, new Baseline(entries), "kreply-baseline.json");
        for (Finding f : outcome.result().findings()) {
            byKey.put(f.method().substring(f.method().lastIndexOf('.') + 1) + "/" + f.ruleId(), f);
        }
    }

    private static List<PathStep> path(List<PathStep> prefix, PathStep... rest) {
        List<PathStep> p = new ArrayList<>(prefix);
        p.addAll(List.of(rest));
        return p;
    }

    private static Finding finding(String ruleId, String code, JavaSources.Method m, int line, List<PathStep> path,
                                   String message) {
        Severity sev = RULES.stream().filter(r -> r.id().equals(ruleId)).findFirst().orElseThrow().severity();
        String fp = Integer.toHexString((ruleId + m.id()).hashCode()) + Integer.toHexString(m.id().hashCode());
        return new Finding(ruleId, List.of(code), sev, m.simpleId(), m.id(), m.file(), line, message, path, fp, null,
                null, null);
    }

    /** The c-reply rewrite of invokeGetBreakpoint's reply block, as a unified diff against today's file. */
    private String getBreakpointDiff(JavaSources.Method getBp) {
        int first = src.lineOf(getBp, "setMR(ks.ksCurThread, buffer, 0");
        int last = src.lineOf(getBp, "seL4_MessageInfo_new(0, 0, 0, 5)");
        List<String> old = new ArrayList<>();
        List<String> neu = new ArrayList<>();
        String indent = src.line(getBp, first).substring(0, src.line(getBp, first).indexOf("setMR"));
        neu.add(indent + "IpcBuffer ipcBuffer = k.arch.lookupIPCBuffer(true, ks.ksCurThread);");
        for (int l = first; l <= last; l++) {
            String s = src.line(getBp, l);
            old.add(s);
            if (s.contains("setMR(")) {
                String call = s.strip().replace("buffer,", "ipcBuffer,");
                neu.add(indent + (s.contains(", 0, res") ? "int length = " : "length = ") + call);
            } else {
                neu.add(s.replace("seL4_MessageInfo_new(0, 0, 0, 5)", "seL4_MessageInfo_new(0, 0, 0, length)"));
            }
        }
        StringBuilder d = new StringBuilder();
        d.append("--- a/").append(getBp.file()).append('\n').append("+++ b/").append(getBp.file()).append('\n');
        d.append("@@ -").append(first - 1).append(',').append(old.size() + 2).append(" +").append(first - 1).append(',')
                .append(neu.size() + 2).append(" @@ ").append("public ExceptionT invokeGetBreakpoint(...)\n");
        d.append(' ').append(src.line(getBp, first - 1)).append('\n');
        old.forEach(s -> d.append('-').append(s).append('\n'));
        neu.forEach(s -> d.append('+').append(s).append('\n'));
        d.append(' ').append(src.line(getBp, last + 1)).append('\n');
        return d.toString();
    }
}
