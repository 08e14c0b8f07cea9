package sel4.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import sel4.object.KernelObject;

/**
 * Models the typed kernel heap (Haskell {@code ksPSpace} in Model/PSpace): the live kernel objects
 * by base address. Retype inserts objects, untyped reset removes every object in the region.
 * Invariant checks and state hashing enumerate objects from here.
 */
public final class PSpace {
    private final NavigableMap<Long, KernelObject> objects = new TreeMap<>(Long::compareUnsigned);

    public void insert(KernelObject o) {
        KernelObject old = objects.put(o.ptr(), o);
        if (old != null && old != o) {
            throw new IllegalStateException("object overlap at " + o + " (was " + old + ")");
        }
    }

    public KernelObject get(long ptr) {
        return objects.get(ptr);
    }

    /** Objects whose base lies in [base, base + 2^bits). */
    public List<KernelObject> objectsIn(long base, int bits) {
        long end = base + (bits >= 64 ? -1L : (1L << bits)) - 1;
        return new ArrayList<>(objects.subMap(base, true, end, true).values());
    }

    /** Removes every object whose base lies in [base, base + 2^bits). */
    public void removeRange(long base, int bits) {
        long end = base + (bits >= 64 ? -1L : (1L << bits)) - 1;
        objects.subMap(base, true, end, true).clear();
    }

    public Iterable<KernelObject> all() {
        return objects.values();
    }

    public <T extends KernelObject> List<T> allOf(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Map.Entry<Long, KernelObject> e : objects.entrySet()) {
            if (type.isInstance(e.getValue())) {
                out.add(type.cast(e.getValue()));
            }
        }
        return out;
    }

    public int size() {
        return objects.size();
    }
}
