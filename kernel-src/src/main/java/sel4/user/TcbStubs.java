package sel4.user;

import static sel4.api.InvocationLabel.TCBBindNotification;
import static sel4.api.InvocationLabel.TCBConfigure;
import static sel4.api.InvocationLabel.TCBConfigureSingleStepping;
import static sel4.api.InvocationLabel.TCBCopyRegisters;
import static sel4.api.InvocationLabel.TCBGetBreakpoint;
import static sel4.api.InvocationLabel.TCBReadRegisters;
import static sel4.api.InvocationLabel.TCBResume;
import static sel4.api.InvocationLabel.TCBSetBreakpoint;
import static sel4.api.InvocationLabel.TCBSetFlags;
import static sel4.api.InvocationLabel.TCBSetIPCBuffer;
import static sel4.api.InvocationLabel.TCBSetMCPriority;
import static sel4.api.InvocationLabel.TCBSetPriority;
import static sel4.api.InvocationLabel.TCBSetSchedParams;
import static sel4.api.InvocationLabel.TCBSetSpace;
import static sel4.api.InvocationLabel.TCBSetTLSBase;
import static sel4.api.InvocationLabel.TCBSetTimeoutEndpoint;
import static sel4.api.InvocationLabel.TCBSuspend;
import static sel4.api.InvocationLabel.TCBUnbindNotification;
import static sel4.api.InvocationLabel.TCBUnsetBreakpoint;
import static sel4.api.InvocationLabel.TCBWriteRegisters;

import sel4.api.InvocationLabel;

/**
 * The seL4_TCB_* invocation stubs (libsel4 interface object-api.xml, MCS variants). Word
 * arguments are packed as the stub generator packs them: each parameter aligned to its own size,
 * booleans as single bits, so ReadRegisters sends {@code suspend | archFlags << 8} in word 0.
 * Cap arguments travel as extra caps in declaration order.
 */
public final class TcbStubs {
    private static final long[] NO_CAPS = {};
    private final ProgramBuilder b;

    TcbStubs(ProgramBuilder b) {
        this.b = b;
    }

    private SyscallResult inv(long tcb, InvocationLabel label, Expect expect, long[] caps, long... words) {
        return b.invoke(tcb, label.label(), expect, caps, "seL4_TCB_" + label.name().substring(3) + "(" + tcb + ")", words);
    }

    /** Returns {@code count} registers in seL4_UserContext order: label 0, length count. */
    public SyscallResult readRegisters(long tcb, boolean suspendSource, int archFlags, int count) {
        return inv(tcb, TCBReadRegisters, Expect.reply(count), NO_CAPS,
                (suspendSource ? 1 : 0) | ((long) (archFlags & 0xff) << 8), count);
    }

    /** Writes {@code regs.length} registers in seL4_UserContext order. */
    public SyscallResult writeRegisters(long tcb, boolean resumeTarget, int archFlags, long... regs) {
        long[] words = new long[2 + regs.length];
        words[0] = (resumeTarget ? 1 : 0) | ((long) (archFlags & 0xff) << 8);
        words[1] = regs.length;
        System.arraycopy(regs, 0, words, 2, regs.length);
        return inv(tcb, TCBWriteRegisters, Expect.EMPTY_REPLY, NO_CAPS, words);
    }

    public SyscallResult copyRegisters(long tcb, long source, boolean suspendSource, boolean resumeTarget,
                                       boolean transferFrame, boolean transferInteger, int archFlags) {
        long flags = (suspendSource ? 1 : 0) | (resumeTarget ? 2 : 0) | (transferFrame ? 4 : 0)
                | (transferInteger ? 8 : 0) | ((long) (archFlags & 0xff) << 8);
        return inv(tcb, TCBCopyRegisters, Expect.EMPTY_REPLY, new long[] {source}, flags);
    }

    /** MCS Configure: caps cspace root, vspace root, buffer frame; words cspace data, vspace data, buffer. */
    public SyscallResult configure(long tcb, long cspaceRoot, long cspaceRootData, long vspaceRoot,
                                   long vspaceRootData, long buffer, long bufferFrame) {
        return inv(tcb, TCBConfigure, Expect.EMPTY_REPLY, new long[] {cspaceRoot, vspaceRoot, bufferFrame},
                cspaceRootData, vspaceRootData, buffer);
    }

