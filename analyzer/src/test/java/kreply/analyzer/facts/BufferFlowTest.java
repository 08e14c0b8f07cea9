// contract: IPC buffers are followed by data flow from their lookup through locals, parameters, fields, returns and lambdas (not by type name), so a reply through the decode-time buffer is reported wherever the buffer travelled, and a write-authority buffer never is.
package kreply.analyzer.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import kreply.analyzer.TestSources;
import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BufferFlowTest {
    @TempDir
    Path dir;

    static final String SRC = """
            package flow;
            import fx.*;
            import java.util.function.Supplier;
            public final class Flow extends Module {
                private Object stash;
                public Flow(Kernel k) { super(k); }
                long handleInvocation(boolean isCall, int op) {
                    IpcBuffer buffer = k.arch.lookupIPCBuffer(false, ks.ksCurThread);
                    return decodeAny(op, buffer);
                }
                long decodeAny(int op, IpcBuffer buffer) {
                    stash = buffer;
                    switch (op) {
                        case 1: return invokeLocals(buffer);
                        case 2: return invokeParams(buffer);
                        case 3: return invokeField();
                        case 4: return invokeReturn(buffer);
                        case 5: return invokeLambda(buffer);
                        default: return invokeOwn();
                    }
                }
                long invokeLocals(IpcBuffer buffer) {
                    IpcBuffer a = buffer;
                    IpcBuffer b = a;
                    setMR(ks.ksCurThread, b, 5, 1);
                    return EXCEPTION_NONE;
                }
                long invokeParams(IpcBuffer buffer) {
                    passOn(buffer, 2);
                    return EXCEPTION_NONE;
                }
                private void passOn(IpcBuffer x, long v) {
                    setMR(ks.ksCurThread, x, 6, v);
                }
                long invokeField() {
                    IpcBuffer s = (IpcBuffer) stash;
                    setMR(ks.ksCurThread, s, 4, 3);
                    return EXCEPTION_NONE;
                }
                long invokeReturn(IpcBuffer buffer) {
                    setMR(ks.ksCurThread, same(buffer), 7, 4);
                    return EXCEPTION_NONE;
                }
                private IpcBuffer same(IpcBuffer x) { return x; }
                long invokeLambda(IpcBuffer buffer) {
                    Supplier<IpcBuffer> later = () -> buffer;
                    setMR(ks.ksCurThread, later.get(), 8, 5);
                    return EXCEPTION_NONE;
                }
                long invokeOwn() {
                    setMR(ks.ksCurThread, own(), 9, 6);
                    return EXCEPTION_NONE;
                }
                private IpcBuffer own() { return k.arch.lookupIPCBuffer(true, ks.ksCurThread); }
            }
            """;

    @Test
    void decodeTimeBufferIsFollowedEverywhere() throws Exception {
        TestSources.write(dir, Map.of("flow/Flow.java", SRC));
        AnalysisResult r = TestSources.analyseWithSupport(dir);
        var rs = r.findings().stream().filter(f -> f.ruleId().equals("reply-write-without-authority")).toList();
        assertThat(rs).extracting(f -> f.method().substring(f.method().indexOf('#') + 1) + ":" + f.line())
                .containsExactlyInAnyOrder("invokeLocals:25", "invokeParams:29", "invokeField:37",
                        "invokeReturn:41", "invokeLambda:47");
        assertThat(rs).allSatisfy(f -> {
            assertThat(f.kinds()).containsExactly("R");
            assertThat(f.message()).contains("decode-time buffer");
        });
        Finding params = rs.stream().filter(f -> f.method().endsWith("#invokeParams")).findFirst().orElseThrow();
        assertThat(params.message()).contains("via passOn line 33").contains("MR6");
    }
}
