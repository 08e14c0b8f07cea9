package sel4.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.InvocationLabel.CNodeDelete;
import static sel4.api.InvocationLabel.SchedContextUnbind;
import static sel4.api.InvocationLabel.TCBBindNotification;
import static sel4.api.InvocationLabel.TCBConfigure;
import static sel4.api.InvocationLabel.TCBSetIPCBuffer;
import static sel4.api.InvocationLabel.TCBSetMCPriority;
import static sel4.api.InvocationLabel.TCBSetPriority;
import static sel4.api.InvocationLabel.TCBSetSchedParams;
import static sel4.api.InvocationLabel.TCBSetSpace;
import static sel4.api.InvocationLabel.TCBSetTimeoutEndpoint;
import static sel4.api.InvocationLabel.TCBUnbindNotification;
import static sel4.labels.CallerView.alignment;
import static sel4.labels.CallerView.emptyReply;
import static sel4.labels.CallerView.illegal;
import static sel4.labels.CallerView.invalidCapability;
import static sel4.labels.CallerView.range;
import static sel4.labels.CallerView.revokeFirst;
import static sel4.labels.CallerView.truncated;
import static sel4.labels.Rig.CNODE;
import static sel4.labels.Rig.DEPTH;
import static sel4.labels.Rig.NO_CAPS;
import static sel4.labels.Rig.NULL;
import static sel4.labels.Rig.ROOT_TCB;
import static sel4.labels.Rig.ROOT_VSPACE;
import static sel4.labels.Rig.caps;

import java.util.List;
import sel4.api.ObjectTypes;
import sel4.arch.aarch64.ArmObjectTypes;
import sel4.arch.aarch64.PageTableCap;
import sel4.model.Config;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.FrameCap;
import sel4.object.cap.NullCap;
import sel4.object.notification.Notification;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.user.RootTask;
import sel4.user.SyscallResult;
import sel4.user.UserThread;

/**
 * The MCS thread-control labels of src/object/tcb.c: Configure, SetSpace, SetIPCBuffer,
 * SetTimeoutEndpoint (invokeTCB_ThreadControlCaps), SetPriority, SetMCPriority, SetSchedParams
 * (invokeTCB_ThreadControlSched), BindNotification and UnbindNotification, each with every
 * check of its decoder in the decoder's order.
 */
final class TcbControlCases implements CaseFamily {
    static final long WRITE = 1;
    static final long READ = 2;
    static final long GRANT = 4;
    private static final long GUARD = RootTask.CNODE_GUARD_DATA;
    private static final long BUFFER = 0x10_0400L;

    @Override
    public String name() {
        return "TCB thread control";
    }

    @Override
    public List<LabelCase> cases() {
        CaseList c = new CaseList(Config.aarch64());
        configure(c);
        setSpace(c);
        setIpcBuffer(c);
        setTimeoutEndpoint(c);
        priorities(c);
        schedParams(c);
        notifications(c);
        return c.rows();
    }

    // ---- Configure ----