    public SyscallResult setPriority(long tcb, long authority, long priority) {
        return inv(tcb, TCBSetPriority, Expect.EMPTY_REPLY, new long[] {authority}, priority);
    }

    public SyscallResult setMCPriority(long tcb, long authority, long mcp) {
        return inv(tcb, TCBSetMCPriority, Expect.EMPTY_REPLY, new long[] {authority}, mcp);
    }

    /** MCS SetSchedParams: caps authority, sched context, fault endpoint; words mcp, priority. */
    public SyscallResult setSchedParams(long tcb, long authority, long mcp, long priority, long schedContext,
                                        long faultEp) {
        return inv(tcb, TCBSetSchedParams, Expect.EMPTY_REPLY, new long[] {authority, schedContext, faultEp},
                mcp, priority);
    }

    public SyscallResult setTimeoutEndpoint(long tcb, long timeoutFaultEp) {
        return inv(tcb, TCBSetTimeoutEndpoint, Expect.EMPTY_REPLY, new long[] {timeoutFaultEp});
    }

    public SyscallResult setIPCBuffer(long tcb, long buffer, long bufferFrame) {
        return inv(tcb, TCBSetIPCBuffer, Expect.EMPTY_REPLY, new long[] {bufferFrame}, buffer);
    }

    /** MCS SetSpace: caps fault endpoint, cspace root, vspace root; words cspace data, vspace data. */
    public SyscallResult setSpace(long tcb, long faultEp, long cspaceRoot, long cspaceRootData, long vspaceRoot,
                                  long vspaceRootData) {
        return inv(tcb, TCBSetSpace, Expect.EMPTY_REPLY, new long[] {faultEp, cspaceRoot, vspaceRoot},
                cspaceRootData, vspaceRootData);
    }

    public SyscallResult suspend(long tcb) {
        return inv(tcb, TCBSuspend, Expect.EMPTY_REPLY, NO_CAPS);
    }

    public SyscallResult resume(long tcb) {
        return inv(tcb, TCBResume, Expect.EMPTY_REPLY, NO_CAPS);
    }

    public SyscallResult bindNotification(long tcb, long notification) {
        return inv(tcb, TCBBindNotification, Expect.EMPTY_REPLY, new long[] {notification});
    }

    public SyscallResult unbindNotification(long tcb) {
        return inv(tcb, TCBUnbindNotification, Expect.EMPTY_REPLY, NO_CAPS);
    }

    public SyscallResult setTLSBase(long tcb, long tlsBase) {
        return inv(tcb, TCBSetTLSBase, Expect.EMPTY_REPLY, NO_CAPS, tlsBase);
    }

    /** Returns the new flags: label 0, length 1. */
    public SyscallResult setFlags(long tcb, long clear, long set) {
        return inv(tcb, TCBSetFlags, Expect.reply(1), NO_CAPS, clear, set);
    }

    public SyscallResult setBreakpoint(long tcb, int bpNum, long vaddr, long type, long size, long rw) {
        return inv(tcb, TCBSetBreakpoint, Expect.EMPTY_REPLY, NO_CAPS, bpNum & 0xffff, vaddr, type, size, rw);
    }

    /** Returns vaddr, type, size, rw, enabled: label 0, length 5. */
    public SyscallResult getBreakpoint(long tcb, int bpNum) {
        return inv(tcb, TCBGetBreakpoint, Expect.reply(5), NO_CAPS, bpNum & 0xffff);
    }

    public SyscallResult unsetBreakpoint(long tcb, int bpNum) {
        return inv(tcb, TCBUnsetBreakpoint, Expect.EMPTY_REPLY, NO_CAPS, bpNum & 0xffff);
    }

    /** Returns whether the breakpoint was consumed: label 0, length 1. */
    public SyscallResult configureSingleStepping(long tcb, int bpNum, long numInstructions) {
        return inv(tcb, TCBConfigureSingleStepping, Expect.reply(1), NO_CAPS, bpNum & 0xffff, numInstructions);
    }
}
