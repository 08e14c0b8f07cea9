package kreply.analyzer.model;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.core.compiler.CategorizedProblem;
import org.eclipse.jdt.internal.compiler.ast.CompilationUnitDeclaration;
import spoon.compiler.SpoonFile;
import spoon.compiler.SpoonFolder;
import spoon.compiler.builder.AdvancedOptions;
import spoon.compiler.builder.ClasspathOptions;
import spoon.compiler.builder.ComplianceOptions;
import spoon.compiler.builder.JDTBuilder;
import spoon.compiler.builder.JDTBuilderImpl;
import spoon.compiler.builder.SourceOptions;
import spoon.reflect.factory.Factory;
import spoon.support.compiler.jdt.JDTBasedSpoonCompiler;
import spoon.support.compiler.jdt.JDTTreeBuilder;

/**
 * Spoon's JDT front end with three changes. Compilation units that have syntax errors are dropped
 * before the model is built, and their first syntax problem is recorded: Spoon's own "ignore
 * syntax errors" mode drops such files silently, but a user must be told which file was skipped
 * and why. The two others only save time and memory on what the analysis never reads: JDT does not
 * parse Javadoc (comments are off in the model anyway), and the import statements of each file are
 * not modelled (Spoon builds them after the tree, and resolving them loads a reflection-based shadow
 * model of every imported JDK class; resolved references never need them).
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
                                                      String[] classpath, List<String> modulePath,
                                                      String message) {
        JDTBuilder builder = jdtBuilder;
        List<SpoonFile> sourceFiles = sourcesFolder.getAllJavaFiles();
        if (builder == null && !sourceFiles.isEmpty()) {
            // Spoon's default arguments, less -enableJavadoc
            builder = new JDTBuilderImpl()
                    .classpathOptions(new ClasspathOptions<>().encoding(getEnvironment().getEncoding().displayName())
                            .classpath(classpath).modulePath(modulePath))
                    .complianceOptions(new ComplianceOptions<>().compliance(javaCompliance))
                    .advancedOptions(new AdvancedOptions<>().preserveUnusedVars().continueExecution())
                    .sources(new SourceOptions<>().sources(sourceFiles));
        }
        CompilationUnitDeclaration[] all = super.buildUnits(builder, sourcesFolder, classpath, modulePath, message);
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

    /** Spoon's model building, less the import statements (see the class comment). */
    @Override
    protected void buildModel(CompilationUnitDeclaration[] units, Factory aFactory) {
        JDTTreeBuilder builder = new JDTTreeBuilder(aFactory);
        for (CompilationUnitDeclaration unit : sortCompilationUnits(units)) {
            if (unit.isModuleInfo() || !unit.isEmpty()) {
                traverseUnitDeclaration(builder, unit);
            }
        }
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
