package sel4.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import sel4.api.InvocationLabel;
import sel4.kernel.Kernel;
import sel4.model.BootInfoSlots;
import sel4.model.Config;
import sel4.model.KernelState;
import sel4.object.KernelObject;
import sel4.object.cap.Cap;
import sel4.object.tcb.Tcb;
import sel4.user.Expect;
import sel4.user.ProgramBuilder;
import sel4.user.RootTask;
import sel4.user.Sim;
import sel4.user.SyscallResult;
import sel4.user.ThreadBuilder;
import sel4.user.UserThread;

/**
 * A booted kernel with its root task, and the calls a label case makes through it. Every
 * invocation here is a real syscall the root thread executes (seL4_Call unless named otherwise);
 * the kernel state is only read, for assertions.
 */
final class Rig {
    static final long CNODE = RootTask.CNODE;
    static final int DEPTH = RootTask.DEPTH;
    static final long[] NO_CAPS = {};
    static final long ROOT_TCB = BootInfoSlots.seL4_CapInitThreadTCB;
    static final long ROOT_SC = BootInfoSlots.seL4_CapInitThreadSC;
    static final long ROOT_VSPACE = BootInfoSlots.seL4_CapInitThreadVSpace;
    static final long IRQ_CONTROL = BootInfoSlots.seL4_CapIRQControl;
    static final long DOMAIN = BootInfoSlots.seL4_CapDomain;
    static final long NULL = BootInfoSlots.seL4_CapNull;

    final Sim sim;
    final RootTask root;
    final Kernel k;
    final KernelState ks;

    Rig(Config config) {
        this.sim = Sim.boot(config);
        this.root = sim.root();
        this.k = sim.kernel();
        this.ks = k.ks;
    }

    static long[] caps(long... cptrs) {
        return cptrs;
    }

    // ---- invocations by the root thread ----

    /** seL4_Call on {@code service} with {@code label}, extra caps and message words. */
    SyscallResult call(long service, InvocationLabel label, long[] caps, long... words) {
        return call(service, label.label(), caps, words);
    }

    /** seL4_Call with a raw label number. */
    SyscallResult call(long service, long label, long[] caps, long... words) {
        SyscallResult[] r = new SyscallResult[1];
        root.run(b -> r[0] = b.invoke(service, label, Expect.NOTHING, caps, "call " + label + " on " + service, words));
        assertThat(r[0].done()).as(r[0].describe()).isTrue();
        return r[0];
    }

    /** Runs arbitrary root-task work (several syscalls in one go); results are not checked. */
    void rootDoes(Consumer<ProgramBuilder> work) {
        root.run(work);
    }

    /** Set-up work of many syscalls; fails unless every stub got the reply it expects. */
    void setUpAll(String what, Consumer<ProgramBuilder> work) {
        root.runChecked(what, work);
    }

    /** A call that must succeed (label 0): for set-up steps of a case. */
    void setUp(long service, InvocationLabel label, long[] caps, long... words) {
        SyscallResult r = call(service, label, caps, words);
        assertThat(r.label()).as("set-up step " + label + ": " + r.describe()).isZero();
    }

    // ---- objects, created by the root task through Untyped_Retype ----

    long endpoint() {
        return root.newEndpoint();
    }

    long notification() {
        return root.newNotification();
    }

    long reply() {
        return root.newReply();
    }

    long tcb() {
        return root.newTcb();
    }

    long schedContext() {
        return root.newSchedContext();
    }

    long cnode(int radix) {
        return root.newCNode(radix);
    }

    long untyped(int sizeBits) {
        return root.newUntyped(sizeBits);
    }

    long retype(int type, int sizeBits) {
        return root.retype(type, sizeBits);
    }

    long free() {
        return root.allocSlot();
    }

    long copy(long src) {
        return root.copy(src);
    }

    /** A copy of {@code src} with its rights masked by {@code rights}, in a fresh slot. */
    long copy(long src, long rights) {
        long dest = free();
        setUp(CNODE, InvocationLabel.CNodeCopy, caps(CNODE), dest, DEPTH, src, DEPTH, rights);
        return dest;
    }

    long mint(long src, long rights, long badge) {
        return root.mint(src, rights, badge);
    }

    ThreadBuilder thread(String name) {
        return sim.thread(name);
    }

    UserThread spawn(String name, int priority, Consumer<ProgramBuilder> program) {
        return sim.spawnThread(name, priority, program);
    }

    /** A thread that exists but was never resumed (Inactive), with a root-CNode CSpace. */
    UserThread idleThread(String name) {
        return sim.thread(name).suspended().spawn();
    }

    // ---- inspection ----

    Cap cap(long cptr) {
        return root.cap(cptr);
    }

    <T extends KernelObject> T object(long cptr, Class<T> type) {
        return root.object(cptr, type);
    }

    Tcb rootTcb() {
        return root.thread().tcb();
    }


    /** The AArch64 architecture of this kernel (its hardware model and arch state). */
    sel4.arch.aarch64.AArch64 arm() {
        return (sel4.arch.aarch64.AArch64) k.arch;
    }

    /** The x86_64 architecture of this kernel. */
    sel4.arch.x86_64.X86_64 x86() {
        return (sel4.arch.x86_64.X86_64) k.arch;
    }

    long schedControl() {
        return root.bootInfo().schedControlSlot();
    }
}
