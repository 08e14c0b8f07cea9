// contract: every TCB invocation decoder answers bad arguments with seL4's syscall error and leaves the caller untouched; the legacy and conforming reply forms write exactly what LEGACY-REPLY-BUGS §A6–A8 says.
package sel4.object.tcb;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.ExceptionT.EXCEPTION_NONE;
import static sel4.api.ExceptionT.EXCEPTION_SYSCALL_ERROR;
import static sel4.object.tcb.TcbInvocations.seL4_BreakOnRead;
import static sel4.object.tcb.TcbInvocations.seL4_BreakOnWrite;
import static sel4.object.tcb.TcbInvocations.seL4_DataBreakpoint;
import static sel4.object.tcb.TcbInvocations.seL4_InstructionBreakpoint;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sel4.api.EntryTestSupport;
import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.Syscall;
import sel4.api.SyscallError;
import sel4.machine.Registers;
import sel4.model.Config;
import sel4.object.cap.Cap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.NotificationCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.SchedContextCap;
import sel4.object.cap.ThreadCap;
import sel4.object.cnode.Cte;
import sel4.object.endpoint.Endpoint;
import sel4.object.frame.IpcBuffer;
import sel4.object.notification.Notification;
import sel4.object.schedcontext.SchedContext;

class TcbInvocationsTest {
    private EntryTestSupport w;
    private Tcb ct;
    private Tcb target;
    private Cap targetCap;
    private Cte targetSlot;
    private long[] ctRegistersBefore;

    @BeforeEach
    void setUp() {
        w = new EntryTestSupport();
        ct = w.client;
        target = w.newThread("target", 50);
        targetSlot = w.slot(w.capOf(target));
        targetCap = targetSlot.cap;
    }

    private IpcBuffer buffer(Tcb t) {
        return new IpcBuffer(w.bufferFrame(t), (t.tcbIPCBuffer & 0xfff) / 8);
    }

    private void extraCaps(Cap... caps) {
        Arrays.fill(w.ks.current_extra_caps, null);
        for (int i = 0; i < caps.length; i++) {
            Cte c = new Cte(null, i);
            c.cap = caps[i];
            w.ks.current_extra_caps[i] = c;
        }
    }

    /** Calls the decoder as handleInvocation would, with ct's message set to {@code words}. */
    private ExceptionT decode(InvocationLabel label, Cap cap, boolean call, long... words) {
        w.setMessage(ct, label.label(), 0, words);
        ctRegistersBefore = ct.tcbArch.tcbContext.registers.clone();
        return w.k.tcbInvocations.decodeTCBInvocation(label.label(), words.length, cap, targetSlot, call, buffer(ct));
    }

    private ExceptionT decode(InvocationLabel label, long... words) {
        return decode(label, targetCap, true, words);
    }

    private void assertError(ExceptionT result, SyscallError expected) {
        assertThat(result).isEqualTo(EXCEPTION_SYSCALL_ERROR);
        assertThat(w.ks.current_syscall_error).isEqualTo(expected);
        // A decode error changes nothing the caller can see; handleInvocation does the reply.
        assertThat(ct.tcbArch.tcbContext.registers).isEqualTo(ctRegistersBefore);
        assertThat(ct.tcbState).isSameAs(ThreadState.Running);
    }

    // ---- dispatcher ----

    @Test
    void labelsOfOtherObjectsAreIllegalOnAThreadCap() {
        assertError(decode(InvocationLabel.CNodeCopy), SyscallError.illegalOperation());
        assertError(decode(InvocationLabel.InvalidInvocation), SyscallError.illegalOperation());
        w.setMessage(ct, 0, 0);
        ctRegistersBefore = ct.tcbArch.tcbContext.registers.clone();
        assertError(w.k.tcbInvocations.decodeTCBInvocation(-1L, 0, targetCap, targetSlot, true, null),
                SyscallError.illegalOperation());
    }

