package kreply.explore.search;

import java.util.Arrays;

/**
 * A scenario in compact form: for each step the id of its event template (see
 * {@link kreply.explore.driver.ActionCatalog}) and its argument. Template ids are the same in every
 * build of a configuration, so a compact scenario replays on a freshly built system. A growable
 * pair of arrays: recording a step during a search allocates nothing.
 */
public final class Steps {
    private int[] ids;
    private long[] args;
    private int size;

    public Steps(int capacity) {
        ids = new int[Math.max(4, capacity)];
        args = new long[Math.max(4, capacity)];
    }

    public void add(int id, long arg) {
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            args = Arrays.copyOf(args, size * 2);
        }
        ids[size] = id;
        args[size] = arg;
        size++;
    }

    public int size() {
        return size;
    }

    public int id(int i) {
        return ids[i];
    }

    public long arg(int i) {
        return args[i];
    }

    public void setArg(int i, long arg) {
        args[i] = arg;
    }

    /** Replaces step {@code i} with another event. */
    public void replace(int i, int id, long arg) {
        ids[i] = id;
        args[i] = arg;
    }

    public void clear() {
        size = 0;
    }

    /** Drops the last step. */
    public void removeLast() {
        size--;
    }

    /** A copy of the first {@code n} steps. */
    public Steps prefix(int n) {
        Steps s = new Steps(n);
        System.arraycopy(ids, 0, s.ids, 0, n);
        System.arraycopy(args, 0, s.args, 0, n);
        s.size = n;
        return s;
    }

    public Steps copy() {
        return prefix(size);
    }

    /** This scenario plus one more step, as a new scenario. */
    public Steps plus(int id, long arg) {
        Steps s = prefix(size);
        s.add(id, arg);
        return s;
    }

    /** The steps whose index is not in [from, to), as a new scenario. */
    public Steps without(int from, int to) {
        Steps s = new Steps(size - (to - from));
        for (int i = 0; i < size; i++) {
            if (i < from || i >= to) {
                s.add(ids[i], args[i]);
            }
        }
        return s;
    }

    /** Whether {@code o} is the same scenario: the same events with the same arguments. */
    public boolean sameAs(Steps o) {
        if (size != o.size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (ids[i] != o.ids[i] || args[i] != o.args[i]) {
                return false;
            }
        }
        return true;
    }
}
