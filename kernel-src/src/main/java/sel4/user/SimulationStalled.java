package sel4.user;

/**
 * The simulated system cannot make progress: an interrupt that stays pending however often the
 * kernel handles it, an idle system with threads waiting for time but no timer armed, or a run that
 * was expected to finish and did not. The message ends with the last steps of the CPU.
 */
public final class SimulationStalled extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SimulationStalled(String message) {
        super(message);
    }
}
