package kreply.refactor.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.printer.lexicalpreservation.LexicalPreservingPrinter;

import kreply.refactor.RefactorException;

/**
 * One fix's view of the workspace: parses files on demand with JavaParser (lexical preservation
 * on, so printing changes only what was edited), answers the name-level questions the recipes ask
 * (which class declares a method, who calls it), and writes changed files back when the fix is
 * done. Call resolution is by name and argument count, narrowed by the receiver's field name when
 * several classes declare the method: enough for code that calls across modules through typed
 * fields, as the kernel model does, without a classpath.
 */
public final class EditSession {
    private final Workspace ws;
    private final JavaParser parser;
    private final Map<String, ParseCache.Entry> parsed = new LinkedHashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();

    public EditSession(Workspace ws) {
        this.ws = ws;
        ParserConfiguration conf = new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                .setLexicalPreservationEnabled(true);
        this.parser = new JavaParser(conf);
    }

    public Workspace workspace() {
        return ws;
    }

    public CompilationUnit cu(String file) {
        return parsed.computeIfAbsent(file, f -> {
            String text = ws.text(f);
            if (text == null) {
                throw new RefactorException("no such source file: " + f);
            }
            ParseCache.Entry kept = ws.parses().take(f, text);
            if (kept != null) {
                return kept;
            }
            ParseResult<CompilationUnit> r = parser.parse(text);
            if (!r.isSuccessful() || r.getResult().isEmpty()) {
                throw new RefactorException("cannot parse " + f + ": "
                        + r.getProblems().stream().findFirst().map(Object::toString).orElse("unknown problem"));
            }
            CompilationUnit cu = r.getResult().get();
            LexicalPreservingPrinter.setup(cu);
            cu.setData(FILE_KEY, f);
            return new ParseCache.Entry(text, cu);
        }).cu;
    }

    /** Every node of a type in a file, from the parse's index (see {@link ParseCache.Entry#all}). */
    private <T extends com.github.javaparser.ast.Node> List<T> all(String file, Class<T> type) {
        cu(file);
        return parsed.get(file).all(type);
    }

    public static final com.github.javaparser.ast.DataKey<String> FILE_KEY = new com.github.javaparser.ast.DataKey<>() {
    };

    /** The workspace file of a node's compilation unit. */
    public static String fileOf(com.github.javaparser.ast.Node n) {
        return n.findCompilationUnit().map(cu -> cu.getData(FILE_KEY)).orElseThrow();
    }

    public void markChanged(com.github.javaparser.ast.Node n) {
        changed.add(fileOf(n));
    }

    /** The top-level type {@code pkg.Class}, if the workspace has it. */
    public Optional<TypeDeclaration<?>> type(String className) {
        String f = ws.fileOf(className);
        if (f == null) {
            return Optional.empty();
        }
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return cu(f).getTypes().stream().filter(t -> t.getNameAsString().equals(simple)).findFirst()
                .map(t -> (TypeDeclaration<?>) t);
    }

    /** Methods {@code name} of a class (all arities when {@code arity} is negative). */
    public List<MethodDeclaration> methods(String className, String name, int arity) {
        List<MethodDeclaration> out = new ArrayList<>();
        type(className).ifPresent(t -> t.getMethodsByName(name).stream()
                .filter(m -> arity < 0 || m.getParameters().size() == arity).forEach(out::add));
        return out;
    }

    /** The fully qualified name of a method's declaring top-level class. */
    public static String classOf(MethodDeclaration m) {
        TypeDeclaration<?> t = m.findAncestor(TypeDeclaration.class).orElseThrow();
        while (t.findAncestor(TypeDeclaration.class).isPresent()) {
            t = t.findAncestor(TypeDeclaration.class).get();
        }
        return t.getFullyQualifiedName().orElse(t.getNameAsString());
    }

    /** Every declaration of a method with this name and arity, in any class. */
    public List<MethodDeclaration> declarations(String name, int arity) {
        List<MethodDeclaration> out = new ArrayList<>();
        for (String f : filesMatching(DECLARES_METHOD, name)) {
            all(f, MethodDeclaration.class).stream()
                    .filter(m -> m.getNameAsString().equals(name) && m.getParameters().size() == arity)
                    .forEach(out::add);
        }
        return out;
    }

