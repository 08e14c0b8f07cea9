package kreply.reports.html.page;

import java.util.List;

/**
 * One overview table: findings counted by {@code filter} (rule, code, severity or file). Each row's
 * {@code value} is what the findings table's filter of the same name takes, so a click on the row
 * shows those findings; {@code detail} is an optional second column (a rule's title).
 */
public record CountTable(String filter, String caption, String keyHeading, String detailHeading, List<Row> rows) {
    public CountTable {
        rows = List.copyOf(rows);
    }

    public record Row(String value, String detail, int count) {
    }

    public boolean hasDetail() {
        return detailHeading != null;
    }
}