    private static void configure(CaseList c) {
        c.success(TCBConfigure, "installs CSpace root (with guard), VSpace root and IPC buffer", r -> {
            long t = r.tcb();
            long frame = r.root.newFrame();
            emptyReply(r.call(t, TCBConfigure, caps(CNODE, ROOT_VSPACE, frame), GUARD, 0, BUFFER));
            Tcb tcb = r.object(t, Tcb.class);
            assertThat(tcb.tcbCTE[Tcb.tcbCTable].cap).isInstanceOf(CNodeCap.class);
            assertThat(((CNodeCap) tcb.tcbCTE[Tcb.tcbCTable].cap).guardSize()).isEqualTo(GUARD);
            assertThat(tcb.tcbCTE[Tcb.tcbVTable].cap).isInstanceOf(PageTableCap.class);
            assertThat(tcb.tcbCTE[Tcb.tcbBuffer].cap).isInstanceOf(FrameCap.class);
            assertThat(tcb.tcbIPCBuffer).isEqualTo(BUFFER);
        });
        c.success(TCBConfigure, "buffer address 0 leaves the thread without IPC buffer", r -> {
            long t = r.tcb();
            emptyReply(r.call(t, TCBConfigure, caps(CNODE, ROOT_VSPACE, r.root.newFrame()), GUARD, 0, 0));
            Tcb tcb = r.object(t, Tcb.class);
            assertThat(tcb.tcbCTE[Tcb.tcbBuffer].cap).isEqualTo(NullCap.INSTANCE);
            assertThat(tcb.tcbCTE[Tcb.tcbCTable].cap).isInstanceOf(CNodeCap.class);
        });
        c.error(TCBConfigure, "TruncatedMessage: fewer than three words or three caps", r -> {
            long t = r.tcb();
            long frame = r.root.newFrame();
            truncated(r.call(t, TCBConfigure, caps(CNODE, ROOT_VSPACE, frame), GUARD, 0));
            truncated(r.call(t, TCBConfigure, caps(CNODE, ROOT_VSPACE), GUARD, 0, BUFFER));
            assertUnconfigured(r, t);
        });
        c.error(TCBConfigure, "IllegalOperation: the buffer cap is not a frame", r -> {
            long t = r.tcb();
            illegal(r.call(t, TCBConfigure, caps(CNODE, ROOT_VSPACE, r.endpoint()), GUARD, 0, BUFFER));
            assertUnconfigured(r, t);
        });
        c.error(TCBConfigure, "IllegalOperation: the buffer cap cannot be derived (unmapped page table)", r -> {
            long t = r.tcb();
            illegal(r.call(t, TCBConfigure, caps(CNODE, ROOT_VSPACE, ArmSpaces.pageTable(r)), GUARD, 0, BUFFER));
            assertUnconfigured(r, t);
        });
        c.error(TCBConfigure, "RevokeFirst: the buffer cap cannot be derived (untyped with children)", r -> {
            long t = r.tcb();
            revokeFirst(r.call(t, TCBConfigure, caps(CNODE, ROOT_VSPACE, untypedWithChild(r)), GUARD, 0, BUFFER));
            assertUnconfigured(r, t);
        });
        c.error(TCBConfigure, "IllegalOperation: the buffer frame is device memory", r -> {
            long t = r.tcb();
            illegal(r.call(t, TCBConfigure, caps(CNODE, ROOT_VSPACE, r.root.newDeviceFrame()), GUARD, 0, BUFFER));
            assertUnconfigured(r, t);
        });
        c.error(TCBConfigure, "AlignmentError: buffer address not aligned to the IPC buffer size", r -> {
            long t = r.tcb();
            alignment(r.call(t, TCBConfigure, caps(CNODE, ROOT_VSPACE, r.root.newFrame()), GUARD, 0, BUFFER + 8));
            assertUnconfigured(r, t);
        });
        c.error(TCBConfigure, "IllegalOperation: the thread's CSpace root would need a long-running delete", r -> {
            long t = lastCNodeCapInThread(r);
            illegal(r.call(t, TCBConfigure, caps(CNODE, ROOT_VSPACE, r.root.newFrame()), GUARD, 0, BUFFER));
            assertThat(r.object(t, Tcb.class).tcbIPCBuffer).isZero();
        });
        c.error(TCBConfigure, "RevokeFirst: the CSpace root cap cannot be derived (untyped with children)", r -> {
            long t = r.tcb();
            revokeFirst(r.call(t, TCBConfigure, caps(untypedWithChild(r), ROOT_VSPACE, r.root.newFrame()), 0, 0,
                    BUFFER));
            assertUnconfigured(r, t);
        });
        c.error(TCBConfigure, "IllegalOperation: the CSpace root is not a CNode", r -> {
            long t = r.tcb();
            illegal(r.call(t, TCBConfigure, caps(r.endpoint(), ROOT_VSPACE, r.root.newFrame()), 0, 0, BUFFER));
            assertUnconfigured(r, t);
        });
        c.error(TCBConfigure, "IllegalOperation: the VSpace root cannot be derived (no ASID)", r -> {
            long t = r.tcb();
            long vspace = r.retype(ArmObjectTypes.seL4_ARM_VSpaceObject, 0);
            illegal(r.call(t, TCBConfigure, caps(CNODE, vspace, r.root.newFrame()), GUARD, 0, BUFFER));
            assertUnconfigured(r, t);
        });
        c.error(TCBConfigure, "RevokeFirst: the VSpace root cap cannot be derived (untyped with children)", r -> {
            long t = r.tcb();
            revokeFirst(r.call(t, TCBConfigure, caps(CNODE, untypedWithChild(r), r.root.newFrame()), GUARD, 0, BUFFER));
            assertUnconfigured(r, t);
        });
        c.error(TCBConfigure, "IllegalOperation: the VSpace root is not a VSpace", r -> {
            long t = r.tcb();
            illegal(r.call(t, TCBConfigure, caps(CNODE, CNODE, r.root.newFrame()), GUARD, 0, BUFFER));
            assertUnconfigured(r, t);
        });
    }

