package kreply.refactor.findings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import kreply.refactor.RefactorException;

/**
 * Findings read from a {@code kreply.json} report (the JSON renderer's format: a {@code findings}
 * array whose entries carry {@code ruleId}, {@code kinds}, {@code method}, {@code methodId} and
 * {@code file}). Lets a reviewer refactor from the exact report they looked at, and lets the
 * recipes run where the engine is not available.
 */
public final class ReportFindings implements FindingsSource {
    private final Path report;

    public ReportFindings(Path report) {
        this.report = report;
    }

    @Override
    public List<FindingRef> findings(Path root, List<Path> sources) {
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(Files.readString(report));
        } catch (IOException e) {
            throw new RefactorException("cannot read findings report " + report + ": " + e.getMessage());
        }
        JsonNode arr = doc == null ? null : doc.get("findings");
        if (arr == null || !arr.isArray()) {
            throw new RefactorException("findings report " + report + " has no 'findings' array");
        }
        List<FindingRef> out = new ArrayList<>();
        int i = 0;
        for (JsonNode f : arr) {
            String method = text(f, "method");
            String rule = text(f, "ruleId");
            if (method == null || !method.contains("#") || rule == null) {
                throw new RefactorException("findings report " + report + ": finding " + i
                        + " needs 'ruleId' and 'method' (pkg.Class#name)");
            }
            String status = text(f, "status");
            if (status != null && status.equalsIgnoreCase("suppressed")) {
                i++;
                continue; // a reviewer suppressed it on purpose: not a refactoring subject
            }
            List<String> kinds = new ArrayList<>();
            JsonNode k = f.get("kinds");
            if (k != null && k.isArray()) {
                k.forEach(x -> kinds.add(x.asText()));
            }
            out.add(new FindingRef(rule, kinds, method, text(f, "methodId"), text(f, "file")));
            i++;
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    @Override
    public String describe() {
        return "findings report " + report;
    }
}
