package sel4.api;

/**
 * Models seL4's {@code syscall_error_t} (include/api/failures.h): the error a decoder reports and
 * {@code replyFromKernel_error} sends back on Call (KERNEL-REFERENCE §6.3).
 */
public record SyscallError(int type, long invalidArgumentNumber, long invalidCapNumber, long rangeErrorMin,
                           long rangeErrorMax, boolean failedLookupWasSource, LookupFault lookupFault,
                           long memoryLeft) {
    public static final int seL4_NoError = 0;
    public static final int seL4_InvalidArgument = 1;
    public static final int seL4_InvalidCapability = 2;
    public static final int seL4_IllegalOperation = 3;
    public static final int seL4_RangeError = 4;
    public static final int seL4_AlignmentError = 5;
    public static final int seL4_FailedLookup = 6;
    public static final int seL4_TruncatedMessage = 7;
    public static final int seL4_DeleteFirst = 8;
    public static final int seL4_RevokeFirst = 9;
    public static final int seL4_NotEnoughMemory = 10;

    private static SyscallError of(int type) {
        return new SyscallError(type, 0, 0, 0, 0, false, null, 0);
    }

    public static SyscallError invalidArgument(long argNo) {
        return new SyscallError(seL4_InvalidArgument, argNo, 0, 0, 0, false, null, 0);
    }

    public static SyscallError invalidCapability(long capNo) {
        return new SyscallError(seL4_InvalidCapability, 0, capNo, 0, 0, false, null, 0);
    }

    public static SyscallError illegalOperation() {
        return of(seL4_IllegalOperation);
    }

    public static SyscallError rangeError(long min, long max) {
        return new SyscallError(seL4_RangeError, 0, 0, min, max, false, null, 0);
    }

    public static SyscallError alignmentError() {
        return of(seL4_AlignmentError);
    }

    public static SyscallError failedLookup(boolean wasSource, LookupFault lf) {
        return new SyscallError(seL4_FailedLookup, 0, 0, 0, 0, wasSource, lf, 0);
    }

    public static SyscallError truncatedMessage() {
        return of(seL4_TruncatedMessage);
    }

    public static SyscallError deleteFirst() {
        return of(seL4_DeleteFirst);
    }

    public static SyscallError revokeFirst() {
        return of(seL4_RevokeFirst);
    }

    public static SyscallError notEnoughMemory(long left) {
        return new SyscallError(seL4_NotEnoughMemory, 0, 0, 0, 0, false, null, left);
    }
}
