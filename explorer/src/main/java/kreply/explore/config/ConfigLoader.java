package kreply.explore.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates scenario configurations (YAML or JSON; see docs/explorer.md for the format).
 * Every error is a {@link ConfigException} whose one-line message names the source and the field.
 * Validation checks what the kernel would otherwise reject half-way through building the system:
 * names and references, budget and period limits, priorities, list-register and IRQ numbers.
 */
public final class ConfigLoader {
    /** The kernel's MAX_PERIOD_US (one hour). */
    public static final long MAX_PERIOD_US = 3_600_000_000L;
    /** Lines the kernel reserves: VGIC maintenance 25, kernel timer 26, virtual timer 27. */
    public static final Set<Integer> RESERVED_IRQS = Set.of(25, 26, 27);
    /** Device lines a configuration may use (the controller has 256; 255 stays free). */
    public static final int MAX_DEVICE_IRQ = 254;
    /** Most threads a configuration may have: the search's alphabet grows with every thread. */
    public static final int MAX_THREADS = 32;
    /** Largest virtual IRQ number the VGIC accepts. */
    public static final int MAX_VIRQ = 1023;

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,39}");
    private static final Set<String> TOP = Set.of("name", "description", "kernel", "endpoints", "notifications",
            "replies", "vcpus", "irqs", "threads");
    private static final Set<String> KERNEL = Set.of("wcetUs", "listRegisters");
    private static final Set<String> VCPU = Set.of("name", "inject");
    private static final Set<String> INJECT = Set.of("lr", "virq");
    private static final Set<String> IRQ = Set.of("name", "line", "notification", "badge");
    private static final Set<String> THREAD = Set.of("name", "priority", "sc", "vcpu", "faultHandler",
            "timeoutHandler", "boundNotification", "caps", "waitOn");
    private static final Set<String> SC = Set.of("budget", "period", "sporadic", "extraRefills", "badge");
    private static final Set<String> HANDLER = Set.of("endpoint", "badge");
    private static final Set<String> WAIT = Set.of("endpoint", "reply", "notification");
    private static final Set<String> CAP = Set.of("name", "rights");

    private enum Kind { ENDPOINT, NOTIFICATION, REPLY, VCPU, IRQ, THREAD }

    private final ObjectMapper json = new ObjectMapper();
    private final YAMLMapper yaml = new YAMLMapper();

    /** Loads a file; {@code .json} files are JSON, anything else is YAML (a superset of JSON). */
    public SystemConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file not found: " + file);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration " + file + ": " + e.getMessage());
        }
        String fileName = file.getFileName().toString();
        boolean isJson = fileName.toLowerCase(Locale.ROOT).endsWith(".json");
        return parse(text, file.toString(), isJson, baseName(fileName));
    }

    /** Parses configuration text; {@code defaultName} is used when the text has no name. */
    public SystemConfig parse(String text, String source, boolean isJson, String defaultName) {
        JsonNode root;
        try {
            root = (isJson ? json : yaml).readTree(text);
        } catch (JacksonException e) {
            throw new ConfigException(source + ": not valid " + (isJson ? "JSON" : "YAML") + ": "
                    + e.getOriginalMessage().strip().replaceAll("\\s*\\R\\s*", " ")
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""));
        }
        if (root == null || root.isMissingNode()) {
            throw new ConfigException(source + ": the configuration is empty");
        }
        return new Validation(source).config(root, defaultName);
    }

    static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /** One validation pass over one tree: the names seen so far and their kinds. */
    private static final class Validation {
        private final String source;
        private final Map<String, Kind> names = new HashMap<>();

        Validation(String source) {
            this.source = source;
        }

        SystemConfig config(JsonNode root, String defaultName) {
            Fields top = Fields.of(source, "", root, TOP);
            String name = top.has("name") ? top.string("name") : defaultName;
            String description = top.has("description") ? top.string("description") : "";
            KernelSettings kernel = kernel(top);

            List<String> endpoints = declare(top, "endpoints", Kind.ENDPOINT);
            List<String> notifications = declare(top, "notifications", Kind.NOTIFICATION);
            List<String> replies = declare(top, "replies", Kind.REPLY);

            List<VcpuSpec> vcpus = new ArrayList<>();
            List<JsonNode> vcpuNodes = top.list("vcpus");
            for (int i = 0; i < vcpuNodes.size(); i++) {
                vcpus.add(vcpu(Fields.of(source, "vcpus[" + i + "]", vcpuNodes.get(i), VCPU), kernel));
            }
            List<IrqSpec> irqs = new ArrayList<>();
            Set<Integer> lines = new HashSet<>();
            List<JsonNode> irqNodes = top.list("irqs");
            for (int i = 0; i < irqNodes.size(); i++) {
                IrqSpec irq = irq(Fields.of(source, "irqs[" + i + "]", irqNodes.get(i), IRQ));
                if (!lines.add(irq.line())) {
                    throw new ConfigException(source + ": irqs[" + i + "].line: line " + irq.line() + " is used twice");
                }
                irqs.add(irq);
            }

            List<JsonNode> threadNodes = top.list("threads");
            if (threadNodes.isEmpty()) {
                throw top.error("threads", "at least one thread is needed");
            }
            if (threadNodes.size() > MAX_THREADS) {
                throw top.error("threads", "at most " + MAX_THREADS + " threads, found " + threadNodes.size());
            }
            // Thread names first, so handlers and caps may refer to any object in any order.
            List<Fields> threadFields = new ArrayList<>();
            for (int i = 0; i < threadNodes.size(); i++) {
                Fields t = Fields.of(source, "threads[" + i + "]", threadNodes.get(i), THREAD);
                declareName(t, "name", t.string("name"), Kind.THREAD);
                threadFields.add(t);
            }
            List<ThreadSpec> threads = new ArrayList<>();
            Set<String> boundVcpus = new HashSet<>();
            Set<String> boundNtfns = new HashSet<>();
            for (Fields t : threadFields) {
                ThreadSpec spec = thread(t, kernel);
                if (spec.vcpu() != null && !boundVcpus.add(spec.vcpu())) {
                    throw t.error("vcpu", "VCPU " + spec.vcpu() + " is already bound to another thread");
                }
                if (spec.boundNotification() != null && !boundNtfns.add(spec.boundNotification())) {
                    throw t.error("boundNotification", "notification " + spec.boundNotification()
                            + " is already bound to another thread");
                }
                threads.add(spec);
            }
            return new SystemConfig(name, description, kernel, endpoints, notifications, replies, vcpus, irqs, threads);
        }

        private KernelSettings kernel(Fields top) {
            if (!top.has("kernel")) {
                return KernelSettings.DEFAULT;
            }
            Fields k = Fields.of(source, "kernel", top.raw("kernel"), KERNEL);
            return new KernelSettings(k.optNumber("wcetUs", 1, 1_000_000, KernelSettings.DEFAULT.wcetUs()),
                    (int) k.optNumber("listRegisters", 1, 64, KernelSettings.DEFAULT.listRegisters()));
        }

        private List<String> declare(Fields top, String field, Kind kind) {
            List<String> names = top.names(field);
            for (int i = 0; i < names.size(); i++) {
                declareName(top, field + "[" + i + "]", names.get(i), kind);
            }
            return names;
        }

        private void declareName(Fields where, String field, String name, Kind kind) {
            if (!NAME.matcher(name).matches()) {
                throw where.error(field, "\"" + name + "\" is not a valid name (a letter, then letters, digits, _ or -; "
                        + "at most 40 characters)");
            }
            Kind old = names.putIfAbsent(name, kind);
            if (old != null) {
                throw where.error(field, "the name " + name + " is already used by "
                        + article(old) + " " + old.name().toLowerCase(Locale.ROOT));
            }
        }

        private VcpuSpec vcpu(Fields v, KernelSettings kernel) {
            String name = v.string("name");
            declareName(v, "name", name, Kind.VCPU);
            List<VcpuSpec.Injection> inject = new ArrayList<>();
            Set<Integer> used = new HashSet<>();
            List<JsonNode> items = v.list("inject");
            for (int i = 0; i < items.size(); i++) {
                Fields f = Fields.of(source, v.child("inject[" + i + "]"), items.get(i), INJECT);
                int lr = (int) f.number("lr", 0, kernel.listRegisters() - 1);
                int virq = (int) f.number("virq", 0, MAX_VIRQ);
                if (!used.add(lr)) {
                    throw f.error("lr", "list register " + lr + " is injected twice");
                }
                inject.add(new VcpuSpec.Injection(lr, virq));
            }
            return new VcpuSpec(name, inject);
        }

        private IrqSpec irq(Fields f) {
            String name = f.string("name");
            declareName(f, "name", name, Kind.IRQ);
            int line = (int) f.number("line", 0, MAX_DEVICE_IRQ);
            if (RESERVED_IRQS.contains(line)) {
                throw f.error("line", "line " + line + " is reserved by the kernel (VGIC maintenance 25, "
                        + "kernel timer 26, virtual timer 27)");
            }
            String ntfn = f.string("notification");
            expect(f, "notification", ntfn, Kind.NOTIFICATION);
            return new IrqSpec(name, line, ntfn, f.optNumber("badge", 0, (1L << 28) - 1, 0));
        }

        private ThreadSpec thread(Fields t, KernelSettings kernel) {
            String name = t.string("name");
            int priority = (int) t.number("priority", 0, 254);
            ScSpec sc = sc(t, kernel);
            String vcpu = t.optString("vcpu");
            if (vcpu != null) {
                expect(t, "vcpu", vcpu, Kind.VCPU);
            }
            HandlerRef fault = handler(t, "faultHandler");
            HandlerRef timeout = handler(t, "timeoutHandler");
            String bound = t.optString("boundNotification");
            if (bound != null) {
                expect(t, "boundNotification", bound, Kind.NOTIFICATION);
            }
            WaitSpec wait = waitOn(t);
            if (sc.isPassive() && (wait == null || !wait.onEndpoint())) {
                throw t.error("waitOn", "a passive thread must start by receiving on an endpoint (waitOn: {endpoint: ...}),"
                        + " which is where its SC is taken away");
            }
            Map<String, CapGrant> caps = new LinkedHashMap<>();
            List<JsonNode> capNodes = t.list("caps");
            for (int i = 0; i < capNodes.size(); i++) {
                CapGrant c = capGrant(t, "caps[" + i + "]", capNodes.get(i));
                if (caps.put(c.name(), c) != null) {
                    throw t.error("caps[" + i + "]", c.name() + " is listed twice");
                }
            }
            if (wait != null) {
                // The thread keeps the caps it starts on: it must be able to wait there again.
                CapGrant w = caps.computeIfAbsent(wait.object(), CapGrant::all);
                if (!w.receive()) {
                    throw t.error("waitOn", "the thread starts by waiting on " + wait.object()
                            + ", so its cap needs the receive right");
                }
                if (wait.reply() != null) {
                    caps.putIfAbsent(wait.reply(), CapGrant.all(wait.reply()));
                }
            }
            return new ThreadSpec(name, priority, sc, vcpu, fault, timeout, bound, new ArrayList<>(caps.values()), wait);
        }

        /** A cap: a name (all rights) or {name: N, rights: [send, receive, grant, grantReply]}. */
        private CapGrant capGrant(Fields t, String field, JsonNode node) {
            String name;
            Set<String> rights = null;
            if (node.isTextual()) {
                name = node.asText();
            } else {
                Fields f = Fields.of(source, t.child(field), node, CAP);
                name = f.string("name");
                rights = new HashSet<>(f.names("rights"));
                for (String r : rights) {
                    if (!CapGrant.RIGHTS.contains(r)) {
                        throw f.error("rights", "unknown right " + r + " (rights: send, receive, grant, grantReply)");
                    }
                }
            }
            Kind kind = names.get(name);
            if (kind == null) {
                throw t.error(field, "unknown object " + name);
            }
            if (kind == Kind.THREAD) {
                throw t.error(field, name + " is a thread; caps name endpoints, notifications, replies, VCPUs or IRQs");
            }
            if (rights == null) {
                return CapGrant.all(name);
            }
            if (kind != Kind.ENDPOINT && kind != Kind.NOTIFICATION) {
                throw t.error(field, "rights apply to endpoint and notification caps only, and " + name + " is "
                        + article(kind) + " " + kind.name().toLowerCase(Locale.ROOT));
            }
            return new CapGrant(name, rights.contains("send"), rights.contains("receive"), rights.contains("grant"),
                    rights.contains("grantReply"));
        }

        private ScSpec sc(Fields t, KernelSettings kernel) {
            JsonNode raw = t.raw("sc");
            if (raw == null || raw.isNull()) {
                throw t.error("sc", "is required: {budget: B, period: P} (B = P: round-robin; sporadic: true), or passive");
            }
            if (raw.isTextual()) {
                if (raw.asText().equals("passive")) {
                    return new ScSpec(ScSpec.Kind.PASSIVE, 0, 0, 0, 0);
                }
                throw t.error("sc", "\"" + raw.asText() + "\" is not an SC; write passive or {budget: B, period: P}");
            }
            Fields f = Fields.of(source, t.child("sc"), raw, SC);
            long min = kernel.minBudget();
            long budget = f.number("budget", min, MAX_PERIOD_US);
            long period = f.optNumber("period", budget, MAX_PERIOD_US, budget);
            boolean sporadic = f.optBool("sporadic", false);
            int extra = (int) f.optNumber("extraRefills", 0, 62, 0);
            long badge = f.optNumber("badge", 0, (1L << 28) - 1, 0);
            if (budget == period && sporadic) {
                throw f.error("sporadic", "a round-robin SC (budget = period) cannot be sporadic");
            }
            ScSpec.Kind kind = budget == period ? ScSpec.Kind.ROUND_ROBIN
                    : sporadic ? ScSpec.Kind.SPORADIC : ScSpec.Kind.PERIODIC;
            return new ScSpec(kind, budget, period, extra, badge);
        }

        private HandlerRef handler(Fields t, String field) {
            if (!t.has(field)) {
                return null;
            }
            Fields f = Fields.of(source, t.child(field), t.raw(field), HANDLER);
            String ep = f.string("endpoint");
            expect(f, "endpoint", ep, Kind.ENDPOINT);
            return new HandlerRef(ep, f.optNumber("badge", 0, (1L << 28) - 1, 0));
        }

        private WaitSpec waitOn(Fields t) {
            if (!t.has("waitOn")) {
                return null;
            }
            Fields f = Fields.of(source, t.child("waitOn"), t.raw("waitOn"), WAIT);
            if (f.has("endpoint") == f.has("notification")) {
                throw f.error("give exactly one of endpoint and notification");
            }
            if (f.has("notification")) {
                if (f.has("reply")) {
                    throw f.error("reply", "a notification wait takes no reply object");
                }
                String n = f.string("notification");
                expect(f, "notification", n, Kind.NOTIFICATION);
                return new WaitSpec(n, null, false);
            }
            String ep = f.string("endpoint");
            expect(f, "endpoint", ep, Kind.ENDPOINT);
            String reply = f.optString("reply");
            if (reply != null) {
                expect(f, "reply", reply, Kind.REPLY);
            }
            return new WaitSpec(ep, reply, true);
        }

        private void expect(Fields where, String field, String name, Kind kind) {
            Kind actual = names.get(name);
            if (actual == null) {
                throw where.error(field, "unknown " + kind.name().toLowerCase(Locale.ROOT) + " " + name);
            }
            if (actual != kind) {
                throw where.error(field, name + " is " + article(actual) + " " + actual.name().toLowerCase(Locale.ROOT)
                        + ", not " + article(kind) + " " + kind.name().toLowerCase(Locale.ROOT));
            }
        }

        private static String article(Kind k) {
            return k == Kind.ENDPOINT || k == Kind.IRQ ? "an" : "a";
        }
    }
}
