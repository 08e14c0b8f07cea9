package kreply.analyzer.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import spoon.reflect.declaration.CtElement;
import spoon.reflect.visitor.CtScanner;

/**
 * Collects the elements of given kinds under a root, in the order Spoon's
 * {@code getElements(new TypeFilter<>(kind))} returns them (pre-order, the root included), with a
 * plain scanner. Spoon's query engine checks every visited element through reflection and logging
 * hooks, which made element collection a large share of the analysis time; several kinds can also
 * be collected in one pass over the model instead of one pass each.
 */
public final class Scan {
    private Scan() {
    }

    /** Elements of one kind under {@code root}, root included. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> all(CtElement root, Class<? super T> kind) {
        return (List<T>) all(List.of(root), List.of(kind)).get(0);
    }

    /**
     * Elements of each kind under the roots, in one pass: list {@code i} holds the elements that
     * are instances of {@code kinds.get(i)}, in scan order (an element can be in several lists).
     */
    public static List<List<?>> all(Collection<? extends CtElement> roots, List<Class<?>> kinds) {
        List<List<Object>> out = new ArrayList<>(kinds.size());
        for (int i = 0; i < kinds.size(); i++) {
            out.add(new ArrayList<>());
        }
        CtScanner scanner = new CtScanner() {
            @Override
            protected void enter(CtElement e) {
                for (int i = 0; i < kinds.size(); i++) {
                    if (kinds.get(i).isInstance(e)) {
                        out.get(i).add(e);
                    }
                }
            }
        };
        for (CtElement r : roots) {
            if (r != null) {
                scanner.scan(r);
            }
        }
        return new ArrayList<>(out);
    }
}