    @Test
    void debugLabelsAreIllegalWithoutTheHardwareDebugApi() {
        w = new EntryTestSupport(Config.aarch64().toBuilder().hardwareDebugApi(false).build());
        ct = w.client;
        target = w.newThread("target", 50);
        targetSlot = w.slot(w.capOf(target));
        targetCap = targetSlot.cap;
        for (InvocationLabel l : new InvocationLabel[] {InvocationLabel.TCBConfigureSingleStepping,
                InvocationLabel.TCBSetBreakpoint, InvocationLabel.TCBGetBreakpoint, InvocationLabel.TCBUnsetBreakpoint}) {
            assertError(decode(l, 0, 0, 0, 0, 0), SyscallError.illegalOperation());
        }
    }

    // ---- registers ----

    @Test
    void readRegistersNeedsFlagsAndCount() {
        assertError(decode(InvocationLabel.TCBReadRegisters, 0), SyscallError.truncatedMessage());
    }

    @Test
    void writeRegistersChecksTheMessageHoldsTheValues() {
        assertError(decode(InvocationLabel.TCBWriteRegisters, 0), SyscallError.truncatedMessage());
        assertError(decode(InvocationLabel.TCBWriteRegisters, 0, 2, 7), SyscallError.truncatedMessage());
        // A huge count (negative as a signed word) is still "more than the message holds".
        assertError(decode(InvocationLabel.TCBWriteRegisters, 0, -1L, 7, 8), SyscallError.truncatedMessage());
    }

    @Test
    void writeRegistersOfTheCallerItselfIsIllegal() {
        Cap own = w.slot(w.clientCptr).cap;
        assertError(decode(InvocationLabel.TCBWriteRegisters, own, true, 0, 0), SyscallError.illegalOperation());
    }

    @Test
    void copyRegistersNeedsASourceThreadCap() {
        extraCaps();
        assertError(decode(InvocationLabel.TCBCopyRegisters, 0), SyscallError.truncatedMessage());
        extraCaps(new EndpointCap(w.newEndpoint(), 0, true, true, true, true));
        assertError(decode(InvocationLabel.TCBCopyRegisters), SyscallError.truncatedMessage());
        assertError(decode(InvocationLabel.TCBCopyRegisters, 0xf), SyscallError.invalidCapability(1));
    }

    // ---- thread control ----

    @Test
    void configureSetSpaceAndSetIpcBufferNeedTheirArgumentsAndCaps() {
        extraCaps(NullCap.INSTANCE, NullCap.INSTANCE);
        assertError(decode(InvocationLabel.TCBConfigure, 0, 0, 0), SyscallError.truncatedMessage());
        extraCaps(NullCap.INSTANCE, NullCap.INSTANCE, NullCap.INSTANCE);
        assertError(decode(InvocationLabel.TCBConfigure, 0, 0), SyscallError.truncatedMessage());
        assertError(decode(InvocationLabel.TCBSetSpace, 0), SyscallError.truncatedMessage());
        extraCaps(NullCap.INSTANCE, NullCap.INSTANCE);
        assertError(decode(InvocationLabel.TCBSetSpace, 0, 0), SyscallError.truncatedMessage());
        extraCaps();
        assertError(decode(InvocationLabel.TCBSetIPCBuffer, 0x1000), SyscallError.truncatedMessage());
        extraCaps(NullCap.INSTANCE);
        assertError(decode(InvocationLabel.TCBSetIPCBuffer), SyscallError.truncatedMessage());
    }

