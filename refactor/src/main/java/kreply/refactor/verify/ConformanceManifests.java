package kreply.refactor.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import kreply.refactor.RefactorException;

/**
 * Reads the test ids of a reply-conformance expected-failure manifest
 * ({@code expected-failures: [{test: Class#method, ...}]}, docs/reply-conformance.md). The
 * verifier only needs the ids; checking the rest of an entry is the conformance suite's own job.
 */
public final class ConformanceManifests {
    private ConformanceManifests() {
    }

    public static Set<String> expectedFailures(Path manifest) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(manifest));
        } catch (IOException e) {
            throw new RefactorException("cannot read conformance manifest " + manifest + ": " + e.getMessage());
        }
        JsonNode list = root == null ? null : root.get("expected-failures");
        if (list == null || !(list.isArray() || list.isNull())) {
            throw new RefactorException("conformance manifest " + manifest + " has no 'expected-failures' list");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode e : list) {
            JsonNode t = e.get("test");
            if (t == null || !t.isTextual() || !t.asText().contains("#")) {
                throw new RefactorException("conformance manifest " + manifest + ": an entry without 'test: Class#method'");
            }
            out.add(t.asText());
        }
        return out;
    }
}
