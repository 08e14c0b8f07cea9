package kreply.analyzer.model;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.core.compiler.CategorizedProblem;
import org.eclipse.jdt.internal.compiler.ast.CompilationUnitDeclaration;
import spoon.compiler.SpoonFolder;
import spoon.compiler.builder.JDTBuilder;
import spoon.reflect.factory.Factory;
import spoon.support.compiler.jdt.JDTBasedSpoonCompiler;

/**
 * Spoon's JDT front end with one change: compilation units that have syntax errors are dropped
 * before the model is built, and their first syntax problem is recorded. Spoon's own
 * "ignore syntax errors" mode drops such files silently, but a user must be told which file was
 * skipped and why.
 */
final class SyntaxFilteringCompiler extends JDTBasedSpoonCompiler {
    /** A file skipped for a syntax error: absolute path, line and the parser's message. */
    record Skipped(String file, int line, String message) {
    }

    private final List<Skipped> skipped = new ArrayList<>();

    SyntaxFilteringCompiler(Factory factory) {
        super(factory);
    }

    List<Skipped> skipped() {
        return skipped;
    }

    @Override
    protected CompilationUnitDeclaration[] buildUnits(JDTBuilder jdtBuilder, SpoonFolder sourcesFolder,
                                                      String[] classpath, List<String> debugMessages,
                                                      String message) {
        CompilationUnitDeclaration[] all = super.buildUnits(jdtBuilder, sourcesFolder, classpath, debugMessages,
                message);
        List<CompilationUnitDeclaration> kept = new ArrayList<>(all.length);
        for (CompilationUnitDeclaration unit : all) {
            if (unit.compilationResult != null && unit.compilationResult.hasSyntaxError) {
                skipped.add(firstSyntaxProblem(unit));
            } else {
                kept.add(unit);
            }
        }
        return kept.toArray(new CompilationUnitDeclaration[0]);
    }

    private static Skipped firstSyntaxProblem(CompilationUnitDeclaration unit) {
        String file = new String(unit.getFileName());
        CategorizedProblem[] problems = unit.compilationResult.getAllProblems();
        CategorizedProblem first = null;
        if (problems != null) {
            for (CategorizedProblem p : problems) {
                if (p.isError() && (first == null || p.getSourceStart() < first.getSourceStart())) {
                    first = p;
                }
            }
        }
        if (first == null) {
            return new Skipped(file, 1, "syntax error");
        }
        return new Skipped(file, Math.max(1, first.getSourceLineNumber()), first.getMessage());
    }
}
