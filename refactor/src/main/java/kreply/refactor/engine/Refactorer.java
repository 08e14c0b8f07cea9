package kreply.refactor.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kreply.refactor.change.FileChange;
import kreply.refactor.recipe.Fix;
import kreply.refactor.recipe.FixNotApplicable;
import kreply.refactor.source.EditSession;
import kreply.refactor.source.Workspace;

/**
 * Applies fixes to a workspace one at a time. Each fix gets a fresh parse of the current texts,
 * so it sees the fixes accepted before it, and its diff is measured against that state: the
 * reviewer sees exactly what this fix adds. A fix that throws leaves the workspace as it was.
 */
public final class Refactorer {
    private final Workspace ws;
    private final Map<String, String> original;

    public Refactorer(Workspace ws) {
        this.ws = ws;
        this.original = new LinkedHashMap<>(ws.texts());
    }

    public Workspace workspace() {
        return ws;
    }

    /** Computes a fix's changes without keeping them. */
    public AppliedFix preview(Fix fix) {
        return run(ws.copy(), fix);
    }

    /** Applies a fix and keeps its changes. */
    public AppliedFix apply(Fix fix) {
        return run(ws, fix);
    }

    private static AppliedFix run(Workspace target, Fix fix) {
        Workspace scratch = target.copy();
        EditSession s = new EditSession(scratch);
        List<String> files;
        try {
            fix.apply(s);
            files = s.commit();
        } catch (FixNotApplicable e) {
            return new AppliedFix(fix, List.of(), e.getMessage());
        } finally {
            s.release();
        }
        if (files.isEmpty()) {
            return new AppliedFix(fix, List.of(), "already in the fixed form");
        }
        List<FileChange> changes = new ArrayList<>();
        for (String f : files) {
            String before = target.text(f);
            changes.add(new FileChange(f, before == null ? "" : before, scratch.text(f)));
            target.put(f, scratch.text(f));
        }
        return new AppliedFix(fix, changes, null);
    }

    /** Every file whose text differs from when this refactorer started, as before/after. */
    public List<FileChange> totalChanges() {
        List<FileChange> out = new ArrayList<>();
        for (var e : ws.texts().entrySet()) {
            String before = original.get(e.getKey());
            if (before == null || !before.equals(e.getValue())) {
                out.add(new FileChange(e.getKey(), before == null ? "" : before, e.getValue()));
            }
        }
        return out;
    }
}
