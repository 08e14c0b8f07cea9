package kreply.refactor.recipe;

import java.util.List;
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
        insertSorted(cu, new ImportDeclaration(fqn.get(), false, false));
        s.markChanged(inFile);
    }

    /**
     * Adds the imports the names in generated code need: static imports for unqualified names and
     * calls that other files import statically (register names, message-info builders), plain
     * imports for capitalised names other files import (the thread-state type).
     */
    static void ensureFor(EditSession s, Node inFile, String code) {
        Node parsed;
        try {
            parsed = com.github.javaparser.StaticJavaParser.parseStatement(code.endsWith(";") ? code : code + ";");
        } catch (com.github.javaparser.ParseProblemException e) {
            return;
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        parsed.findAll(com.github.javaparser.ast.expr.NameExpr.class).forEach(n -> names.add(n.getNameAsString()));
        parsed.findAll(com.github.javaparser.ast.expr.MethodCallExpr.class).stream()
                .filter(c -> c.getScope().isEmpty()).forEach(c -> names.add(c.getNameAsString()));
        for (String n : names) {
            if (Character.isUpperCase(n.charAt(0))) {
                ensure(s, inFile, n);
            } else {
                ensureStatic(s, inFile, n);
            }
        }
    }

    static void ensureStatic(EditSession s, Node inFile, String member) {
        CompilationUnit cu = inFile.findCompilationUnit().orElseThrow();
        for (ImportDeclaration i : cu.getImports()) {
            if (i.isStatic() && !i.isAsterisk() && i.getName().getIdentifier().equals(member)) {
                return;
            }
        }
        Pattern p = Pattern.compile("(?m)^import\\s+static\\s+([\\w.]+)\\." + Pattern.quote(member) + "\\s*;");
        for (String f : s.filesMentioning("." + member + ";")) {
            Matcher m = p.matcher(s.workspace().text(f));
            if (m.find()) {
                String owner = m.group(1);
                for (ImportDeclaration i : cu.getImports()) {
                    if (i.isStatic() && i.isAsterisk() && i.getNameAsString().equals(owner)) {
                        return;
                    }
                }
                insertSorted(cu, new ImportDeclaration(owner + "." + member, true, false));
                s.markChanged(inFile);
                return;
            }
        }
    }

    /** Drops a static import whose member the file no longer mentions. */
    static void dropUnusedStatic(EditSession s, Node inFile, String member) {
        CompilationUnit cu = inFile.findCompilationUnit().orElseThrow();
        boolean used = cu.findAll(com.github.javaparser.ast.expr.NameExpr.class).stream()
                .anyMatch(n -> n.getNameAsString().equals(member))
                || cu.findAll(com.github.javaparser.ast.expr.MethodCallExpr.class).stream()
                .anyMatch(c -> c.getScope().isEmpty() && c.getNameAsString().equals(member));
        if (used) {
            return;
        }
        for (ImportDeclaration i : List.copyOf(cu.getImports())) {
            if (i.isStatic() && !i.isAsterisk() && i.getName().getIdentifier().equals(member)) {
                i.remove();
                s.markChanged(inFile);
            }
        }
    }

    static void insert(CompilationUnit cu, String name, boolean isStatic) {
        insertSorted(cu, new ImportDeclaration(name, isStatic, false));
    }

    /** Inserts an import among those of its kind (static or not) in name order, as the file groups them. */
    private static void insertSorted(CompilationUnit cu, ImportDeclaration imp) {
        var imports = cu.getImports();
        int lastSameKind = -1;
        for (int i = 0; i < imports.size(); i++) {
            ImportDeclaration x = imports.get(i);
            if (x.isStatic() != imp.isStatic()) {
                continue;
            }
            if (x.getNameAsString().compareTo(imp.getNameAsString()) > 0) {
                imports.add(i, imp);
                return;
            }
            lastSameKind = i;
        }
        if (lastSameKind >= 0) {
            imports.add(lastSameKind + 1, imp);
        } else if (imp.isStatic()) {
            imports.add(0, imp);
        } else {
            imports.add(imp);
        }
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
