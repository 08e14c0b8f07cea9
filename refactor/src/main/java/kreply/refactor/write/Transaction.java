package kreply.refactor.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kreply.refactor.RefactorException;
import kreply.refactor.change.FileChange;

/**
 * Writes a set of file changes so that either all of them land or none does. Every new text is
 * first written to a temporary file beside its target; only then are the temporaries moved over
 * the targets (atomically where the file system allows). If anything fails, files already
 * replaced get their original bytes back. A committed transaction can still be rolled back (the
 * verifier does that when the result fails verification). Before writing, each target must still
 * hold the text the change was computed from, so a file edited meanwhile is never overwritten.
 */
public final class Transaction {
    private final Path root;
    private final Map<Path, String> originals = new LinkedHashMap<>();
    private boolean written;

    private Transaction(Path root) {
        this.root = root;
    }

    /** Test hook: fails the move of this file, to exercise rollback. */
    static volatile String failOnFile;

    public static Transaction write(Path root, List<FileChange> changes) {
        Transaction t = new Transaction(root);
        t.apply(changes);
        return t;
    }

    private void apply(List<FileChange> changes) {
        Map<Path, Path> temps = new LinkedHashMap<>();
        try {
            for (FileChange c : changes) {
                Path target = root.resolve(c.file()).normalize();
                if (!target.startsWith(root)) {
                    throw new RefactorException("refusing to write outside " + root + ": " + c.file());
                }
                String current = Files.exists(target) ? Files.readString(target, StandardCharsets.UTF_8) : "";
                if (!current.equals(c.before())) {
                    throw new RefactorException(c.file() + " changed on disk since it was read; nothing was written");
                }
                Path tmp = target.resolveSibling("." + target.getFileName() + ".kreply-tmp");
                Files.writeString(tmp, c.after(), StandardCharsets.UTF_8);
                temps.put(target, tmp);
                originals.put(target, current);
            }
            for (var e : temps.entrySet()) {
                if (failOnFile != null && e.getKey().endsWith(failOnFile)) {
                    throw new IOException("injected failure writing " + failOnFile);
                }
                move(e.getValue(), e.getKey());
                written = true;
            }
        } catch (IOException | RuntimeException e) {
            restore();
            for (Path tmp : temps.values()) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover temporary is harmless; the targets are what matter
                }
            }
            if (e instanceof RefactorException re) {
                throw re;
            }
            throw new RefactorException("writing failed, every file was restored: " + e.getMessage(), e);
        }
    }

    /** Puts every original text back (atomically per file). */
    public void rollback() {
        if (!restore()) {
            throw new RefactorException("rollback could not restore every file under " + root);
        }
    }

    private boolean restore() {
        boolean ok = true;
        List<Path> done = new ArrayList<>();
        for (var e : originals.entrySet()) {
            try {
                String now = Files.exists(e.getKey()) ? Files.readString(e.getKey(), StandardCharsets.UTF_8) : null;
                if (e.getValue().equals(now)) {
                    continue;
                }
                Path tmp = e.getKey().resolveSibling("." + e.getKey().getFileName() + ".kreply-restore");
                Files.writeString(tmp, e.getValue(), StandardCharsets.UTF_8);
                move(tmp, e.getKey());
                done.add(e.getKey());
            } catch (IOException ex) {
                ok = false;
            }
        }
        written = false;
        return ok;
    }

    public boolean written() {
        return written;
    }

    public List<Path> files() {
        return List.copyOf(originals.keySet());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
