package sel4.conformance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The expected-failure manifest of the reply-conformance suite: which conformance tests fail on
 * the kernel under test, the seL4 function each one exercises, and the LEGACY-REPLY-BUGS codes
 * that make it fail. The legacy kernel's manifest is {@code reply-conformance-manifest.yaml} in
 * the kernel-src module; a refactored kernel is checked against an empty manifest.
 *
 * <p>Format (YAML; docs/reply-conformance.md):
 * <pre>
 * expected-failures:
 *   - test: ArmPageGetAddressConformanceTest#call   # test class simple name # method
 *     function: performPageGetAddress (AArch64)    # the seL4 function
 *     codes: [C]                                     # codes the failure shows
 *     symptom: ...                                   # optional, free text
 * </pre>
 * An empty manifest is {@code expected-failures: []}. Every malformed input is reported as a
 * {@link ManifestException} naming the file and the entry.
 */
public final class ConformanceManifest {
    /** The codes of LEGACY-REPLY-BUGS §A2. */
    public static final Set<String> CODES = Set.of("C", "I", "G", "B", "R", "R~", "T", "L", "O", "P");
    private static final Pattern TEST_ID = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*#[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Set<String> ENTRY_KEYS = Set.of("test", "function", "codes", "symptom");
    private static final String LIST_KEY = "expected-failures";

    /** One expected failure. */
    public record Entry(String test, String function, List<String> codes, String symptom) {
        public Entry {
            codes = List.copyOf(codes);
        }
    }

    /** A manifest that cannot be used: missing, unreadable or malformed. */
    public static final class ManifestException extends Exception {
        private static final long serialVersionUID = 1L;

        ManifestException(String message) {
            super(message);
        }
    }

    private final String source;
    private final Map<String, Entry> entries;

    private ConformanceManifest(String source, Map<String, Entry> entries) {
        this.source = source;
        this.entries = Collections.unmodifiableMap(entries);
    }

    /** The manifest of a kernel that must pass every conformance test. */
    public static ConformanceManifest empty() {
        return new ConformanceManifest("(empty manifest)", new LinkedHashMap<>());
    }

    /** Reads {@code path}, or the empty manifest for the argument {@value ReplyConformance#NO_MANIFEST}. */
    public static ConformanceManifest load(String pathOrNone) throws ManifestException {
        if (ReplyConformance.NO_MANIFEST.equals(pathOrNone)) {
            return empty();
        }
        Path path = Path.of(pathOrNone).toAbsolutePath().normalize();
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            throw new ManifestException("manifest " + path + " does not exist");
        } catch (IOException e) {
            throw new ManifestException("manifest " + path + " cannot be read: " + e.getMessage());
        }
        return parse(path.toString(), text);
    }

    /** Parses manifest text; {@code source} names it in error messages. */
    public static ConformanceManifest parse(String source, String yaml) throws ManifestException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (JsonProcessingException e) {
            // The parser's message spans several lines (context, a caret); keep the problem line.
            String[] lines = String.valueOf(e.getOriginalMessage()).strip().split("\\R");
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new ManifestException("manifest " + source + " is not valid YAML" + where + ": "
                    + lines[lines.length - 1].strip());
        }
        if (root == null || root.isMissingNode() || !root.isObject() || !root.has(LIST_KEY)) {
            throw new ManifestException("manifest " + source + ": expected a mapping with the key '" + LIST_KEY
                    + "' (use '" + LIST_KEY + ": []' for no expected failures)");
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals(LIST_KEY)) {
                throw new ManifestException("manifest " + source + ": unknown top-level key '" + key + "'");
            }
        }
        JsonNode list = root.get(LIST_KEY);
        if (list.isNull()) {
            return new ConformanceManifest(source, new LinkedHashMap<>());
        }
        if (!list.isArray()) {
            throw new ManifestException("manifest " + source + ": '" + LIST_KEY + "' must be a list");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Entry e = entry(source, i + 1, list.get(i));
            if (entries.putIfAbsent(e.test(), e) != null) {
                throw new ManifestException("manifest " + source + ": entry " + (i + 1) + ": test " + e.test()
                        + " is listed twice");
            }
        }
        return new ConformanceManifest(source, entries);
    }

    private static Entry entry(String source, int n, JsonNode node) throws ManifestException {
        String where = "manifest " + source + ": entry " + n;
        if (!node.isObject()) {
            throw new ManifestException(where + ": expected a mapping with test, function and codes");
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!ENTRY_KEYS.contains(key)) {
                throw new ManifestException(where + ": unknown key '" + key + "' (allowed: test, function, codes, symptom)");
            }
        }
        String test = text(node, "test", where, true);
        if (!TEST_ID.matcher(test).matches()) {
            throw new ManifestException(where + ": test '" + test + "' is not of the form TestClass#method");
        }
        where = where + " (" + test + ")";
        String function = text(node, "function", where, true);
        JsonNode codesNode = node.get("codes");
        if (codesNode == null || !codesNode.isArray() || codesNode.isEmpty()) {
            throw new ManifestException(where + ": 'codes' must be a non-empty list, e.g. [C, G]");
        }
        Set<String> codes = new LinkedHashSet<>();
        for (JsonNode c : codesNode) {
            String code = c.isValueNode() ? c.asText() : "";
            if (!CODES.contains(code)) {
                throw new ManifestException(where + ": unknown code '" + (c.isValueNode() ? c.asText() : c.toString())
                        + "' (known: C I G B R R~ T L O P)");
            }
            if (!codes.add(code)) {
                throw new ManifestException(where + ": code " + code + " is listed twice");
            }
        }
        String symptom = text(node, "symptom", where, false);
        return new Entry(test, function, new ArrayList<>(codes), symptom);
    }

    private static String text(JsonNode node, String key, String where, boolean required) throws ManifestException {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new ManifestException(where + ": missing '" + key + "'");
            }
            return "";
        }
        if (!v.isValueNode() || v.asText().isBlank()) {
            throw new ManifestException(where + ": '" + key + "' must be a non-empty text");
        }
        return v.asText().trim();
    }

    /** Where the manifest came from (a path, or "(empty manifest)"). */
    public String source() {
        return source;
    }

    /** The expected failures by test id, in file order. */
    public Map<String, Entry> entries() {
        return entries;
    }

    public Set<String> tests() {
        return entries.keySet();
    }
}