    private static void assertUnconfigured(Rig r, long t) {
        Tcb tcb = r.object(t, Tcb.class);
        for (int slot = 0; slot < Tcb.tcbCNodeEntries; slot++) {
            assertThat(tcb.tcbCTE[slot].cap).as("TCB slot " + slot).isEqualTo(NullCap.INSTANCE);
        }
        assertThat(tcb.tcbIPCBuffer).isZero();
    }

    /**
     * A thread whose CSpace root slot holds the last cap of a CNode: replacing it would be a
     * long-running (preemptible) delete, which the decoders refuse.
     */
    private static long lastCNodeCapInThread(Rig r) {
        long t = r.tcb();
        long cn = r.cnode(4);
        r.setUp(t, TCBConfigure, caps(cn, ROOT_VSPACE, r.root.newFrame()), 0, 0, 0);
        r.setUp(CNODE, CNodeDelete, NO_CAPS, cn, DEPTH);
        assertThat(r.object(t, Tcb.class).tcbCTE[Tcb.tcbCTable].cap).isInstanceOf(CNodeCap.class);
        return t;
    }

    /** An untyped that has a child, so deriving (copying) its cap needs a revoke first. */
    static long untypedWithChild(Rig r) {
        long ut = r.untyped(12);
        r.setUp(ut, sel4.api.InvocationLabel.UntypedRetype, caps(CNODE), ObjectTypes.seL4_EndpointObject, 0, 0, 0,
                r.free(), 1);
        return ut;
    }

    // ---- SetSpace ----

    private static void setSpace(CaseList c) {
        c.success(TCBSetSpace, "installs fault endpoint, CSpace root and VSpace root", r -> {
            long t = r.tcb();
            long ep = r.endpoint();
            emptyReply(r.call(t, TCBSetSpace, caps(ep, CNODE, ROOT_VSPACE), GUARD, 0));
            Tcb tcb = r.object(t, Tcb.class);
            assertThat(tcb.tcbCTE[Tcb.tcbFaultHandler].cap).isInstanceOf(EndpointCap.class);
            assertThat(tcb.tcbCTE[Tcb.tcbCTable].cap).isInstanceOf(CNodeCap.class);
            assertThat(tcb.tcbCTE[Tcb.tcbVTable].cap).isInstanceOf(PageTableCap.class);
        });
        c.error(TCBSetSpace, "TruncatedMessage: fewer than two words or three caps", r -> {
            long t = r.tcb();
            truncated(r.call(t, TCBSetSpace, caps(NULL, CNODE, ROOT_VSPACE), GUARD));
            truncated(r.call(t, TCBSetSpace, caps(NULL, CNODE), GUARD, 0));
            assertUnconfigured(r, t);
        });
        c.error(TCBSetSpace, "IllegalOperation: the thread's CSpace root would need a long-running delete", r -> {
            long t = lastCNodeCapInThread(r);
            illegal(r.call(t, TCBSetSpace, caps(r.endpoint(), CNODE, ROOT_VSPACE), GUARD, 0));
            assertThat(r.object(t, Tcb.class).tcbCTE[Tcb.tcbFaultHandler].cap).isEqualTo(NullCap.INSTANCE);
        });
        c.error(TCBSetSpace, "RevokeFirst: the CSpace root cap cannot be derived (untyped with children)", r -> {
            long t = r.tcb();
            revokeFirst(r.call(t, TCBSetSpace, caps(NULL, untypedWithChild(r), ROOT_VSPACE), 0, 0));
            assertUnconfigured(r, t);
        });
        c.error(TCBSetSpace, "IllegalOperation: the CSpace root is not a CNode", r -> {
            long t = r.tcb();
            illegal(r.call(t, TCBSetSpace, caps(NULL, r.notification(), ROOT_VSPACE), 0, 0));
            assertUnconfigured(r, t);
        });
        c.error(TCBSetSpace, "IllegalOperation: the VSpace root cannot be derived (no ASID)", r -> {
            long t = r.tcb();
            long vspace = r.retype(ArmObjectTypes.seL4_ARM_VSpaceObject, 0);
            illegal(r.call(t, TCBSetSpace, caps(NULL, CNODE, vspace), GUARD, 0));
            assertUnconfigured(r, t);
        });
        c.error(TCBSetSpace, "RevokeFirst: the VSpace root cap cannot be derived (untyped with children)", r -> {
            long t = r.tcb();
            revokeFirst(r.call(t, TCBSetSpace, caps(NULL, CNODE, untypedWithChild(r)), GUARD, 0));
            assertUnconfigured(r, t);
        });
        c.error(TCBSetSpace, "IllegalOperation: the VSpace root is not a VSpace", r -> {
            long t = r.tcb();
            illegal(r.call(t, TCBSetSpace, caps(NULL, CNODE, r.endpoint()), GUARD, 0));
            assertUnconfigured(r, t);
        });
        c.error(TCBSetSpace, "InvalidCapability 1: the fault handler is no endpoint with send and grant", r -> {
            long t = r.tcb();
            long sendOnly = r.copy(r.endpoint(), WRITE);
            invalidCapability(r.call(t, TCBSetSpace, caps(sendOnly, CNODE, ROOT_VSPACE), GUARD, 0), 1);
            invalidCapability(r.call(t, TCBSetSpace, caps(r.notification(), CNODE, ROOT_VSPACE), GUARD, 0), 1);
            assertUnconfigured(r, t);
        });
    }

