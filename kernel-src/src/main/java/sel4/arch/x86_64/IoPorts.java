package sel4.arch.x86_64;

import static sel4.api.ExceptionT.EXCEPTION_NONE;
import static sel4.api.MessageInfo.seL4_MessageInfo_new;
import static sel4.api.MessageInfo.wordFromMessageInfo;
import static sel4.machine.Registers.badgeRegister;
import static sel4.machine.Registers.msgInfoRegister;

import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.SyscallError;
import sel4.kernel.CSpace;
import sel4.object.cap.Cap;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

/**
 * Models seL4's src/arch/x86/object/ioport.c: the I/O port control cap (Issue: hands out a cap
 * for a free port range and marks it allocated), I/O port caps (In8/16/32, Out8/16/32 within the
 * cap's range), and the port bitmaps shared with the VCPU I/O permission maps.
 *
 * <p>invokeX86PortIn is a conforming data reply (LEGACY-REPLY-BUGS §A7): the decoder receives
 * {@code call} from Arch_decodeInvocation and the value goes back only on Call, with badge 0,
 * the caller's own write-authority buffer and the length setMR returns; the caller ends Running.
 * invokeX86PortOut writes no reply at all.
 */
public final class IoPorts extends X86Module {
    IoPorts(X86_64 arch) {
        super(arch);
    }

    // ---- port bitmaps ----

    private static long make_pattern(int start, int end) {
        int num_bits = end - start;
        return (-1L >>> (64 - num_bits)) << start;
    }

    private static void apply_pattern(long[] bitmap, int w, long pattern, boolean set) {
        if (set) {
            bitmap[w] |= pattern;
        } else {
            bitmap[w] &= ~pattern;
        }
    }

    /**
     * setIOPortMask: sets or clears the bits of ports low..high. An inverted range (low above
     * high) changes nothing; seL4 does not check it and would write outside the bitmap.
     */
    public static void setIOPortMask(long[] bitmap, int low, int high, boolean set) {
        if (low > high) {
            return;
        }
        int low_word = low >>> 6;
        int high_word = high >>> 6;
        int low_index = low & 63;
        int high_index = high & 63;
        if (low_word == high_word) {
            apply_pattern(bitmap, low_word, make_pattern(low_index, high_index + 1), set);
        } else {
            apply_pattern(bitmap, low_word, make_pattern(low_index, 64), set);
            low_word++;
            while (low_word < high_word) {
                apply_pattern(bitmap, low_word, -1L, set);
                low_word++;
            }
            apply_pattern(bitmap, low_word, make_pattern(0, high_index + 1), set);
        }
    }

    private boolean isIOPortRangeFree(int first_port, int last_port) {
        long[] map = state.x86KSAllocatedIOPorts;
        for (int p = first_port; p <= last_port; p++) {
            if ((map[p >>> 6] & (1L << (p & 63))) != 0) {
                return false;
            }
        }
        return true;
    }

    /** freeIOPortRange: the range of a deleted I/O port cap can be issued again. */
    public void freeIOPortRange(int first_port, int last_port) {
        setIOPortMask(state.x86KSAllocatedIOPorts, first_port, last_port, false);
    }

    // ---- IOPortControl ----

