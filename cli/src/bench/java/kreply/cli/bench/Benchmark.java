package kreply.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import kreply.reports.render.RenderContext;

/**
 * Times kreply against javac and PMD 7's quickstart rule set on the bundled kernel and on a large
 * third-party code base, and prints the numbers side by side with their ratios and the product's
 * performance targets. It is a measurement, not a test: it never fails a build, and it is run on
 * demand through the {@code bench} Maven profile of the cli module (see README).
 *
 * <p>System properties: {@code kreply.home} (repository root), {@code bench.thirdParty.name},
 * {@code bench.thirdParty.sources} (unpacked sources), {@code bench.classpath} (what the
 * third-party sources import, for javac and PMD), {@code bench.runs} (measured runs, median
 * reported, default 3), {@code bench.warmup} (untimed runs first, default 1), {@code bench.tools}
 * (which of kreply, javac, pmd to run; default all), {@code bench.scratch}, {@code bench.corpus.name} and
 * {@code bench.corpus.sources} (the large corpus kreply analyses once in a fresh JVM with a 4 GB heap
 * limit, to check the memory target directly).
 */
public final class Benchmark {
    static final long KERNEL_TARGET_MILLIS = 5000;
    static final long HEAP_TARGET_BYTES = 4L << 30;
    static final long LINES_TARGET = 1_000_000;

    private final PrintStream out;
    private final int runs;
    private final int warmup;
    private final Path scratch;
    private final Tools tools;
    private final Set<String> selected;
    private Path home;

    private Benchmark(PrintStream out, int runs, int warmup, Path scratch, Tools tools, Set<String> selected) {
        this.selected = selected;
        this.out = out;
        this.runs = runs;
        this.warmup = warmup;
        this.scratch = scratch;
        this.tools = tools;
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(required("kreply.home")).toAbsolutePath().normalize();
        Path scratch = Path.of(System.getProperty("bench.scratch", "target/bench/scratch")).toAbsolutePath();
        Files.createDirectories(scratch);
        List<CodeBase> bases = new ArrayList<>();
        bases.add(new CodeBase("kernel-src", home.resolve("kernel-src/src/main/java"), home.resolve("kernel-src"), ""));
        String tp = System.getProperty("bench.thirdParty.sources");
        if (tp != null && !tp.isBlank()) {
            Path src = Path.of(tp).toAbsolutePath();
            bases.add(new CodeBase(System.getProperty("bench.thirdParty.name", src.getFileName().toString()), src, src,
                    System.getProperty("bench.classpath", System.getProperty("java.class.path"))));
        }
        Tools tools = new Tools(packs(home.resolve("rules/packs")), new RenderContext(home.resolve("rules")));
        Benchmark b = new Benchmark(System.out, Integer.getInteger("bench.runs", 3),
                Integer.getInteger("bench.warmup", 1), scratch, tools, Set.of(System.getProperty("bench.tools",
                        "kreply,javac,pmd").toLowerCase(Locale.ROOT).split("\\s*,\\s*")));
        b.home = home;
        CodeBase corpus = null;
        String big = System.getProperty("bench.corpus.sources");
        if (big != null && !big.isBlank()) {
            Path src = Path.of(big).toAbsolutePath();
            corpus = new CodeBase(System.getProperty("bench.corpus.name", src.getFileName().toString()), src, src, "");
        }
        try {
            b.run(bases, corpus);
        } catch (UnsupportedOperationException e) {
            System.err.println("benchmark: the analysis engine is not available in this build (" + e.getMessage() + ")");
            System.exit(2);
        }
    }

