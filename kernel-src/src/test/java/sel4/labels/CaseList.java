package sel4.labels;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import sel4.model.Config;

/**
 * Builds the rows of one family's table. Rows take the configuration the list was opened with;
 * {@link #on(Config)} adds rows for another configuration to the same table.
 */
final class CaseList {
    private final Config config;
    private final List<LabelCase> rows;

    CaseList(Config config) {
        this(config, new ArrayList<>());
    }

    private CaseList(Config config, List<LabelCase> rows) {
        this.config = config;
        this.rows = rows;
    }

    /** The same table, with rows booting {@code other}. */
    CaseList on(Config other) {
        return new CaseList(other, rows);
    }

    CaseList success(Enum<?> subject, String check, LabelCase.Body body) {
        rows.add(new LabelCase(subject, Kind.SUCCESS, check, config, body));
        return this;
    }

    /**
     * A success row whose reply is the legacy defective one on purpose ({@code defect}: its
     * LEGACY-REPLY-BUGS codes): it pins the defect, so it fails once the defect is fixed.
     */
    CaseList legacySuccess(Enum<?> subject, String defect, String check, LabelCase.Body body) {
        rows.add(new LabelCase(subject, Kind.SUCCESS, check, config, body, defect));
        return this;
    }

    CaseList error(Enum<?> subject, String check, LabelCase.Body body) {
        rows.add(new LabelCase(subject, Kind.ERROR, check, config, body));
        return this;
    }

    List<LabelCase> rows() {
        return Collections.unmodifiableList(rows);
    }
}
