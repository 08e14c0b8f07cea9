package kreply.analyzer.pack;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A position in a parsed pack with typed, validating accessors. Every error names the file and the
 * dotted key path, so a user can find the mistake without a stack trace.
 */
final class PackNode {
    private final String file;
    private final String path;
    private final JsonNode node;

    PackNode(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    String path() {
        return path;
    }

    PackException error(String problem) {
        return new PackException(file, path.isEmpty() ? "<top>" : path, problem);
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    void requireObject(Set<String> allowed) throws PackException {
        if (node == null || !node.isObject()) {
            throw error("expected a mapping, got " + describe(node));
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String k = names.next();
            if (!allowed.contains(k)) {
                throw new PackException(file, child(k), "unknown key (allowed: " + String.join(", ",
                        allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    boolean has(String key) {
        return node != null && node.has(key) && !node.get(key).isNull();
    }

    PackNode get(String key) throws PackException {
        if (!has(key)) {
            throw new PackException(file, child(key), "missing required key");
        }
        return new PackNode(file, child(key), node.get(key));
    }

    String string(String key) throws PackException {
        return get(key).asString();
    }

    String string(String key, String dflt) throws PackException {
        return has(key) ? string(key) : dflt;
    }

    String asString() throws PackException {
        if (!node.isTextual() || node.asText().isBlank()) {
            throw error("expected a non-empty string, got " + describe(node));
        }
        return node.asText();
    }

    int integer(String key, int dflt) throws PackException {
        return has(key) ? get(key).asInt() : dflt;
    }

    int asInt() throws PackException {
        if (!node.isInt()) {
            throw error("expected an integer, got " + describe(node));
        }
        return node.asInt();
    }

    boolean bool(String key, boolean dflt) throws PackException {
        if (!has(key)) {
            return dflt;
        }
        JsonNode v = node.get(key);
        if (!v.isBoolean()) {
            throw new PackException(file, child(key), "expected true or false, got " + describe(v));
        }
        return v.asBoolean();
    }

    List<PackNode> list(String key) throws PackException {
        if (!has(key)) {
            return List.of();
        }
        return get(key).asList();
    }

    List<PackNode> asList() throws PackException {
        if (!node.isArray()) {
            throw error("expected a list, got " + describe(node));
        }
        List<PackNode> r = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            r.add(new PackNode(file, path + "[" + i + "]", node.get(i)));
        }
        return r;
    }

    List<String> strings(String key) throws PackException {
        List<String> r = new ArrayList<>();
        for (PackNode n : list(key)) {
            r.add(n.asString());
        }
        return r;
    }

    /** A name set: either a list of exact names or a mapping {@code {names: [...], patterns: [...]}}. */
    NameSet nameSet(String key) throws PackException {
        if (!has(key)) {
            return NameSet.EMPTY;
        }
        return get(key).asNameSet();
    }

    NameSet asNameSet() throws PackException {
        if (node.isArray()) {
            List<String> names = new ArrayList<>();
            for (PackNode n : asList()) {
                names.add(n.asString());
            }
            return new NameSet(names, List.of());
        }
        requireObject(Set.of("names", "patterns"));
        List<Pattern> pats = new ArrayList<>();
        for (PackNode p : list("patterns")) {
            String s = p.asString();
            try {
                pats.add(Pattern.compile(s));
            } catch (PatternSyntaxException e) {
                throw p.error("bad regular expression '" + s + "': " + e.getDescription());
            }
        }
        return new NameSet(strings("names"), pats);
    }

    /** A root entry lists its names inline: {@code names} and {@code patterns} beside other keys. */
    NameSet asNameSetInline() throws PackException {
        List<Pattern> pats = new ArrayList<>();
        for (PackNode p : list("patterns")) {
            String s = p.asString();
            try {
                pats.add(Pattern.compile(s));
            } catch (PatternSyntaxException e) {
                throw p.error("bad regular expression '" + s + "': " + e.getDescription());
            }
        }
        NameSet ns = new NameSet(strings("names"), pats);
        if (ns.isEmpty()) {
            throw error("needs 'names' or 'patterns'");
        }
        return ns;
    }

    boolean isReceiverWord() {
        return node.isTextual() && node.asText().equals("receiver");
    }

    static String describe(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isTextual()) {
            return "the string \"" + n.asText() + "\"";
        }
        if (n.isNumber()) {
            return "the number " + n.asText();
        }
        if (n.isBoolean()) {
            return "the boolean " + n.asText();
        }
        if (n.isArray()) {
            return "a list";
        }
        return "a mapping";
    }
}
