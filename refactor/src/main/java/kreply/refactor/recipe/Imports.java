package kreply.refactor.recipe;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;

import kreply.refactor.source.EditSession;

/**
 * Adds the import a rewrite needs for a simple type name (the buffer type, the thread-state type),
 * taking the qualified name from how the rest of the code base imports it, so no package name is
 * hard-coded.
 */
final class Imports {
    private Imports() {
    }

    static void ensure(EditSession s, Node inFile, String simpleName) {
        CompilationUnit cu = inFile.findCompilationUnit().orElseThrow();
        String pkg = cu.getPackageDeclaration().map(p -> p.getNameAsString()).orElse("");
        for (ImportDeclaration i : cu.getImports()) {
            if (!i.isStatic() && (i.getName().getIdentifier().equals(simpleName) || i.isAsterisk())) {
                return;
            }
        }
        Optional<String> fqn = qualified(s, simpleName);
        if (fqn.isEmpty() || fqn.get().equals(pkg + "." + simpleName)) {
            return; // same package, or nowhere imported: javac will say if it is missing
        }
        cu.addImport(fqn.get());
        s.markChanged(inFile);
    }

    private static Optional<String> qualified(EditSession s, String simpleName) {
        Pattern p = Pattern.compile("(?m)^import\\s+([\\w.]+\\." + Pattern.quote(simpleName) + ")\\s*;");
        for (String f : s.filesMentioning("." + simpleName + ";")) {
            Matcher m = p.matcher(s.workspace().text(f));
            if (m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }
}