    // ---- SetIPCBuffer ----

    private static void setIpcBuffer(CaseList c) {
        c.success(TCBSetIPCBuffer, "installs the buffer frame and address", r -> {
            long t = r.tcb();
            emptyReply(r.call(t, TCBSetIPCBuffer, caps(r.root.newFrame()), BUFFER));
            Tcb tcb = r.object(t, Tcb.class);
            assertThat(tcb.tcbIPCBuffer).isEqualTo(BUFFER);
            assertThat(tcb.tcbCTE[Tcb.tcbBuffer].cap).isInstanceOf(FrameCap.class);
        });
        c.success(TCBSetIPCBuffer, "address 0 removes the buffer", r -> {
            long t = r.tcb();
            r.setUp(t, TCBSetIPCBuffer, caps(r.root.newFrame()), BUFFER);
            emptyReply(r.call(t, TCBSetIPCBuffer, caps(NULL), 0));
            Tcb tcb = r.object(t, Tcb.class);
            assertThat(tcb.tcbIPCBuffer).isZero();
            assertThat(tcb.tcbCTE[Tcb.tcbBuffer].cap).isEqualTo(NullCap.INSTANCE);
        });
        c.error(TCBSetIPCBuffer, "TruncatedMessage: no address or no frame cap", r -> {
            long t = r.tcb();
            truncated(r.call(t, TCBSetIPCBuffer, caps(r.root.newFrame())));
            truncated(r.call(t, TCBSetIPCBuffer, NO_CAPS, BUFFER));
            assertUnconfigured(r, t);
        });
        c.error(TCBSetIPCBuffer, "IllegalOperation: the buffer cap is not a frame", r -> {
            long t = r.tcb();
            illegal(r.call(t, TCBSetIPCBuffer, caps(r.endpoint()), BUFFER));
            assertUnconfigured(r, t);
        });
        c.error(TCBSetIPCBuffer, "IllegalOperation: the buffer cap cannot be derived (unmapped page table)", r -> {
            long t = r.tcb();
            illegal(r.call(t, TCBSetIPCBuffer, caps(ArmSpaces.pageTable(r)), BUFFER));
            assertUnconfigured(r, t);
        });
        c.error(TCBSetIPCBuffer, "RevokeFirst: the buffer cap cannot be derived (untyped with children)", r -> {
            long t = r.tcb();
            revokeFirst(r.call(t, TCBSetIPCBuffer, caps(untypedWithChild(r)), BUFFER));
            assertUnconfigured(r, t);
        });
        c.error(TCBSetIPCBuffer, "IllegalOperation: the buffer frame is device memory", r -> {
            long t = r.tcb();
            illegal(r.call(t, TCBSetIPCBuffer, caps(r.root.newDeviceFrame()), BUFFER));
            assertUnconfigured(r, t);
        });
        c.error(TCBSetIPCBuffer, "AlignmentError: address not aligned to the IPC buffer size", r -> {
            long t = r.tcb();
            alignment(r.call(t, TCBSetIPCBuffer, caps(r.root.newFrame()), BUFFER + 0x200));
            assertUnconfigured(r, t);
        });
    }

