package kreply.analyzer.rules;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import kreply.analyzer.facts.BufRef;
import kreply.analyzer.facts.FactsEnv;
import kreply.analyzer.graph.Target;
import kreply.analyzer.model.MethodIds;
import kreply.analyzer.model.MethodInfo;
import kreply.analyzer.model.Positions;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.report.Severity;
import spoon.reflect.code.CtAbstractInvocation;
import spoon.reflect.code.CtExpression;
import spoon.reflect.code.CtInvocation;
import spoon.reflect.declaration.CtElement;

/** Code E: an IPC-buffer reference is passed to a method outside the IPC-proper allowlist. */
public final class IpcBufferEscape implements Rule {
    static final RuleDescriptor D = new RuleDescriptor("ipc-buffer-escape", "IPC buffer escapes the IPC code",
            Severity.WARNING, List.of("E"), "An IPC-buffer reference (followed by data flow from its lookup) is "
            + "passed to a method outside the IPC-proper allowlist; only IPC code and decoders may hold one.",
            "docs/ipc-buffer-escape.md");

    @Override
    public RuleDescriptor descriptor() {
        return D;
    }

    @Override
    public List<Draft> check(RuleContext ctx) {
        FactsEnv env = ctx.facts().env();
        List<Draft> out = new ArrayList<>();
        if (!env.flow().mayFindBuffers()) {
            return out;
        }
        for (MethodInfo m : env.table().all()) {
            int firstLine = 0;
            Set<String> callees = new LinkedHashSet<>();
            for (CtElement s : env.graph().sitesOf(m.id())) {
                if (!(s instanceof CtAbstractInvocation<?> inv) || inv.getArguments().isEmpty()) {
                    continue;
                }
                if (inv instanceof CtInvocation<?> ci && !env.prims().match(ci, true).isEmpty()) {
                    continue;
                }
                String escaped = escapedArgument(env, inv, m.id());
                if (escaped == null) {
                    continue;
                }
                for (Target t : env.graph().resolver().targets(inv)) {
                    if (!env.isAllowlisted(t.id())) {
                        if (callees.isEmpty()) {
                            firstLine = Positions.line(inv);
                        }
                        callees.add(MethodIds.simpleName(t.id()) + " (" + escaped + ", line " + Positions.line(inv)
                                + ")");
                    }
                }
            }
            if (!callees.isEmpty()) {
                out.add(new Draft(D.id(), List.of("E"), m.id(), firstLine, m.simpleName() + " passes an IPC "
                        + "buffer to " + String.join(", ", callees) + ", outside the IPC-proper allowlist"));
            }
        }
        return out;
    }

    private static String escapedArgument(FactsEnv env, CtAbstractInvocation<?> inv, String caller) {
        List<CtExpression<?>> args = inv.getArguments();
        for (int i = 0; i < args.size(); i++) {
            for (BufRef b : env.flow().resolve(env.flow().prov(args.get(i), caller))) {
                if (b.kind() == BufRef.Kind.SOURCE) {
                    return "argument " + (i + 1) + ", " + b.describe();
                }
            }
        }
        return null;
    }
}
