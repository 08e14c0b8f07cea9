package sel4.arch.aarch64;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import sel4.model.Config;

/**
 * The secure-monitor firmware behind the {@code smc #0} instruction of smc.c's doSMC. The model's
 * firmware is a deterministic function of the eight argument registers so that tests can predict
 * every result word: x0 becomes its bitwise complement (so the caller can tell a result from its
 * own argument) and x<i> becomes x<i> + i for i = 1..7. Every call is logged.
 */
public final class SmcFirmware {
    private final List<long[]> calls = new ArrayList<>();

    /** The results the firmware returns for {@code args} (pure; used by tests as the oracle). */
    public static long[] compute(long[] args) {
        long[] r = new long[Config.numSMCRegs];
        r[0] = ~args[0];
        for (int i = 1; i < Config.numSMCRegs; i++) {
            r[i] = args[i] + i;
        }
        return r;
    }

    /** Executes one SMC with the given argument registers and returns the result registers. */
    public long[] smc(long[] args) {
        calls.add(args.clone());
        return compute(args);
    }

    /** The argument registers of every SMC executed so far, oldest first. */
    public List<long[]> calls() {
        return Collections.unmodifiableList(calls);
    }
}
