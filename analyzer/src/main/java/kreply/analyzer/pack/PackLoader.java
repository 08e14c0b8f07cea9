package kreply.analyzer.pack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads rule packs from YAML (Jackson) and validates them strictly: unknown keys, missing required
 * keys, wrong types and bad regular expressions are reported as {@link PackException}s naming the
 * file and the key. The pack format is documented in {@code rules/docs/README.md}.
 */
public final class PackLoader {
    private static final Set<String> TOP = Set.of("name", "description", "nMsgRegisters", "bufferWordOffset",
            "currentThread", "entryPoints", "roots", "registers", "writes", "reads", "bufferSources",
            "decodeTimeBuffer", "messageInfo", "threadStates", "callFlags", "failureReturns", "halts", "allowlist",
            "queue", "wordListTypes", "fixes");
    private static final Set<String> ROLES = Set.of("thread", "buffer", "index", "word", "value", "register",
            "isReceiver", "state");
    private static final Set<String> PRIM_KEYS;
    private static final Set<String> WRITE_KINDS = Set.of("register", "message", "bufferWord");
    private static final Set<String> ENTRY_STATES = Set.of("Restart", "Running", "unknown");

    static {
        Set<String> s = new java.util.HashSet<>(ROLES);
        s.addAll(Set.of("kind", "name", "arity", "receiverType", "words", "returnsLength", "fixedState"));
        PRIM_KEYS = Set.copyOf(s);
    }

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    /** Loads and merges the given packs. */
    public RulePack load(List<Path> files) throws PackException {
        if (files.isEmpty()) {
            throw new PackException("<none>", "<top>", "no rule pack given");
        }
        List<RulePack> packs = new ArrayList<>();
        for (Path f : files) {
            packs.add(load(f));
        }
        return RulePack.merge(packs);
    }

