package kreply.refactor.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import kreply.refactor.RefactorException;

/**
 * Reads a recipe file (YAML). Every field a recipe relies on is checked here, so a file with a
 * missing name fails with one clear message naming the file and the field instead of a recipe
 * failing half-way through a rewrite.
 */
public final class RecipeConfigLoader {
    private RecipeConfigLoader() {
    }

    public static RecipeConfig load(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new RefactorException("cannot read recipe file " + file + ": " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RefactorException("recipe file " + file + " is empty or not a YAML mapping");
        }
        Reader r = new Reader(file, root);
        JsonNode reply = r.object(root, "reply");
        JsonNode deferred = r.object(root, "deferredReply");
        JsonNode queue = r.object(root, "queueGuard");
        JsonNode rules = r.object(root, "rules");

        RecipeConfig.Reply rep = new RecipeConfig.Reply(r.text(reply, "currentThread"), r.text(reply, "threadType"),
                r.text(reply, "setRegister"), r.text(reply, "setMR"), r.text(reply, "setTimeArg"),
                r.text(reply, "messageRegisters"), r.text(reply, "msgInfoRegister"), r.text(reply, "badgeRegister"),
                r.text(reply, "bufferType"), r.text(reply, "bufferLookup"), r.text(reply, "bufferLocal"),
                r.text(reply, "messageInfo"), r.text(reply, "lengthLocal"), r.text(reply, "wordType"),
                r.text(reply, "callFlag"), r.text(reply, "callFlagType"), r.text(reply, "setThreadState"),
                r.text(reply, "setRunning"), r.text(reply, "restartState"), r.text(reply, "runningState"),
                r.text(reply, "helperFlag"));
        RecipeConfig.DeferredReply def = new RecipeConfig.DeferredReply(r.text(deferred, "completion"),
                r.text(deferred, "link"), r.text(deferred, "record"), r.text(deferred, "recordType"),
                r.text(deferred, "recordOwner"));
        Map<String, RecipeConfig.GuardOption> options = new java.util.LinkedHashMap<>();
        JsonNode opts = r.object(queue, "options");
        opts.fields().forEachRemaining(e -> {
            JsonNode o = e.getValue();
            String guard = o.hasNonNull("guard") ? o.get("guard").asText() : null;
            List<String> before = o.has("before") ? r.texts(o, "before") : List.of();
            if (guard == null && before.isEmpty()) {
                throw new RefactorException("recipe file " + file + ": queueGuard option " + e.getKey()
                        + " needs 'guard' or 'before'");
            }
            options.put(e.getKey(), new RecipeConfig.GuardOption(
                    o.hasNonNull("description") ? o.get("description").asText() : e.getKey(), guard, before));
        });
        String dflt = r.text(queue, "defaultOption");
        if (!options.containsKey(dflt)) {
            throw new RefactorException("recipe file " + file + ": queueGuard default '" + dflt + "' is not an option");
        }
        JsonNode spec = r.object(root, "specReply");
        RecipeConfig.SpecReply sr = new RecipeConfig.SpecReply(r.text(spec, "entry"), r.text(spec, "dispatcher"),
                r.text(spec, "statusType"), r.text(spec, "success"), r.text(spec, "wordsType"),
                r.text(spec, "emptyWords"), r.text(spec, "timeWords"), r.text(spec, "carrier"),
                r.text(spec, "emptyReply"), r.text(spec, "replyFromKernel"), r.text(spec, "argumentRead"),
                r.text(spec, "lengthParam"), r.text(spec, "wordsCapacity"), r.text(spec, "wordsPrefix"));
        if (!sr.carrier().contains(".")) {
            throw new RefactorException("recipe file " + file + ": specReply carrier must be a qualified class name");
        }
        RecipeConfig.QueueGuard qg = new RecipeConfig.QueueGuard(r.text(queue, "blockingCall"), dflt, options);
        return new RecipeConfig(r.text(root, "name"), r.texts(root, "sourceRoots"), r.texts(root, "testRoots"),
                new RecipeConfig.Rules(r.texts(rules, "reply"), r.texts(rules, "queue")), rep, def, qg, sr,
                root.has("verify") ? r.texts(r.object(root, "verify"), "legacyFormTags") : List.of(),
                root.has("verify") && root.get("verify").hasNonNull("conformanceManifest")
                        ? r.text(root.get("verify"), "conformanceManifest") : null,
                queueAsserts(r, r.object(root, "queueAsserts")));
    }

    private static RecipeConfig.QueueAsserts queueAsserts(Reader r, JsonNode q) {
        return new RecipeConfig.QueueAsserts(r.text(q, "atEntry"), r.text(q, "atExit"), r.text(q, "beforeBlocking"),
                r.texts(q, "entries"), r.texts(q, "blockingCalls"), r.text(q, "stateSetter"),
                r.texts(q, "blockingStates"), r.texts(q, "enqueue"));
    }

    /** Field access that fails with the file and the field's name. */
    private record Reader(Path file, JsonNode root) {
        JsonNode object(JsonNode parent, String field) {
            JsonNode n = parent.get(field);
            if (n == null || !n.isObject()) {
                throw new RefactorException("recipe file " + file + ": missing section '" + field + "'");
            }
            return n;
        }

        String text(JsonNode parent, String field) {
            JsonNode n = parent.get(field);
            if (n == null || !n.isValueNode() || n.asText().isBlank()) {
                throw new RefactorException("recipe file " + file + ": missing value '" + field + "'");
            }
            return n.asText();
        }

        List<String> texts(JsonNode parent, String field) {
            JsonNode n = parent.get(field);
            if (n == null || !n.isArray() || n.isEmpty()) {
                throw new RefactorException("recipe file " + file + ": '" + field + "' must be a non-empty list");
            }
            List<String> out = new ArrayList<>();
            n.forEach(x -> out.add(x.asText()));
            return out;
        }
    }
}
