package kreply.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Set;

import kreply.analyzer.graph.CallGraph;

/** A three-method call graph whose writers record the focus and depth they were asked for. */
final class FakeGraph implements CallGraph {
    static final String ENTRY = "sel4.api.Syscalls#handleSyscall()";
    static final String A = "sel4.object.tcb.TcbInvocations#invokeSetFlags(long)";
    static final String B = "sel4.object.tcb.TcbDecode#invokeSetFlags(int)";

    @Override
    public Set<String> methods() {
        return Set.of(ENTRY, A, B);
    }

    @Override
    public Set<String> callees(String methodId) {
        return methodId.equals(ENTRY) ? Set.of(A, B) : Set.of();
    }

    @Override
    public Set<String> callers(String methodId) {
        return methodId.equals(ENTRY) ? Set.of() : Set.of(ENTRY);
    }

    @Override
    public Set<String> edgeKinds(String from, String to) {
        return Set.of("call");
    }

    @Override
    public List<String> shortestPath(Set<String> entries, String target) {
        return List.of(ENTRY, target);
    }

    @Override
    public List<String> resolve(String name) {
        return methods().stream().filter(m -> m.equals(name) || m.contains("#" + name + "(")
                || m.startsWith(name + "(")).sorted().toList();
    }

    @Override
    public void writeDot(Writer out, String focus, int depth) {
        emit(out, "digraph calls { // focus=" + focus + " depth=" + depth + " }\n");
    }

    @Override
    public void writeGraphML(Writer out, String focus, int depth) {
        emit(out, "<graphml><!-- focus=" + focus + " depth=" + depth + " --></graphml>\n");
    }

    private static void emit(Writer out, String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
