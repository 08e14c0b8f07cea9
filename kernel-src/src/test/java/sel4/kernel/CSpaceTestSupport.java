package sel4.kernel;

import static sel4.machine.Registers.msgRegisters;
import static sel4.machine.Registers.n_msgRegisters;

import java.util.ArrayList;
import java.util.List;
import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.machine.Words;
import sel4.model.Config;
import sel4.model.KernelState;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.Cap;
import sel4.object.cap.UntypedCap;
import sel4.object.cnode.CNode;
import sel4.object.cnode.Cte;
import sel4.object.frame.Frame;
import sel4.object.frame.IpcBuffer;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

/**
 * Test fixture for the CSpace, CNode, object-type and untyped tests: a kernel whose current
 * thread has a root CNode of 2^8 slots (cap guard of 56 bits, so a plain slot number is a valid
 * 64-bit cptr), an untyped of 2^20 bytes in slot {@link #UNTYPED_SLOT}, an active scheduling
 * context (so preemption points have a budget to check) and an IPC buffer for arguments beyond
 * the message registers. Caps placed directly by the fixture are MDB roots, as boot caps are.
 */
public final class CSpaceTestSupport {
    public static final int ROOT_RADIX = 8;
    public static final int ROOT_GUARD_SIZE = Words.wordBits - ROOT_RADIX;
    public static final long ROOT_CNODE_BASE = 0x10_0000L;
    public static final long CT_TCB_BASE = 0x20_0000L;
    public static final long BUFFER_FRAME_BASE = 0x30_0000L;
    public static final long SC_BASE = 0x40_0000L;
    public static final long UNTYPED_BASE = 0x100_0000L;
    public static final int UNTYPED_BITS = 20;

    public static final int ROOT_CNODE_SLOT = 2;
    public static final int UNTYPED_SLOT = 3;
    /** First slot the tests use freely. */
    public static final int FREE = 16;

    public final Kernel k;
    public final KernelState ks;
    public final Tcb ct;
    public final CNode root;
    public final CNodeCap rootCap;
    public final Cte untypedSlot;
    public final Frame bufferFrame;
    public final IpcBuffer buffer;
    public final SchedContext ctSc;

    public CSpaceTestSupport() {
        this(Config.aarch64());
    }

    public CSpaceTestSupport(Config config) {
        k = new Kernel(config);
        ks = k.ks;

        root = new CNode(ROOT_CNODE_BASE, ROOT_RADIX);
        ks.ksPSpace.insert(root);
        rootCap = new CNodeCap(root, ROOT_RADIX, 0, ROOT_GUARD_SIZE);
        placeRoot(ROOT_CNODE_SLOT, rootCap);

        ct = new Tcb(CT_TCB_BASE, 0);
        ct.tcbName = "ct";
        ct.tcbState = ThreadState.Running;
        ct.tcbPriority = 100;
        ks.ksPSpace.insert(ct);
        ks.ksCurThread = ct;
        k.cnodes.cteInsert(rootCap, slot(ROOT_CNODE_SLOT), ct.tcbCTE[Tcb.tcbCTable]);

        // An active SC with a large head refill: preemption points find the budget sufficient and
        // preempt only when an interrupt is pending.
        ctSc = new SchedContext(SC_BASE, Config.seL4_MinSchedContextBits + 1);
        ctSc.scPeriod = 1_000_000;
        ctSc.scRefillMax = Config.minRefills;
        ctSc.scRefillHead = 0;
        ctSc.scRefillTail = 0;
        ctSc.rTime[0] = 0;
        ctSc.rAmount[0] = 1_000_000;
        ctSc.scTcb = ct;
        ct.tcbSchedContext = ctSc;
        ks.ksPSpace.insert(ctSc);
        ks.ksCurSC = ctSc;

        untypedSlot = placeRoot(UNTYPED_SLOT, new UntypedCap(UNTYPED_BASE, UNTYPED_BITS, false, 0));

        bufferFrame = new Frame(BUFFER_FRAME_BASE, Config.seL4_PageBits, false);
        ks.ksPSpace.insert(bufferFrame);
        buffer = new IpcBuffer(bufferFrame, 0);
    }

    /** Slot {@code i} of the root CNode. */
    public Cte slot(int i) {
        return root.slots[i];
    }

