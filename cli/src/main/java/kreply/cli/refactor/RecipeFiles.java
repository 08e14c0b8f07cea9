package kreply.cli.refactor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import kreply.refactor.RefactorException;

/**
 * Finds the recipe configuration: {@code --recipes-file} when given, else the single file in the
 * kreply home's {@code rules/recipes/} (several files there need an explicit choice).
 */
public final class RecipeFiles {
    private RecipeFiles() {
    }

    public static Path locate(Path given, Path home) {
        if (given != null) {
            if (!Files.isRegularFile(given)) {
                throw new RefactorException("recipe file not found: " + given);
            }
            return given;
        }
        if (home == null) {
            throw new RefactorException("cannot find the kreply home for the bundled recipe file "
                    + "(run through ./kreply or pass --recipes-file FILE)");
        }
        Path dir = home.resolve("rules/recipes");
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
                ds.forEach(files::add);
            } catch (IOException e) {
                throw new RefactorException("cannot list " + dir + ": " + e.getMessage());
            }
        }
        if (files.isEmpty()) {
            throw new RefactorException("no recipe file in " + dir + " (pass --recipes-file FILE)");
        }
        if (files.size() > 1) {
            files.sort(null);
            throw new RefactorException("several recipe files in " + dir + "; choose one with --recipes-file ("
                    + files.stream().map(p -> p.getFileName().toString()).toList() + ")");
        }
        return files.get(0);
    }
}