    @Test
    void setPriorityIsBoundedByTheAuthoritysMcp() {
        Tcb auth = w.newThread("auth", 40);
        auth.tcbMCP = 40;
        extraCaps();
        assertError(decode(InvocationLabel.TCBSetPriority, 10), SyscallError.truncatedMessage());
        extraCaps(new EndpointCap(w.newEndpoint(), 0, true, true, true, true));
        assertError(decode(InvocationLabel.TCBSetPriority, 10), SyscallError.invalidCapability(1));
        extraCaps(new ThreadCap(auth));
        assertError(decode(InvocationLabel.TCBSetPriority, 41), SyscallError.rangeError(0, 40));
        assertError(decode(InvocationLabel.TCBSetPriority, -1L), SyscallError.rangeError(0, 40));
        assertError(decode(InvocationLabel.TCBSetMCPriority, 256), SyscallError.rangeError(0, 40));
        extraCaps(NullCap.INSTANCE);
        assertError(decode(InvocationLabel.TCBSetMCPriority, 1), SyscallError.invalidCapability(1));
        assertThat(target.tcbPriority).isEqualTo(50);
        assertThat(target.tcbMCP).isEqualTo(50);
    }

    @Test
    void setSchedParamsChecksEveryArgument() {
        Tcb auth = w.newThread("auth", 40);
        Cap fh = new EndpointCap(w.newEndpoint(), 0, true, false, true, false);
        SchedContext free = new SchedContext(w.alloc(8), 8);
        w.ks.ksPSpace.insert(free);

        extraCaps(new ThreadCap(auth), new SchedContextCap(free, 8));
        assertError(decode(InvocationLabel.TCBSetSchedParams, 1, 1), SyscallError.truncatedMessage());
        extraCaps(new ThreadCap(auth), new SchedContextCap(free, 8), fh);
        assertError(decode(InvocationLabel.TCBSetSchedParams, 1), SyscallError.truncatedMessage());
        extraCaps(NullCap.INSTANCE, new SchedContextCap(free, 8), fh);
        assertError(decode(InvocationLabel.TCBSetSchedParams, 1, 1), SyscallError.invalidCapability(1));
        extraCaps(new ThreadCap(auth), new SchedContextCap(free, 8), fh);
        assertError(decode(InvocationLabel.TCBSetSchedParams, 41, 1), SyscallError.rangeError(0, 40));
        assertError(decode(InvocationLabel.TCBSetSchedParams, 1, 41), SyscallError.rangeError(0, 40));

        extraCaps(new ThreadCap(auth), fh, fh);
        assertError(decode(InvocationLabel.TCBSetSchedParams, 1, 1), SyscallError.invalidCapability(2));

        // The target already runs on another SC.
        w.giveRoundRobinSc(target);
        extraCaps(new ThreadCap(auth), new SchedContextCap(free, 8), fh);
        assertError(decode(InvocationLabel.TCBSetSchedParams, 1, 1), SyscallError.illegalOperation());
        // The SC is already bound to another thread.
        Tcb other = w.newThread("other", 1);
        SchedContext taken = w.giveRoundRobinSc(other);
        Tcb bare = w.newThread("bare", 1);
        Cap bareCap = w.slot(w.capOf(bare)).cap;
        extraCaps(new ThreadCap(auth), new SchedContextCap(taken, 8), fh);
        assertError(decode(InvocationLabel.TCBSetSchedParams, bareCap, true, 1, 1), SyscallError.illegalOperation());
        // The current thread cannot lose its SC.
        extraCaps(new ThreadCap(ct), NullCap.INSTANCE, fh);
        assertError(decode(InvocationLabel.TCBSetSchedParams, w.slot(w.clientCptr).cap, true, 1, 1),
                SyscallError.illegalOperation());
        // A fault handler must be an endpoint with send and grant or grant-reply rights.
        extraCaps(new ThreadCap(auth), NullCap.INSTANCE, new EndpointCap(w.newEndpoint(), 0, true, true, false, false));
        assertError(decode(InvocationLabel.TCBSetSchedParams, bareCap, true, 1, 1), SyscallError.invalidCapability(3));

        assertThat(bare.tcbSchedContext).isNull();
        assertThat(bare.tcbCTE[Tcb.tcbFaultHandler].cap).isInstanceOf(NullCap.class);
    }

