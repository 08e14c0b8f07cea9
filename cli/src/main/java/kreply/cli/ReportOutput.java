package kreply.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import kreply.analyzer.report.AnalysisResult;
import kreply.cli.io.AtomicFiles;
import kreply.reports.gate.GateOutcome;
import kreply.reports.render.RenderContext;
import kreply.reports.render.Renderer;

/**
 * Writes the selected reports into the output folder. The terminal text summary is rendered last
 * so it can include the time spent writing the other reports; its text is returned for printing.
 */
final class ReportOutput {
    private final Path outDir;
    private final RenderContext context;

    ReportOutput(Path outDir, RenderContext context) {
        this.outDir = outDir;
        this.context = context;
    }

    record Written(List<Path> files, String text, GateOutcome outcome) {
    }

    Written write(GateOutcome outcome, List<Renderer> renderers) {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new CliException("cannot create output folder " + outDir + ": " + reason(e));
        }
        List<Path> files = new ArrayList<>();
        long t0 = System.nanoTime();
        Renderer text = null;
        for (Renderer r : renderers) {
            if (r.format().equals("text")) {
                text = r;
                continue;
            }
            files.add(writeFile(r, outcome));
        }
        GateOutcome timed = withOutputTiming(outcome, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
        String rendered = null;
        if (text != null) {
            StringWriter w = new StringWriter();
            render(text, timed, w);
            rendered = w.toString();
            String content = rendered;
            files.add(writeAtomically(outDir.resolve(text.fileName()), out -> out.write(content)));
        }
        return new Written(files, rendered, timed);
    }

    private Path writeFile(Renderer r, GateOutcome outcome) {
        return writeAtomically(outDir.resolve(r.fileName()), w -> render(r, outcome, w));
    }

    /**
     * Writes a report atomically ({@link AtomicFiles}), so a reader (a CI step, a browser) never
     * sees half a report and a failed run leaves the previous report intact.
     */
    private static Path writeAtomically(Path file, AtomicFiles.Body body) {
        try {
            AtomicFiles.write(file, body);
        } catch (IOException e) {
            throw new CliException("cannot write report " + file + ": " + reason(e));
        }
        return file;
    }

    private void render(Renderer r, GateOutcome outcome, Writer w) {
        try {
            r.render(outcome, context, w);
        } catch (IOException e) {
            throw new CliException("cannot write the " + r.format() + " report: " + reason(e));
        }
    }

    private static GateOutcome withOutputTiming(GateOutcome o, long millis) {
        AnalysisResult r = o.result();
        Map<String, Long> timings = new HashMap<>(r.timingsMillis());
        timings.put("output", millis);
        AnalysisResult timed = new AnalysisResult(r.tool(), r.toolVersion(), r.root(), r.packs(), r.rules(),
                r.findings(), r.parseProblems(), r.suppressions(), timings, r.stats());
        return new GateOutcome(timed, o.baselineFile(), o.staleEntries(), o.unusedSuppressions(),
                o.suppressionsWithoutReason());
    }

    /** A short human reason for a file-system error (the JDK's messages are often just the path). */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException || e instanceof NotDirectoryException) {
            return "a file is in the way (" + ((FileSystemException) e).getFile() + ")";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
