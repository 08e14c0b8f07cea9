package kreply.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import kreply.reports.render.RenderContext;

/**
 * Runs kreply once (analysis and every report) on one code base and prints a single result line.
 * The benchmark starts it in a fresh JVM with exactly the heap limit under test, so nothing else
 * the benchmark ran shares that heap: it either completes within the limit or it does not.
 *
 * <p>Arguments: kreply home, code base name, source folder, scratch folder. Output: a line
 * {@code heap-probe: <wall ms> <peak heap after GC, bytes> <max heap, bytes> <note>}.
 */
public final class HeapProbe {
    static final String PREFIX = "heap-probe:";

    private HeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: HeapProbe HOME NAME SOURCES SCRATCH");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath().normalize();
        Path sources = Path.of(args[2]).toAbsolutePath().normalize();
        Path scratch = Files.createDirectories(Path.of(args[3]));
        Tools tools = new Tools(Benchmark.packs(home.resolve("rules/packs")), new RenderContext(home.resolve("rules")));
        Measurement m = tools.kreply(new CodeBase(args[1], sources, sources, ""), scratch);
        System.out.printf(Locale.ROOT, "%s %d %d %d %s%n", PREFIX, m.wallMillis(), m.peakHeapBytes(),
                Runtime.getRuntime().maxMemory(), m.note());
    }
}