    @Test
    void timeoutEndpointMustBeAValidHandler() {
        extraCaps();
        assertError(decode(InvocationLabel.TCBSetTimeoutEndpoint), SyscallError.truncatedMessage());
        extraCaps(new NotificationCap(w.newNotification(), 0, true, true));
        assertError(decode(InvocationLabel.TCBSetTimeoutEndpoint), SyscallError.invalidCapability(1));
        extraCaps(new EndpointCap(w.newEndpoint(), 0, false, true, true, true));
        assertError(decode(InvocationLabel.TCBSetTimeoutEndpoint), SyscallError.invalidCapability(1));
        assertThat(target.tcbCTE[Tcb.tcbTimeoutHandler].cap).isInstanceOf(NullCap.class);
    }

    @Test
    void validFaultHandlerFollowsSeL4() {
        Endpoint ep = w.newEndpoint();
        assertThat(TcbInvocations.validFaultHandler(NullCap.INSTANCE)).isTrue();
        assertThat(TcbInvocations.validFaultHandler(new EndpointCap(ep, 0, true, false, true, false))).isTrue();
        assertThat(TcbInvocations.validFaultHandler(new EndpointCap(ep, 0, true, false, false, true))).isTrue();
        assertThat(TcbInvocations.validFaultHandler(new EndpointCap(ep, 0, true, true, false, false))).isFalse();
        assertThat(TcbInvocations.validFaultHandler(new EndpointCap(ep, 0, false, true, true, true))).isFalse();
        assertThat(TcbInvocations.validFaultHandler(new ThreadCap(ct))).isFalse();
    }

    // ---- notifications ----

    @Test
    void bindNotificationChecksThreadAndNotification() {
        Notification n = w.newNotification();
        extraCaps();
        assertError(decode(InvocationLabel.TCBBindNotification), SyscallError.truncatedMessage());
        extraCaps(new EndpointCap(w.newEndpoint(), 0, true, true, true, true));
        assertError(decode(InvocationLabel.TCBBindNotification), SyscallError.illegalOperation());
        extraCaps(new NotificationCap(n, 0, true, false));
        assertError(decode(InvocationLabel.TCBBindNotification), SyscallError.illegalOperation());
        n.ntfnBoundTCB = ct;
        extraCaps(new NotificationCap(n, 0, true, true));
        assertError(decode(InvocationLabel.TCBBindNotification), SyscallError.illegalOperation());
        n.ntfnBoundTCB = null;
        target.tcbBoundNotification = w.newNotification();
        assertError(decode(InvocationLabel.TCBBindNotification), SyscallError.illegalOperation());
    }

    @Test
    void unbindNotificationNeedsABoundNotification() {
        assertError(decode(InvocationLabel.TCBUnbindNotification), SyscallError.illegalOperation());
    }

    // ---- TLS and flags ----

    @Test
    void tlsBaseAndFlagsNeedTheirWords() {
        assertError(decode(InvocationLabel.TCBSetTLSBase), SyscallError.truncatedMessage());
        assertError(decode(InvocationLabel.TCBSetFlags, 1), SyscallError.truncatedMessage());
    }

    @Test
    void setTlsBaseOfAnotherThreadWritesOnlyItsRegister() {
        long[] before = ct.tcbArch.tcbContext.registers.clone();
        assertThat(w.k.tcbInvocations.invokeSetTLSBase(target, 0xdead_b000L)).isEqualTo(EXCEPTION_NONE);
        assertThat(target.tcbArch.tcbContext.registers[Registers.TLS_BASE]).isEqualTo(0xdead_b000L);
        assertThat(ct.tcbArch.tcbContext.registers).isEqualTo(before);
    }

    // ---- hardware debug API ----

