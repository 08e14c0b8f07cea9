package kreply.analyzer.rules;

import java.util.List;
import kreply.analyzer.facts.Facts;
import kreply.analyzer.facts.RootFacts;
import kreply.analyzer.pack.RulePack;

/** What a rule sees: the facts, the pack (all kernel names live there) and n_msgRegisters. */
public record RuleContext(Facts facts, RulePack pack) {
    public int n() {
        return pack.nMsgRegisters();
    }

    /** Reply roots that the rules may report with bug codes (allowlisted functions are excluded). */
    public List<RootFacts> roots() {
        return facts.roots();
    }
}
