package sel4.arch.aarch64;

import sel4.machine.Timer;

/**
 * The EL1 virtual timer of the ARM generic timer as the kernel sees it (src/drivers/timer/
 * generic_timer.c save_virt_timer / restore_virt_timer; include/drivers/timer/arm_generic.h):
 * CNTV_CTL, CNTV_CVAL, CNTVOFF and CNTKCTL. The physical count is the machine timer, so the
 * virtual count is {@code now - CNTVOFF}.
 *
 * <p>The timer condition is met when the virtual count has reached CNTV_CVAL; the timer output
 * is asserted when additionally ENABLE is set and IMASK is clear. Reading CNTV_CTL reports the
 * condition in ISTATUS, as hardware does.
 */
public final class VirtualTimer {
    public static final long CNTV_CTL_ENABLE = 1;
    public static final long CNTV_CTL_IMASK = 2;
    public static final long CNTV_CTL_ISTATUS = 4;

    private final Timer physical;
    private long ctl;
    private long cval;
    private long voff;
    private long kctl;

    public VirtualTimer(Timer physical) {
        this.physical = physical;
    }

    /** CNTPCT: the physical count. */
    public long read_cntpct() {
        return physical.getCurrentTime();
    }

    /** CNTVCT: the virtual count. */
    public long virtualCount() {
        return read_cntpct() - voff;
    }

    private boolean conditionMet() {
        return Long.compareUnsigned(virtualCount(), cval) >= 0;
    }

    public long readCTL() {
        return (ctl & (CNTV_CTL_ENABLE | CNTV_CTL_IMASK)) | (conditionMet() ? CNTV_CTL_ISTATUS : 0);
    }

    /** ISTATUS is read-only; only ENABLE and IMASK are writable. */
    public void writeCTL(long v) {
        ctl = v & (CNTV_CTL_ENABLE | CNTV_CTL_IMASK);
    }

    public long readCVAL() {
        return cval;
    }

    public void writeCVAL(long v) {
        cval = v;
    }

    public long readCNTVOFF() {
        return voff;
    }

    public void writeCNTVOFF(long v) {
        voff = v;
    }

    public long readCNTKCTL() {
        return kctl;
    }

    public void writeCNTKCTL(long v) {
        kctl = v;
    }

    /** Level of the timer output (before the interrupt controller's mask). */
    public boolean output() {
        return (ctl & CNTV_CTL_ENABLE) != 0 && (ctl & CNTV_CTL_IMASK) == 0 && conditionMet();
    }
}
