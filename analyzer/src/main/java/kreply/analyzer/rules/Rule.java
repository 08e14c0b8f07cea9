package kreply.analyzer.rules;

import java.util.List;
import kreply.analyzer.report.RuleDescriptor;

/** One analysis rule: its metadata in one place and a check over the computed facts. */
public interface Rule {
    RuleDescriptor descriptor();

    List<Draft> check(RuleContext ctx);

    default String id() {
        return descriptor().id();
    }

    /**
     * A finding before the engine adds the witness path, fingerprint and fix: rule, codes, method
     * id, line and the concrete explanation. {@code witnessFrom} optionally names the entry the
     * witness must start from (rule Q).
     */
    record Draft(String ruleId, List<String> kinds, String methodId, int line, String message, String witnessFrom) {
        public Draft {
            kinds = List.copyOf(kinds);
        }

        public Draft(String ruleId, List<String> kinds, String methodId, int line, String message) {
            this(ruleId, kinds, methodId, line, message, null);
        }
    }
}
