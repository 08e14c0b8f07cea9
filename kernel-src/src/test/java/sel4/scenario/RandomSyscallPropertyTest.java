// contract: whatever syscalls user threads make (random numbers including invalid ones, random CPtrs, labels, lengths, message words, extra caps and receive paths, mixed with faults, memory accesses and spins), the kernel answers with seL4 errors and faults only: no Java exception, halt or invariant violation escapes, the system always settles, and the invariants hold at the end.
package sel4.scenario;

import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import sel4.api.Event;
import sel4.api.InvocationLabel;
import sel4.api.MessageInfo;
import sel4.api.ObjectTypes;
import sel4.kernel.Boot;
import sel4.machine.Registers;
import sel4.model.Config;
import sel4.object.frame.IpcBuffer;
import sel4.object.cap.ThreadCap;
import sel4.object.tcb.Tcb;
import sel4.user.Expect;
import sel4.user.Image;
import sel4.user.Instruction;
import sel4.user.Msg;
import sel4.user.ProgramBuilder;
import sel4.user.RootTask;
import sel4.user.SetupFailed;
import sel4.user.Sim;
import sel4.user.StopReason;
import sel4.user.ThreadBuilder;
import sel4.user.UserThread;

class RandomSyscallPropertyTest {
    private static final int THREADS = 4;
    private static final long STEP_LIMIT = 300_000;
    /** How often the root task pushes stuck threads past the instruction they stopped at. */
    private static final int KICK_ROUNDS = 40;
    /**
     * Budgets start well above the minimum: an SC whose budget is within a few ticks of
     * MIN_BUDGET can never pass the syscall-entry budget check (seL4 behaves the same), which
     * would only make the thread retry forever.
     */
    private static final int BUDGET_MARGIN = 100;

    @Property(tries = 600, shrinking = ShrinkingMode.OFF)
    void randomSyscallsOnAArch64KeepTheKernelSound(@ForAll long seed) {
        check(Config.aarch64(), seed);
    }

    @Property(tries = 150, shrinking = ShrinkingMode.OFF)
    void randomSyscallsOnX86KeepTheKernelSound(@ForAll long seed) {
        check(Config.x86_64(), seed);
    }

    /** The caps the random programs aim at, so that random invocations often reach real objects. */
    private record Targets(long ep, long ntfn, long[] replies, long untyped, long cnode, long sc, int slotLimit) {
    }

    private static void check(Config config, long seed) {
        Random rnd = new Random(seed);
        Sim sim = Sim.boot(config);
        RootTask root = sim.root();
        long ep = root.newEndpoint();
        long ntfn = root.newNotification();
        long[] replies = {root.newReply(), root.newReply(), root.newReply()};
        long untyped = root.newUntyped(14);
        long cnode = root.newCNode(4);
        long sc = root.newSchedContext();
        Targets t = new Targets(ep, ntfn, replies, untyped, cnode, sc, (int) root.allocSlot() + 3 * THREADS + 8);

        List<UserThread> threads = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            ThreadBuilder tb = sim.thread("t" + i).priority(1 + rnd.nextInt(200))
                    .program(b -> randomProgram(b, rnd, t));
            long budget = config.minBudgetUs() + BUDGET_MARGIN + rnd.nextInt(2_000);
            if (rnd.nextBoolean()) {
                tb.budget(budget, budget);
            } else {
                tb.budget(budget, budget + rnd.nextInt(20_000)).sporadic();
            }
            if (rnd.nextInt(3) == 0) {
                tb.faultHandler(ep);
            }
            threads.add(tb.spawn());
        }