    // ---- SetTimeoutEndpoint ----

    private static void setTimeoutEndpoint(CaseList c) {
        c.success(TCBSetTimeoutEndpoint, "installs the timeout handler; a null cap removes it", r -> {
            long t = r.tcb();
            emptyReply(r.call(t, TCBSetTimeoutEndpoint, caps(r.endpoint())));
            Tcb tcb = r.object(t, Tcb.class);
            assertThat(tcb.tcbCTE[Tcb.tcbTimeoutHandler].cap).isInstanceOf(EndpointCap.class);
            emptyReply(r.call(t, TCBSetTimeoutEndpoint, caps(NULL)));
            assertThat(tcb.tcbCTE[Tcb.tcbTimeoutHandler].cap).isEqualTo(NullCap.INSTANCE);
        });
        c.error(TCBSetTimeoutEndpoint, "TruncatedMessage: no handler cap", r -> {
            long t = r.tcb();
            truncated(r.call(t, TCBSetTimeoutEndpoint, NO_CAPS));
            assertUnconfigured(r, t);
        });
        c.error(TCBSetTimeoutEndpoint, "InvalidCapability 1: the handler is no endpoint with send and grant", r -> {
            long t = r.tcb();
            long noGrant = r.copy(r.endpoint(), WRITE | READ);
            invalidCapability(r.call(t, TCBSetTimeoutEndpoint, caps(noGrant)), 1);
            invalidCapability(r.call(t, TCBSetTimeoutEndpoint, caps(r.notification())), 1);
            assertUnconfigured(r, t);
        });
    }

    // ---- SetPriority, SetMCPriority ----

    private static void priorities(CaseList c) {
        c.success(TCBSetPriority, "sets the priority, bounded by the authority's MCP", r -> {
            UserThread t = r.idleThread("t");
            emptyReply(r.call(t.tcbCap(), TCBSetPriority, caps(ROOT_TCB), 200));
            assertThat(t.tcb().tcbPriority).isEqualTo(200);
        });
        c.error(TCBSetPriority, "TruncatedMessage: no priority or no authority", r -> {
            UserThread t = r.idleThread("t");
            truncated(r.call(t.tcbCap(), TCBSetPriority, caps(ROOT_TCB)));
            truncated(r.call(t.tcbCap(), TCBSetPriority, NO_CAPS, 7));
            assertThat(t.tcb().tcbPriority).isEqualTo(100);
        });
        c.error(TCBSetPriority, "InvalidCapability 1: the authority is not a thread", r -> {
            UserThread t = r.idleThread("t");
            invalidCapability(r.call(t.tcbCap(), TCBSetPriority, caps(r.endpoint()), 7), 1);
            assertThat(t.tcb().tcbPriority).isEqualTo(100);
        });
        c.error(TCBSetPriority, "RangeError [0, mcp]: priority above the authority's MCP", r -> {
            UserThread t = r.idleThread("t");
            UserThread auth = r.thread("auth").priority(50).mcp(60).suspended().spawn();
            range(r.call(t.tcbCap(), TCBSetPriority, caps(auth.tcbCap()), 61), 0, 60);
            range(r.call(t.tcbCap(), TCBSetPriority, caps(ROOT_TCB), 256), 0, Config.seL4_MaxPrio);
            assertThat(t.tcb().tcbPriority).isEqualTo(100);
        });
        c.success(TCBSetMCPriority, "sets the MCP, bounded by the authority's MCP", r -> {
            UserThread t = r.idleThread("t");
            emptyReply(r.call(t.tcbCap(), TCBSetMCPriority, caps(ROOT_TCB), 42));
            assertThat(t.tcb().tcbMCP).isEqualTo(42);
        });
        c.error(TCBSetMCPriority, "TruncatedMessage: no MCP or no authority", r -> {
            UserThread t = r.idleThread("t");
            truncated(r.call(t.tcbCap(), TCBSetMCPriority, caps(ROOT_TCB)));
            truncated(r.call(t.tcbCap(), TCBSetMCPriority, NO_CAPS, 7));
            assertThat(t.tcb().tcbMCP).isEqualTo(100);
        });
        c.error(TCBSetMCPriority, "InvalidCapability 1: the authority is not a thread", r -> {
            UserThread t = r.idleThread("t");
            invalidCapability(r.call(t.tcbCap(), TCBSetMCPriority, caps(r.notification()), 7), 1);
            assertThat(t.tcb().tcbMCP).isEqualTo(100);
        });
        c.error(TCBSetMCPriority, "RangeError [0, mcp]: MCP above the authority's MCP", r -> {
            UserThread t = r.idleThread("t");
            UserThread auth = r.thread("auth").priority(50).mcp(60).suspended().spawn();
            range(r.call(t.tcbCap(), TCBSetMCPriority, caps(auth.tcbCap()), 61), 0, 60);
            assertThat(t.tcb().tcbMCP).isEqualTo(100);
        });
    }

