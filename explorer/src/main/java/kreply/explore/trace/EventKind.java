package kreply.explore.trace;

import java.util.Locale;

/**
 * What happens in one step of a scenario. Syscalls and faults are instructions of the current
 * thread; ticks and deadlines move time; the others are hardware: a device raising its line, the
 * current guest's virtual timer firing or being switched off, or the guest completing a virtual
 * interrupt whose list register asked for an end-of-interrupt maintenance interrupt.
 */
public enum EventKind {
    SYSCALL,
    FAULT,
    TICK,
    DEADLINE,
    IRQ,
    VPPI,
    VTIMER_OFF,
    EOI;

    /** The name used in trace files ({@code vtimer-off}). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static EventKind fromJson(String s) {
        for (EventKind k : values()) {
            if (k.jsonName().equals(s)) {
                return k;
            }
        }
        return null;
    }

    /** Whether the event is performed by (and names) the current thread. */
    public boolean hasThread() {
        return this == SYSCALL || this == FAULT || this == VPPI || this == VTIMER_OFF || this == EOI;
    }
}