    @Nested
    class Breakpoints {
        @Test
        void setBreakpointArgumentChecksInSeL4Order() {
            long user = 0x40_0000;
            assertError(decode(InvocationLabel.TCBSetBreakpoint, 0, user, seL4_InstructionBreakpoint, 0),
                    SyscallError.truncatedMessage());
            assertError(decode(InvocationLabel.TCBSetBreakpoint, 0, TcbInvocations.USER_TOP, seL4_InstructionBreakpoint, 0, 0),
                    SyscallError.invalidArgument(1));
            assertError(decode(InvocationLabel.TCBSetBreakpoint, 0, user, 7, 0, 0), SyscallError.invalidArgument(2));
            assertError(decode(InvocationLabel.TCBSetBreakpoint, 0, user, TcbInvocations.seL4_SoftwareBreakRequest, 0, 0),
                    SyscallError.invalidArgument(2));
            assertError(decode(InvocationLabel.TCBSetBreakpoint, 0, user, seL4_InstructionBreakpoint, 4, 0),
                    SyscallError.invalidArgument(3));
            assertError(decode(InvocationLabel.TCBSetBreakpoint, 0, user, seL4_InstructionBreakpoint, 0, seL4_BreakOnWrite),
                    SyscallError.invalidArgument(4));
            assertError(decode(InvocationLabel.TCBSetBreakpoint, 4, user, seL4_InstructionBreakpoint, 0, seL4_BreakOnRead),
                    SyscallError.invalidArgument(2));
            assertError(decode(InvocationLabel.TCBSetBreakpoint, 4, user, seL4_DataBreakpoint, 0, seL4_BreakOnRead),
                    SyscallError.invalidArgument(3));
            assertError(decode(InvocationLabel.TCBSetBreakpoint, 1, user, seL4_DataBreakpoint, 4, seL4_BreakOnRead),
                    SyscallError.invalidArgument(2));
            assertError(decode(InvocationLabel.TCBSetBreakpoint, 4, user, seL4_DataBreakpoint, 4, 3),
                    SyscallError.invalidArgument(3));
            assertError(decode(InvocationLabel.TCBSetBreakpoint, 4, user, seL4_DataBreakpoint, 3, seL4_BreakOnRead),
                    SyscallError.invalidArgument(3));
            assertError(decode(InvocationLabel.TCBSetBreakpoint, 4, user + 2, seL4_DataBreakpoint, 4, seL4_BreakOnRead),
                    SyscallError.alignmentError());
            assertError(decode(InvocationLabel.TCBSetBreakpoint, 6, user, seL4_DataBreakpoint, 4, seL4_BreakOnRead),
                    SyscallError.rangeError(0, TcbInvocations.seL4_NumExclusiveWatchpoints - 1));
            for (boolean enabled : target.tcbArch.debug.enabled) {
                assertThat(enabled).isFalse();
            }
        }

        @Test
        void getAndUnsetRejectNumbersBeyondTheBank() {
            assertError(decode(InvocationLabel.TCBGetBreakpoint), SyscallError.truncatedMessage());
            assertError(decode(InvocationLabel.TCBGetBreakpoint, 6), SyscallError.rangeError(0, 5));
            assertError(decode(InvocationLabel.TCBUnsetBreakpoint, 0xffff), SyscallError.rangeError(0, 5));
            assertError(decode(InvocationLabel.TCBConfigureSingleStepping, 0), SyscallError.truncatedMessage());
        }

        @Test
        void setAndUnsetProgramTheThreadsDebugRegisters() {
            TcbInvocations ti = w.k.tcbInvocations;
            assertThat(ti.invokeSetBreakpoint(target, 5, 0x8000, seL4_DataBreakpoint, 8, TcbInvocations.seL4_BreakOnReadWrite))
                    .isEqualTo(EXCEPTION_NONE);
            ArchTcb.DebugState d = target.tcbArch.debug;
            assertThat(d.enabled[5]).isTrue();
            assertThat(d.vaddr[5]).isEqualTo(0x8000);
            assertThat(d.size[5]).isEqualTo(8);
            assertThat(d.rw[5]).isEqualTo(TcbInvocations.seL4_BreakOnReadWrite);
            ti.invokeUnsetBreakpoint(target, 5);
            assertThat(d.enabled[5]).isFalse();
            assertThat(d.vaddr[5]).isZero();
        }