    private void run(List<CodeBase> bases, CodeBase corpus) throws Exception {
        out.printf(Locale.ROOT, "kreply benchmark: median of %d run(s) after %d warm-up run(s); max heap %d MB; %d cores; "
                + "heap = peak heap after GC%n%n",
                runs, warmup, Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        List<String> verdicts = new ArrayList<>();
        for (CodeBase cb : bases) {
            long lines = cb.lines();
            int files = cb.javaFiles().size();
            out.printf(Locale.ROOT, "%s: %d files, %,d lines (%s)%n", cb.name(), files, lines, cb.sources());
            Measurement k = selected.contains("kreply") ? median(() -> tools.kreply(cb, dir(cb, "kreply"))) : null;
            Measurement j = selected.contains("javac") ? median(() -> tools.javac(cb, dir(cb, "javac"))) : null;
            Measurement p = selected.contains("pmd") ? median(() -> tools.pmd(cb)) : null;
            row("kreply", k);
            row("javac", j);
            row("PMD quickstart", p);
            if (k != null && (j != null || p != null)) {
                out.printf(Locale.ROOT, "  %-16s kreply/javac %.2f, kreply/PMD %.2f%n", "ratios", ratio(k, j),
                        ratio(k, p));
            }
            out.println();
            if (k == null) {
                continue;
            }
            if (cb.name().equals("kernel-src")) {
                verdicts.add(verdict(k.wallMillis() < KERNEL_TARGET_MILLIS, "kernel-src full analysis < 5 s",
                        seconds(k.wallMillis())));
            } else if (p != null) {
                verdicts.add(verdict(k.wallMillis() <= p.wallMillis(), cb.name() + " no slower than PMD quickstart",
                        String.format(Locale.ROOT, "%.2f x PMD", ratio(k, p))));
            }
            if (!cb.name().equals("kernel-src") && corpus == null) {
                long estimate = lines == 0 ? 0 : k.peakHeapBytes() * LINES_TARGET / lines;
                verdicts.add(verdict(estimate <= HEAP_TARGET_BYTES, "1M lines within a 4 GB heap",
                        String.format(Locale.ROOT, "peak heap after GC %d MB for %,d lines, linear estimate %.1f GB "
                                + "for 1M lines (no large corpus given: an estimate only)", k.peakHeapBytes() >> 20,
                                lines, estimate / (double) (1L << 30))));
            }
        }
        if (corpus != null && selected.contains("kreply")) {
            verdicts.add(heapTarget(corpus));
        }
        if (!verdicts.isEmpty()) {
            out.println("Targets:");
            verdicts.forEach(v -> out.println("  " + v));
        }
    }

    /**
     * The memory target, measured rather than extrapolated: kreply analyses the large corpus in a
     * fresh JVM whose heap is limited to 4 GB, and the run either completes or fails.
     */
    private String heapTarget(CodeBase corpus) throws IOException, InterruptedException {
        long lines = corpus.lines();
        out.printf(Locale.ROOT, "%s: %d files, %,d lines (%s)%n", corpus.name(), corpus.javaFiles().size(), lines,
                corpus.sources());
        // the JVM options ./kreply uses for analyze (C1 only), with the heap limit under test
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + (HEAP_TARGET_BYTES >> 20) + "m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"),
                HeapProbe.class.getName(), home.toString(), corpus.name(), corpus.sources().toString(),
                dir(corpus, "kreply").toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .lines().toList();
        int exit = p.waitFor();
        String result = output.stream().filter(l -> l.startsWith(HeapProbe.PREFIX)).findFirst().orElse(null);
        if (exit != 0 || result == null) {
            String why = output.stream().filter(l -> l.contains("OutOfMemoryError") || l.contains("Exception"))
                    .findFirst().orElse(output.isEmpty() ? "no output" : output.get(output.size() - 1));
            out.printf(Locale.ROOT, "  %-16s failed with a %d MB heap (exit %d): %s%n%n", "kreply",
                    HEAP_TARGET_BYTES >> 20, exit, why);
            return verdict(false, "1M lines within a 4 GB heap", "the run failed: " + why);
        }
        String[] f = result.substring(HeapProbe.PREFIX.length()).trim().split(" ", 4);
        long wall = Long.parseLong(f[0]);
        long peak = Long.parseLong(f[1]);
        long max = Long.parseLong(f[2]);
        out.printf(Locale.ROOT, "  %-16s %8s  heap %5d MB  one run in a fresh JVM as ./kreply runs it, max heap %d MB; %s%n%n", "kreply",
                seconds(wall), peak >> 20, max >> 20, f.length > 3 ? f[3] : "");
        boolean ok = lines >= LINES_TARGET && max <= HEAP_TARGET_BYTES;
        return verdict(ok, "1M lines within a 4 GB heap", String.format(Locale.ROOT,
                "%,d lines analysed in a fresh JVM with a %d MB heap limit; peak heap after GC %d MB%s", lines,
                max >> 20, peak >> 20, lines >= LINES_TARGET ? "" : " (the corpus is smaller than 1M lines)"));
    }

    @FunctionalInterface
    private interface Run {
        Measurement once() throws Exception;
    }

    private Measurement median(Run r) throws Exception {
        for (int i = 0; i < warmup; i++) {
            r.once();
        }
        List<Measurement> ms = new ArrayList<>();
        for (int i = 0; i < Math.max(1, runs); i++) {
            ms.add(r.once());
        }
        ms.sort(Comparator.comparingLong(Measurement::wallMillis));
        return ms.get(ms.size() / 2);
    }

    private void row(String tool, Measurement m) {
        if (m == null) {
            return;
        }
        String phases = m.phases().isEmpty() ? "" : m.phases().entrySet().stream()
                .map(e -> e.getKey() + " " + seconds(e.getValue())).collect(Collectors.joining(", ")) + "; ";
        out.printf(Locale.ROOT, "  %-16s %8s  heap %5d MB  %s%s%n", tool, seconds(m.wallMillis()),
                m.peakHeapBytes() >> 20, phases, m.note());
    }

    private Path dir(CodeBase cb, String tool) throws IOException {
        return Files.createDirectories(scratch.resolve(cb.name()).resolve(tool));
    }

    private static double ratio(Measurement a, Measurement b) {
        return b == null || b.wallMillis() == 0 ? Double.NaN : a.wallMillis() / (double) b.wallMillis();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private static String verdict(boolean ok, String target, String detail) {
        return (ok ? "PASS " : "MISS ") + target + ": " + detail;
    }

    static List<Path> packs(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
                ds.forEach(out::add);
            }
        }
        out.sort(null);
        return out;
    }

    private static String required(String key) {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) {
            System.err.println("benchmark: system property " + key + " is required");
            System.exit(2);
        }
        return v;
    }
}
