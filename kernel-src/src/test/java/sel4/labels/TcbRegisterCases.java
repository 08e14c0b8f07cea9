package sel4.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.InvocationLabel.TCBCopyRegisters;
import static sel4.api.InvocationLabel.TCBReadRegisters;
import static sel4.api.InvocationLabel.TCBResume;
import static sel4.api.InvocationLabel.TCBSetFlags;
import static sel4.api.InvocationLabel.TCBSetTLSBase;
import static sel4.api.InvocationLabel.TCBSuspend;
import static sel4.api.InvocationLabel.TCBWriteRegisters;
import static sel4.labels.CallerView.dataReply;
import static sel4.labels.CallerView.emptyReply;
import static sel4.labels.CallerView.illegal;
import static sel4.labels.CallerView.invalidCapability;
import static sel4.labels.CallerView.range;
import static sel4.labels.CallerView.truncated;
import static sel4.labels.Rig.NO_CAPS;
import static sel4.labels.Rig.ROOT_TCB;
import static sel4.labels.Rig.caps;

import java.util.List;
import sel4.kernel.KernelModule;
import sel4.machine.Registers;
import sel4.model.Config;
import sel4.object.notification.Notification;
import sel4.object.notification.NtfnState;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadStateType;
import sel4.user.SyscallResult;
import sel4.user.UserThread;

/**
 * The TCB labels that move register contents and run state (src/object/tcb.c): ReadRegisters,
 * WriteRegisters, CopyRegisters, Suspend, Resume, SetTLSBase and SetFlags. Suspend and Resume
 * have no decoder check of their own; their error case is the MCS first-phase rejection that
 * applies to every thread cap.
 */
final class TcbRegisterCases implements CaseFamily {
    private static final int[] FRAME = Registers.AARCH64_FRAME_REGISTERS;
    private static final int MAX_REGS = Registers.AARCH64_FRAME_REGISTERS.length
            + Registers.AARCH64_GP_REGISTERS.length;

    @Override
    public String name() {
        return "TCB registers and run state";
    }

