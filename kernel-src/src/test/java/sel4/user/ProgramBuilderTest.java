// contract: programs are built as described (stubs expand to set-up, trap and observe; every program ends with the self-suspending exit; labels resolve; the root script appends work with shifted labels) and malformed programs or messages are rejected with a clear error.
package sel4.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProgramBuilderTest {

    @Test
    void aStubIsSetUpTrapAndObserveAndTheProgramEndsWithExit() {
        ProgramBuilder b = new ProgramBuilder();
        SyscallResult r = b.call(3, 1, 2);
        Program p = b.build("p");
        assertThat(p.instructions()).hasSize(4);
        assertThat(p.instructions().get(0)).isInstanceOf(Instruction.Exec.class);
        assertThat(p.instructions().get(1)).isEqualTo(new Instruction.Trap(-1, r));
        assertThat(p.instructions().get(2)).isEqualTo(new Instruction.Observe(r));
        assertThat(p.instructions().get(3)).isInstanceOf(Instruction.Exit.class);
        assertThat(p.fetch(4)).isNull();
        assertThat(p.fetch(-1)).isNull();
        assertThat(p.isOpenEnd(4)).isFalse();
    }

    @Test
    void labelsResolveToInstructionAddressesAndMustBeUnique() {
        ProgramBuilder b = new ProgramBuilder();
        b.spin(1).label("here").spin(2);
        Program p = b.build("p");
        assertThat(p.labelAddress("here")).isEqualTo(1);
        assertThatThrownBy(() -> p.labelAddress("nowhere")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nowhere");
        assertThatThrownBy(() -> new ProgramBuilder().label("x").label("x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void repeatUnrollsTheBody() {
        Program p = Program.build("p", b -> b.repeat(3, c -> c.spin(5)));
        assertThat(p.instructions()).hasSize(4).startsWith(new Instruction.Spin(5), new Instruction.Spin(5));
    }

    @Test
    void theRootScriptAppendsWorkAndShiftsItsLabels() {
        RootScript s = new RootScript();
        ProgramBuilder first = new ProgramBuilder();
        first.spin(1).spin(1);
        assertThat(s.append(first)).isZero();
        ProgramBuilder second = new ProgramBuilder();
        second.label("start").spin(3);
        assertThat(s.append(second)).isEqualTo(2);
        assertThat(s.size()).isEqualTo(3);
        assertThat(s.labelAddress("start")).isEqualTo(2);
        assertThat(s.isOpenEnd(3)).isTrue();
        assertThat(s.fetch(3)).isNull();
    }

    @Test
    void malformedInputIsRejected() {
        assertThatThrownBy(() -> new Msg(0, new long[121], new long[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Msg(0, new long[0], new long[4])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProgramBuilder().spin(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Msg.of(1, 2, 3, 4, 5, 6).usesBuffer()).as("five words").isTrue();
        assertThat(Msg.of(1, 2).withCaps(9).usesBuffer()).as("an extra cap").isTrue();
        assertThat(Msg.of(1, 2, 3, 4, 5).usesBuffer()).as("four words").isFalse();
    }
}
