// contract: baseline files round-trip sorted and stable, and every unreadable or malformed file is rejected with a message naming the file.
package kreply.reports.gate;

import static kreply.reports.testing.Samples.TCB;
import static kreply.reports.testing.Samples.VSPACE;
import static kreply.reports.testing.Samples.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineFileTest {
    @TempDir
    Path dir;

    @Test
    void writtenBaselineReadsBackWithTheSameEntries() throws Exception {
        Baseline b = Baseline.of(List.of(
                finding("reply-protocol", List.of("R", "L"), "sel4.object.tcb.TcbInvocations#invokeGetBreakpoint", TCB, 300, "fp-2"),
                finding("reply-protocol", List.of("C", "G", "B"), "sel4.arch.aarch64.Vspace#performPageGetAddress", VSPACE, 120, "fp-1"),
                finding("reply-protocol", List.of("C", "G", "B"), "sel4.arch.aarch64.Vspace#performPageGetAddress", VSPACE, 220, "fp-1")));
        Path file = dir.resolve("sub/kreply-baseline.json");

        BaselineFile.write(file, b);
        Baseline back = BaselineFile.read(file);

        assertThat(back.entries()).containsExactlyElementsOf(b.entries());
        assertThat(back.entries()).extracting(BaselineEntry::method).containsExactly(
                "sel4.arch.aarch64.Vspace#performPageGetAddress", "sel4.arch.aarch64.Vspace#performPageGetAddress",
                "sel4.object.tcb.TcbInvocations#invokeGetBreakpoint");
        String text = Files.readString(file);
        assertThat(text).contains("\"format\" : 1").contains("\"fingerprint\" : \"fp-2\"").doesNotContain("\"line\"");
    }

    @Test
    void rewritingTheSameFindingsGivesTheSameBytes() throws Exception {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        var f1 = finding("reply-protocol", List.of("C"), "p.A#x", VSPACE, 1, "fp-1");
        var f2 = finding("reply-protocol", List.of("C"), "p.B#y", TCB, 2, "fp-2");

        BaselineFile.write(a, Baseline.of(List.of(f1, f2)));
        BaselineFile.write(b, Baseline.of(List.of(f2, f1)));

        assertThat(Files.readString(a)).isEqualTo(Files.readString(b));
    }

    @Test
    void emptyEntriesIsAValidBaseline() throws Exception {
        Path file = dir.resolve("empty.json");
        Files.writeString(file, "{\"tool\":\"kreply\",\"format\":1,\"entries\":[]}");

        assertThat(BaselineFile.read(file).entries()).isEmpty();
    }

    @Test
    void missingFileIsRejected() {
        Path file = dir.resolve("nope.json");
        assertThatThrownBy(() -> BaselineFile.read(file)).isInstanceOf(BaselineException.class)
                .hasMessage("baseline file not found: " + file);
    }

    @Test
    void folderInsteadOfFileIsRejected() {
        assertThatThrownBy(() -> BaselineFile.read(dir)).isInstanceOf(BaselineException.class)
                .hasMessageStartingWith("cannot read baseline file " + dir);
    }

    @Test
    void invalidJsonIsRejectedWithItsLine() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\n \"entries\": [\n  {\"fingerprint\": }\n ]\n}");
        assertThatThrownBy(() -> BaselineFile.read(file)).isInstanceOf(BaselineException.class)
                .hasMessage("baseline file " + file + " is not valid JSON (line 3)");
    }

    @Test
    void nonObjectIsRejected() throws Exception {
        Path file = dir.resolve("arr.json");
        Files.writeString(file, "[]");
        assertThatThrownBy(() -> BaselineFile.read(file)).hasMessage(
                "baseline file " + file + " must contain a JSON object");
    }

    @Test
    void missingEntriesIsRejected() throws Exception {
        Path file = dir.resolve("noentries.json");
        Files.writeString(file, "{\"format\": 1}");
        assertThatThrownBy(() -> BaselineFile.read(file)).hasMessage(
                "baseline file " + file + " has no \"entries\" array");
    }

    @Test
    void entryWithoutFingerprintIsRejected() throws Exception {
        Path file = dir.resolve("nofp.json");
        Files.writeString(file, "{\"entries\": [{\"fingerprint\": \"x\"}, {\"ruleId\": \"r\"}]}");
        assertThatThrownBy(() -> BaselineFile.read(file)).hasMessage(
                "baseline file " + file + ": entry 2 has no \"fingerprint\"");
    }

    @Test
    void unknownFormatIsRejected() throws Exception {
        Path file = dir.resolve("v9.json");
        Files.writeString(file, "{\"format\": 9, \"entries\": []}");
        assertThatThrownBy(() -> BaselineFile.read(file)).hasMessage(
                "baseline file " + file + " has unsupported format 9 (this kreply reads format 1)");
    }
}
