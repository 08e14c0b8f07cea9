package kreply.refactor.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.observer.AstObserverAdapter;
import com.github.javaparser.ast.observer.ObservableProperty;

/**
 * Parsed files kept between fixes. Setting up lexical preservation costs far more than the fix
 * itself (JavaParser maps every token to its node), and a run applies dozens of fixes that each
 * start from a fresh parse of the current texts. Most files are untouched by any one fix, so their
 * parse is handed to the next fix again: an entry is reused only while the text it was parsed from
 * is still the file's text and no one has changed the tree (an observer on every node notices any
 * edit, including one by a fix that was then abandoned).
 */
final class ParseCache {
    /** One parsed file: the text it came from, its tree, and whether the tree has been edited since. */
    static final class Entry {
        final String text;
        final CompilationUnit cu;
        private boolean edited;
        private final Map<Class<?>, List<?>> index = new HashMap<>();

        Entry(String text, CompilationUnit cu) {
            this.text = text;
            this.cu = cu;
            cu.registerForSubtree(new AstObserverAdapter() {
                @Override
                public void propertyChange(Node observed, ObservableProperty property, Object oldValue, Object newValue) {
                    edited = true;
                }

                @Override
                public void parentChange(Node observed, Node previousParent, Node newParent) {
                    edited = true;
                }

                @Override
                public void listChange(NodeList<?> observed, ListChangeType type, int index, Node nodeAddedOrRemoved) {
                    edited = true;
                }

                @Override
                public void listReplacement(NodeList<?> observed, int index, Node oldNode, Node newNode) {
                    edited = true;
                }
            });
        }

        boolean edited() {
            return edited;
        }

        /**
         * Every node of a type in this tree, in document order. Recipes ask the same few questions
         * (which methods are declared here, which calls are made) of every file on every fix, and
         * walking a lexically preserved tree is the largest cost of a run after parsing; so the
         * answer is kept while the tree is unedited, and recomputed once an edit may have changed it.
         */
        <T extends Node> List<T> all(Class<T> type) {
            if (edited) {
                index.clear();
                return cu.findAll(type);
            }
            @SuppressWarnings("unchecked")
            List<T> known = (List<T>) index.computeIfAbsent(type, t -> List.copyOf(cu.findAll(type)));
            return known;
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private final Map<String, Set<String>> fieldTypes = new HashMap<>();

    /**
     * The declared types of the fields called {@code field}, computed once for every workspace
     * sharing this cache. Recipes ask it for module receivers ({@code arch}, {@code thread}) at
     * every call site they resolve; answering it per fix re-parsed every file that mentions the
     * name after each fix had edited some of them (most of a preview run's time). No fix renames
     * a field or adds one that holds a module, so the answer stays true for the whole run.
     */
    Set<String> fieldTypes(String field, Function<String, Set<String>> compute) {
        synchronized (fieldTypes) {
            Set<String> known = fieldTypes.get(field);
            if (known != null) {
                return known;
            }
        }
        Set<String> computed = Set.copyOf(compute.apply(field));
        synchronized (fieldTypes) {
            fieldTypes.putIfAbsent(field, computed);
            return fieldTypes.get(field);
        }
    }

    /**
     * The unedited tree of {@code file} parsed from exactly {@code text}, removed from the cache
     * (the session that takes it owns it until it gives it back), or null.
     */
    synchronized Entry take(String file, String text) {
        Entry e = entries.remove(file);
        return e != null && !e.edited() && e.text.equals(text) ? e : null;
    }

    /** Gives a tree back for later fixes, unless it was edited (its text then no longer matches it). */
    synchronized void giveBack(String file, Entry e) {
        if (!e.edited()) {
            entries.put(file, e);
        }
    }
}
