// contract: unified diffs become whole-line replacements positioned in the original file, one per run of changed lines.
package kreply.reports.sarif;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import kreply.reports.sarif.UnifiedDiff.Replacement;

class UnifiedDiffTest {
    @Test
    void replacementsFollowOriginalLineNumbers() {
        String diff = """
                --- a/src/A.java
                +++ b/src/A.java
                @@ -10,6 +10,7 @@ class A {
                     int a;
                -    int b;
                +    long b;
                +    long c;
                     int d;
                     int e;
                -    int f;
                     int g;
                """;
        Map<String, List<Replacement>> m = UnifiedDiff.parse(diff, "ignored.java");
        assertThat(m).containsOnlyKeys("src/A.java");
        assertThat(m.get("src/A.java")).containsExactly(
                new Replacement(11, 1, "    long b;\n    long c;\n"),
                new Replacement(14, 1, null));
    }

    @Test
    void pureInsertionIsAnEmptyRegionBeforeTheNextOriginalLine() {
        String diff = "@@ -3,2 +3,3 @@\n x\n+y\n z\n";
        assertThat(UnifiedDiff.parse(diff, "F.java")).containsEntry("F.java", List.of(new Replacement(4, 0, "y\n")));
    }

    @Test
    void removedLineStartingWithDashesIsNotAHeader() {
        String diff = "--- a/F.java\n+++ b/F.java\n@@ -1,2 +1,1 @@\n--- comment\n keep\n";
        assertThat(UnifiedDiff.parse(diff, null)).containsEntry("F.java", List.of(new Replacement(1, 1, null)));
    }

    @Test
    void severalFilesAndHunks() {
        String diff = "--- a/A.java\n+++ b/A.java\n@@ -1 +1 @@\n-a\n+b\n@@ -20,1 +20,1 @@\n-c\n+d\n"
                + "--- a/B.java\n+++ b/B.java\n@@ -5,1 +5,0 @@\n-gone\n";
        Map<String, List<Replacement>> m = UnifiedDiff.parse(diff, null);
        assertThat(m.get("A.java")).containsExactly(new Replacement(1, 1, "b\n"), new Replacement(20, 1, "d\n"));
        assertThat(m.get("B.java")).containsExactly(new Replacement(5, 1, null));
    }

    @Test
    void textWithoutHunksIsNoDiff() {
        assertThat(UnifiedDiff.parse("just a description", "F.java")).isEmpty();
        assertThat(UnifiedDiff.parse(null, "F.java")).isEmpty();
    }
}
