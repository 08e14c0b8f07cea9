package sel4.api;

/** Models seL4's {@code exception_t} (include/api/failures.h): the outcome of a kernel operation. */
public enum ExceptionT {
    EXCEPTION_NONE,
    EXCEPTION_FAULT,
    EXCEPTION_LOOKUP_FAULT,
    EXCEPTION_SYSCALL_ERROR,
    EXCEPTION_PREEMPTED
}
