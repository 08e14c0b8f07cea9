package kreply.refactor.change;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;

/**
 * Renders file changes as a unified diff with {@code a/} and {@code b/} prefixes and three lines
 * of context, which {@code git apply} and {@code patch -p1} accept from the tree's root.
 */
public final class UnifiedDiff {
    private UnifiedDiff() {
    }

    public static String of(List<FileChange> changes) {
        StringBuilder sb = new StringBuilder();
        for (FileChange c : changes) {
            sb.append(of(c));
        }
        return sb.toString();
    }

    public static String of(FileChange c) {
        List<String> a = lines(c.before());
        List<String> b = lines(c.after());
        Patch<String> patch = DiffUtils.diff(a, b);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        boolean created = c.before().isEmpty();
        List<String> out = UnifiedDiffUtils.generateUnifiedDiff(created ? "/dev/null" : "a/" + c.file(),
                "b/" + c.file(), a, patch, 3);
        StringBuilder sb = new StringBuilder();
        sb.append("diff --git a/").append(c.file()).append(" b/").append(c.file()).append('\n');
        if (created) {
            sb.append("new file mode 100644\n");
        }
        for (String l : out) {
            sb.append(l).append('\n');
        }
        return sb.toString();
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return new ArrayList<>();
        }
        String t = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return Arrays.asList(t.split("\n", -1));
    }
}
