package kreply.explore.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Typed, path-aware access to one object of a parsed configuration tree, so that every problem is
 * reported with the field it concerns ({@code threads[1].sc.budget: ...}). Unknown keys are errors:
 * a misspelt optional field would otherwise silently fall back to its default.
 */
final class Fields {
    private final String source;
    private final String path;
    private final JsonNode node;

    private Fields(String source, String path, JsonNode node) {
        this.source = source;
        this.path = path;
        this.node = node;
    }

    /** The object at {@code path}; anything but a mapping is an error. */
    static Fields of(String source, String path, JsonNode node, Set<String> known) {
        Fields f = new Fields(source, path, node);
        if (node == null || !node.isObject()) {
            throw f.error(path.isEmpty() ? "the configuration must be a mapping (YAML) or an object (JSON)"
                    : "must be a mapping, was " + kind(node));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new Fields(source, f.child(key), null).error("unknown field (known here: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
        return f;
    }

    String path() {
        return path;
    }

    boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    JsonNode raw(String field) {
        return node.get(field);
    }

    String child(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    String string(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw error(field, "is required");
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw error(field, "must be a string, was " + kind(v));
        }
        return v.asText();
    }

    String optString(String field) {
        return has(field) ? string(field) : null;
    }

    long number(String field, long min, long max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw error(field, "is required");
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw error(field, "must be a whole number, was " + kind(v));
        }
        long n = v.asLong();
        if (n < min || n > max) {
            throw error(field, "must be between " + min + " and " + max + ", was " + n);
        }
        return n;
    }

    long optNumber(String field, long min, long max, long dflt) {
        return has(field) ? number(field, min, max) : dflt;
    }

    boolean optBool(String field, boolean dflt) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw error(field, "must be true or false, was " + kind(v));
        }
        return v.asBoolean();
    }

    /** The elements of a list field (an absent field is an empty list). */
    List<JsonNode> list(String field) {
        JsonNode v = node.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw error(field, "must be a list, was " + kind(v));
        }
        v.forEach(out::add);
        return out;
    }

    /** A list of names (strings). */
    List<String> names(String field) {
        List<String> out = new ArrayList<>();
        List<JsonNode> items = list(field);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isTextual()) {
                throw error(field + "[" + i + "]", "must be a name, was " + kind(item));
            }
            out.add(item.asText());
        }
        return out;
    }

    ConfigException error(String field, String message) {
        return new ConfigException(source + ": " + child(field) + ": " + message);
    }

    ConfigException error(String message) {
        return new ConfigException(source + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }

    static String kind(JsonNode v) {
        if (v == null || v.isNull()) {
            return "empty";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isTextual()) {
            return "the text \"" + v.asText() + "\"";
        }
        return v.isBoolean() ? "the boolean " + v.asText() : "the number " + v.asText();
    }
}
