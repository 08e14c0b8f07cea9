package kreply.reports.gate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads and writes {@code kreply-baseline.json}. The file is meant to be committed next to the
 * analysed code, so it is written sorted and pretty-printed (small diffs when it is regenerated),
 * and it is read strictly: anything that is not a well-formed baseline is an error rather than an
 * empty baseline, because silently accepting a broken file would let the gate pass or fail for the
 * wrong reason.
 *
 * <pre>
 * { "tool": "kreply", "format": 1, "comment": "...",
 *   "entries": [ { "fingerprint": "...", "ruleId": "...", "method": "pkg.Class#name",
 *                  "kinds": ["C", "G"], "file": "src/main/java/..." } ] }
 * </pre>
 */
public final class BaselineFile {
    public static final String DEFAULT_NAME = "kreply-baseline.json";
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BaselineFile() {
    }

    public static Baseline read(Path file) throws BaselineException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BaselineException("baseline file not found: " + file);
        } catch (AccessDeniedException e) {
            throw new BaselineException("cannot read baseline file " + file + ": permission denied");
        } catch (IOException e) {
            throw new BaselineException("cannot read baseline file " + file + ": " + e.getMessage());
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BaselineException("baseline file " + file + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ")");
        }
        return parse(file, root);
    }

    private static Baseline parse(Path file, JsonNode root) throws BaselineException {
        if (root == null || !root.isObject()) {
            throw new BaselineException("baseline file " + file + " must contain a JSON object");
        }
        JsonNode format = root.get("format");
        if (format != null && (!format.canConvertToInt() || format.asInt() != FORMAT)) {
            throw new BaselineException("baseline file " + file + " has unsupported format " + format
                    + " (this kreply reads format " + FORMAT + ")");
        }
        JsonNode entries = root.get("entries");
        if (entries == null || !entries.isArray()) {
            throw new BaselineException("baseline file " + file + " has no \"entries\" array");
        }
        List<BaselineEntry> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            String fp = text(e, "fingerprint");
            if (fp == null || fp.isBlank()) {
                throw new BaselineException("baseline file " + file + ": entry " + (i + 1)
                        + " has no \"fingerprint\"");
            }
            List<String> kinds = new ArrayList<>();
            JsonNode ks = e.get("kinds");
            if (ks != null && ks.isArray()) {
                ks.forEach(k -> kinds.add(k.asText()));
            }
            out.add(new BaselineEntry(fp, orEmpty(text(e, "ruleId")), orEmpty(text(e, "method")), kinds,
                    orEmpty(text(e, "file"))));
        }
        return new Baseline(out);
    }

    private static String text(JsonNode obj, String field) {
        if (obj == null || !obj.isObject()) {
            return null;
        }
        JsonNode v = obj.get(field);
        return v == null || !v.isValueNode() ? null : v.asText();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Writes the baseline atomically (temp file + move), creating parent folders. */
    public static void write(Path file, Baseline baseline) throws BaselineException {
        ObjectNode root = JSON.createObjectNode();
        root.put("tool", "kreply");
        root.put("format", FORMAT);
        root.put("comment", "Accepted kreply findings, matched by content fingerprint. "
                + "Regenerate with: kreply analyze --update-baseline");
        ArrayNode arr = root.putArray("entries");
        List<BaselineEntry> sorted = new ArrayList<>(baseline.entries());
        sorted.sort(Baseline.ENTRY_ORDER);
        for (BaselineEntry e : sorted) {
            ObjectNode o = arr.addObject();
            o.put("fingerprint", e.fingerprint());
            o.put("ruleId", e.ruleId());
            o.put("method", e.method());
            ArrayNode k = o.putArray("kinds");
            e.kinds().forEach(k::add);
            o.put("file", e.file());
        }
        Path abs = file.toAbsolutePath();
        try {
            Files.createDirectories(abs.getParent());
            Path tmp = Files.createTempFile(abs.getParent(), ".kreply-baseline", ".tmp");
            try {
                Files.writeString(tmp, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new BaselineException("cannot write baseline file " + file + ": " + e.getMessage(), e);
        }
    }
}
