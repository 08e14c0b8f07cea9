package sel4.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.InvocationLabel.ARMIRQIssueSGISignal;
import static sel4.api.InvocationLabel.CNodeDelete;
import static sel4.api.InvocationLabel.DomainSetSet;
import static sel4.api.InvocationLabel.IRQIssueIRQHandler;
import static sel4.api.InvocationLabel.SchedContextUnbind;
import static sel4.api.InvocationLabel.SchedControlConfigureFlags;
import static sel4.api.InvocationLabel.TCBSetPriority;
import static sel4.api.InvocationLabel.TCBSuspend;
import static sel4.api.InvocationLabel.UntypedRetype;
import static sel4.labels.CallerView.emptyReply;
import static sel4.labels.CallerView.invalidCapability;
import static sel4.labels.Labelless.ENDPOINT;
import static sel4.labels.Labelless.FIRST_PHASE_RULE;
import static sel4.labels.Labelless.NOTIFICATION;
import static sel4.labels.Labelless.REPLY;
import static sel4.labels.Labelless.SGI_SIGNAL;
import static sel4.labels.Rig.CNODE;
import static sel4.labels.Rig.DEPTH;
import static sel4.labels.Rig.DOMAIN;
import static sel4.labels.Rig.IRQ_CONTROL;
import static sel4.labels.Rig.NO_CAPS;
import static sel4.labels.Rig.ROOT_TCB;
import static sel4.labels.Rig.caps;

import java.util.List;
import sel4.api.ObjectTypes;
import sel4.model.Config;
import sel4.model.IRQState;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.IRQHandlerCap;
import sel4.object.notification.Notification;
import sel4.object.notification.NtfnState;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.ThreadStateType;
import sel4.user.Msg;
import sel4.user.RootTask;
import sel4.user.SyscallResult;
import sel4.user.UserThread;

/**
 * The label-less invocations (KERNEL-REFERENCE §5.3: endpoint, notification, reply and SGI-signal
 * caps, whose label the kernel ignores) and the MCS first-phase rule (§5.8): in the send phase of
 * NBSendRecv, ReplyRecv and NBSendWait, thread, domain, SC, SchedControl and CNode caps are
 * refused with InvalidCapability 0 — dropped, since the phase is no Call — while endpoint,
 * notification, reply, untyped, IRQ and arch caps are performed.
 */
final class LabellessCases implements CaseFamily {
    private static final long ALL = RootTask.ALL_RIGHTS;
    /** A label that is also an invocation label: endpoints pass it on untouched. */
    private static final long TCB_LABEL = TCBSuspend.label();

    @Override
    public String name() {
        return "label-less invocations and the first-phase rule";
    }

    @Override
    public List<LabelCase> cases() {
        CaseList c = new CaseList(Config.aarch64());
        endpoint(c);
        notification(c);
        reply(c);
        sgi(c);
        firstPhase(c);
        return c.rows();
    }

    /** A server at priority 150 that takes one request and replies {@code answer} through its reply cap. */
    private static SyscallResult[] server(Rig r, long ep, long reply, Msg answer) {
        SyscallResult[] got = new SyscallResult[1];
        r.spawn("server", 150, b -> {
            got[0] = b.recv(ep, reply);
            b.send(reply, answer);
        });
        r.sim.run();
        return got;
    }

    private static void endpoint(CaseList c) {
        c.success(ENDPOINT, "Call: the server gets label, badge and words; the caller gets the server's reply", r -> {
            long ep = r.endpoint();
            long badged = r.mint(ep, ALL, 0x31);
            SyscallResult[] got = server(r, ep, r.reply(), Msg.of(0, 42));

            SyscallResult res = r.call(badged, TCB_LABEL, NO_CAPS, 41);

            assertThat(got[0].label()).as("the label is the caller's, not an invocation").isEqualTo(TCB_LABEL);
            assertThat(got[0].badge()).isEqualTo(0x31);
            assertThat(got[0].mr(0)).isEqualTo(41);
            CallerView.dataReply(res, 42);
        });
        c.error(ENDPOINT, "InvalidCapability 0: the cap has no send right", r -> {
            long ep = r.endpoint();
            SyscallResult[] got = server(r, ep, r.reply(), Msg.of(0, 42));
            invalidCapability(r.call(r.copy(ep, TcbControlCases.READ), TCB_LABEL, NO_CAPS, 41), 0);
            assertThat(got[0].done()).as("nothing was sent").isFalse();
        });
        c.error(ENDPOINT, "Call without grant or grant-reply right: the caller cannot wait and becomes Inactive", r -> {
            long ep = r.endpoint();
            long reply = r.reply();
            SyscallResult[] got = new SyscallResult[1];
            r.spawn("server", 150, b -> got[0] = b.recv(ep, reply));
            r.sim.run();
            long sendOnly = r.copy(ep, TcbControlCases.WRITE);
            UserThread client = r.spawn("client", 100, b -> b.call(sendOnly, Msg.of(3, 41)));
            r.sim.run();
            assertThat(got[0].mr(0)).as("the message went through").isEqualTo(41);
            assertThat(client.isInactive()).isTrue();
            assertThat(r.object(reply, sel4.object.reply.Reply.class).replyTCB).isNull();
        });
    }

