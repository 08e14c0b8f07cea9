package sel4.api;

/**
 * Models seL4's {@code lookup_fault_t} (include/api/failures.h; Haskell LookupFailure): why a
 * capability lookup failed. {@link #type()} and {@link #words()} give the message encoding of
 * setMRs_lookup_failure.
 */
public sealed interface LookupFault {
    int seL4_NoFailure = 0;
    int seL4_InvalidRoot = 1;
    int seL4_MissingCapability = 2;
    int seL4_DepthMismatch = 3;
    int seL4_GuardMismatch = 4;

    int type();

    /** Message words after the type word. */
    long[] words();

    record InvalidRoot() implements LookupFault {
        @Override
        public int type() {
            return seL4_InvalidRoot;
        }

        @Override
        public long[] words() {
            return new long[0];
        }
    }

    record MissingCapability(int bitsLeft) implements LookupFault {
        @Override
        public int type() {
            return seL4_MissingCapability;
        }

        @Override
        public long[] words() {
            return new long[] {bitsLeft};
        }
    }

    record DepthMismatch(int bitsFound, int bitsLeft) implements LookupFault {
        @Override
        public int type() {
            return seL4_DepthMismatch;
        }

        @Override
        public long[] words() {
            return new long[] {bitsLeft, bitsFound};
        }
    }

    record GuardMismatch(int bitsLeft, long guardFound, int bitsFound) implements LookupFault {
        @Override
        public int type() {
            return seL4_GuardMismatch;
        }

        @Override
        public long[] words() {
            return new long[] {bitsLeft, guardFound, bitsFound};
        }
    }
}
