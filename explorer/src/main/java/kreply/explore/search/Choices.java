package kreply.explore.search;

import kreply.explore.config.SystemConfig;
import kreply.explore.driver.Action;
import kreply.explore.trace.SyscallOp;

/**
 * The values the search picks for an event: message labels and lengths, and time. Time choices
 * span the system's time scale (log-uniformly, up to twice its longest period) and the boundary
 * of budget sufficiency: deadlines are approached to within a few minimum budgets, because what
 * the kernel does at an entry depends on whether the head refill still covers the time consumed
 * plus a minimum budget. The bounded exhaustive search uses a few fixed values per event instead.
 */
final class Choices {
    private final long minBudget;
    private final long maxDelay;
    private final long[] tickSet;
    private final long[] deadlineSet;
    private static final long[] ZERO = {0};
    private static final long[] MESSAGE = {Action.message(0, 0)};
    private static final long[] REPLIES = {Action.message(0, 0), Action.message(1, 0)};

    Choices(SystemConfig config) {
        this.minBudget = config.kernel().minBudget();
        this.maxDelay = 2 * config.longestPeriod();
        long shortest = Long.MAX_VALUE;
        for (var t : config.threads()) {
            if (!t.sc().isPassive()) {
                shortest = Math.min(shortest, t.sc().budget());
            }
        }
        long half = shortest == Long.MAX_VALUE ? 4 * minBudget : Math.max(1, shortest / 2);
        this.tickSet = half == minBudget ? new long[] {minBudget} : new long[] {minBudget, half};
        this.deadlineSet = new long[] {0, 1, minBudget};
    }

    /** A random argument for {@code a}, valid in the current state. */
    long random(Action a, Rng rng, long deadlineGap) {
        switch (a.kind()) {
            case TICK: {
                int bits = 64 - Long.numberOfLeadingZeros(maxDelay);
                long limit = 1L << (1 + rng.nextInt(bits));
                return 1 + rng.nextLong(Math.min(limit, maxDelay));
            }
            case DEADLINE: {
                long before = rng.nextLong(3 * minBudget + 1);
                return before < deadlineGap ? before : rng.nextLong(deadlineGap);
            }
            case SYSCALL:
                if (!a.takesMessage()) {
                    return 0;
                }
                return Action.message(randomLabel(rng), rng.nextInt(5));
            default:
                return 0;
        }
    }

    private static long randomLabel(Rng rng) {
        int r = rng.nextInt(10);
        return r < 7 ? 0 : r - 6;
    }

    /** The few values the exhaustive search tries for {@code a}. */
    long[] exhaustive(Action a, long deadlineGap) {
        switch (a.kind()) {
            case TICK:
                return tickSet;
            case DEADLINE: {
                int n = 0;
                for (long b : deadlineSet) {
                    if (b < deadlineGap) {
                        n++;
                    }
                }
                long[] out = new long[n];
                int i = 0;
                for (long b : deadlineSet) {
                    if (b < deadlineGap) {
                        out[i++] = b;
                    }
                }
                return out;
            }
            case SYSCALL:
                if (!a.takesMessage()) {
                    return ZERO;
                }
                return isReply(a) ? REPLIES : MESSAGE;
            default:
                return ZERO;
        }
    }

    /** Replies carry a label the receiver acts on (a fault reply restarts the thread only on label 0). */
    private static boolean isReply(Action a) {
        return a.op() == SyscallOp.REPLY || a.op() == SyscallOp.REPLY_RECV;
    }
}