    @Override
    public List<LabelCase> cases() {
        return new CaseList(Config.aarch64())
                .success(TCBReadRegisters, "n registers in seL4_UserContext order, conforming reply of n words",
                        TcbRegisterCases::readRegisters)
                .success(TCBReadRegisters, "the suspend flag suspends the source first", TcbRegisterCases::readAndSuspend)
                .error(TCBReadRegisters, "TruncatedMessage: fewer than two words", r ->
                        truncated(r.call(target(r), TCBReadRegisters, NO_CAPS, 0)))
                .error(TCBReadRegisters, "RangeError [1, 36]: no register or more than the context holds", r -> {
                    long t = target(r);
                    range(r.call(t, TCBReadRegisters, NO_CAPS, 0, 0), 1, MAX_REGS);
                    range(r.call(t, TCBReadRegisters, NO_CAPS, 0, MAX_REGS + 1), 1, MAX_REGS);
                })
                .error(TCBReadRegisters, "IllegalOperation: reading the caller's own registers", r ->
                        illegal(r.call(ROOT_TCB, TCBReadRegisters, NO_CAPS, 0, 1)))
                .success(TCBWriteRegisters, "writes the registers and resumes the target at the new PC",
                        TcbRegisterCases::writeRegisters)
                .error(TCBWriteRegisters, "TruncatedMessage: fewer than two words", r ->
                        truncated(r.call(target(r), TCBWriteRegisters, NO_CAPS, 0)))
                .error(TCBWriteRegisters, "TruncatedMessage: fewer values than the count announces", r -> {
                    UserThread t = r.idleThread("t");
                    truncated(r.call(t.tcbCap(), TCBWriteRegisters, NO_CAPS, 0, 3, 0x100, 0x200));
                    assertThat(t.reg(Registers.SP)).isZero();
                })
                .error(TCBWriteRegisters, "IllegalOperation: writing the caller's own registers", r ->
                        illegal(r.call(ROOT_TCB, TCBWriteRegisters, NO_CAPS, 0, 1, 0)))
                .success(TCBCopyRegisters, "copies frame and integer registers from the source",
                        TcbRegisterCases::copyRegisters)
                .error(TCBCopyRegisters, "TruncatedMessage: no flags word or no source cap", r -> {
                    long t = target(r);
                    truncated(r.call(t, TCBCopyRegisters, caps(target(r))));
                    truncated(r.call(t, TCBCopyRegisters, NO_CAPS, 0xc));
                })
                .error(TCBCopyRegisters, "InvalidCapability 1: the source is not a thread", r ->
                        invalidCapability(r.call(target(r), TCBCopyRegisters, caps(r.endpoint()), 0xc), 1))
                .success(TCBSuspend, "a blocked thread leaves its queue and becomes Inactive", TcbRegisterCases::suspend)
                .error(TCBSuspend, "first phase: InvalidCapability 0 for a thread cap, dropped; nothing suspended",
                        TcbRegisterCases::suspendInFirstPhase)
                .success(TCBResume, "an Inactive thread runs its program", TcbRegisterCases::resume)
                .error(TCBResume, "first phase: InvalidCapability 0 for a thread cap, dropped; the thread stays Inactive",
                        TcbRegisterCases::resumeInFirstPhase)
                .success(TCBSetTLSBase, "sets the TLS base register", r -> {
                    UserThread t = r.idleThread("t");
                    emptyReply(r.call(t.tcbCap(), TCBSetTLSBase, NO_CAPS, 0x7000_1000L));
                    assertThat(t.reg(Registers.TLS_BASE)).isEqualTo(0x7000_1000L);
                })
                .error(TCBSetTLSBase, "TruncatedMessage: no TLS base", r -> {
                    UserThread t = r.idleThread("t");
                    truncated(r.call(t.tcbCap(), TCBSetTLSBase, NO_CAPS));
                    assertThat(t.reg(Registers.TLS_BASE)).isZero();
                })
                .success(TCBSetFlags, "sets only defined flags, conforming reply of the new flags word", r -> {
                    UserThread t = r.idleThread("t");
                    SyscallResult res = r.call(t.tcbCap(), TCBSetFlags, NO_CAPS, 0, 0xff);
                    dataReply(res, Tcb.seL4_TCBFlag_fpuDisabled);
                    assertThat(t.tcb().tcbFlags).isEqualTo(Tcb.seL4_TCBFlag_fpuDisabled);
                    dataReply(r.call(t.tcbCap(), TCBSetFlags, NO_CAPS, Tcb.seL4_TCBFlag_fpuDisabled, 0), 0);
                    assertThat(t.tcb().tcbFlags).isZero();
                })
                .error(TCBSetFlags, "TruncatedMessage: fewer than two words", r -> {
                    UserThread t = r.idleThread("t");
                    truncated(r.call(t.tcbCap(), TCBSetFlags, NO_CAPS, 0));
                    assertThat(t.tcb().tcbFlags).isZero();
                })
                .rows();
    }

    /** A thread cap of a thread that was never started. */
    private static long target(Rig r) {
        return r.idleThread("target").tcbCap();
    }

    static void readRegisters(Rig r) {
        UserThread t = r.thread("t").suspended().register(Registers.SP, 0x5000).register(0, 0xa0)
                .register(1, 0xa1).register(3, 0xa3).spawn();
        int n = 7;

        SyscallResult res = r.call(t.tcbCap(), TCBReadRegisters, NO_CAPS, 0, n);

        long[] expected = new long[n];
        for (int i = 0; i < n; i++) {
            expected[i] = KernelModule.getRegister(t.tcb(), FRAME[i]);
        }
        dataReply(res, expected);
        assertThat(res.mr(1)).as("SP").isEqualTo(0x5000);
        assertThat(res.mr(3)).as("X0").isEqualTo(0xa0);
        assertThat(res.mr(6)).as("X3, in the IPC buffer").isEqualTo(0xa3);
        assertThat(t.isInactive()).isTrue();
    }

