package sel4.api;

/**
 * Models the MCS system-call numbers of seL4 (generated syscall.h, KERNEL-REFERENCE §4.2): eleven
 * syscalls numbered from −1 downwards in this order.
 */
public enum Syscall {
    SysCall(-1),
    SysReplyRecv(-2),
    SysNBSendRecv(-3),
    SysNBSendWait(-4),
    SysSend(-5),
    SysNBSend(-6),
    SysRecv(-7),
    SysNBRecv(-8),
    SysWait(-9),
    SysNBWait(-10),
    SysYield(-11);

    public static final long SYSCALL_MIN = -11;
    public static final long SYSCALL_MAX = -1;

    private final long number;

    Syscall(long number) {
        this.number = number;
    }

    public long number() {
        return number;
    }

    /** The syscall with this number, or null when the number is not a syscall (unknown syscall). */
    public static Syscall fromNumber(long n) {
        if (n < SYSCALL_MIN || n > SYSCALL_MAX) {
            return null;
        }
        return values()[(int) (-n - 1)];
    }
}
