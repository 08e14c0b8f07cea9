package sel4.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.InvocationLabel.TCBConfigureSingleStepping;
import static sel4.api.InvocationLabel.TCBGetBreakpoint;
import static sel4.api.InvocationLabel.TCBSetBreakpoint;
import static sel4.api.InvocationLabel.TCBUnsetBreakpoint;
import static sel4.labels.CallerView.alignment;
import static sel4.labels.CallerView.emptyReply;
import static sel4.labels.CallerView.illegal;
import static sel4.labels.CallerView.invalidArgument;
import static sel4.labels.CallerView.range;
import static sel4.labels.CallerView.truncated;
import static sel4.labels.Rig.NO_CAPS;
import static sel4.object.tcb.TcbInvocations.seL4_BreakOnRead;
import static sel4.object.tcb.TcbInvocations.seL4_BreakOnReadWrite;
import static sel4.object.tcb.TcbInvocations.seL4_BreakOnWrite;
import static sel4.object.tcb.TcbInvocations.seL4_DataBreakpoint;
import static sel4.object.tcb.TcbInvocations.seL4_InstructionBreakpoint;
import static sel4.object.tcb.TcbInvocations.seL4_SingleStep;

import java.util.List;
import sel4.api.InvocationLabel;
import sel4.model.Config;
import sel4.object.tcb.ArchTcb;
import sel4.object.tcb.TcbInvocations;
import sel4.user.SyscallResult;
import sel4.user.UserThread;

/**
 * The hardware-debug TCB labels (CONFIG_HARDWARE_DEBUG_API): SetBreakpoint with each argument
 * check of decodeSetBreakpoint and its arch part, GetBreakpoint (legacy R L form: five words
 * through the decode-time buffer, constant length 5), UnsetBreakpoint and
 * ConfigureSingleStepping (legacy A0 form: MR0 written without msgInfo, then the empty reply).
 * Without the debug API every one of them is an illegal operation.
 */
final class TcbDebugCases implements CaseFamily {
    private static final long USER_TOP = TcbInvocations.USER_TOP;
    private static final int WATCH = TcbInvocations.seL4_FirstWatchpoint;
    private static final int LAST = TcbInvocations.seL4_FirstWatchpoint + TcbInvocations.seL4_NumExclusiveWatchpoints - 1;

    @Override
    public String name() {
        return "TCB hardware debug";
    }

