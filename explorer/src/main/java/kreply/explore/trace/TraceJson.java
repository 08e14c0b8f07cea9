package kreply.explore.trace;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import kreply.explore.config.ConfigException;
import kreply.explore.config.ConfigJson;
import kreply.explore.config.ConfigLoader;
import kreply.explore.config.SystemConfig;

/**
 * The trace file format ({@code kreply-explore-trace}, version 1; docs/explorer.md): writing, and
 * reading with a clear one-line error for anything that is not a well-formed trace. Whether the
 * events fit the embedded configuration is checked when the trace is replayed.
 */
public final class TraceJson {
    public static final String FORMAT = "kreply-explore-trace";
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TraceJson() {
    }

    public static String write(Trace t) {
        try {
            return MAPPER.writeValueAsString(toJson(t)) + "\n";
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot serialise a trace", e);
        }
    }

    public static ObjectNode toJson(Trace t) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("kernel", t.kernel());
        root.put("strategy", t.strategy());
        root.put("seed", t.seed());
        root.set("config", ConfigJson.toJson(t.config()));
        ArrayNode events = root.putArray("events");
        for (TraceEvent e : t.events()) {
            events.add(event(e));
        }
        TraceViolation v = t.violation();
        if (v != null) {
            ObjectNode o = root.putObject("violation");
            o.put("step", v.step());
            o.put("kind", v.kind());
            o.put("invariant", v.invariant());
            if (v.thread() != null) {
                o.put("thread", v.thread());
            }
            o.put("detail", v.detail());
            o.put("variant", v.variant());
            if (v.irqHandler() != null) {
                o.put("irqHandler", v.irqHandler());
            }
        }
        return root;
    }

    static ObjectNode event(TraceEvent e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("kind", e.kind().jsonName());
        if (e.kind().hasThread()) {
            o.put("thread", e.thread());
        }
        switch (e.kind()) {
            case SYSCALL -> {
                o.put("op", e.op().jsonName());
                if (e.cap() != null) {
                    o.put("cap", e.cap());
                }
                if (e.reply() != null) {
                    o.put("reply", e.reply());
                }
                if (e.op().sendsMessage()) {
                    o.put("label", e.label());
                    o.put("length", e.length());
                }
                if (e.op() == SyscallOp.INJECT_IRQ) {
                    o.put("lr", e.lr());
                    o.put("virq", e.virq());
                }
            }
            case FAULT -> o.put("fault", e.fault().jsonName());
            case TICK, DEADLINE -> o.put(e.kind() == EventKind.TICK ? "dt" : "before", e.time());
            case IRQ -> o.put("irq", e.cap());
            case EOI -> o.put("lr", e.lr());
            case VPPI, VTIMER_OFF -> {
            }
        }
        return o;
    }

    /** Reads a trace; {@code source} names the file in error messages. */
    public static Trace read(String text, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JacksonException e) {
            throw new TraceException(source + ": not a trace file: invalid JSON: "
                    + e.getOriginalMessage().strip().replaceAll("\\s*\\R\\s*", " "));
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw new TraceException(source + ": not a trace file (no \"format\": \"" + FORMAT + "\")");
        }
        if (root.path("version").asInt(-1) != VERSION) {
            throw new TraceException(source + ": unsupported trace version " + root.path("version")
                    + " (this kreply reads version " + VERSION + ")");
        }
        JsonNode cfg = root.get("config");
        if (cfg == null || !cfg.isObject()) {
            throw new TraceException(source + ": the trace has no embedded configuration");
        }
        SystemConfig config;
        try {
            config = new ConfigLoader().parse(cfg.toString(), source + " (embedded configuration)", true, "trace");
        } catch (ConfigException e) {
            throw new TraceException(e.getMessage());
        }
        JsonNode events = root.get("events");
        if (events == null || !events.isArray()) {
            throw new TraceException(source + ": the trace has no \"events\" list");
        }
        List<TraceEvent> list = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            list.add(event(events.get(i), source + ": events[" + i + "]"));
        }
        TraceViolation v = null;
        JsonNode vn = root.get("violation");
        if (vn != null && vn.isObject()) {
            v = new TraceViolation(vn.path("step").asInt(0), vn.path("kind").asText("invariant"),
                    vn.path("invariant").asText(""), vn.hasNonNull("thread") ? vn.get("thread").asText() : null,
                    vn.path("detail").asText(""), vn.path("variant").asText("other"),
                    vn.hasNonNull("irqHandler") ? vn.get("irqHandler").asText() : null);
        }
        return new Trace(config, root.path("kernel").asText(""), root.path("strategy").asText(""),
                root.path("seed").asLong(0), list, v);
    }

    private static TraceEvent event(JsonNode n, String where) {
        if (!n.isObject()) {
            throw new TraceException(where + ": an event must be an object");
        }
        EventKind kind = EventKind.fromJson(n.path("kind").asText());
        if (kind == null) {
            throw new TraceException(where + ": unknown event kind \"" + n.path("kind").asText()
                    + "\" (known: syscall, fault, tick, deadline, irq, vppi, vtimer-off, eoi)");
        }
        String thread = null;
        if (kind.hasThread()) {
            thread = text(n, "thread", where);
        }
        return switch (kind) {
            case SYSCALL -> {
                SyscallOp op = SyscallOp.fromJson(text(n, "op", where));
                if (op == null) {
                    throw new TraceException(where + ": unknown syscall op \"" + n.path("op").asText() + "\"");
                }
                yield TraceEvent.syscall(thread, op, n.hasNonNull("cap") ? n.get("cap").asText() : null,
                        n.hasNonNull("reply") ? n.get("reply").asText() : null, number(n, "label", where, 0, (1L << 20) - 1,
                                !op.sendsMessage()), number(n, "length", where, 0, 120, !op.sendsMessage()),
                        (int) number(n, "lr", where, 0, 63, op != SyscallOp.INJECT_IRQ),
                        (int) number(n, "virq", where, 0, 1023, op != SyscallOp.INJECT_IRQ));
            }
            case FAULT -> {
                FaultKind f = FaultKind.fromJson(text(n, "fault", where));
                if (f == null) {
                    throw new TraceException(where + ": unknown fault \"" + n.path("fault").asText()
                            + "\" (known: user, unknown-syscall, vm, vcpu)");
                }
                yield TraceEvent.fault(thread, f);
            }
            case TICK -> TraceEvent.tick(number(n, "dt", where, 0, Long.MAX_VALUE / 4, false));
            case DEADLINE -> TraceEvent.deadline(number(n, "before", where, 0, Long.MAX_VALUE / 4, false));
            case IRQ -> TraceEvent.irq(text(n, "irq", where));
            case EOI -> TraceEvent.guest(kind, thread, (int) number(n, "lr", where, 0, 63, false));
            case VPPI, VTIMER_OFF -> TraceEvent.guest(kind, thread, 0);
        };
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isEmpty()) {
            throw new TraceException(where + ": missing \"" + field + "\"");
        }
        return v.asText();
    }

    private static long number(JsonNode n, String field, String where, long min, long max, boolean optional) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (optional) {
                return 0;
            }
            throw new TraceException(where + ": missing \"" + field + "\"");
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw new TraceException(where + ": \"" + field + "\" must be a whole number from " + min + " to " + max
                    + ", was " + v);
        }
        return v.asLong();
    }
}
