package kreply.refactor.engine;

import java.util.List;

import kreply.refactor.change.FileChange;
import kreply.refactor.recipe.Fix;

/**
 * The outcome of one fix on the workspace: its file changes (relative to the state before it),
 * or why it was skipped (already in the fixed form, or not applicable).
 */
public record AppliedFix(Fix fix, List<FileChange> changes, String skipped) {
    public AppliedFix {
        changes = List.copyOf(changes);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }
}