    public ExceptionT decodeX86PortControlInvocation(long invLabel, int length, long cptr, Cte slot, Cap cap,
                                                     IpcBuffer buffer) {
        if (InvocationLabel.genInvocationType(invLabel) != InvocationLabel.X86IOPortControlIssue) {
            return syscallError(SyscallError.illegalOperation());
        }
        if (length < 4 || ks.current_extra_caps[0] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        int first_port = (int) (getSyscallArg(0, buffer) & 0xffff);
        int last_port = (int) (getSyscallArg(1, buffer) & 0xffff);
        long index = getSyscallArg(2, buffer);
        long depth = getSyscallArg(3, buffer);
        Cap cnodeCap = ks.current_extra_caps[0].cap;

        if (last_port < first_port) {
            return syscallError(SyscallError.invalidArgument(1));
        }
        if (!isIOPortRangeFree(first_port, last_port)) {
            return syscallError(SyscallError.revokeFirst());
        }
        CSpace.LookupSlotRet lu = k.cspace.lookupTargetSlot(cnodeCap, index, depthArg(depth));
        if (lu.status() != EXCEPTION_NONE) {
            return lu.status();
        }
        Cte destSlot = lu.slot();
        ExceptionT status = k.cnodes.ensureEmptySlot(destSlot);
        if (status != EXCEPTION_NONE) {
            return status;
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeX86PortControl(first_port, last_port, destSlot, slot);
    }

    public ExceptionT invokeX86PortControl(int first_port, int last_port, Cte ioportSlot, Cte controlSlot) {
        setIOPortMask(state.x86KSAllocatedIOPorts, first_port, last_port, true);
        k.cnodes.cteInsert(new IOPortCap(first_port, last_port, X86Vcpu.VPID_INVALID), controlSlot, ioportSlot);
        return EXCEPTION_NONE;
    }

    // ---- IOPort ----

    private ExceptionT ensurePortOperationAllowed(IOPortCap cap, int start_port, int size) {
        int end_port = start_port + size - 1;
        if (start_port < cap.firstPort() || end_port > cap.lastPort()) {
            return syscallError(SyscallError.illegalOperation());
        }
        return EXCEPTION_NONE;
    }

    private static int widthOf(InvocationLabel l) {
        return switch (l) {
            case X86IOPortIn8, X86IOPortOut8 -> 1;
            case X86IOPortIn16, X86IOPortOut16 -> 2;
            default -> 4;
        };
    }

    public ExceptionT decodeX86PortInvocation(long invLabel, int length, long cptr, Cte slot, IOPortCap cap,
                                              boolean call, IpcBuffer buffer) {
        InvocationLabel l = InvocationLabel.genInvocationType(invLabel);
        if (l == InvocationLabel.X86IOPortIn8 || l == InvocationLabel.X86IOPortIn16 || l == InvocationLabel.X86IOPortIn32) {
            if (length < 1) {
                return syscallError(SyscallError.truncatedMessage());
            }
            int port = (int) (getSyscallArg(0, buffer) & 0xffff);
            ExceptionT ret = ensurePortOperationAllowed(cap, port, widthOf(l));
            if (ret != EXCEPTION_NONE) {
                return ret;
            }
            k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
            return invokeX86PortIn(invLabel, port, call);
        } else if (l == InvocationLabel.X86IOPortOut8 || l == InvocationLabel.X86IOPortOut16
                || l == InvocationLabel.X86IOPortOut32) {
            if (length < 2) {
                return syscallError(SyscallError.truncatedMessage());
            }
            int port = (int) (getSyscallArg(0, buffer) & 0xffff);
            long raw_data = getSyscallArg(1, buffer);
            // Only the bytes of the access width reach invokeX86PortOut.
            long data = switch (widthOf(l)) {
                case 1 -> raw_data & 0xff;
                case 2 -> raw_data & 0xffff;
                default -> raw_data & 0xffffffffL;
            };
            ExceptionT ret = ensurePortOperationAllowed(cap, port, widthOf(l));
            if (ret != EXCEPTION_NONE) {
                return ret;
            }
            k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
            return invokeX86PortOut(invLabel, port, data);
        } else {
            return syscallError(SyscallError.illegalOperation());
        }
    }

    /** invokeX86PortIn: conforming reference (call-guarded reply, badge 0, own buffer, Running). */
    public ExceptionT invokeX86PortIn(long invLabel, int port, boolean call) {
        Tcb thread = ks.ksCurThread;
        long res = switch (InvocationLabel.genInvocationType(invLabel)) {
            case X86IOPortIn8 -> hw.ioPorts().in8(port);
            case X86IOPortIn16 -> hw.ioPorts().in16(port);
            default -> hw.ioPorts().in32(port);
        };
        if (call) {
            IpcBuffer ipcBuffer = k.arch.lookupIPCBuffer(true, thread);
            setRegister(thread, badgeRegister, 0);
            int length = setMR(thread, ipcBuffer, 0, res);
            setRegister(thread, msgInfoRegister, wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, length)));
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Running);
        return EXCEPTION_NONE;
    }

    /** invokeX86PortOut: the output only; the decoder's Restart yields the empty reply on Call. */
    public ExceptionT invokeX86PortOut(long invLabel, int port, long data) {
        switch (InvocationLabel.genInvocationType(invLabel)) {
            case X86IOPortOut8 -> hw.ioPorts().out8(port, data);
            case X86IOPortOut16 -> hw.ioPorts().out16(port, data);
            default -> hw.ioPorts().out32(port, data);
        }
        return EXCEPTION_NONE;
    }
}