    /** Places {@code cap} into root slot {@code i} as an MDB root (like a boot cap). */
    public Cte placeRoot(int i, Cap cap) {
        Cte s = slot(i);
        s.cap = cap;
        s.mdbRevocable = true;
        s.mdbFirstBadged = true;
        return s;
    }

    /** Sets the invocation arguments: message registers first, then IPC-buffer words. */
    public void setArgs(long... args) {
        for (int i = 0; i < args.length; i++) {
            if (i < n_msgRegisters) {
                KernelModule.setRegister(ct, msgRegisters[i], args[i]);
            } else {
                bufferFrame.writeWord(i + 1, args[i]);
            }
        }
    }

    /** Sets the extra caps of the current invocation (the rest are absent). */
    public void setExtraCaps(Cte... slots) {
        for (int i = 0; i < ks.current_extra_caps.length; i++) {
            ks.current_extra_caps[i] = i < slots.length ? slots[i] : null;
        }
    }

    /** A CNode invocation on the root CNode with the given arguments (message length = args). */
    public ExceptionT cnodeInvoke(InvocationLabel label, long... args) {
        setArgs(args);
        return k.cnodes.decodeCNodeInvocation(label.label(), args.length, rootCap, buffer);
    }

    /**
     * UntypedRetype on the fixture's untyped, destination = the root CNode (extra cap 0 = the
     * root CNode cap, node depth 0), decoded exactly as a user's call.
     */
    public ExceptionT retype(long type, long userSize, long offset, long count) {
        setArgs(type, userSize, 0, 0, offset, count);
        setExtraCaps(slot(ROOT_CNODE_SLOT));
        return k.untyped.decodeUntypedInvocation(InvocationLabel.UntypedRetype.label(), 6, untypedSlot,
                untypedSlot.cap, true, buffer);
    }

    /**
     * Creates objects with invokeUntyped_Retype directly (the step after the decoder, without
     * the decoder's thread-state change): computes the reset flag and aligned base as the
     * decoder does. Returns the new caps' slots.
     */
    public List<Cte> make(Cte untyped, int type, int userSize, int firstSlot, int count) {
        UntypedCap u = (UntypedCap) untyped.cap;
        boolean reset = k.cnodes.ensureNoChildren(untyped) == ExceptionT.EXCEPTION_NONE;
        long freeIndex = reset ? 0 : u.freeIndex();
        int objectSize = k.objectType.getObjectSize(type, userSize);
        long base = Words.ROUND_UP(u.ptr() + freeIndex, objectSize);
        ExceptionT status = k.untyped.invokeUntyped_Retype(untyped, reset, base, type, userSize, root, firstSlot,
                count, u.isDevice());
        if (status != ExceptionT.EXCEPTION_NONE) {
            throw new AssertionError("retype failed: " + status);
        }
        List<Cte> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(slot(firstSlot + i));
        }
        return out;
    }

    /** {@link #make} from the fixture's untyped, one object. */
    public Cte make(int type, int userSize, int slotIndex) {
        return make(untypedSlot, type, userSize, slotIndex, 1).get(0);
    }

    /** The MDB list from the first slot without a predecessor reachable from {@code s}. */
    public static List<Cte> mdbListFrom(Cte s) {
        Cte first = s;
        for (int steps = 0; first.mdbPrev != null; steps++) {
            if (steps > 100_000) {
                throw new AssertionError("MDB list has no head (cycle through " + s + ")");
            }
            first = first.mdbPrev;
        }
        List<Cte> out = new ArrayList<>();
        for (Cte c = first; c != null; c = c.mdbNext) {
            out.add(c);
            if (out.size() > 100_000) {
                throw new AssertionError("MDB list does not end (cycle through " + s + ")");
            }
        }
        return out;
    }

    /** Checks that every slot's MDB links are mutually inverse; returns a problem or null. */
    public static String mdbLinkProblem(Iterable<Cte> slots) {
        for (Cte c : slots) {
            if (c.mdbNext != null && c.mdbNext.mdbPrev != c) {
                return c + ".next.prev != itself";
            }
            if (c.mdbPrev != null && c.mdbPrev.mdbNext != c) {
                return c + ".prev.next != itself";
            }
            if (c.cap instanceof sel4.object.cap.NullCap && (c.mdbNext != null || c.mdbPrev != null)) {
                return c + " is empty but linked";
            }
        }
        return null;
    }
}