    public RulePack load(Path file) throws PackException {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new PackException(name, "<top>", "file not found or not a regular file");
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException | RuntimeException e) {
            throw new PackException(name, "<top>", "cannot read the file: " + e.getMessage());
        }
        return parse(name, text);
    }

    /** Parses pack text; {@code name} is used in error messages. */
    public RulePack parse(String name, String text) throws PackException {
        JsonNode root;
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new PackException(name, "<top>", "not valid YAML" + (line > 0 ? " (line " + line + ")" : "") + ": "
                    + msg);
        } catch (IOException e) {
            throw new PackException(name, "<top>", "not valid YAML: " + e.getMessage());
        }
        PackNode top = new PackNode(name, "", root);
        top.requireObject(TOP);
        String packName = top.string("name");
        top.string("description", "");
        int n = top.get("nMsgRegisters").asInt();
        if (n < 0) {
            throw top.get("nMsgRegisters").error("must not be negative");
        }
        int offset = top.integer("bufferWordOffset", 1);
        List<List<String>> cur = new ArrayList<>();
        for (PackNode c : top.get("currentThread").asList()) {
            cur.add(List.of(c.asString().split("\\.")));
        }
        if (cur.isEmpty()) {
            throw top.get("currentThread").error("needs at least one current-thread expression");
        }
        List<RootSpec> roots = new ArrayList<>();
        for (PackNode r : top.get("roots").asList()) {
            r.requireObject(Set.of("names", "patterns", "entryState", "perform"));
            NameSet ns = r.asNameSetInline();
            String st = r.string("entryState", "unknown");
            if (!ENTRY_STATES.contains(st)) {
                throw r.get("entryState").error("must be one of Restart, Running, unknown");
            }
            roots.add(new RootSpec(ns, st, r.bool("perform", false)));
        }
        PackNode regs = top.get("registers");
        regs.requireObject(Set.of("msgInfo", "badge", "message"));
        List<Primitive> writes = primitives(top.get("writes"), true);
        if (writes.isEmpty()) {
            throw top.get("writes").error("needs at least one write primitive");
        }
        PackNode dtb = top.get("decodeTimeBuffer");
        dtb.requireObject(Set.of("entry"));
        PackNode mi = top.get("messageInfo");
        mi.requireObject(Set.of("constructor", "lengthArg"));
        PackNode ts = top.get("threadStates");
        ts.requireObject(Set.of("setters", "restart", "running", "blocked"));
        return new RulePack(packName, List.of(name), n, cur, top.nameSet("entryPoints"), roots,
                regs.nameSet("msgInfo"), regs.nameSet("badge"), regs.nameSet("message"), writes,
                primitives(top.has("reads") ? top.get("reads") : null, false),
                primitives(top.get("bufferSources"), false), dtb.nameSet("entry"), mi.string("constructor"),
                mi.get("lengthArg").asInt(), offset, primitives(ts.get("setters"), false), ts.nameSet("restart"),
                ts.nameSet("running"), ts.nameSet("blocked"), top.nameSet("callFlags"), top.nameSet("failureReturns"),
                top.nameSet("halts"), top.nameSet("allowlist"), queue(top), top.strings("wordListTypes"), fixes(top));
    }

    private QueueSpec queue(PackNode top) throws PackException {
        if (!top.has("queue")) {
            return QueueSpec.NONE;
        }
        PackNode q = top.get("queue");
        q.requireObject(Set.of("entries", "enqueue", "dequeue", "block", "guards"));
        List<QueueSpec.Entry> entries = new ArrayList<>();
        for (PackNode e : q.get("entries").asList()) {
            e.requireObject(Set.of("method", "enqueueVia"));
            entries.add(new QueueSpec.Entry(e.string("method"), e.nameSet("enqueueVia")));
        }
        PackNode g = q.get("guards");
        g.requireObject(Set.of("queued", "schedulable"));
        return new QueueSpec(entries, primitives(q.get("enqueue"), false),
                primitives(q.has("dequeue") ? q.get("dequeue") : null, false),
                primitives(q.has("block") ? q.get("block") : null, false), g.nameSet("queued"),
                g.nameSet("schedulable"));
    }

    private List<FixRecipe> fixes(PackNode top) throws PackException {
        List<FixRecipe> r = new ArrayList<>();
        for (PackNode f : top.list("fixes")) {
            f.requireObject(Set.of("recipe", "description", "rules"));
            r.add(new FixRecipe(f.string("recipe"), f.string("description"), f.strings("rules")));
        }
        return r;
    }

    private List<Primitive> primitives(PackNode list, boolean write) throws PackException {
        List<Primitive> r = new ArrayList<>();
        if (list == null) {
            return r;
        }
        for (PackNode p : list.asList()) {
            p.requireObject(PRIM_KEYS);
            String kind = p.string("kind", write ? null : "op");
            if (write && kind == null) {
                throw p.error("missing required key 'kind'");
            }
            if (write && !WRITE_KINDS.contains(kind)) {
                throw p.get("kind").error("must be one of register, message, bufferWord");
            }
            int arity = p.get("arity").asInt();
            Map<String, Integer> args = new LinkedHashMap<>();
            for (String role : ROLES) {
                if (!p.has(role)) {
                    continue;
                }
                PackNode a = p.get(role);
                int pos;
                if (a.isReceiverWord()) {
                    pos = Primitive.RECEIVER;
                } else {
                    pos = a.asInt();
                    if (pos < 0 || pos >= arity) {
                        throw a.error("argument position " + pos + " is outside 0.." + (arity - 1));
                    }
                }
                args.put(role, pos);
            }
            if (write) {
                requireRoles(p, kind, args);
            }
            r.add(new Primitive(kind, p.string("name"), arity, p.string("receiverType", null), new HashMap<>(args),
                    p.integer("words", 1), p.bool("returnsLength", false), p.string("fixedState", null)));
        }
        return r;
    }

    private static void requireRoles(PackNode p, String kind, Map<String, Integer> args) throws PackException {
        List<String> need = switch (kind) {
            case "register" -> List.of("thread", "register", "value");
            case "message" -> List.of("thread", "index", "value");
            default -> List.of("buffer", "word", "value");
        };
        for (String role : need) {
            if (!args.containsKey(role)) {
                throw p.error("a '" + kind + "' write needs the argument role '" + role + "'");
            }
        }
    }
}