    private static void notification(CaseList c) {
        c.success(NOTIFICATION, "Call signals the badge to a waiting thread, the caller gets the empty reply", r -> {
            long ntfn = r.notification();
            long badged = r.mint(ntfn, ALL, 0x44);
            SyscallResult[] got = new SyscallResult[1];
            r.spawn("waiter", 150, b -> got[0] = b.waitOn(ntfn));
            r.sim.run();

            emptyReply(r.call(badged, TCB_LABEL, NO_CAPS));
            r.sim.run();

            assertThat(got[0].badge()).isEqualTo(0x44);
        });
        c.error(NOTIFICATION, "InvalidCapability 0: the cap has no send right", r -> {
            long ntfn = r.notification();
            invalidCapability(r.call(r.copy(ntfn, TcbControlCases.READ), TCB_LABEL, NO_CAPS), 0);
            assertThat(r.object(ntfn, Notification.class).state).isEqualTo(NtfnState.Idle);
        });
    }

    /** A client at priority 100 calls; the root task receives it with {@code replyCap}. */
    private static SyscallResult[] rootReceivesCall(Rig r, long ep, long replyCap) {
        SyscallResult[] call = new SyscallResult[1];
        r.spawn("client", 100, b -> {
            b.setReceivePath(CNODE, r.free(), DEPTH);
            call[0] = b.call(ep, Msg.of(9, 41));
        });
        SyscallResult[] got = new SyscallResult[1];
        r.rootDoes(b -> got[0] = b.recv(ep, replyCap));
        assertThat(got[0].label()).isEqualTo(9);
        return call;
    }

    private static void reply(CaseList c) {
        c.success(REPLY, "the caller gets the reply message, the replier the empty reply", r -> {
            long ep = r.endpoint();
            long reply = r.reply();
            SyscallResult[] call = rootReceivesCall(r, ep, reply);

            emptyReply(r.call(reply, 5, NO_CAPS, 99));
            r.sim.run();

            assertThat(call[0].label()).isEqualTo(5);
            assertThat(call[0].mr(0)).isEqualTo(99);
        });
        c.error(REPLY, "no caller waits on the reply object: nothing is delivered, the replier gets the empty reply",
                r -> {
                    long reply = r.reply();
                    emptyReply(r.call(reply, 5, NO_CAPS, 99));
                    assertThat(r.object(reply, sel4.object.reply.Reply.class).replyTCB).isNull();
                });
        c.error(REPLY, "a reply cap without grant right transfers no cap", r -> {
            long ep = r.endpoint();
            long noGrant = r.copy(r.reply(), TcbControlCases.READ | TcbControlCases.WRITE);
            SyscallResult[] call = rootReceivesCall(r, ep, noGrant);
            long gift = r.endpoint();

            emptyReply(r.call(noGrant, 5, caps(gift), 99));
            r.sim.run();

            assertThat(call[0].mr(0)).isEqualTo(99);
            assertThat(call[0].info().extraCaps()).as("no cap transferred").isZero();
            assertThat(r.cap(gift)).isInstanceOf(EndpointCap.class);
        });
    }

    private static long sgiCap(Rig r, long irq, long target) {
        long dest = r.free();
        r.setUp(IRQ_CONTROL, ARMIRQIssueSGISignal, caps(CNODE), irq, target, dest, DEPTH);
        return dest;
    }

    private static void sgi(CaseList c) {
        c.success(SGI_SIGNAL, "sends the cap's SGI to its target, whatever the label; empty reply", r -> {
            long sgi = sgiCap(r, 3, 1);
            emptyReply(r.call(sgi, TCB_LABEL, NO_CAPS));
            assertThat(r.arm().hardware().sentSGIs()).containsExactly(new long[] {3, 1});
        });
        c.error(SGI_SIGNAL, "InvalidCapability 0: the SGI cap was deleted; nothing is sent", r -> {
            long sgi = sgiCap(r, 3, 1);
            r.setUp(CNODE, CNodeDelete, NO_CAPS, sgi, DEPTH);
            invalidCapability(r.call(sgi, TCB_LABEL, NO_CAPS), 0);
            assertThat(r.arm().hardware().sentSGIs()).isEmpty();
        });
    }