        /** LEGACY-REPLY-BUGS §A6: the A0 form writes MR0 and nothing else, whatever the syscall. */
        // legacy-form: pins C, I, B and R~ of invokeConfigureSingleStepping (MR0 only, no msgInfo, badge kept, Restart left)
        @Tag("legacy-form")
        @Test
        void configureSingleSteppingA0FormWritesOnlyMessageRegister0() {
            ct.tcbState = ThreadState.Restart; // as the decoder leaves it
            EntryTestSupport.setRegister(ct, Registers.badgeRegister, 0x77);
            EntryTestSupport.setRegister(ct, Registers.msgInfoRegister, 0x1234);
            EntryTestSupport.setRegister(ct, Registers.msgRegisters[0], 99);
            IpcBuffer buf = buffer(ct);
            long writesBefore = buf.frame().kernelWrites();

            assertThat(w.k.tcbInvocations.invokeConfigureSingleStepping(buf, target, 0, 10)).isEqualTo(EXCEPTION_NONE);

            assertThat(EntryTestSupport.mr(ct, 0)).isEqualTo(1); // AArch64 reports the register consumed
            assertThat(EntryTestSupport.badge(ct)).isEqualTo(0x77); // B: badge not zeroed
            assertThat(EntryTestSupport.getRegister(ct, Registers.msgInfoRegister)).isEqualTo(0x1234); // I
            assertThat(ct.tcbState).isSameAs(ThreadState.Restart); // C: Restart left in place
            assertThat(buf.frame().kernelWrites()).isEqualTo(writesBefore); // R~: index 0 < n
            assertThat(target.tcbArch.debug.singleStepEnabled).isTrue();
            assertThat(target.tcbArch.debug.singleStepInstructions).isEqualTo(10);

            w.k.tcbInvocations.invokeConfigureSingleStepping(buf, target, 0, 0);
            assertThat(EntryTestSupport.mr(ct, 0)).isZero();
            assertThat(target.tcbArch.debug.singleStepEnabled).isFalse();
        }

        @Test
        void singleSteppingOnX86ConsumesNoBreakpointRegister() {
            // Through the syscall entry: the caller reads the reply word whichever part of the kernel writes it.
            w = new EntryTestSupport(Config.x86_64());
            Tcb x = w.newThread("x", 1);
            w.invoke(Syscall.SysCall, w.capOf(x), InvocationLabel.TCBConfigureSingleStepping.label(),
                    EntryTestSupport.caps(), 1, 3);
            assertThat(EntryTestSupport.mr(w.client, 0)).as("breakpoint 1 not consumed").isZero();
            assertThat(x.tcbArch.debug.singleStepEnabled).isTrue();
        }
    }

    // ---- success paths ----

    @Test
    void successfulDecodeSetsRestartBeforeTheInvoke() {
        extraCaps(new ThreadCap(ct));
        assertThat(decode(InvocationLabel.TCBSetPriority, 70)).isEqualTo(EXCEPTION_NONE);
        assertThat(target.tcbPriority).isEqualTo(70);
        // No data: the decoder's Restart stays for handleInvocation, no reply register touched.
        assertThat(ct.tcbState.tsType()).isEqualTo(ThreadStateType.Restart);
        assertThat(ct.tcbArch.tcbContext.registers).isEqualTo(ctRegistersBefore);
    }

    @Test
    void readRegistersRangeIsFramePlusGeneralPurposeRegisters() {
        int max = w.k.arch.frameRegisters().length + w.k.arch.gpRegisters().length;
        assertError(decode(InvocationLabel.TCBReadRegisters, 0, 0), SyscallError.rangeError(1, max));
        assertError(decode(InvocationLabel.TCBReadRegisters, 0, max + 1), SyscallError.rangeError(1, max));
        Cap own = w.slot(w.clientCptr).cap;
        assertError(decode(InvocationLabel.TCBReadRegisters, own, true, 0, 1), SyscallError.illegalOperation());
    }

