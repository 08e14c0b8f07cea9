package sel4.user;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import sel4.api.ObjectTypes;
import sel4.machine.Registers;
import sel4.model.Arch;
import sel4.model.BootInfoSlots;
import sel4.model.Config;
import sel4.object.tcb.Tcb;

/**
 * Creates a thread the way a root server does, through the kernel: Untyped_Retype of a TCB (and
 * an SC), an IPC-buffer frame mapped in the shared VSpace, TCB_Configure (root CNode as CSpace,
 * root VSpace, the buffer), SchedControl_ConfigureFlags on the SC, TCB_SetSchedParams (priority,
 * MCP, SC, fault endpoint), the optional timeout endpoint / bound notification / domain / initial
 * registers, and TCB_Resume.
 *
 * <p>Defaults: priority 100, MCP = priority, a round-robin SC with budget = period = the boot
 * time slice, no fault or timeout handler, domain of the creator, started.
 */
public final class ThreadBuilder {
    private final Sim sim;
    private final String name;
    private Code code = Program.build("empty", b -> { });
    private int priority = 100;
    private Integer mcp;
    private boolean hasSc = true;
    private int scSizeBits = Config.seL4_MinSchedContextBits;
    private long budget;
    private long period;
    private long extraRefills;
    private long scBadge;
    private boolean sporadic;
    private long faultEp = BootInfoSlots.seL4_CapNull;
    private long timeoutEp = BootInfoSlots.seL4_CapNull;
    private long boundNotification = BootInfoSlots.seL4_CapNull;
    private Integer domain;
    private final Map<Integer, Long> registers = new LinkedHashMap<>();
    private boolean start = true;
    private boolean passive;

    ThreadBuilder(Sim sim, String name) {
        this.sim = sim;
        this.name = name;
        this.budget = sim.kernel().config.bootTimeSliceUs();
        this.period = budget;
    }

    public ThreadBuilder program(Consumer<ProgramBuilder> body) {
        this.code = Program.build(name, body);
        return this;
    }

    public ThreadBuilder program(Program program) {
        this.code = program;
        return this;
    }

    public ThreadBuilder priority(int p) {
        this.priority = p;
        return this;
    }

    public ThreadBuilder mcp(int m) {
        this.mcp = m;
        return this;
    }

    /** Budget and period in µs; equal values make a round-robin SC. */
    public ThreadBuilder budget(long budgetUs, long periodUs) {
        this.budget = budgetUs;
        this.period = periodUs;
        return this;
    }

    /** Makes the SC sporadic (ConfigureFlags flag seL4_SchedContext_Sporadic). */
    public ThreadBuilder sporadic() {
        this.sporadic = true;
        return this;
    }

    public ThreadBuilder extraRefills(long n) {
        this.extraRefills = n;
        return this;
    }

    /** Badge the SC reports in timeout faults. */
    public ThreadBuilder scBadge(long badge) {
        this.scBadge = badge;
        return this;
    }

    public ThreadBuilder scSizeBits(int bits) {
        this.scSizeBits = bits;
        return this;
    }

    /** No SC at all: the thread can run only on an SC donated to it. */
    public ThreadBuilder noSchedContext() {
        this.hasSc = false;
        return this;
    }

    /** Starts with an SC, which is unbound once the thread first blocks (a passive server). */
    public ThreadBuilder passive() {
        this.passive = true;
        return this;
    }

    public ThreadBuilder faultHandler(long endpointCap) {
        this.faultEp = endpointCap;
        return this;
    }

    public ThreadBuilder timeoutHandler(long endpointCap) {
        this.timeoutEp = endpointCap;
        return this;
    }

    public ThreadBuilder boundNotification(long notificationCap) {
        this.boundNotification = notificationCap;
        return this;
    }

    public ThreadBuilder domain(int d) {
        this.domain = d;
        return this;
    }

    /** An initial register value (set with TCB_WriteRegisters before the thread starts). */
    public ThreadBuilder register(int reg, long value) {
        registers.put(reg, value);
        return this;
    }

