package kreply.refactor.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import kreply.refactor.RefactorException;

/**
 * Refuses to rewrite files in place when the git work tree has uncommitted changes under the
 * target: git is the user's undo, and mixing a refactoring into unrelated edits would make it
 * impossible to review or revert on its own. {@code --force} skips the check.
 */
public final class GitGuard {
    private GitGuard() {
    }

    /** Throws when {@code dir} is inside a git work tree with uncommitted changes beneath it. */
    public static void requireClean(Path dir) {
        Result top = git(dir, "rev-parse", "--show-toplevel");
        if (top == null || top.code != 0) {
            return; // not a git work tree (or no git): nothing to protect beyond the atomic write
        }
        Result st = git(dir, "status", "--porcelain", "--untracked-files=normal", "--", ".");
        if (st == null || st.code != 0) {
            throw new RefactorException("cannot read the git status of " + dir + "; pass --force to write anyway");
        }
        if (!st.out.isBlank()) {
            List<String> lines = st.out.lines().toList();
            throw new RefactorException("the git tree under " + dir + " has " + lines.size()
                    + " uncommitted change(s) (first: " + lines.get(0).strip()
                    + "); commit or stash them, or pass --force");
        }
    }

    private record Result(int code, String out) {
    }

    private static Result git(Path dir, String... args) {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = dir.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return new Result(p.exitValue(), out);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
