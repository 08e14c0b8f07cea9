package kreply.cli.bench;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import kreply.analyzer.engine.AnalysisInputException;
import kreply.analyzer.engine.AnalyzeRequest;
import kreply.analyzer.engine.Analyzer;
import kreply.analyzer.report.AnalysisResult;
import kreply.reports.Renderers;
import kreply.reports.gate.Baseline;
import kreply.reports.gate.Gate;
import kreply.reports.gate.GateOutcome;
import kreply.reports.render.RenderContext;
import kreply.reports.render.Renderer;
import net.sourceforge.pmd.PMDConfiguration;
import net.sourceforge.pmd.PmdAnalysis;
import net.sourceforge.pmd.lang.LanguageRegistry;
import net.sourceforge.pmd.reporting.Report;

/**
 * The three tools the benchmark compares, each run in this JVM on the same sources: kreply's
 * full analysis plus report writing, javac (parse, attribute, generate), and PMD 7 with its
 * quickstart rule set. All run in-process so JVM start-up is not part of any number.
 */
final class Tools {
    static final String PMD_RULESET = "rulesets/java/quickstart.xml";

    private final List<Path> packs;
    private final RenderContext renderContext;

    Tools(List<Path> packs, RenderContext renderContext) {
        this.packs = List.copyOf(packs);
        this.renderContext = renderContext;
    }

    Measurement kreply(CodeBase cb, Path scratch) throws AnalysisInputException {
        try (HeapWatch heap = HeapWatch.start()) {
            return kreply(cb, scratch, heap);
        }
    }

    private Measurement kreply(CodeBase cb, Path scratch, HeapWatch heap) throws AnalysisInputException {
        long t0 = System.nanoTime();
        AnalysisResult r = new Analyzer().analyze(new AnalyzeRequest(List.of(cb.sources()), cb.root(), packs,
                AnalyzeRequest.Dispatch.CHA, null));
        long analysed = System.nanoTime();
        GateOutcome o = Gate.apply(r, Baseline.empty(), null);
        Renderers renderers = new Renderers();
        for (String f : renderers.availableFormats()) {
            Renderer renderer = renderers.find(f).orElseThrow();
            try (Writer w = Files.newBufferedWriter(scratch.resolve(renderer.fileName()), StandardCharsets.UTF_8)) {
                renderer.render(o, renderContext, w);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long end = System.nanoTime();
        Map<String, Long> phases = new LinkedHashMap<>();
        for (String p : List.of("model", "callgraph", "facts", "rules")) {
            if (r.timingsMillis().containsKey(p)) {
                phases.put(p, r.timingsMillis().get(p));
            }
        }
        phases.put("output", millis(end - analysed));
        return new Measurement(millis(end - t0), phases, heap.peakAfterGcBytes(),
                r.findings().size() + " findings, " + r.stats().getOrDefault("methods", 0L) + " methods, "
                        + r.stats().getOrDefault("edges", 0L) + " edges, " + r.parseProblems().size()
                        + " parse problems");
    }

    Measurement javac(CodeBase cb, Path scratch) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the benchmark on a JDK, not a JRE");
        }
        try (HeapWatch heap = HeapWatch.start()) {
            return javac(javac, cb, scratch, heap);
        }
    }

    private Measurement javac(JavaCompiler javac, CodeBase cb, Path scratch, HeapWatch heap) throws IOException {
        long t0 = System.nanoTime();
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = new ArrayList<>(List.of("-d", scratch.toString(), "-proc:none", "-nowarn",
                    "-Xlint:none", "-encoding", "UTF-8", "-Xmaxerrs", "100000"));
            if (cb.classpath() != null && !cb.classpath().isBlank()) {
                options.addAll(List.of("-cp", cb.classpath()));
            }
            javac.getTask(new StringWriter(), fm, diags, options, null, fm.getJavaFileObjectsFromPaths(cb.javaFiles()))
                    .call();
        }
        long wall = millis(System.nanoTime() - t0);
        long errors = diags.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).count();
        return new Measurement(wall, Map.of(), heap.peakAfterGcBytes(),
                errors == 0 ? "compiled" : errors + " compile errors");
    }

    Measurement pmd(CodeBase cb) {
        try (HeapWatch heap = HeapWatch.start()) {
            return pmd(cb, heap);
        }
    }

    private Measurement pmd(CodeBase cb, HeapWatch heap) {
        long t0 = System.nanoTime();
        PMDConfiguration config = new PMDConfiguration();
        config.addInputPath(cb.sources());
        config.addRuleSet(PMD_RULESET);
        config.setIgnoreIncrementalAnalysis(true);
        config.setDefaultLanguageVersion(LanguageRegistry.PMD.getLanguageVersionById("java", "17"));
        if (cb.classpath() != null && !cb.classpath().isBlank()) {
            config.prependAuxClasspath(cb.classpath());
        }
        Report report;
        try (PmdAnalysis pmd = PmdAnalysis.create(config)) {
            report = pmd.performAnalysisAndCollectReport();
        }
        return new Measurement(millis(System.nanoTime() - t0), Map.of(), heap.peakAfterGcBytes(),
                report.getViolations().size() + " violations, " + report.getProcessingErrors().size()
                        + " processing errors, " + config.getThreads() + " threads");
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