    /** Create the thread but do not resume it. */
    public ThreadBuilder suspended() {
        this.start = false;
        return this;
    }

    /** Creates the thread through the root task and returns it (started unless {@link #suspended()}). */
    public UserThread spawn() {
        RootTask root = sim.root();
        long tcbCap = root.retype(ObjectTypes.seL4_TCBObject, 0);
        long scCap = hasSc ? root.retype(ObjectTypes.seL4_SchedContextObject, scSizeBits) : BootInfoSlots.seL4_CapNull;
        RootTask.MappedPage buffer = root.newIpcBuffer();
        Tcb tcb = root.object(tcbCap, Tcb.class);
        // The TCB's debug name (seL4_DebugNameThread in a debug kernel) for traces and messages.
        tcb.tcbName = name;
        sim.load(tcb, new Image(code, tcbCap));
        long[] regs = initialRegisters();
        int prio = priority;
        int maxPrio = mcp != null ? mcp : priority;
        root.runChecked("spawn " + name, b -> {
            b.tcb().configure(tcbCap, RootTask.CNODE, RootTask.CNODE_GUARD_DATA,
                    BootInfoSlots.seL4_CapInitThreadVSpace, 0, buffer.vaddr(), buffer.cap());
            if (hasSc) {
                b.schedControl().configureFlags(root.bootInfo().schedControlSlot(), scCap, budget, period,
                        extraRefills, scBadge, sporadic ? SchedControlStubs.seL4_SchedContext_Sporadic : 0);
            }
            b.tcb().setSchedParams(tcbCap, BootInfoSlots.seL4_CapInitThreadTCB, maxPrio, prio, scCap, faultEp);
            if (timeoutEp != BootInfoSlots.seL4_CapNull) {
                b.tcb().setTimeoutEndpoint(tcbCap, timeoutEp);
            }
            if (boundNotification != BootInfoSlots.seL4_CapNull) {
                b.tcb().bindNotification(tcbCap, boundNotification);
            }
            if (domain != null) {
                b.domain().set(BootInfoSlots.seL4_CapDomain, domain, tcbCap);
            }
            if (regs.length > 0) {
                b.tcb().writeRegisters(tcbCap, false, 0, regs);
            }
            if (start) {
                b.tcb().resume(tcbCap);
            }
        });
        UserThread t = new UserThread(sim, name, tcb, tcbCap, scCap, buffer.vaddr());
        sim.register(t);
        if (passive) {
            t.makePassive();
        }
        return t;
    }

    /**
     * The registers for TCB_WriteRegisters in seL4_UserContext order, up to the last one given;
     * the others keep the values of a new TCB (all zero: the program starts at 0).
     */
    private long[] initialRegisters() {
        if (registers.isEmpty()) {
            return new long[0];
        }
        boolean x86 = sim.kernel().config.arch() == Arch.X86_64;
        int[] frame = x86 ? Registers.X86_64_FRAME_REGISTERS : Registers.AARCH64_FRAME_REGISTERS;
        int[] gp = x86 ? Registers.X86_64_GP_REGISTERS : Registers.AARCH64_GP_REGISTERS;
        int[] order = new int[frame.length + gp.length];
        System.arraycopy(frame, 0, order, 0, frame.length);
        System.arraycopy(gp, 0, order, frame.length, gp.length);
        int count = 0;
        for (int reg : registers.keySet()) {
            int pos = indexOf(order, reg);
            if (pos < 0) {
                throw new IllegalArgumentException("register " + reg + " is not in seL4_UserContext");
            }
            count = Math.max(count, pos + 1);
        }
        long[] values = new long[count];
        for (int i = 0; i < count; i++) {
            values[i] = registers.getOrDefault(order[i], 0L);
        }
        return values;
    }

    private static int indexOf(int[] a, int v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == v) {
                return i;
            }
        }
        return -1;
    }
}
