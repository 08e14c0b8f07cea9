package sel4.user;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import sel4.kernel.Boot;
import sel4.kernel.BootInfo;
import sel4.kernel.Kernel;
import sel4.model.Config;
import sel4.object.tcb.Tcb;

/**
 * A booted kernel with a simulated CPU running its user threads: the entry point for scenario
 * tests.
 *
 * <pre>{@code
 * Sim sim = Sim.boot(Config.aarch64());
 * long ep = sim.root().newEndpoint();
 * long reply = sim.root().newReply();
 * UserThread server = sim.spawnThread("server", 100, b -> b.recv(ep, reply));
 * UserThread client = sim.spawnThread("client", 50, b -> b.call(ep, 7, 1, 2));
 * sim.run();
 * }</pre>
 *
 * <p>Everything a test sets up goes through the root task ({@link #root()}) as real syscalls;
 * every thread shares the root CNode as CSpace, so CPtrs are root CNode slot numbers.
 */
public final class Sim implements Cpu.Loader {
    /** Steps {@link #run()} allows before it declares the system stuck. */
    public static final long DEFAULT_STEP_LIMIT = 5_000_000;

    private final Kernel kernel;
    private final BootInfo bootInfo;
    private final Cpu cpu;
    private final RootTask root;
    private final Map<Tcb, Image> images = new HashMap<>();
    private final Map<Tcb, UserThread> threads = new HashMap<>();

    private Sim(Kernel kernel, BootInfo bootInfo) {
        this.kernel = kernel;
        this.bootInfo = bootInfo;
        this.cpu = new Cpu(new KernelPlatform(kernel), this);
        this.root = new RootTask(this, kernel, bootInfo);
        images.put(kernel.ks.ksCurThread, root.image());
        threads.put(kernel.ks.ksCurThread, root.thread());
    }

    /** Boots a kernel for {@code config} and readies the root task (its doorbell IRQ handler). */
    public static Sim boot(Config config) {
        Boot.Booted booted = Boot.boot(config);
        Sim sim = new Sim(booted.kernel(), booted.bootInfo());
        sim.root.installDoorbell();
        return sim;
    }

    public Kernel kernel() {
        return kernel;
    }

    public BootInfo bootInfo() {
        return bootInfo;
    }

    public Cpu cpu() {
        return cpu;
    }

    public RootTask root() {
        return root;
    }

    public long now() {
        return cpu.now();
    }

    // ---- threads ----

    public ThreadBuilder thread(String name) {
        return new ThreadBuilder(this, name);
    }

    /** A started thread at {@code priority} with the default SC, running {@code program}. */
    public UserThread spawnThread(String name, int priority, Consumer<ProgramBuilder> program) {
        return thread(name).priority(priority).program(program).spawn();
    }

    /** Loads code into a thread (done by {@link ThreadBuilder}; for threads a test builds itself). */
    public void load(Tcb tcb, Image image) {
        images.put(tcb, image);
    }

    void register(UserThread t) {
        threads.put(t.tcb(), t);
    }

    /** The harness's handle of a kernel thread, or null. */
    public UserThread threadOf(Tcb tcb) {
        return threads.get(tcb);
    }

    @Override
    public Image imageFor(Tcb thread) {
        return images.get(thread);
    }

    @Override
    public void codeExhausted(Tcb thread) {
        if (thread == root.thread().tcb()) {
            root.park();
        }
    }

    // ---- devices ----

    /** Runs {@code action} at time {@code time}. */
    public void at(long time, Runnable action) {
        cpu.devices().at(time, action);
    }

    /** A device raises IRQ line {@code irq} at {@code time} (it stays raised until lowered). */
    public void raiseIrq(long time, int irq) {
        at(time, () -> kernel.machine.irq().assertLine(irq));
    }

    public void lowerIrq(long time, int irq) {
        at(time, () -> kernel.machine.irq().deassertLine(irq));
    }

    // ---- running ----

    /**
     * Runs until the system is quiescent.
     *
     * @throws SimulationStalled if it is still busy after {@link #DEFAULT_STEP_LIMIT} steps
     */
    public StopReason run() {
        StopReason why = run(DEFAULT_STEP_LIMIT);
        if (why == StopReason.STEP_LIMIT) {
            throw new SimulationStalled("not quiescent after " + DEFAULT_STEP_LIMIT + " steps at t=" + now()
                    + "\n" + String.join("\n", recentTrace()));
        }
        return why;
    }

    /** Runs until quiescent or {@code maxSteps} steps. */
    public StopReason run(long maxSteps) {
        return cpu.run(() -> false, Long.MAX_VALUE, maxSteps);
    }

    /** Runs for {@code ticks} of simulated time (or until quiescent). */
    public StopReason runFor(long ticks) {
        return runUntilTime(now() + ticks);
    }

    public StopReason runUntilTime(long time) {
        return cpu.run(() -> false, time, DEFAULT_STEP_LIMIT);
    }

    /** Runs until {@code condition} holds (checked at every step), or quiescence. */
    public StopReason runUntil(BooleanSupplier condition) {
        return cpu.run(condition, Long.MAX_VALUE, DEFAULT_STEP_LIMIT);
    }

    /** The CPU's last steps, oldest first. */
    public List<String> recentTrace() {
        return cpu.recentTrace();
    }
}
