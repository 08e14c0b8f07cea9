// contract: configurations load from YAML and JSON into validated systems, and every mistake — syntax, unknown field, bad reference, impossible budget, reserved IRQ, misplaced rights — is one clear line naming the file and the field.
package kreply.explore.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final String BASE = """
            endpoints: [ep]
            notifications: [n]
            replies: [r]
            vcpus:
              - {name: v, inject: [{lr: 1, virq: 40}]}
            irqs:
              - {name: dev, line: 40, notification: n, badge: 2}
            threads:
              - name: guest
                priority: 200
                sc: {budget: 1000, period: 1000}
                vcpu: v
                faultHandler: {endpoint: ep, badge: 1}
              - name: vmm
                priority: 100
                sc: {budget: 500, period: 5000, sporadic: true}
                boundNotification: n
                caps: [{name: ep, rights: [receive]}, v, dev]
                waitOn: {endpoint: ep, reply: r}
              - name: srv
                priority: 150
                sc: passive
                waitOn: {endpoint: ep}
            """;

    @TempDir
    Path tmp;

    private SystemConfig parse(String yaml) {
        return new ConfigLoader().parse(yaml, "test.yaml", false, "test");
    }

    private void rejects(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class)
                .hasMessage("test.yaml: " + message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aValidConfigurationDescribesTheSystem() {
        SystemConfig c = parse(BASE);
        assertThat(c.name()).isEqualTo("test");
        assertThat(c.kernel()).isEqualTo(KernelSettings.DEFAULT);
        assertThat(c.threads()).extracting(ThreadSpec::name).containsExactly("guest", "vmm", "srv");
        ThreadSpec guest = c.thread("guest").orElseThrow();
        assertThat(guest.sc().kind()).isEqualTo(ScSpec.Kind.ROUND_ROBIN);
        assertThat(guest.faultHandler()).isEqualTo(new HandlerRef("ep", 1));
        ThreadSpec vmm = c.thread("vmm").orElseThrow();
        assertThat(vmm.sc().kind()).isEqualTo(ScSpec.Kind.SPORADIC);
        assertThat(vmm.cap("ep")).isEqualTo(new CapGrant("ep", false, true, false, false));
        assertThat(vmm.cap("r")).as("the reply it waits with is added").isEqualTo(CapGrant.all("r"));
        assertThat(c.thread("srv").orElseThrow().sc().isPassive()).isTrue();
        assertThat(c.irqs()).containsExactly(new IrqSpec("dev", 40, "n", 2));
        assertThat(c.vcpus().get(0).inject()).containsExactly(new VcpuSpec.Injection(1, 40));
        assertThat(c.longestPeriod()).isEqualTo(5000);
    }

    @Test
    void jsonWritesBackToAnEqualConfiguration() {
        SystemConfig c = parse(BASE);
        SystemConfig again = new ConfigLoader().parse(ConfigJson.write(c), "again.json", true, "x");
        assertThat(again).isEqualTo(c);
    }

    @Test
    void filesAreYamlUnlessTheyEndInJson() throws Exception {
        Path yaml = Files.writeString(tmp.resolve("sys.yml"), BASE);
        assertThat(new ConfigLoader().load(yaml).name()).isEqualTo("sys");
        Path json = Files.writeString(tmp.resolve("sys.json"), ConfigJson.write(parse(BASE)));
        assertThat(new ConfigLoader().load(json).threads()).hasSize(3);
        Path broken = Files.writeString(tmp.resolve("broken.json"), "{\"threads\": [");
        assertThatThrownBy(() -> new ConfigLoader().load(broken)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(broken + ": not valid JSON: ");
        assertThatThrownBy(() -> new ConfigLoader().load(tmp.resolve("missing.yaml")))
                .hasMessage("configuration file not found: " + tmp.resolve("missing.yaml"));
    }

    @Test
    void syntaxErrorsNameTheLine() {
        assertThatThrownBy(() -> parse("threads:\n  - name: [a\n")).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml: not valid YAML: ").hasMessageContaining("(line ");
        rejects("", "the configuration is empty");
        rejects("- a\n- b\n", "the configuration must be a mapping (YAML) or an object (JSON)");
    }

    @Test
    void unknownFieldsAreErrorsNotDefaults() {
        rejects(BASE.replace("sporadic: true", "sporadc: true"),
                "threads[1].sc.sporadc: unknown field (known here: badge, budget, extraRefills, period, sporadic)");
        rejects("colour: red\n" + BASE, "colour: unknown field (known here: description, endpoints, irqs, kernel, name,"
                + " notifications, replies, threads, vcpus)");
    }

    @Test
    void referencesMustNameObjectsOfTheRightKind() {
        rejects(BASE.replace("faultHandler: {endpoint: ep, badge: 1}", "faultHandler: {endpoint: nope}"),
                "threads[0].faultHandler.endpoint: unknown endpoint nope");
        rejects(BASE.replace("faultHandler: {endpoint: ep, badge: 1}", "faultHandler: {endpoint: n}"),
                "threads[0].faultHandler.endpoint: n is a notification, not an endpoint");
        rejects(BASE.replace("vcpu: v", "vcpu: vmm"), "threads[0].vcpu: vmm is a thread, not a vcpu");
        rejects(BASE.replace("caps: [{name: ep, rights: [receive]}, v, dev]", "caps: [guest]"),
                "threads[1].caps[0]: guest is a thread; caps name endpoints, notifications, replies, VCPUs or IRQs");
        rejects(BASE.replace("replies: [r]", "replies: [ep]"), "replies[0]: the name ep is already used by an endpoint");
    }

    @Test
    void budgetsAndPeriodsFollowTheKernelsLimits() {
        rejects(BASE.replace("budget: 1000, period: 1000", "budget: 5, period: 1000"),
                "threads[0].sc.budget: must be between 20 and 3600000000, was 5");
        rejects(BASE.replace("budget: 500, period: 5000", "budget: 500, period: 400"),
                "threads[1].sc.period: must be between 500 and 3600000000, was 400");
        rejects(BASE.replace("sc: {budget: 1000, period: 1000}", "sc: {budget: 1000, period: 1000, sporadic: true}"),
                "threads[0].sc.sporadic: a round-robin SC (budget = period) cannot be sporadic");
        rejects(BASE.replace("sc: {budget: 1000, period: 1000}", "sc: fast"),
                "threads[0].sc: \"fast\" is not an SC; write passive or {budget: B, period: P}");
        rejects("kernel: {wcetUs: 600}\n" + BASE, "threads[0].sc.budget: must be between 1200 and 3600000000, was 1000");
    }

    @Test
    void devicesAndVcpusStayInsideTheHardware() {
        rejects(BASE.replace("line: 40", "line: 27"),
                "irqs[0].line: line 27 is reserved by the kernel (VGIC maintenance 25, kernel timer 26, virtual timer 27)");
        rejects(BASE.replace("{lr: 1, virq: 40}", "{lr: 4, virq: 40}"), "vcpus[0].inject[0].lr: must be between 0 and 3, was 4");
        rejects(BASE.replace("priority: 200", "priority: 255"), "threads[0].priority: must be between 0 and 254, was 255");
        rejects(BASE.replace("boundNotification: n", "boundNotification: n\n    vcpu: v"),
                "threads[1].vcpu: VCPU v is already bound to another thread");
    }

    @Test
    void rightsAndStartupWaitsMustFit() {
        rejects(BASE.replace("caps: [{name: ep, rights: [receive]}, v, dev]", "caps: [{name: ep, rights: [send]}, v, dev]"),
                "threads[1].waitOn: the thread starts by waiting on ep, so its cap needs the receive right");
        rejects(BASE.replace("caps: [{name: ep, rights: [receive]}, v, dev]", "caps: [{name: v, rights: [send]}]"),
                "threads[1].caps[0]: rights apply to endpoint and notification caps only, and v is a vcpu");
        rejects(BASE.replace("rights: [receive]", "rights: [read]"),
                "threads[1].caps[0].rights: unknown right read (rights: send, receive, grant, grantReply)");
        rejects(BASE.replace("    waitOn: {endpoint: ep}\n", ""),
                "threads[2].waitOn: a passive thread must start by receiving on an endpoint (waitOn: {endpoint: ...}),"
                        + " which is where its SC is taken away");
        rejects(BASE.replace("waitOn: {endpoint: ep}", "waitOn: {endpoint: ep, notification: n}"),
                "threads[2].waitOn: give exactly one of endpoint and notification");
    }
}
