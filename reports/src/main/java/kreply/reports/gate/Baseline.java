package kreply.reports.gate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kreply.analyzer.report.Finding;

/**
 * A set of accepted findings, matched by content fingerprint with multiplicity: each entry absorbs
 * at most one finding, so a second finding with an already-baselined fingerprint stays new. Entries
 * that absorb nothing are stale (the defect they accepted is gone and the entry should be dropped).
 */
public final class Baseline {
    /** Orders entries so that regenerated files diff cleanly. */
    static final Comparator<BaselineEntry> ENTRY_ORDER = Comparator.comparing(BaselineEntry::ruleId)
            .thenComparing(BaselineEntry::method).thenComparing(BaselineEntry::file)
            .thenComparing(BaselineEntry::fingerprint);

    private final List<BaselineEntry> entries;

    public Baseline(List<BaselineEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static Baseline empty() {
        return new Baseline(List.of());
    }

    /** A baseline accepting exactly the given findings (one entry per finding, sorted). */
    public static Baseline of(List<Finding> findings) {
        List<BaselineEntry> es = new ArrayList<>();
        for (Finding f : findings) {
            es.add(new BaselineEntry(f.fingerprint(), nullToEmpty(f.ruleId()), nullToEmpty(f.method()), f.kinds(),
                    nullToEmpty(f.file())));
        }
        es.sort(ENTRY_ORDER);
        return new Baseline(es);
    }

    public List<BaselineEntry> entries() {
        return entries;
    }

    /**
     * Starts a matching pass. Each call returns a fresh matcher so one baseline can be applied to
     * several results.
     */
    public Matcher matcher() {
        return new Matcher(entries);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Consumes entries as findings claim them; whatever is left at the end is stale. */
    public static final class Matcher {
        private final Map<String, List<BaselineEntry>> unclaimed = new LinkedHashMap<>();

        private Matcher(List<BaselineEntry> entries) {
            for (BaselineEntry e : entries) {
                unclaimed.computeIfAbsent(e.fingerprint(), k -> new ArrayList<>()).add(e);
            }
        }

        /** Claims one entry with the finding's fingerprint; false when none is left. */
        public boolean claim(Finding f) {
            List<BaselineEntry> left = f.fingerprint() == null ? null : unclaimed.get(f.fingerprint());
            if (left == null || left.isEmpty()) {
                return false;
            }
            left.remove(left.size() - 1);
            return true;
        }

        public List<BaselineEntry> stale() {
            List<BaselineEntry> out = new ArrayList<>();
            unclaimed.values().forEach(out::addAll);
            out.sort(ENTRY_ORDER);
            return out;
        }
    }
}