    static void readAndSuspend(Rig r) {
        long ntfn = r.notification();
        UserThread t = r.spawn("t", 100, b -> b.waitOn(ntfn));
        r.sim.run();
        assertThat(t.isBlocked()).isTrue();

        SyscallResult res = r.call(t.tcbCap(), TCBReadRegisters, NO_CAPS, 1, 1);

        assertThat(res.length()).isEqualTo(1);
        assertThat(t.isInactive()).isTrue();
        assertThat(r.object(ntfn, Notification.class).queue.head).isNull();
    }

    static void writeRegisters(Rig r) {
        long ntfn = r.notification();
        long badged = r.mint(ntfn, sel4.user.RootTask.ALL_RIGHTS, 0x5);
        UserThread t = r.thread("t").suspended().program(b -> b.signal(badged)).spawn();

        emptyReply(r.call(t.tcbCap(), TCBWriteRegisters, NO_CAPS, 1, 2, 0, 0x7770));
        r.sim.run();

        assertThat(t.reg(Registers.SP)).isEqualTo(0x7770);
        Notification n = r.object(ntfn, Notification.class);
        assertThat(n.state).as("the resumed thread ran its program from PC 0").isEqualTo(NtfnState.Active);
        assertThat(n.ntfnMsgIdentifier).isEqualTo(0x5);
    }

    static void copyRegisters(Rig r) {
        UserThread src = r.thread("src").suspended().register(Registers.SP, 0x1234).register(0, 0x42)
                .register(9, 0x99).spawn();
        UserThread dest = r.idleThread("dest");

        // transferFrame (bit 2) | transferInteger (bit 3)
        emptyReply(r.call(dest.tcbCap(), TCBCopyRegisters, caps(src.tcbCap()), 0xc));

        assertThat(dest.reg(Registers.SP)).isEqualTo(0x1234);
        assertThat(dest.reg(0)).isEqualTo(0x42);
        assertThat(dest.reg(9)).isEqualTo(0x99);
    }

    static void suspend(Rig r) {
        long ntfn = r.notification();
        UserThread t = r.spawn("t", 100, b -> b.waitOn(ntfn));
        r.sim.run();

        emptyReply(r.call(t.tcbCap(), TCBSuspend, NO_CAPS));

        assertThat(t.isInactive()).isTrue();
        assertThat(r.object(ntfn, Notification.class).queue.head).isNull();
    }

    static void suspendInFirstPhase(Rig r) {
        long ntfn = r.notification();
        UserThread t = r.spawn("t", 100, b -> b.waitOn(ntfn));
        r.sim.run();

        Probes.nbSendRecv(r, t.tcbCap(), TCBSuspend, NO_CAPS);

        assertThat(t.state().tsType()).isEqualTo(ThreadStateType.BlockedOnNotification);
    }

    static void resume(Rig r) {
        long ntfn = r.notification();
        UserThread t = r.thread("t").suspended().program(b -> b.signal(ntfn)).spawn();

        emptyReply(r.call(t.tcbCap(), TCBResume, NO_CAPS));
        r.sim.run();

        assertThat(r.object(ntfn, Notification.class).state).isEqualTo(NtfnState.Active);
    }

    static void resumeInFirstPhase(Rig r) {
        long ntfn = r.notification();
        UserThread t = r.thread("t").suspended().program(b -> b.signal(ntfn)).spawn();

        Probes.nbSendRecv(r, t.tcbCap(), TCBResume, NO_CAPS);

        assertThat(t.isInactive()).isTrue();
        assertThat(r.object(ntfn, Notification.class).state).isEqualTo(NtfnState.Idle);
    }
}