    // ---- SetSchedParams ----

    private static void schedParams(CaseList c) {
        c.success(TCBSetSchedParams, "sets MCP, priority, fault handler and binds the SC, which makes it run", r -> {
            long ntfn = r.notification();
            UserThread t = r.thread("t").noSchedContext().program(b -> b.signal(ntfn)).spawn();
            long sc = configuredSc(r);
            long ep = r.endpoint();

            emptyReply(r.call(t.tcbCap(), TCBSetSchedParams, caps(ROOT_TCB, sc, ep), 70, 60));
            r.sim.run();

            Tcb tcb = t.tcb();
            assertThat(tcb.tcbMCP).isEqualTo(70);
            assertThat(tcb.tcbPriority).isEqualTo(60);
            assertThat(tcb.tcbCTE[Tcb.tcbFaultHandler].cap).isInstanceOf(EndpointCap.class);
            assertThat(tcb.tcbSchedContext).isSameAs(r.object(sc, SchedContext.class));
            assertThat(r.object(ntfn, Notification.class).state).as("it ran")
                    .isEqualTo(sel4.object.notification.NtfnState.Active);
        });
        c.success(TCBSetSchedParams, "a null SC cap unbinds the thread's SC", r -> {
            UserThread t = r.idleThread("t");
            emptyReply(r.call(t.tcbCap(), TCBSetSchedParams, caps(ROOT_TCB, NULL, NULL), 100, 100));
            assertThat(t.tcb().tcbSchedContext).isNull();
            assertThat(r.object(t.scCap(), SchedContext.class).scTcb).isNull();
        });
        c.error(TCBSetSchedParams, "TruncatedMessage: fewer than two words or three caps", r -> {
            UserThread t = r.idleThread("t");
            truncated(r.call(t.tcbCap(), TCBSetSchedParams, caps(ROOT_TCB, t.scCap(), NULL), 10));
            truncated(r.call(t.tcbCap(), TCBSetSchedParams, caps(ROOT_TCB, t.scCap()), 10, 10));
            assertThat(t.tcb().tcbPriority).isEqualTo(100);
        });
        c.error(TCBSetSchedParams, "InvalidCapability 1: the authority is not a thread", r -> {
            UserThread t = r.idleThread("t");
            invalidCapability(r.call(t.tcbCap(), TCBSetSchedParams, caps(NULL, t.scCap(), NULL), 10, 10), 1);
            assertThat(t.tcb().tcbPriority).isEqualTo(100);
        });
        c.error(TCBSetSchedParams, "RangeError [0, mcp]: MCP or priority above the authority's MCP", r -> {
            UserThread t = r.idleThread("t");
            UserThread auth = r.thread("auth").priority(50).mcp(60).suspended().spawn();
            range(r.call(t.tcbCap(), TCBSetSchedParams, caps(auth.tcbCap(), t.scCap(), NULL), 61, 10), 0, 60);
            range(r.call(t.tcbCap(), TCBSetSchedParams, caps(auth.tcbCap(), t.scCap(), NULL), 10, 61), 0, 60);
            assertThat(t.tcb().tcbPriority).isEqualTo(100);
            assertThat(t.tcb().tcbMCP).isEqualTo(100);
        });
        c.error(TCBSetSchedParams, "IllegalOperation: the thread already has another SC", r -> {
            UserThread t = r.idleThread("t");
            long other = configuredSc(r);
            illegal(r.call(t.tcbCap(), TCBSetSchedParams, caps(ROOT_TCB, other, NULL), 10, 10));
            assertThat(r.object(other, SchedContext.class).scTcb).isNull();
        });
        c.error(TCBSetSchedParams, "IllegalOperation: the SC is bound to another thread", r -> {
            UserThread t = r.thread("t").noSchedContext().suspended().spawn();
            UserThread owner = r.idleThread("owner");
            illegal(r.call(t.tcbCap(), TCBSetSchedParams, caps(ROOT_TCB, owner.scCap(), NULL), 10, 10));
            assertThat(t.tcb().tcbSchedContext).isNull();
        });
        c.error(TCBSetSchedParams, "IllegalOperation: a blocked thread gets an SC whose budget is not released", r -> {
            long sc = unreleasedSc(r);
            UserThread passive = passiveServer(r);
            illegal(r.call(passive.tcbCap(), TCBSetSchedParams, caps(ROOT_TCB, sc, NULL), 100, 100));
            assertThat(passive.tcb().tcbSchedContext).isNull();
        });
        c.error(TCBSetSchedParams, "IllegalOperation: the caller unbinding its own SC", r -> {
            illegal(r.call(ROOT_TCB, TCBSetSchedParams, caps(ROOT_TCB, NULL, NULL), 255, 255));
            assertThat(r.rootTcb().tcbSchedContext).isNotNull();
        });
        c.error(TCBSetSchedParams, "InvalidCapability 2: the SC cap is neither an SC nor null", r -> {
            UserThread t = r.idleThread("t");
            invalidCapability(r.call(t.tcbCap(), TCBSetSchedParams, caps(ROOT_TCB, r.endpoint(), NULL), 10, 10), 2);
            assertThat(t.tcb().tcbPriority).isEqualTo(100);
        });
        c.error(TCBSetSchedParams, "InvalidCapability 3: the fault handler is no endpoint with send and grant", r -> {
            UserThread t = r.idleThread("t");
            invalidCapability(r.call(t.tcbCap(), TCBSetSchedParams, caps(ROOT_TCB, t.scCap(), r.notification()), 10,
                    10), 3);
            assertThat(t.tcb().tcbPriority).isEqualTo(100);
        });
    }

