// contract: rule packs load from YAML and every malformed pack (bad YAML, unknown key, missing key, wrong type, bad regular expression, argument position out of range, conflicting merge) is rejected with a message naming the file and the key.
package kreply.analyzer.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kreply.analyzer.TestPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackLoaderTest {
    static String base() throws Exception {
        return Files.readString(TestPaths.kernelPack());
    }

    @Test
    void bundledPackLoads() throws Exception {
        RulePack p = new PackLoader().load(TestPaths.kernelPack());
        assertThat(p.name()).isEqualTo("sel4-kernel");
        assertThat(p.nMsgRegisters()).isEqualTo(4);
        assertThat(p.rootSpec("invokeReadVMCS")).hasValueSatisfying(r -> assertThat(r.entryState()).isEqualTo(
                "Restart"));
        assertThat(p.rootSpec("decodeARMCBInvocation")).hasValueSatisfying(r -> assertThat(r.perform()).isFalse());
        assertThat(p.isAllowlisted("decodeTCBInvocation")).isTrue();
        assertThat(p.isAllowlisted("decodeARMCBInvocation")).as("an explicitly named root beats a pattern").isFalse();
        assertThat(p.isAllowlisted("performInvocation_Endpoint")).isTrue();
        assertThat(p.fixFor("queue-block-while-queued")).hasValueSatisfying(f -> assertThat(f.recipe())
                .isEqualTo("queue-guard"));
        assertThat(p.currentThread()).contains(List.of("ksCurSC", "scTcb"));
    }

    private static void rejects(String text, String... fragments) {
        assertThatThrownBy(() -> new PackLoader().parse("bad.yaml", text)).isInstanceOf(PackException.class)
                .hasMessageContaining("bad.yaml").satisfies(e -> {
                    for (String f : fragments) {
                        assertThat(e.getMessage()).contains(f);
                    }
                });
    }

    @Test
    void unknownKey() throws Exception {
        rejects(base() + "\nsurprise: 1\n", "'surprise'", "unknown key");
        rejects(base().replace("  restart: [Restart]", "  restart: [Restart]\n  paused: [Paused]"),
                "threadStates.paused", "unknown key");
    }

    @Test
    void missingKey() throws Exception {
        rejects(base().replace("nMsgRegisters: 4", ""), "'nMsgRegisters'", "missing required key");
        rejects(base().replace("  constructor: seL4_MessageInfo_new\n", ""), "messageInfo.constructor",
                "missing");
    }

    @Test
    void wrongType() throws Exception {
        rejects(base().replace("nMsgRegisters: 4", "nMsgRegisters: four"), "'nMsgRegisters'", "expected an integer",
                "four");
        rejects(base().replace("callFlags: [call, isCall, do_call]", "callFlags: 3"), "'callFlags'");
        rejects(base().replace("    perform: true", "    perform: maybe"), "roots[2].perform", "true or false");
    }

    @Test
    void badPatternAndPositions() throws Exception {
        rejects(base().replace("patterns: ['Blocked.*']", "patterns: ['Blocked[']"), "threadStates.blocked",
                "bad regular expression");
        rejects(base().replace("{name: lookupIPCBuffer, arity: 2, isReceiver: 0, thread: 1}",
                "{name: lookupIPCBuffer, arity: 2, isReceiver: 0, thread: 5}"), "bufferSources[0].thread",
                "outside 0..1");
        rejects(base().replace("kind: register, name: setRegister", "kind: registr, name: setRegister"),
                "writes[0].kind");
    }

    @Test
    void notYamlAndNotAFile(@TempDir Path dir) throws Exception {
        rejects("name: [unclosed\n", "not valid YAML");
        rejects("- just\n- a list\n", "expected a mapping");
        assertThatThrownBy(() -> new PackLoader().load(dir.resolve("nope.yaml"))).isInstanceOf(PackException.class)
                .hasMessageContaining("nope.yaml").hasMessageContaining("not found");
    }

    @Test
    void mergingDisagreeingPacksFails(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a.yaml");
        Path b = dir.resolve("b.yaml");
        Files.writeString(a, base());
        Files.writeString(b, base().replace("nMsgRegisters: 4", "nMsgRegisters: 1").replace("name: sel4-kernel",
                "name: ia32"));
        assertThatThrownBy(() -> new PackLoader().load(List.of(a, b))).isInstanceOf(PackException.class)
                .hasMessageContaining("b.yaml").hasMessageContaining("nMsgRegisters");
        Files.writeString(b, base().replace("name: sel4-kernel", "name: extra")
                .replace("callFlags: [call, isCall, do_call]", "callFlags: [wantsReply]"));
        RulePack merged = new PackLoader().load(List.of(a, b));
        assertThat(merged.callFlags().matches("wantsReply")).isTrue();
        assertThat(merged.callFlags().matches("call")).isTrue();
    }
}
