// contract: bad input gives a clear AnalysisInputException (never a stray exception), a file that does not parse becomes a ParseProblem while the rest is analysed, hostile text in sources breaks nothing, and progress is reported per phase.
package kreply.analyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kreply.analyzer.TestPaths;
import kreply.analyzer.TestSources;
import kreply.analyzer.report.AnalysisResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzerInputTest {
    @TempDir
    Path dir;

    private AnalysisResult run(List<Path> sources, List<Path> packs) throws AnalysisInputException {
        return new Analyzer().analyze(new AnalyzeRequest(sources, dir, packs, null, null));
    }

    @Test
    void badSourcePathsAreInputErrors() throws Exception {
        List<Path> pack = List.of(TestPaths.kernelPack());
        assertThatThrownBy(() -> run(List.of(), pack)).isInstanceOf(AnalysisInputException.class)
                .hasMessage("no source path given");
        assertThatThrownBy(() -> run(List.of(dir.resolve("missing")), pack)).isInstanceOf(AnalysisInputException.class)
                .hasMessageContaining("does not exist").hasMessageContaining("missing");
        Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> run(List.of(dir.resolve("notes.txt")), pack))
                .isInstanceOf(AnalysisInputException.class).hasMessageContaining("not a Java source file");
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> run(List.of(dir.resolve("empty")), pack)).isInstanceOf(AnalysisInputException.class)
                .hasMessageContaining("no Java source files under");
    }

    @Test
    void badPackIsAnInputErrorNamingFileAndKey() throws Exception {
        TestSources.write(dir, Map.of("src/p/A.java", "package p; class A {}"));
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(TestPaths.kernelPack()).replace("nMsgRegisters: 4", "nMsgRegister: 4"));
        assertThatThrownBy(() -> run(List.of(dir.resolve("src")), List.of(bad)))
                .isInstanceOf(AnalysisInputException.class).hasMessageContaining("bad.yaml")
                .hasMessageContaining("nMsgRegister");
        assertThatThrownBy(() -> run(List.of(dir.resolve("src")), List.of()))
                .isInstanceOf(AnalysisInputException.class).hasMessageContaining("no rule pack");
    }

    @Test
    void unparsableFileIsReportedAndSkipped() throws Exception {
        TestSources.write(dir, Map.of("src/p/Broken.java", """
                package p;
                class Broken {
                    void f() {
                        int x = ;
                    }
                """, "src/p/Good.java", """
                package p;
                import fx.*;
                class Good extends Module {
                    Good(Kernel k) { super(k); }
                    long performGetAddress(long base) {
                        setRegister(ks.ksCurThread, msgRegisters[0], base);
                        return EXCEPTION_NONE;
                    }
                }
                """));
        AnalysisResult r = new Analyzer().analyze(new AnalyzeRequest(List.of(dir.resolve("src"),
                TestPaths.rules().resolve("fixtures/support")), dir, List.of(TestPaths.kernelPack()), null, null));
        assertThat(r.parseProblems()).hasSize(1);
        assertThat(r.parseProblems().get(0).file()).isEqualTo("src/p/Broken.java");
        assertThat(r.parseProblems().get(0).line()).isEqualTo(4);
        assertThat(r.parseProblems().get(0).message()).containsIgnoringCase("syntax");
        assertThat(r.findings()).extracting(f -> f.ruleId()).contains("reply-clobbered");
        assertThat(r.stats().get("parseProblems")).isEqualTo(1L);
    }

    @Test
    void hostileTextBreaksNothing() throws Exception {
        TestSources.write(dir, Map.of("src/p/Hostile.java", """
                package p;
                import fx.*;
                /** </script><script>alert(1)</script> \u202Eevil\u202C \uD83D\uDE00 */
                class Hostile extends Module {
                    static final String S = "</script>\u202E\u0000\uFEFF";
                    Hostile(Kernel k) { super(k); }
                    long performGetAddress\u00E9(long caf\u00E9) { // \u2066 bidi \u2069
                        setRegister(ks.ksCurThread, msgRegisters[0], caf\u00E9);
                        return EXCEPTION_NONE;
                    }
                }
                """));
        AnalysisResult r = new Analyzer().analyze(new AnalyzeRequest(List.of(dir.resolve("src"),
                TestPaths.rules().resolve("fixtures/support")), dir, List.of(TestPaths.kernelPack()), null, null));
        assertThat(r.parseProblems()).isEmpty();
        assertThat(r.findings()).filteredOn(f -> f.ruleId().equals("reply-clobbered"))
                .singleElement().satisfies(f -> assertThat(f.method()).isEqualTo("p.Hostile#performGetAddress\u00E9"));
    }

    @Test
    void progressIsReportedPerPhase() throws Exception {
        TestSources.write(dir, Map.of("src/p/A.java", "package p; class A { void f() { g(); } void g() {} }"));
        List<String> phases = new ArrayList<>();
        AnalysisResult r = new Analyzer().analyze(new AnalyzeRequest(List.of(dir.resolve("src")), dir,
                List.of(TestPaths.kernelPack()), null, (phase, done, total) -> phases.add(phase)));
        assertThat(phases).contains("model", "callgraph", "facts", "rules");
        assertThat(r.timingsMillis()).containsKeys("model", "callgraph", "facts", "rules");
        assertThat(r.stats()).containsEntry("files", 1L).containsEntry("methods", 3L) // f, g and the implicit constructor
               .containsEntry("edges", 1L)
                .containsEntry("classes", 1L);
        assertThat(r.root()).isEqualTo(dir.toAbsolutePath().normalize().toString().replace('\\', '/'));
        assertThat(r.rules()).hasSize(12);
    }
}
