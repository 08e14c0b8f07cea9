package kreply.reports.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import kreply.analyzer.report.RuleDescriptor;

/**
 * Reads a rule's documentation page from the {@code rules/} folder. The descriptor's
 * {@code docPath} comes from a rule pack, so it must stay inside that folder (no {@code ..}, no
 * absolute path, no link leading out). A page that cannot be read leaves the rule undocumented in
 * the report, with the reason shown, rather than failing the report.
 */
final class RuleDocPages {
    /** Larger pages are not rule documentation; refusing them keeps a stray file from bloating every report. */
    static final long MAX_BYTES = 512 * 1024;

    private final Path rulesDir;

    RuleDocPages(Path rulesDir) {
        this.rulesDir = rulesDir;
    }

    /** The page's markdown, or a {@link Missing} explaining why there is none. */
    sealed interface Page permits Found, Missing {
    }

    record Found(String markdown) implements Page {
    }

    record Missing(String reason) implements Page {
    }

    Page read(RuleDescriptor rule) {
        if (rule.docPath() == null || rule.docPath().isBlank()) {
            return new Missing("the rule names no documentation page");
        }
        if (rulesDir == null) {
            return new Missing("the rules folder is not known to this run (" + rule.docPath() + ")");
        }
        try {
            Path base = rulesDir.toRealPath();
            Path p = base.resolve(rule.docPath()).normalize();
            if (!p.startsWith(base)) {
                return new Missing("the documentation path " + rule.docPath() + " leaves the rules folder");
            }
            if (!Files.isRegularFile(p)) {
                return new Missing("no documentation page at rules/" + rule.docPath());
            }
            Path real = p.toRealPath();
            if (!real.startsWith(base)) {
                return new Missing("the documentation path " + rule.docPath() + " leaves the rules folder");
            }
            if (Files.size(real) > MAX_BYTES) {
                return new Missing("the documentation page rules/" + rule.docPath() + " is larger than "
                        + MAX_BYTES / 1024 + " KiB");
            }
            return new Found(new String(Files.readAllBytes(real), StandardCharsets.UTF_8));
        } catch (IOException | InvalidPathException | SecurityException e) {
            return new Missing("cannot read rules/" + rule.docPath());
        }
    }
}
