package kreply.analyzer.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import kreply.analyzer.engine.AnalysisInputException;
import kreply.analyzer.report.ParseProblem;
import spoon.Launcher;
import spoon.SpoonModelBuilder;
import spoon.reflect.CtModel;
import spoon.reflect.factory.Factory;

/**
 * The Spoon model of the analysed sources, built once in noclasspath mode. Files with syntax
 * errors are skipped and reported as {@link ParseProblem}s; bad input paths raise
 * {@link AnalysisInputException}.
 */
public final class SourceModel {
    private final CtModel model;
    private final Path root;
    private final List<Path> files;
    private final List<ParseProblem> problems;

    private SourceModel(CtModel model, Path root, List<Path> files, List<ParseProblem> problems) {
        this.model = model;
        this.root = root;
        this.files = files;
        this.problems = problems;
    }

    public CtModel model() {
        return model;
    }

    public Path root() {
        return root;
    }

    public List<Path> files() {
        return files;
    }

    public List<ParseProblem> parseProblems() {
        return problems;
    }

    /** The path of {@code file} relative to the root, with forward slashes. */
    public String relative(Path file) {
        return relativize(root, file);
    }

    public static String relativize(Path root, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path r = abs;
        if (root != null && abs.startsWith(root)) {
            r = root.relativize(abs);
        }
        return r.toString().replace('\\', '/');
    }

    /** Collects the Java files under the given paths, rejecting missing, empty or non-Java input. */
    public static List<Path> collectJavaFiles(List<Path> sources) throws AnalysisInputException {
        if (sources == null || sources.isEmpty()) {
            throw new AnalysisInputException("no source path given");
        }
        List<Path> out = new ArrayList<>();
        for (Path s : sources) {
            Path p = s.toAbsolutePath().normalize();
            if (!Files.exists(p)) {
                throw new AnalysisInputException("source path does not exist: " + s);
            }
            if (Files.isRegularFile(p)) {
                if (!p.getFileName().toString().endsWith(".java")) {
                    throw new AnalysisInputException("not a Java source file: " + s);
                }
                out.add(p);
                continue;
            }
            if (!Files.isDirectory(p)) {
                throw new AnalysisInputException("not a file or folder: " + s);
            }
            List<Path> found;
            try (Stream<Path> walk = Files.walk(p)) {
                found = walk.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().endsWith(".java"))
                        .sorted(Comparator.comparing(Path::toString)).toList();
            } catch (IOException | RuntimeException e) {
                throw new AnalysisInputException("cannot read source folder " + s + ": " + e.getMessage());
            }
            if (found.isEmpty()) {
                throw new AnalysisInputException("no Java source files under " + s);
            }
            out.addAll(found);
        }
        return out.stream().distinct().toList();
    }

    /** Builds the model of the given sources; {@code root} anchors relative report paths. */
    public static SourceModel build(List<Path> sources, Path root) throws AnalysisInputException {
        List<Path> files = collectJavaFiles(sources);
        Path r = root == null ? commonRoot(files) : root.toAbsolutePath().normalize();
        List<ParseProblem> problems = new ArrayList<>();
        List<Path> usable = new ArrayList<>(files);
        CtModel model;
        try {
            model = buildOnce(usable, r, problems);
        } catch (RuntimeException | StackOverflowError e) {
            // The front end itself failed on some file: find the culprits one by one, then build the rest.
            problems.clear();
            usable = isolateBrokenFiles(files, r, problems);
            try {
                model = buildOnce(usable, r, problems);
            } catch (RuntimeException | StackOverflowError e2) {
                throw new AnalysisInputException("the Java front end failed on these sources: " + e2);
            }
        }
        problems.sort(Comparator.comparing(ParseProblem::file).thenComparingInt(ParseProblem::line));
        return new SourceModel(model, r, List.copyOf(usable), List.copyOf(problems));
    }

    private static CtModel buildOnce(List<Path> files, Path root, List<ParseProblem> problems) {
        SyntaxFilteringCompiler[] holder = new SyntaxFilteringCompiler[1];
        Launcher launcher = new Launcher() {
            @Override
            public SpoonModelBuilder createCompiler(Factory factory) {
                holder[0] = new SyntaxFilteringCompiler(factory);
                return holder[0];
            }
        };
        var env = launcher.getEnvironment();
        env.setNoClasspath(true);
        env.setComplianceLevel(17);
        env.setCommentEnabled(false);
        env.setAutoImports(false);
        env.setShouldCompile(false);
        env.setIgnoreDuplicateDeclarations(true);
        env.setLevel("OFF");
        env.disableConsistencyChecks();
        env.setEncoding(java.nio.charset.StandardCharsets.UTF_8);
        for (Path f : files) {
            launcher.addInputResource(f.toString());
        }
        CtModel model = launcher.buildModel();
        if (holder[0] != null) {
            for (SyntaxFilteringCompiler.Skipped s : holder[0].skipped()) {
                problems.add(new ParseProblem(relativize(root, Path.of(s.file())), s.line(), s.message()));
            }
        }
        return model;
    }

    private static List<Path> isolateBrokenFiles(List<Path> files, Path root, List<ParseProblem> problems) {
        List<Path> ok = new ArrayList<>();
        for (Path f : files) {
            try {
                buildOnce(List.of(f), root, new ArrayList<>());
                ok.add(f);
            } catch (RuntimeException | StackOverflowError e) {
                problems.add(new ParseProblem(relativize(root, f), 1, "the Java front end failed: " + e));
            }
        }
        return ok;
    }

    private static Path commonRoot(List<Path> files) {
        Path common = files.get(0).getParent();
        for (Path f : files) {
            while (common != null && !f.startsWith(common)) {
                common = common.getParent();
            }
        }
        return common == null ? Path.of("/") : common;
    }
}