    private static void firstPhase(CaseList c) {
        c.success(FIRST_PHASE_RULE, "notification caps are performed: the signal arrives", r -> {
            long ntfn = r.notification();
            Probes.nbSendRecv(r, r.mint(ntfn, ALL, 0x8), 0, NO_CAPS);
            Notification n = r.object(ntfn, Notification.class);
            assertThat(n.state).isEqualTo(NtfnState.Active);
            assertThat(n.ntfnMsgIdentifier).isEqualTo(0x8);
        });
        c.success(FIRST_PHASE_RULE, "endpoint caps are performed: a waiting receiver gets the message", r -> {
            long ep = r.endpoint();
            SyscallResult[] got = server(r, ep, r.reply(), Msg.of(0));
            Probes.nbSendRecv(r, ep, 4, NO_CAPS, 77);
            assertThat(got[0].mr(0)).isEqualTo(77);
        });
        c.success(FIRST_PHASE_RULE, "reply caps are performed: ReplyRecv answers the caller, then receives", r -> {
            long ep = r.endpoint();
            long reply = r.reply();
            SyscallResult[] loop = new SyscallResult[2];
            UserThread server = r.spawn("server", 150, b -> {
                loop[0] = b.recv(ep, reply);
                loop[1] = b.replyRecv(ep, Msg.of(0, 42), reply);
            });
            r.sim.run();
            SyscallResult res = r.call(ep, 1, NO_CAPS, 41);
            CallerView.dataReply(res, 42);
            assertThat(server.state().tsType()).isEqualTo(ThreadStateType.BlockedOnReceive);
        });
        c.success(FIRST_PHASE_RULE, "untyped caps are performed: Retype creates the object", r -> {
            long ut = r.untyped(12);
            long dest = r.free();
            Probes.nbSendRecv(r, ut, UntypedRetype, caps(CNODE), ObjectTypes.seL4_EndpointObject, 0, 0, 0, dest, 1);
            assertThat(r.cap(dest)).isInstanceOf(EndpointCap.class);
        });
        c.success(FIRST_PHASE_RULE, "IRQ control caps are performed: a handler is issued", r -> {
            long dest = r.free();
            Probes.nbSendRecv(r, IRQ_CONTROL, IRQIssueIRQHandler, caps(CNODE), 40, dest, DEPTH);
            assertThat(r.cap(dest)).isEqualTo(new IRQHandlerCap(40));
            assertThat(r.ks.intStateIRQTable[40]).isEqualTo(IRQState.IRQSignal);
        });
        c.success(FIRST_PHASE_RULE, "arch caps are performed: an SGI is sent", r -> {
            Probes.nbSendRecv(r, sgiCap(r, 2, 0), 0, NO_CAPS);
            assertThat(r.arm().hardware().sentSGIs()).containsExactly(new long[] {2, 0});
        });
        c.error(FIRST_PHASE_RULE, "thread caps are refused: SetPriority is not performed", r -> {
            UserThread t = r.idleThread("t");
            Probes.nbSendRecv(r, t.tcbCap(), TCBSetPriority, caps(ROOT_TCB), 7);
            assertThat(t.tcb().tcbPriority).isEqualTo(100);
        });
        c.on(Config.aarch64().toBuilder().numDomains(2).build())
                .error(FIRST_PHASE_RULE, "the domain cap is refused: DomainSetSet is not performed", r -> {
                    UserThread t = r.idleThread("t");
                    Probes.nbSendRecv(r, DOMAIN, DomainSetSet, caps(t.tcbCap()), 1);
                    assertThat(t.tcb().tcbDomain).isZero();
                });
        c.error(FIRST_PHASE_RULE, "SC caps are refused: Unbind is not performed", r -> {
            UserThread t = r.idleThread("t");
            Probes.nbSendRecv(r, t.scCap(), SchedContextUnbind, NO_CAPS);
            assertThat(t.tcb().tcbSchedContext).isSameAs(r.object(t.scCap(), SchedContext.class));
        });
        c.error(FIRST_PHASE_RULE, "the SchedControl cap is refused: ConfigureFlags is not performed", r -> {
            long sc = r.schedContext();
            Probes.nbSendRecv(r, r.schedControl(), SchedControlConfigureFlags, caps(sc), 1000, 1000, 0, 0, 0);
            assertThat(r.k.refills.sc_active(r.object(sc, SchedContext.class))).isFalse();
        });
        c.error(FIRST_PHASE_RULE, "CNode caps are refused: Delete is not performed", r -> {
            long ep = r.endpoint();
            Probes.nbSendRecv(r, CNODE, CNodeDelete, NO_CAPS, ep, DEPTH);
            assertThat(r.cap(ep)).isInstanceOf(EndpointCap.class);
        });
    }
}