    /** A fresh SC configured round-robin with the minimum budget times ten. */
    static long configuredSc(Rig r) {
        long sc = r.schedContext();
        long budget = 10 * r.k.config.minBudgetUs();
        r.setUp(r.schedControl(), sel4.api.InvocationLabel.SchedControlConfigureFlags, caps(sc), budget, budget, 0, 0,
                0);
        return sc;
    }

    /**
     * An unbound SC whose head refill lies in the future: a thread exhausts its budget, is
     * postponed to the release queue, and its SC is then unbound from it.
     */
    static long unreleasedSc(Rig r) {
        long budget = 10 * r.k.config.minBudgetUs();
        UserThread burner = r.thread("burner").budget(budget, 100 * budget).priority(10)
                .program(b -> b.spin(10 * budget)).spawn();
        r.sim.runUntil(() -> burner.tcb().tcbInReleaseQueue);
        assertThat(burner.tcb().tcbInReleaseQueue).as("burner postponed").isTrue();
        r.setUp(burner.scCap(), SchedContextUnbind, NO_CAPS);
        SchedContext sc = r.object(burner.scCap(), SchedContext.class);
        assertThat(r.k.refills.sc_released(sc)).as("budget not yet released").isFalse();
        return burner.scCap();
    }

    /** A thread blocked in its first receive, its own SC unbound. */
    static UserThread passiveServer(Rig r) {
        long ep = r.endpoint();
        long reply = r.reply();
        UserThread p = r.thread("passive").program(b -> b.recv(ep, reply)).passive().spawn();
        assertThat(p.isBlocked()).isTrue();
        assertThat(p.tcb().tcbSchedContext).isNull();
        return p;
    }