    @Override
    public List<LabelCase> cases() {
        CaseList c = new CaseList(Config.aarch64());
        c.success(TCBSetBreakpoint, "programs and enables an instruction breakpoint", r -> {
            UserThread t = r.idleThread("t");
            emptyReply(set(r, t, 1, 0x40_1000L, seL4_InstructionBreakpoint, 0, seL4_BreakOnRead));
            ArchTcb.DebugState d = t.tcb().tcbArch.debug;
            assertThat(d.enabled[1]).isTrue();
            assertThat(d.vaddr[1]).isEqualTo(0x40_1000L);
        });
        c.success(TCBSetBreakpoint, "programs and enables a data watchpoint", r -> {
            UserThread t = r.idleThread("t");
            emptyReply(set(r, t, WATCH, 0x8000, seL4_DataBreakpoint, 8, seL4_BreakOnReadWrite));
            ArchTcb.DebugState d = t.tcb().tcbArch.debug;
            assertThat(d.enabled[WATCH]).isTrue();
            assertThat(d.size[WATCH]).isEqualTo(8);
            assertThat(d.rw[WATCH]).isEqualTo(seL4_BreakOnReadWrite);
        });
        c.error(TCBSetBreakpoint, "TruncatedMessage: fewer than five words", r -> {
            UserThread t = r.idleThread("t");
            truncated(r.call(t.tcbCap(), TCBSetBreakpoint, NO_CAPS, 1, 0x1000, seL4_InstructionBreakpoint, 0));
            assertNothingEnabled(t);
        });
        setError(c, "InvalidArgument 1: address outside user space", 1, USER_TOP, seL4_InstructionBreakpoint, 0,
                seL4_BreakOnRead, 1);
        setError(c, "InvalidArgument 2: neither instruction nor data breakpoint", 1, 0x1000, seL4_SingleStep, 0,
                seL4_BreakOnRead, 2);
        setError(c, "InvalidArgument 3: instruction breakpoint with a size", 1, 0x1000, seL4_InstructionBreakpoint, 4,
                seL4_BreakOnRead, 3);
        setError(c, "InvalidArgument 4: instruction breakpoint not on read", 1, 0x1000, seL4_InstructionBreakpoint, 0,
                seL4_BreakOnWrite, 4);
        setError(c, "InvalidArgument 2: instruction breakpoint in a watchpoint register", WATCH, 0x1000,
                seL4_InstructionBreakpoint, 0, seL4_BreakOnRead, 2);
        setError(c, "InvalidArgument 3: data watchpoint of size 0", WATCH, 0x1000, seL4_DataBreakpoint, 0,
                seL4_BreakOnRead, 3);
        setError(c, "InvalidArgument 2: data watchpoint in an instruction breakpoint register", 0, 0x1000,
                seL4_DataBreakpoint, 4, seL4_BreakOnRead, 2);
        setError(c, "InvalidArgument 3: data watchpoint with an unknown access type", WATCH, 0x1000,
                seL4_DataBreakpoint, 4, 3, 3);
        setError(c, "InvalidArgument 3: data watchpoint size not 1, 2, 4 or 8", WATCH, 0x1000, seL4_DataBreakpoint,
                3, seL4_BreakOnRead, 3);
        c.error(TCBSetBreakpoint, "AlignmentError: address not aligned to the watched size", r -> {
            UserThread t = r.idleThread("t");
            alignment(set(r, t, WATCH, 0x8002, seL4_DataBreakpoint, 4, seL4_BreakOnWrite));
            assertNothingEnabled(t);
        });
        c.error(TCBSetBreakpoint, "RangeError [0, 1]: watchpoint number beyond the exclusive watchpoints", r -> {
            UserThread t = r.idleThread("t");
            range(set(r, t, LAST + 1, 0x8000, seL4_DataBreakpoint, 4, seL4_BreakOnWrite), 0,
                    TcbInvocations.seL4_NumExclusiveWatchpoints - 1);
            assertNothingEnabled(t);
        });

        c.success(TCBGetBreakpoint, "legacy R L form: five words (the fifth in the buffer), length 5", r -> {
            UserThread t = r.idleThread("t");
            r.setUp(t.tcbCap(), TCBSetBreakpoint, NO_CAPS, WATCH + 1, 0x9000, seL4_DataBreakpoint, 4,
                    seL4_BreakOnWrite);
            SyscallResult res = r.call(t.tcbCap(), TCBGetBreakpoint, NO_CAPS, WATCH + 1);
            CallerView.dataReply(res, 0x9000, seL4_DataBreakpoint, 4, seL4_BreakOnWrite, 1);
            assertThat(res.bufferWord(5)).as("word 4 went through the buffer").isEqualTo(1);
        });
        c.error(TCBGetBreakpoint, "TruncatedMessage: no breakpoint number", r ->
                truncated(r.call(r.idleThread("t").tcbCap(), TCBGetBreakpoint, NO_CAPS)));
        c.error(TCBGetBreakpoint, "RangeError [0, 5]: no such breakpoint register", r ->
                range(r.call(r.idleThread("t").tcbCap(), TCBGetBreakpoint, NO_CAPS, LAST + 1), 0, LAST));

        c.success(TCBUnsetBreakpoint, "disables and clears the register", r -> {
            UserThread t = r.idleThread("t");
            r.setUp(t.tcbCap(), TCBSetBreakpoint, NO_CAPS, 2, 0x4000, seL4_InstructionBreakpoint, 0,
                    seL4_BreakOnRead);
            emptyReply(r.call(t.tcbCap(), TCBUnsetBreakpoint, NO_CAPS, 2));
            assertNothingEnabled(t);
            assertThat(t.tcb().tcbArch.debug.vaddr[2]).isZero();
        });
        c.error(TCBUnsetBreakpoint, "TruncatedMessage: no breakpoint number", r ->
                truncated(r.call(r.idleThread("t").tcbCap(), TCBUnsetBreakpoint, NO_CAPS)));
        c.error(TCBUnsetBreakpoint, "RangeError [0, 5]: no such breakpoint register", r ->
                range(r.call(r.idleThread("t").tcbCap(), TCBUnsetBreakpoint, NO_CAPS, LAST + 1), 0, LAST));

        c.legacySuccess(TCBConfigureSingleStepping, "C I", "legacy form: MR0 = breakpoint consumed (1), msgInfo of the empty reply",
                r -> {
                    UserThread t = r.idleThread("t");
                    SyscallResult res = r.call(t.tcbCap(), TCBConfigureSingleStepping, NO_CAPS, 0, 3);
                    emptyReply(res);
                    assertThat(res.mr(0)).as("AArch64 stepping uses a breakpoint register").isEqualTo(1);
                    ArchTcb.DebugState d = t.tcb().tcbArch.debug;
                    assertThat(d.singleStepEnabled).isTrue();
                    assertThat(d.singleStepInstructions).isEqualTo(3);
                });
        c.error(TCBConfigureSingleStepping, "TruncatedMessage: fewer than two words", r -> {
            UserThread t = r.idleThread("t");
            truncated(r.call(t.tcbCap(), TCBConfigureSingleStepping, NO_CAPS, 0));
            assertThat(t.tcb().tcbArch.debug.singleStepEnabled).isFalse();
        });

        // Without CONFIG_HARDWARE_DEBUG_API the labels do not exist for the TCB decoder.
        CaseList off = c.on(Config.aarch64().toBuilder().hardwareDebugApi(false).build());
        for (InvocationLabel l : List.of(TCBSetBreakpoint, TCBGetBreakpoint, TCBUnsetBreakpoint,
                TCBConfigureSingleStepping)) {
            off.error(l, "IllegalOperation: kernel built without the hardware debug API", r -> {
                UserThread t = r.idleThread("t");
                illegal(r.call(t.tcbCap(), l, NO_CAPS, WATCH, 0x8000, seL4_DataBreakpoint, 4, seL4_BreakOnWrite));
                assertNothingEnabled(t);
                assertThat(t.tcb().tcbArch.debug.singleStepEnabled).isFalse();
            });
        }
        return c.rows();
    }

    private static SyscallResult set(Rig r, UserThread t, int bp, long vaddr, int type, long size, long rw) {
        return r.call(t.tcbCap(), TCBSetBreakpoint, NO_CAPS, bp, vaddr, type, size, rw);
    }

    private static void setError(CaseList c, String check, int bp, long vaddr, int type, long size, long rw,
                                 long argument) {
        c.error(TCBSetBreakpoint, check, r -> {
            UserThread t = r.idleThread("t");
            invalidArgument(set(r, t, bp, vaddr, type, size, rw), argument);
            assertNothingEnabled(t);
        });
    }

    private static void assertNothingEnabled(UserThread t) {
        for (boolean e : t.tcb().tcbArch.debug.enabled) {
            assertThat(e).isFalse();
        }
    }
}
