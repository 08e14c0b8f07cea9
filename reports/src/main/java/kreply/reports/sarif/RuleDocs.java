package kreply.reports.sarif;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import kreply.analyzer.report.RuleDescriptor;

/**
 * Finds a rule's documentation page under the {@code rules/} folder. SARIF viewers show the page's
 * markdown next to each result, so the renderer embeds it rather than only linking it; a missing or
 * unreadable page just leaves the rule without help (a report is still worth producing).
 */
final class RuleDocs {
    private final Path rulesDir;

    RuleDocs(Path rulesDir) {
        this.rulesDir = rulesDir;
    }

    Optional<Path> page(RuleDescriptor rule) {
        if (rulesDir == null || rule.docPath() == null || rule.docPath().isBlank()) {
            return Optional.empty();
        }
        Path p = rulesDir.resolve(rule.docPath()).normalize();
        return p.startsWith(rulesDir.normalize()) && Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    Optional<URI> uri(RuleDescriptor rule) {
        return page(rule).map(p -> p.toAbsolutePath().toUri());
    }

    Optional<String> markdown(RuleDescriptor rule) {
        Optional<Path> p = page(rule);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(p.get(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
