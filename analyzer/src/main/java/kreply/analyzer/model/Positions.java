package kreply.analyzer.model;

import java.io.File;
import spoon.reflect.cu.SourcePosition;
import spoon.reflect.declaration.CtElement;

/**
 * Safe access to source positions: implicit elements and partial positions throw from Spoon's
 * getters, and the analysis must never fail because of that.
 */
public final class Positions {
    private Positions() {
    }

    public static int line(CtElement e) {
        for (CtElement cur = e; cur != null; cur = parentOrNull(cur)) {
            try {
                SourcePosition p = cur.getPosition();
                if (p != null && p.isValidPosition()) {
                    return p.getLine();
                }
            } catch (RuntimeException ignored) {
                // partial position: try the parent
            }
        }
        return 0;
    }

    public static int endLine(CtElement e) {
        try {
            SourcePosition p = e.getPosition();
            if (p != null && p.isValidPosition()) {
                return p.getEndLine();
            }
        } catch (RuntimeException ignored) {
            // fall through
        }
        return line(e);
    }

    public static File file(CtElement e) {
        for (CtElement cur = e; cur != null; cur = parentOrNull(cur)) {
            try {
                SourcePosition p = cur.getPosition();
                if (p != null && p.getFile() != null) {
                    return p.getFile();
                }
            } catch (RuntimeException ignored) {
                // try the parent
            }
        }
        return null;
    }

    /** Source start / end offsets, or null when unknown. */
    public static int[] range(CtElement e) {
        try {
            SourcePosition p = e.getPosition();
            if (p != null && p.isValidPosition()) {
                return new int[] {p.getSourceStart(), p.getSourceEnd()};
            }
        } catch (RuntimeException ignored) {
            // unknown
        }
        return null;
    }

    public static CtElement parentOrNull(CtElement e) {
        try {
            return e.isParentInitialized() ? e.getParent() : null;
        } catch (RuntimeException ex) {
            return null;
        }
    }
}
