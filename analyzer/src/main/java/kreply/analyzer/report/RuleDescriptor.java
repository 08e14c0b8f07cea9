package kreply.analyzer.report;

import java.util.List;

/**
 * What a report needs to know about a rule: its id, title, default severity, the defect codes it
 * can report (LEGACY-REPLY-BUGS §A2 letters, S, E, Q), a one-paragraph description and the path of
 * its documentation page relative to the repository's {@code rules/} folder.
 */
public record RuleDescriptor(String id, String title, Severity severity, List<String> codes, String description,
                             String docPath) {
    public RuleDescriptor {
        codes = List.copyOf(codes);
    }
}
