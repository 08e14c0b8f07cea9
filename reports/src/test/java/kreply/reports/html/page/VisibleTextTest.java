// contract: control, bidi and zero-width characters are split out of text and labelled U+XXXX (as segments for templates, flattened for attributes), while ordinary text, tabs and newlines pass unchanged.
package kreply.reports.html.page;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VisibleTextTest {
    @Test
    void splitsHiddenCharactersIntoLabelledSegments() {
        assertThat(VisibleText.of("a\u202Eb\u2066")).containsExactly(
                new VisibleText.Segment("a", false, "a", null),
                new VisibleText.Segment("\u202E", true, "U+202E", "right-to-left override"),
                new VisibleText.Segment("b", false, "b", null),
                new VisibleText.Segment("\u2066", true, "U+2066", "left-to-right isolate"));
    }

    @Test
    void ordinaryTextTabsNewlinesAndNonLatinScriptsAreUntouched() {
        String s = "if (x)\t{\n  return \"é → 名前 שלום\";\n}";
        assertThat(VisibleText.of(s)).hasSize(1).first().extracting(VisibleText.Segment::hidden).isEqualTo(false);
        assertThat(VisibleText.flat(s)).isEqualTo(s);
        assertThat(VisibleText.of("")).isEmpty();
        assertThat(VisibleText.flat(null)).isEmpty();
    }

    @Test
    void everyDangerousClassIsHidden() {
        for (int cp : new int[] {0x00, 0x07, 0x0d, 0x1b, 0x7f, 0x85, 0x9f, 0x061c, 0x200b, 0x200e, 0x200f, 0x2028, 0x2029,
                0x202a, 0x202e, 0x2060, 0x2064, 0x2066, 0x2069, 0xfeff}) {
            assertThat(VisibleText.isHidden(cp)).as("U+%04X", cp).isTrue();
        }
        for (int cp : new int[] {'\t', '\n', ' ', 'a', 0xa0, 0x2010, 0x202f, 0x2070, 0xfffd}) {
            assertThat(VisibleText.isHidden(cp)).as("U+%04X", cp).isFalse();
        }
        assertThat(VisibleText.flat("x\u0000y\u202Dz")).isEqualTo("xU+0000yU+202Dz");
    }
}
