package sel4.user;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import sel4.api.Event;
import sel4.arch.UserMapping;
import sel4.machine.Machine;
import sel4.model.Arch;
import sel4.object.frame.Frame;
import sel4.object.tcb.Tcb;

/**
 * A stand-in for the kernel under the simulated CPU: one flat address space of 4 KiB pages, a
 * real {@link Machine}, and a programmable "kernel" that records every entry together with the
 * current thread's registers at that moment. Lets the CPU and the stubs be tested without the
 * kernel behind the syscalls.
 */
final class FakePlatform implements Platform, Cpu.Loader {
    static final int TIMER_IRQ = 26;

    final Machine machine = new Machine(64, TIMER_IRQ);
    final Arch arch;
    final Tcb idle = new Tcb(0x100_0000, 0);
    Tcb current;
    final Map<Long, Frame> pages = new HashMap<>();
    final Set<Long> readOnlyPages = new HashSet<>();
    final Map<Tcb, Image> images = new HashMap<>();
    final List<Event> events = new ArrayList<>();
    final List<long[]> registersAtEntry = new ArrayList<>();
    final List<long[]> bufferAtEntry = new ArrayList<>();
    Consumer<Event> kernel = ev -> { };
    boolean timeCanWake;
    int exhausted;
    private long nextTcb = 0x200_0000;
    private long nextFrame = 0x4000_0000L;

    FakePlatform(Arch arch) {
        this.arch = arch;
        idle.tcbName = "idle";
    }

    FakePlatform() {
        this(Arch.AARCH64);
    }

    /** A thread with its IPC buffer mapped at {@code bufferVaddr}, running {@code code}. */
    Tcb thread(String name, long bufferVaddr, Code code) {
        Tcb t = new Tcb(nextTcb, 0);
        nextTcb += 0x800;
        t.tcbName = name;
        t.tcbIPCBuffer = bufferVaddr;
        map(bufferVaddr & ~0xfffL);
        images.put(t, new Image(code, 42));
        return t;
    }

    Frame map(long pageVaddr) {
        return pages.computeIfAbsent(pageVaddr, v -> {
            Frame f = new Frame(nextFrame, 12, false);
            nextFrame += 0x1000;
            return f;
        });
    }

    long word(long vaddr) {
        return pages.get(vaddr & ~0xfffL).readWord((vaddr & 0xfff) >> 3);
    }

    Cpu cpu() {
        return new Cpu(this, this);
    }

    @Override
    public Tcb currentThread() {
        return current;
    }

    @Override
    public Tcb idleThread() {
        return idle;
    }

    @Override
    public void callKernel(Event ev) {
        events.add(ev);
        registersAtEntry.add(current.tcbArch.tcbContext.registers.clone());
        long[] buf = new long[128];
        Frame f = current.tcbIPCBuffer == 0 ? null : pages.get(current.tcbIPCBuffer & ~0xfffL);
        if (f != null) {
            for (int i = 0; i < 128; i++) {
                buf[i] = f.readWord(((current.tcbIPCBuffer & 0xfff) >> 3) + i);
            }
        }
        bufferAtEntry.add(buf);
        kernel.accept(ev);
    }

    @Override
    public UserMapping userTranslate(Tcb thread, long vaddr, boolean write) {
        long page = vaddr & ~0xfffL;
        Frame f = pages.get(page);
        if (f == null || (write && readOnlyPages.contains(page))) {
            return null;
        }
        return new UserMapping(f, (vaddr & 0xfff) >> 3);
    }

    @Override
    public Machine machine() {
        return machine;
    }

    @Override
    public Arch arch() {
        return arch;
    }

    @Override
    public boolean timeCanWakeThreads() {
        return timeCanWake;
    }

    @Override
    public Image imageFor(Tcb thread) {
        return images.get(thread);
    }

    @Override
    public void codeExhausted(Tcb thread) {
        exhausted++;
    }

    Event lastEvent() {
        return events.get(events.size() - 1);
    }

    long[] lastRegisters() {
        return registersAtEntry.get(registersAtEntry.size() - 1);
    }
}
