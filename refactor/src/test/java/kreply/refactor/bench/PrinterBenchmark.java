package kreply.refactor.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.github.difflib.DiffUtils;
import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.printer.lexicalpreservation.LexicalPreservingPrinter;

import spoon.Launcher;
import spoon.reflect.CtModel;
import spoon.reflect.code.CtStatement;
import spoon.reflect.declaration.CtMethod;
import spoon.reflect.declaration.CtType;
import spoon.support.sniper.SniperJavaPrettyPrinter;

/**
 * A measurement, not a test: JavaParser's LexicalPreservingPrinter against Spoon's sniper printer
 * on kernel-src — time to parse and reprint every file unchanged, how many files come back
 * byte-identical, and for one real edit (the queue-guard S3 guard at the top of VPPIEvent) how many
 * lines differ from the original. Both run in the same JVM, alternating, after a warm-up; the
 * report gives medians and the ratio. Run:
 * {@code mvn -q -B -pl refactor -am test-compile && java -cp "$(cat refactor/target/bench.cp):refactor/target/classes:refactor/target/test-classes" kreply.refactor.bench.PrinterBenchmark kernel-src}
 * (bench.cp from {@code mvn -q -pl refactor dependency:build-classpath -Dmdep.outputFile=target/bench.cp}).
 */
public final class PrinterBenchmark {
    private static final String GUARD = "if (ks.ksCurThread.tcbQueued || !k.thread.isSchedulable(ks.ksCurThread)) { return; }";

    public static void main(String[] args) throws Exception {
        Path src = Path.of(args.length > 0 ? args[0] : "kernel-src").resolve("src/main/java").toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".java"))::iterator) {
                files.put(p, Files.readString(p));
            }
        }
        long lines = files.values().stream().mapToLong(t -> t.lines().count()).sum();
        System.out.printf("kernel-src: %d files, %d lines; %d runs after 1 warm-up, medians%n", files.size(), lines, runs);
        List<Long> lpp = new ArrayList<>();
        List<Long> sniper = new ArrayList<>();
        int[] lppIdentical = new int[1];
        int[] sniperIdentical = new int[1];
        for (int i = 0; i <= runs; i++) {
            long t0 = System.nanoTime();
            lppIdentical[0] = lppRoundTrip(files);
            long t1 = System.nanoTime();
            sniperIdentical[0] = sniperRoundTrip(src, files);
            long t2 = System.nanoTime();
            if (i > 0) {
                lpp.add((t1 - t0) / 1_000_000);
                sniper.add((t2 - t1) / 1_000_000);
            }
        }
        long ml = median(lpp);
        long ms = median(sniper);
        System.out.printf("unchanged round trip: LexicalPreservingPrinter %d ms, %d/%d files identical%n", ml,
                lppIdentical[0], files.size());
        System.out.printf("unchanged round trip: Spoon sniper            %d ms, %d/%d files identical%n", ms,
                sniperIdentical[0], files.size());
        System.out.printf("ratio sniper / LPP: %.2f%n", (double) ms / ml);
        System.out.printf("sniper could not print %d type(s), e.g. %s%n", sniperFailures.size(),
                sniperFailures.stream().findFirst().orElse("-"));
        Path vcpus = src.resolve("sel4/arch/aarch64/Vcpus.java");
        System.out.printf("one edit (guard in VPPIEvent), lines differing from the original: LPP %d, sniper %d%n",
                diffLines(files.get(vcpus), lppEdit(files.get(vcpus))),
                diffLines(files.get(vcpus), sniperEdit(src, vcpus)));
    }

    private static int lppRoundTrip(Map<Path, String> files) {
        JavaParser jp = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17).setLexicalPreservationEnabled(true));
        int same = 0;
        for (String text : files.values()) {
            CompilationUnit cu = jp.parse(text).getResult().orElseThrow();
            LexicalPreservingPrinter.setup(cu);
            if (LexicalPreservingPrinter.print(cu).equals(text)) {
                same++;
            }
        }
        return same;
    }

    private static Launcher spoon(Path src) {
        Launcher l = new Launcher();
        l.addInputResource(src.toString());
        l.getEnvironment().setNoClasspath(true);
        l.getEnvironment().setComplianceLevel(17);
        l.getEnvironment().setCommentEnabled(true);
        l.getEnvironment().setAutoImports(false);
        l.getEnvironment().setPrettyPrinterCreator(() -> new SniperJavaPrettyPrinter(l.getEnvironment()));
        return l;
    }

    private static final java.util.Set<String> sniperFailures = new java.util.TreeSet<>();

    private static int sniperRoundTrip(Path src, Map<Path, String> files) {
        Launcher l = spoon(src);
        CtModel model = l.buildModel();
        int same = 0;
        for (CtType<?> t : model.getAllTypes()) {
            if (!t.isTopLevel()) {
                continue;
            }
            spoon.reflect.cu.CompilationUnit cu = l.getFactory().CompilationUnit().getOrCreate(t);
            String printed;
            try {
                printed = l.getEnvironment().createPrettyPrinter().printCompilationUnit(cu);
            } catch (RuntimeException e) {
                sniperFailures.add(t.getSimpleName() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                continue;
            }
            String original = files.get(t.getPosition().getFile().toPath());
            if (printed.equals(original)) {
                same++;
            }
        }
        return same;
    }

    private static String lppEdit(String text) {
        JavaParser jp = new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17).setLexicalPreservationEnabled(true));
        CompilationUnit cu = jp.parse(text).getResult().orElseThrow();
        LexicalPreservingPrinter.setup(cu);
        MethodDeclaration m = cu.findAll(MethodDeclaration.class).stream()
                .filter(x -> x.getNameAsString().equals("VPPIEvent")).findFirst().orElseThrow();
        m.getBody().orElseThrow().addStatement(0, StaticJavaParser.parseStatement(GUARD));
        return LexicalPreservingPrinter.print(cu);
    }

    private static String sniperEdit(Path src, Path file) {
        Launcher l = spoon(src);
        CtModel model = l.buildModel();
        CtMethod<?> m = model.getAllTypes().stream().filter(t -> t.getSimpleName().equals("Vcpus"))
                .findFirst().orElseThrow().getMethodsByName("VPPIEvent").get(0);
        CtStatement guard = l.getFactory().Code().createCodeSnippetStatement(GUARD);
        m.getBody().insertBegin(guard);
        CtType<?> t = m.getDeclaringType();
        return l.getEnvironment().createPrettyPrinter()
                .printCompilationUnit(l.getFactory().CompilationUnit().getOrCreate(t));
    }

    private static int diffLines(String a, String b) {
        List<String> x = Arrays.asList(a.split("\n", -1));
        List<String> y = Arrays.asList(b.split("\n", -1));
        return DiffUtils.diff(x, y).getDeltas().stream()
                .mapToInt(d -> Math.max(d.getSource().size(), d.getTarget().size())).sum();
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }
}