        try {
            settle(sim, seed);
            for (int round = 0; round < KICK_ROUNDS && kick(sim, threads); round++) {
                settle(sim, seed);
            }
            sim.kernel().invariants.checkAfterEvent(Event.InterruptEvent.INSTANCE);
        } catch (AssertionError e) {
            throw e;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("seed " + seed + ": " + e + "\n" + String.join("\n", sim.recentTrace()), e);
        }
    }

    private static void settle(Sim sim, long seed) {
        if (sim.run(STEP_LIMIT) == StopReason.STEP_LIMIT) {
            fail("seed " + seed + ": not settled after " + STEP_LIMIT + " steps\n" + String.join("\n", sim.recentTrace()));
        }
    }

    /**
     * Like a debugger, has the root task move every thread that stopped before the end of its
     * program (blocked, or stopped by a fault) past the instruction it stopped at: TCB_Suspend,
     * then TCB_WriteRegisters with the next PC and resume. Returns false when there is nothing to
     * do or the root task can no longer do it (random invocations may have taken its caps).
     */
    private static boolean kick(Sim sim, List<UserThread> threads) {
        List<long[]> todo = new ArrayList<>();
        for (UserThread u : threads) {
            Tcb tcb = u.tcb();
            boolean ours = sim.root().cap(u.tcbCap()) instanceof ThreadCap tc && tc.tcb() == tcb
                    && sim.kernel().ks.ksPSpace.get(tcb.ptr()) == tcb;
            Image image = sim.imageFor(tcb);
            boolean finished = image == null || image.code().fetch(u.pc()) == null
                    || image.code().fetch(u.pc()) instanceof Instruction.Exit;
            if (ours && !finished && (u.isBlocked() || u.isInactive())) {
                todo.add(new long[] {u.tcbCap(), u.pc() + 1});
            }
        }
        if (todo.isEmpty()) {
            return false;
        }
        try {
            sim.root().run(b -> {
                for (long[] t : todo) {
                    b.tcb().suspend(t[0]);
                    b.tcb().writeRegisters(t[0], true, 0, t[1]);
                }
            });
        } catch (SetupFailed e) {
            return false;
        }
        return true;
    }

    private static void randomProgram(ProgramBuilder b, Random r, Targets t) {
        int n = 5 + r.nextInt(35);
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(100);
            if (kind < 45) {
                randomSyscall(b, r, t);
            } else if (kind < 75) {
                structuredSyscall(b, r, t);
            } else if (kind < 83) {
                b.spin(r.nextInt(400));
            } else if (kind < 87) {
                b.userException(r.nextLong(), r.nextLong());
            } else if (kind < 95) {
                long addr = address(r);
                if (r.nextBoolean()) {
                    b.load(addr, 9 + r.nextInt(10));
                } else {
                    b.store(addr, r.nextLong());
                }
            } else {
                int reg = r.nextInt(Registers.SP);
                long value = word(r, t);
                b.setRegister(reg, value);
            }
        }
    }

    /** A syscall with every argument random. */
    private static void randomSyscall(ProgramBuilder b, Random r, Targets t) {
        long number = r.nextInt(8) == 0 ? (r.nextBoolean() ? r.nextInt(20) - 15 : r.nextLong()) : -(1 + r.nextInt(11));
        long cptr = cptr(r, t);
        long label = r.nextInt(10) == 0 ? r.nextLong() >>> 12 : r.nextInt(InvocationLabel.values().length + 3);
        int length = r.nextInt(6) == 0 ? r.nextInt(128) : r.nextInt(9);
        int extraCaps = r.nextInt(4);
        int unwrapped = r.nextInt(10) == 0 ? r.nextInt(8) : 0;
        long[] words = new long[8];
        for (int i = 0; i < words.length; i++) {
            words[i] = word(r, t);
        }
        long[] caps = {cptr(r, t), cptr(r, t), cptr(r, t)};
        long replyReg = cptr(r, t);
        long destReg = cptr(r, t);
        long[] recvPath = {cptr(r, t), cptr(r, t), r.nextInt(70)};
        b.syscall(number, "random syscall " + number, Expect.NOTHING, ctx -> {
            ctx.setReg(Registers.capRegister, cptr);
            ctx.setReg(Registers.msgInfoRegister,
                    MessageInfo.wordFromMessageInfo(new MessageInfo(label, unwrapped, extraCaps, length)));
            for (int i = 0; i < Registers.n_msgRegisters; i++) {
                ctx.setReg(Registers.msgRegisters[i], words[i]);
            }
            ctx.setReg(Registers.replyRegister, replyReg);
            ctx.setReg(Registers.nbsendRecvDest, destReg);
            for (int i = Registers.n_msgRegisters; i < words.length; i++) {
                ctx.setIpcBuffer(i + 1, words[i]);
            }
            for (int j = 0; j < caps.length; j++) {
                ctx.setIpcBuffer(IpcBuffer.capsOrBadgesWord0 + j, caps[j]);
            }
            ctx.setIpcBuffer(IpcBuffer.receiveCNodeWord, recvPath[0]);
            ctx.setIpcBuffer(IpcBuffer.receiveIndexWord, recvPath[1]);
            ctx.setIpcBuffer(IpcBuffer.receiveDepthWord, recvPath[2]);
        });
    }

    /** A well-formed syscall on one of the prepared objects, so that threads really interact. */
    private static void structuredSyscall(ProgramBuilder b, Random r, Targets t) {
        long reply = t.replies()[r.nextInt(t.replies().length)];
        Msg msg = Msg.of(r.nextInt(4), word(r, t), word(r, t));
        switch (r.nextInt(14)) {
            case 0 -> b.call(t.ep(), msg);
            case 1 -> b.send(t.ep(), msg);
            case 2 -> b.nbSend(t.ep(), msg.withCaps(cptr(r, t)));
            case 3 -> b.nbRecv(t.ep(), reply);
            case 4 -> b.replyRecv(t.ep(), msg, reply);
            case 5 -> b.nbSendRecv(t.ep(), msg, t.ntfn(), reply);
            case 6 -> b.signal(t.ntfn());
            case 7 -> b.poll(t.ntfn());
            case 8 -> b.yield();
            case 9 -> b.schedContext().consumed(t.sc());
            case 10 -> b.cnode().copy(t.cnode(), r.nextInt(16), 4, RootTask.CNODE, cptr(r, t), RootTask.DEPTH, 0xf);
            case 11 -> b.untyped().retype(t.untyped(), r.nextInt(ObjectTypes.seL4_NonArchObjectTypeCount + 3),
                    r.nextInt(12), t.cnode(), 0, 0, r.nextInt(16), 1 + r.nextInt(3));
            case 12 -> b.tcb().setPriority(cptr(r, t), 1, r.nextInt(260));
            default -> b.nbWait(t.ntfn());
        }
    }

    private static long cptr(Random r, Targets t) {
        int kind = r.nextInt(20);
        if (kind == 0) {
            return r.nextLong();
        }
        if (kind == 1) {
            return 1L << (12 + r.nextInt(50));
        }
        return r.nextInt(t.slotLimit());
    }

    private static long word(Random r, Targets t) {
        return switch (r.nextInt(8)) {
            case 0 -> r.nextLong();
            case 1 -> new long[] {0, 1, -1, 63, 64, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 40}[r.nextInt(8)];
            case 2 -> cptr(r, t);
            case 3 -> r.nextInt(256);
            default -> r.nextInt(32);
        };
    }

    private static long address(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> Boot.IPC_BUFFER_VADDR + 8L * r.nextInt(IpcBuffer.wordCount);
            case 1 -> Boot.IPC_BUFFER_VADDR + 3;
            case 2 -> r.nextLong() & 0xffff_ffff_fff8L;
            default -> 0xdead_0000L + 8L * r.nextInt(16);
        };
    }
}
