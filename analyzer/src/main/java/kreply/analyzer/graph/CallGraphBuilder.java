package kreply.analyzer.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kreply.analyzer.engine.AnalyzeRequest.Dispatch;
import kreply.analyzer.engine.ProgressListener;
import kreply.analyzer.model.MethodInfo;
import kreply.analyzer.model.MethodTable;
import kreply.analyzer.model.Positions;
import spoon.reflect.code.CtAbstractInvocation;
import spoon.reflect.code.CtConstructorCall;
import spoon.reflect.code.CtExecutableReferenceExpression;
import spoon.reflect.code.CtInvocation;
import spoon.reflect.code.CtLambda;
import spoon.reflect.code.CtNewClass;
import spoon.reflect.declaration.CtAnonymousExecutable;
import spoon.reflect.declaration.CtConstructor;
import spoon.reflect.declaration.CtElement;
import spoon.reflect.declaration.CtField;
import spoon.reflect.declaration.CtMethod;
import spoon.reflect.declaration.CtType;

/**
 * Builds the call graph from the model in one pass over the call sites: every method of the model
 * is a vertex; every call site adds edges to its resolved callees with the edge kind; calls inside
 * a lambda are attributed to the enclosing method and also carry the kind {@code lambda}.
 */
public final class CallGraphBuilder {
    private CallGraphBuilder() {
    }

    public static JGraphTCallGraph build(MethodTable table, Dispatch dispatch, ProgressListener progress) {
        List<CtElement> sites = new ArrayList<>();
        sites.addAll(table.invocations());
        sites.addAll(table.methodReferences());
        Set<String> instantiated = new HashSet<>();
        for (CtElement s : sites) {
            if (s instanceof CtNewClass<?> nc && nc.getAnonymousClass() != null) {
                instantiated.add(nc.getAnonymousClass().getQualifiedName());
            } else if (s instanceof CtConstructorCall<?> cc && cc.getType() != null) {
                instantiated.add(cc.getType().getQualifiedName());
            }
        }
        TypeHierarchy hierarchy = new TypeHierarchy(table);
        CallResolver resolver = new CallResolver(table, hierarchy, dispatch, instantiated);
        JGraphTCallGraph g = new JGraphTCallGraph(table, resolver);
        for (MethodInfo m : table.all()) {
            g.addVertex(m.id());
        }
        int done = 0;
        for (CtElement s : sites) {
            if (s instanceof CtInvocation<?> inv) {
                g.addInvokedName(inv.getExecutable().getSimpleName());
            }
            Owner owner = owner(s, table);
            if (owner != null) {
                g.addVertex(owner.id);
                List<Target> targets = resolver.targets(s);
                g.addSite(owner.id, s, targets);
                for (Target t : targets) {
                    g.addVertex(t.id());
                    g.addEdge(owner.id, t.id(), t.kind());
                    if (owner.inLambda) {
                        g.addEdge(owner.id, t.id(), "lambda");
                    }
                }
            }
            if (++done % 5000 == 0) {
                progress.progress("callgraph", done, sites.size());
            }
        }
        progress.progress("callgraph", sites.size(), sites.size());
        return g;
    }

    private record Owner(String id, boolean inLambda) {
    }

    /** The id of the method an element belongs to (lambdas are transparent), or null. */
    public static String ownerId(CtElement e, MethodTable table) {
        Owner o = owner(e, table);
        return o == null ? null : o.id;
    }

    /** The method a call site belongs to (lambdas are transparent), or null. */
    static Owner owner(CtElement site, MethodTable table) {
        boolean lambda = false;
        for (CtElement cur = Positions.parentOrNull(site); cur != null; cur = Positions.parentOrNull(cur)) {
            if (cur instanceof CtLambda<?>) {
                lambda = true;
            } else if (cur instanceof CtMethod<?> || cur instanceof CtConstructor<?>
                    || cur instanceof CtAnonymousExecutable) {
                return new Owner(table.idOf((spoon.reflect.declaration.CtExecutable<?>) cur), lambda);
            } else if (cur instanceof CtField<?> f) {
                CtType<?> t = f.getDeclaringType();
                if (t == null) {
                    return null;
                }
                return new Owner(t.getQualifiedName() + "#" + (f.isStatic() ? "<clinit>" : "<instinit>") + "()",
                        lambda);
            } else if (cur instanceof CtType<?>) {
                return null;
            }
        }
        return null;
    }
}