    /** Calls that may invoke {@code target} (same name and argument count, receiver compatible). */
    public List<MethodCallExpr> callsTo(MethodDeclaration target) {
        String name = target.getNameAsString();
        int arity = target.getParameters().size();
        String owner = classOf(target);
        String ownerSimple = owner.substring(owner.lastIndexOf('.') + 1);
        List<MethodDeclaration> decls = declarations(name, arity);
        boolean unique = decls.size() == 1;
        List<MethodCallExpr> out = new ArrayList<>();
        for (String f : filesMatching(CALLS, name)) {
            for (MethodCallExpr c : all(f, MethodCallExpr.class)) {
                if (!c.getNameAsString().equals(name) || c.getArguments().size() != arity) {
                    continue;
                }
                if (c.getScope().isEmpty() || c.getScope().get().isThisExpr()) {
                    // Unqualified: the enclosing class (the model has no inherited callees of interest).
                    Optional<MethodDeclaration> encl = c.findAncestor(MethodDeclaration.class);
                    if (encl.isPresent() && classOf(encl.get()).equals(owner)) {
                        out.add(c);
                    }
                } else if (unique || receiverHasType(c, ownerSimple)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /**
     * Whether the call's receiver is a field (or a name) of type {@code simpleType}: the field of
     * that name in the calling class when it has one, else any field of that name in the code base.
     */
    private boolean receiverHasType(MethodCallExpr c, String simpleType) {
        String field;
        var scope = c.getScope().get();
        if (scope instanceof FieldAccessExpr fa) {
            field = fa.getNameAsString();
        } else if (scope instanceof NameExpr ne) {
            field = ne.getNameAsString();
        } else {
            return false;
        }
        Optional<TypeDeclaration<?>> own = c.findAncestor(TypeDeclaration.class).map(t -> (TypeDeclaration<?>) t);
        if (scope instanceof NameExpr && own.isPresent()) {
            for (FieldDeclaration fd : own.get().getFields()) {
                for (var v : fd.getVariables()) {
                    if (v.getNameAsString().equals(field)) {
                        return v.getType().asString().equals(simpleType);
                    }
                }
            }
        }
        return ws.parses().fieldTypes(field, this::typesOfFieldsNamed).contains(simpleType);
    }

    /**
     * The declared types of every field named {@code field} in the code base (kept for the whole
     * run by {@link ParseCache#fieldTypes}).
     */
    private Set<String> typesOfFieldsNamed(String field) {
        Set<String> out = new LinkedHashSet<>();
        for (String f : filesMatching(DECLARES_VARIABLE, field)) {
            for (FieldDeclaration fd : all(f, FieldDeclaration.class)) {
                for (var v : fd.getVariables()) {
                    if (v.getNameAsString().equals(field)) {
                        out.add(v.getType().asString());
                    }
                }
            }
        }
        return out;
    }

    /** A type declared anywhere in the workspace by its simple name (first match), if any. */
    public Optional<TypeDeclaration<?>> typeNamed(String simple) {
        for (String f : filesMentioning(simple)) {
            for (TypeDeclaration<?> t : all(f, TypeDeclaration.class)) {
                if (t.getNameAsString().equals(simple)) {
                    return Optional.of(t);
                }
            }
        }
        return Optional.empty();
    }

    /** Declarations {@code m} overrides or implements: same name and arity in a direct supertype. */
    public List<MethodDeclaration> overridden(MethodDeclaration m) {
        List<MethodDeclaration> out = new ArrayList<>();
        TypeDeclaration<?> t = m.findAncestor(TypeDeclaration.class).orElse(null);
        if (!(t instanceof ClassOrInterfaceDeclaration c)) {
            return out;
        }
        List<String> supers = new ArrayList<>();
        c.getExtendedTypes().forEach(x -> supers.add(x.getNameAsString()));
        c.getImplementedTypes().forEach(x -> supers.add(x.getNameAsString()));
        for (String sup : supers) {
            typeNamed(sup).ifPresent(st -> st.getMethodsByName(m.getNameAsString()).stream()
                    .filter(x -> x.getParameters().size() == m.getParameters().size()).forEach(out::add));
        }
        return out;
    }

    /** Declarations overriding or implementing {@code m} (same name and arity in a direct subtype). */
    public List<MethodDeclaration> overriders(MethodDeclaration m) {
        List<MethodDeclaration> out = new ArrayList<>();
        TypeDeclaration<?> t = m.findAncestor(TypeDeclaration.class).orElse(null);
        if (t == null) {
            return out;
        }
        String name = t.getNameAsString();
        for (String f : filesMatching(NAMES_SUPERTYPE, name)) {
            for (ClassOrInterfaceDeclaration c : all(f, ClassOrInterfaceDeclaration.class)) {
                boolean sub = c.getExtendedTypes().stream().anyMatch(x -> x.getNameAsString().equals(name))
                        || c.getImplementedTypes().stream().anyMatch(x -> x.getNameAsString().equals(name));
                if (sub) {
                    c.getMethodsByName(m.getNameAsString()).stream()
                            .filter(x -> x.getParameters().size() == m.getParameters().size()).forEach(out::add);
                }
            }
        }
        return out;
    }

    /*
     * Textual pre-filters for the questions that would otherwise parse every file mentioning a
     * name. Each matches a superset of the files that can hold the answer (a declaration also
     * matches a local variable, a parameter or a call after {@code return}); the parse still
     * decides. They matter because every fix edits files, and an edited file must be parsed again
     * before the next fix can ask anything of it.
     */
    /** A type-ish token, then the name, then an opening parenthesis: {@code long[] name(}. */
    private static final String DECLARES_METHOD = "[\\w>\\]]\\s+%s\\s*\\(";
    /** A type-ish token or a comma, then the name, then {@code ; = ,}: {@code Thread thread;}. */
    private static final String DECLARES_VARIABLE = "(?:[\\w>\\]]\\s+|,\\s*)%s\\s*[;=,]";
    /** The name as a whole word, then an opening parenthesis: {@code thread.name(}. */
    private static final String CALLS = "\\b%s\\s*\\(";
    /** The name after {@code extends} or {@code implements}, before the body opens. */
    private static final String NAMES_SUPERTYPE = "\\b(?:extends|implements)\\b[^{;]*\\b%s\\b";

    private final Map<String, Pattern> patterns = new HashMap<>();

    /** Files mentioning {@code name} whose text also matches {@code shape} (with the name put in). */
    private List<String> filesMatching(String shape, String name) {
        Pattern p = patterns.computeIfAbsent(shape + "\u0000" + name,
                k -> Pattern.compile(String.format(shape, Pattern.quote(name))));
        List<String> out = new ArrayList<>();
        for (String f : filesMentioning(name)) {
            if (p.matcher(ws.text(f)).find()) {
                out.add(f);
            }
        }
        return out;
    }

    /** Files whose text contains {@code word} (a cheap filter before parsing). */
    public List<String> filesMentioning(String word) {
        List<String> out = new ArrayList<>();
        for (var e : ws.texts().entrySet()) {
            if (e.getValue().contains(word)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    /** The method declaration enclosing a node. */
    public static Optional<MethodDeclaration> enclosingMethod(com.github.javaparser.ast.Node n) {
        return n.findAncestor(MethodDeclaration.class);
    }

    /** Whether the class declares a field (used to avoid adding one twice). */
    public boolean hasField(ClassOrInterfaceDeclaration c, String name) {
        return c.getFieldByName(name).isPresent();
    }

    /** Adds a new file (a generated class); it is written with the other changes. */
    public void create(String file, String text) {
        if (ws.text(file) != null) {
            throw new RefactorException("refusing to overwrite " + file);
        }
        created.put(file, text);
        ws.put(file, text);
    }

    private final Map<String, String> created = new LinkedHashMap<>();

    /** Prints changed files back into the workspace; returns the files whose text changed. */
    public List<String> commit() {
        List<String> out = new ArrayList<>(created.keySet());
        created.clear();
        for (String f : changed) {
            if (out.contains(f)) {
                continue;
            }
            String before = ws.text(f);
            String after = Indentation.repair(before, LexicalPreservingPrinter.print(parsed.get(f).cu));
            if (!after.equals(before)) {
                ws.put(f, after);
                out.add(f);
            }
        }
        changed.clear();
        release();
        return out;
    }

    /**
     * Ends the session: the trees it did not edit go back to the workspace's cache for the next
     * fix; edited ones are dropped. Called by {@link #commit()}, and by whoever abandons a session.
     */
    public void release() {
        parsed.forEach((f, e) -> ws.parses().giveBack(f, e));
        parsed.clear();
    }
}
