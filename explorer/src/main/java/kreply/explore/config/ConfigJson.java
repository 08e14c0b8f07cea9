package kreply.explore.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes a validated configuration back as JSON in the input format, so that it can be embedded in
 * a saved trace (making the trace self-contained) and handed to an isolated kernel loader as plain
 * text. Reading it back goes through {@link ConfigLoader}, so the same validation applies.
 */
public final class ConfigJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ConfigJson() {
    }

    public static ObjectNode toJson(SystemConfig c) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", c.name());
        if (!c.description().isEmpty()) {
            root.put("description", c.description());
        }
        ObjectNode kernel = root.putObject("kernel");
        kernel.put("wcetUs", c.kernel().wcetUs());
        kernel.put("listRegisters", c.kernel().listRegisters());
        names(root.putArray("endpoints"), c.endpoints());
        names(root.putArray("notifications"), c.notifications());
        names(root.putArray("replies"), c.replies());
        ArrayNode vcpus = root.putArray("vcpus");
        for (VcpuSpec v : c.vcpus()) {
            ObjectNode o = vcpus.addObject();
            o.put("name", v.name());
            ArrayNode inject = o.putArray("inject");
            for (VcpuSpec.Injection i : v.inject()) {
                inject.addObject().put("lr", i.lr()).put("virq", i.virq());
            }
        }
        ArrayNode irqs = root.putArray("irqs");
        for (IrqSpec i : c.irqs()) {
            irqs.addObject().put("name", i.name()).put("line", i.line()).put("notification", i.notification())
                    .put("badge", i.badge());
        }
        ArrayNode threads = root.putArray("threads");
        for (ThreadSpec t : c.threads()) {
            thread(threads.addObject(), t);
        }
        return root;
    }

    public static String write(SystemConfig c) {
        return toJson(c).toString();
    }

    private static void thread(ObjectNode o, ThreadSpec t) {
        o.put("name", t.name());
        o.put("priority", t.priority());
        ScSpec sc = t.sc();
        if (sc.isPassive()) {
            o.put("sc", "passive");
        } else {
            ObjectNode s = o.putObject("sc");
            s.put("budget", sc.budget()).put("period", sc.period());
            if (sc.kind() == ScSpec.Kind.SPORADIC) {
                s.put("sporadic", true);
            }
            if (sc.extraRefills() != 0) {
                s.put("extraRefills", sc.extraRefills());
            }
            if (sc.badge() != 0) {
                s.put("badge", sc.badge());
            }
        }
        if (t.vcpu() != null) {
            o.put("vcpu", t.vcpu());
        }
        handler(o, "faultHandler", t.faultHandler());
        handler(o, "timeoutHandler", t.timeoutHandler());
        if (t.boundNotification() != null) {
            o.put("boundNotification", t.boundNotification());
        }
        ArrayNode caps = o.putArray("caps");
        for (CapGrant c : t.caps()) {
            if (c.allRights()) {
                caps.add(c.name());
            } else {
                ObjectNode co = caps.addObject().put("name", c.name());
                ArrayNode rights = co.putArray("rights");
                if (c.send()) {
                    rights.add("send");
                }
                if (c.receive()) {
                    rights.add("receive");
                }
                if (c.grant()) {
                    rights.add("grant");
                }
                if (c.grantReply()) {
                    rights.add("grantReply");
                }
            }
        }
        WaitSpec w = t.waitOn();
        if (w != null) {
            ObjectNode wo = o.putObject("waitOn");
            if (w.onEndpoint()) {
                wo.put("endpoint", w.object());
                if (w.reply() != null) {
                    wo.put("reply", w.reply());
                }
            } else {
                wo.put("notification", w.object());
            }
        }
    }

    private static void handler(ObjectNode o, String field, HandlerRef h) {
        if (h != null) {
            o.putObject(field).put("endpoint", h.endpoint()).put("badge", h.badge());
        }
    }

    private static void names(ArrayNode a, java.util.List<String> names) {
        names.forEach(a::add);
    }
}