    @Test
    void readRegistersOnSendComputesNothingVisible() {
        // Through the syscall entry: the caller's registers after the trap are those it sent, and it
        // runs on, whichever part of the kernel would write a Call's reply.
        w.setMessage(ct, InvocationLabel.TCBReadRegisters.label(), 0, 0, 3);
        EntryTestSupport.setRegister(ct, Registers.capRegister, w.capOf(target));
        long[] expected = ct.tcbArch.tcbContext.registers.clone();
        long pc = expected[Registers.NextIP];
        expected[Registers.FaultIP] = pc; // the trap itself moves the instruction pointers
        expected[Registers.NextIP] = pc + 1;
        w.syscall(Syscall.SysSend);
        assertThat(ct.tcbArch.tcbContext.registers).isEqualTo(expected);
        assertThat(ct.tcbState).isSameAs(ThreadState.Running);
    }

    @Test
    void writeRegistersReadsTheValuesThroughTheDecodeTimeBuffer() {
        int[] frame = w.k.arch.frameRegisters();
        // flags 0, count 6: values 2..7, the last two from buffer words 5 and 6.
        assertThat(decode(InvocationLabel.TCBWriteRegisters, 0, 6, 0x1000, 0x2000, 0, 11, 12, 13))
                .isEqualTo(EXCEPTION_NONE);
        assertThat(EntryTestSupport.getRegister(target, frame[0])).isEqualTo(0x1000);
        assertThat(EntryTestSupport.getRegister(target, frame[1])).isEqualTo(0x2000);
        assertThat(EntryTestSupport.getRegister(target, frame[4])).isEqualTo(12);
        assertThat(EntryTestSupport.getRegister(target, frame[5])).isEqualTo(13);
        // The thread resumes at the written PC whether it is Running or Restart.
        assertThat(EntryTestSupport.getRegister(target, Registers.FaultIP)).isEqualTo(0x1000);
        assertThat(EntryTestSupport.getRegister(target, Registers.NextIP)).isEqualTo(0x1000);
        assertThat(ct.tcbState.tsType()).isEqualTo(ThreadStateType.Restart);
    }

    @Test
    void writeRegistersSanitisesTheSavedProcessorState() {
        int[] frame = w.k.arch.frameRegisters();
        int spsrIndex = -1;
        for (int i = 0; i < frame.length; i++) {
            if (frame[i] == Registers.SPSR) {
                spsrIndex = i;
            }
        }
        long[] words = new long[2 + spsrIndex + 1];
        words[1] = spsrIndex + 1;
        words[2 + spsrIndex] = 0xf000_03c5L; // EL1h with all flags: not allowed without a VCPU
        assertThat(decode(InvocationLabel.TCBWriteRegisters, words)).isEqualTo(EXCEPTION_NONE);
        assertThat(EntryTestSupport.getRegister(target, Registers.SPSR)).isEqualTo(0xf000_0040L);
    }

    @Test
    void setSchedParamsBindsAndUnbindsTheSc() {
        SchedContext sc = new SchedContext(w.alloc(8), 8);
        w.ks.ksPSpace.insert(sc);
        Cte fhSlot = new Cte(null, 0);
        fhSlot.cap = NullCap.INSTANCE;
        extraCaps(new ThreadCap(ct), new SchedContextCap(sc, 8));
        Cte[] ex = w.ks.current_extra_caps;
        ex[2] = fhSlot;
        assertThat(decode(InvocationLabel.TCBSetSchedParams, 60, 55)).isEqualTo(EXCEPTION_NONE);
        assertThat(target.tcbSchedContext).isSameAs(sc);
        assertThat(sc.scTcb).isSameAs(target);
        assertThat(target.tcbMCP).isEqualTo(60);
        assertThat(target.tcbPriority).isEqualTo(55);
    }
}