    // ---- Bind / Unbind notification ----

    private static void notifications(CaseList c) {
        c.success(TCBBindNotification, "binds the notification; a signal then wakes the thread's receive", r -> {
            long ntfn = r.notification();
            long ep = r.endpoint();
            long reply = r.reply();
            SyscallResult[] got = new SyscallResult[1];
            UserThread t = r.thread("t").suspended().program(b -> got[0] = b.recv(ep, reply)).spawn();
            emptyReply(r.call(t.tcbCap(), TCBBindNotification, caps(ntfn)));
            assertThat(t.tcb().tcbBoundNotification).isSameAs(r.object(ntfn, Notification.class));

            r.setUp(t.tcbCap(), sel4.api.InvocationLabel.TCBResume, NO_CAPS);
            long badged = r.mint(ntfn, RootTask.ALL_RIGHTS, 0x21);
            r.rootDoes(b -> b.signal(badged));
            r.sim.run();
            assertThat(got[0].badge()).isEqualTo(0x21);
        });
        c.error(TCBBindNotification, "TruncatedMessage: no notification cap", r -> {
            UserThread t = r.idleThread("t");
            truncated(r.call(t.tcbCap(), TCBBindNotification, NO_CAPS));
            assertThat(t.tcb().tcbBoundNotification).isNull();
        });
        c.error(TCBBindNotification, "IllegalOperation: the thread is already bound", r -> {
            UserThread t = r.thread("t").suspended().boundNotification(r.notification()).spawn();
            long other = r.notification();
            illegal(r.call(t.tcbCap(), TCBBindNotification, caps(other)));
            assertThat(r.object(other, Notification.class).ntfnBoundTCB).isNull();
        });
        c.error(TCBBindNotification, "IllegalOperation: the cap is not a notification", r -> {
            UserThread t = r.idleThread("t");
            illegal(r.call(t.tcbCap(), TCBBindNotification, caps(r.endpoint())));
            assertThat(t.tcb().tcbBoundNotification).isNull();
        });
        c.error(TCBBindNotification, "IllegalOperation: the notification cap has no receive right", r -> {
            UserThread t = r.idleThread("t");
            illegal(r.call(t.tcbCap(), TCBBindNotification, caps(r.copy(r.notification(), WRITE))));
            assertThat(t.tcb().tcbBoundNotification).isNull();
        });
        c.error(TCBBindNotification, "IllegalOperation: threads wait on the notification", r -> {
            long ntfn = r.notification();
            r.spawn("waiter", 100, b -> b.waitOn(ntfn));
            r.sim.run();
            UserThread t = r.idleThread("t");
            illegal(r.call(t.tcbCap(), TCBBindNotification, caps(ntfn)));
            assertThat(t.tcb().tcbBoundNotification).isNull();
        });
        c.error(TCBBindNotification, "IllegalOperation: the notification is bound to another thread", r -> {
            long ntfn = r.notification();
            UserThread owner = r.thread("owner").suspended().boundNotification(ntfn).spawn();
            UserThread t = r.idleThread("t");
            illegal(r.call(t.tcbCap(), TCBBindNotification, caps(ntfn)));
            assertThat(r.object(ntfn, Notification.class).ntfnBoundTCB).isSameAs(owner.tcb());
        });
        c.success(TCBUnbindNotification, "unbinds the notification from the thread", r -> {
            long ntfn = r.notification();
            UserThread t = r.thread("t").suspended().boundNotification(ntfn).spawn();
            emptyReply(r.call(t.tcbCap(), TCBUnbindNotification, NO_CAPS));
            assertThat(t.tcb().tcbBoundNotification).isNull();
            assertThat(r.object(ntfn, Notification.class).ntfnBoundTCB).isNull();
        });
        c.error(TCBUnbindNotification, "IllegalOperation: the thread has no bound notification", r -> {
            UserThread t = r.idleThread("t");
            illegal(r.call(t.tcbCap(), TCBUnbindNotification, NO_CAPS));
        });
    }
}
