// contract: a result handle reports what came back (label, length, badge, message words from registers and buffer) and judges it against the stub's expectation: ok, an seL4 error, or a length mismatch such as a clobbered data reply.
package sel4.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import sel4.api.MessageInfo;

class SyscallResultTest {

    private static Observation obs(long label, int length, long badge, long[] buffer, long... mrs) {
        long[] regs = new long[4];
        System.arraycopy(mrs, 0, regs, 0, mrs.length);
        return new Observation(7, badge, MessageInfo.wordFromMessageInfo(new MessageInfo(label, 0, 0, length)), regs, buffer);
    }

    @Test
    void aDataReplyOfTheExpectedLengthIsOk() {
        SyscallResult r = new SyscallResult("consumed", Expect.reply(1));
        assertThat(r.ok()).isFalse();
        r.record(obs(0, 1, 0, null, 123));
        assertThat(r.ok()).isTrue();
        assertThat(r.isError()).isFalse();
        assertThat(r.lengthMismatch()).isFalse();
        assertThat(r.mr(0)).isEqualTo(123);
        assertThat(r.describe()).contains("expected label 0, length 1").contains("-> ok");
    }

    @Test
    void aClobberedReplyIsALengthMismatchWithTheDataStillInTheRegisters() {
        SyscallResult r = new SyscallResult("GetAddress", Expect.reply(1));
        r.record(obs(0, 0, 0, null, 0x4000_0000L));
        assertThat(r.ok()).isFalse();
        assertThat(r.lengthMismatch()).isTrue();
        assertThat(r.isError()).isFalse();
        assertThat(r.mr(0)).isEqualTo(0x4000_0000L);
        assertThat(r.describe()).contains("-> length mismatch");
    }

    @Test
    void aNonZeroLabelIsAnSeL4Error() {
        SyscallResult r = new SyscallResult("retype", Expect.EMPTY_REPLY);
        r.record(obs(10, 1, 0, null, 4096));
        assertThat(r.isError()).isTrue();
        assertThat(r.error()).isEqualTo(10);
        assertThat(r.errorName()).isEqualTo("seL4_NotEnoughMemory");
        assertThat(r.lengthMismatch()).isFalse();
        assertThat(r.mr(0)).as("bytes available").isEqualTo(4096);
    }

    @Test
    void withoutAnExpectationEveryReturnIsOkAndNothingIsAnError() {
        SyscallResult r = new SyscallResult("recv", Expect.NOTHING);
        r.record(obs(77, 3, 0x99, null, 1, 2, 3));
        assertThat(r.ok()).isTrue();
        assertThat(r.isError()).isFalse();
        assertThat(r.badge()).isEqualTo(0x99);
        assertThat(r.label()).isEqualTo(77);
    }

    @Test
    void messageWordsBeyondTheRegistersComeFromTheBufferCopy() {
        long[] buffer = new long[128];
        buffer[5] = 55;
        SyscallResult r = new SyscallResult("recv", Expect.NOTHING);
        r.record(obs(0, 5, 0, buffer, 1, 2, 3, 4));
        assertThat(r.mr(4)).isEqualTo(55);
        buffer[5] = 0;
        assertThat(r.mr(4)).as("the observation is a copy").isEqualTo(55);

        SyscallResult noBuffer = new SyscallResult("recv", Expect.NOTHING);
        noBuffer.record(obs(0, 5, 0, null, 1, 2, 3, 4));
        assertThatThrownBy(() -> noBuffer.mr(4)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void loopsAccumulateObservationsAndTrapsCountRestarts() {
        SyscallResult r = new SyscallResult("call", Expect.NOTHING);
        r.trapped();
        r.trapped();
        r.record(obs(1, 0, 0, null));
        r.trapped();
        r.record(obs(2, 0, 0, null));
        assertThat(r.count()).isEqualTo(2);
        assertThat(r.traps()).isEqualTo(3);
        assertThat(r.label()).isEqualTo(2);
        assertThat(r.observations().get(0).label()).isEqualTo(1);
        assertThatThrownBy(() -> new SyscallResult("x", Expect.NOTHING).label())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has not returned");
    }
}
