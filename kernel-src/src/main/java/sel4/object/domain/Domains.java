package sel4.object.domain;

import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.SyscallError;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.model.Config;
import sel4.model.DomainScheduleEntry;
import sel4.object.cap.Cap;
import sel4.object.cap.ThreadCap;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

/**
 * Models seL4's src/object/domain.c and include/object/domain.h in their current form (seL4 HEAD:
 * SetSet plus the run-time domain-schedule API): the Domain invocations and the domain-schedule
 * accessors used by the scheduler.
 *
 * <p>The schedule ({@code ks.ksDomSchedule}) is conceptually a fixed array of
 * {@link #domScheduleLength()} entries, every entry beyond the configured ones being an end marker
 * (domain 0, duration 0). The model stores only the prefix that has been written; reads past it
 * see end markers and a write past it pads it with end markers. The last entry always stays an
 * end marker, so the scheduler's walk ({@code nextDomain}) always wraps to the start entry.
 */
public final class Domains extends KernelModule {
    /** DSCHED_MAX_DURATION: durations fit the low 56 bits of a C schedule word. */
    public static final long DSCHED_MAX_DURATION = -1L >>> 8;
    /** CONFIG_NUM_DOMAIN_SCHEDULES default with more than one domain (2 with one domain). */
    public static final int DEFAULT_DOMAIN_SCHEDULES = 100;

    private static final DomainScheduleEntry END_MARKER = new DomainScheduleEntry(0, 0);

    public Domains(Kernel k) {
        super(k);
    }

    // ---- the schedule ----

    /**
     * domScheduleLength (CONFIG_NUM_DOMAIN_SCHEDULES): 100 with several domains, 2 with one
     * domain, or the length of a longer schedule installed at boot.
     */
    public int domScheduleLength() {
        int configured = config.numDomains() > 1 ? DEFAULT_DOMAIN_SCHEDULES : 2;
        return Math.max(configured, ks.ksDomSchedule.size());
    }

    private DomainScheduleEntry dschedule(int index) {
        if (index < 0 || index >= ks.ksDomSchedule.size()) {
            return END_MARKER;
        }
        return ks.ksDomSchedule.get(index);
    }

    public boolean dschedule_is_end_marker(int index) {
        DomainScheduleEntry e = dschedule(index);
        return e.domain() == 0 && e.isEndMarker();
    }

    public int dschedule_domain(int index) {
        return dschedule(index).domain();
    }

    public long dschedule_duration(int index) {
        return dschedule(index).length();
    }

    // ---- invocations ----

    public ExceptionT decodeDomainInvocation(long invLabel, int length, IpcBuffer buffer) {
        switch (InvocationLabel.genInvocationType(invLabel)) {
            case DomainSetSet:
                return decodeDomainSetSetInvocation(length, buffer);
            case DomainScheduleConfigure:
                return decodeDomainScheduleConfigure(length, buffer);
            case DomainScheduleSetStart:
                return decodeDomainScheduleSetStart(length, buffer);
            default:
                return syscallError(SyscallError.illegalOperation());
        }
    }

    /**
     * DomainSetSet(domain; extra cap: thread). Checks: one argument (TruncatedMessage), domain
     * below numDomains (InvalidArgument 0), an extra cap (TruncatedMessage) that is a thread cap
     * (InvalidArgument 1).
     */
    private ExceptionT decodeDomainSetSetInvocation(int length, IpcBuffer buffer) {
        if (length == 0) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long domain = getSyscallArg(0, buffer);
        if (Long.compareUnsigned(domain, config.numDomains()) >= 0) {
            return syscallError(SyscallError.invalidArgument(0));
        }
        Cte slot = ks.current_extra_caps[0];
        if (slot == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        Cap tcap = slot.cap;
        if (!(tcap instanceof ThreadCap threadCap)) {
            return syscallError(SyscallError.invalidArgument(1));
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        invokeDomainSetSet(threadCap.tcb(), (int) domain);
        return ExceptionT.EXCEPTION_NONE;
    }

    public void invokeDomainSetSet(Tcb tcb, int domain) {
        k.thread.prepareSetDomain(tcb, domain);
        k.thread.setDomain(tcb, domain);
    }

    /**
     * DomainScheduleConfigure(index, domain, duration). Checks: three arguments
     * (TruncatedMessage); index below domScheduleLength − 1, since the last entry must stay an end
     * marker (RangeError 0..length−2); domain below numDomains (RangeError 0..numDomains−1);
     * duration at most DSCHED_MAX_DURATION (InvalidArgument 2); a zero duration only with domain 0,
     * i.e. a real end marker (InvalidArgument 1); the start entry cannot become an end marker
     * (InvalidArgument 2).
     */
    private ExceptionT decodeDomainScheduleConfigure(int length, IpcBuffer buffer) {
        if (length < 2 + Config.TIME_ARG_SIZE) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long index = getSyscallArg(0, buffer);
        long domain = getSyscallArg(1, buffer);
        long duration = mode_parseTimeArg(2, buffer);

        int len = domScheduleLength();
        if (Long.compareUnsigned(index, len - 1) >= 0) {
            return syscallError(SyscallError.rangeError(0, len - 2));
        }
        if (Long.compareUnsigned(domain, config.numDomains()) >= 0) {
            return syscallError(SyscallError.rangeError(0, config.numDomains() - 1));
        }
        if (Long.compareUnsigned(duration, DSCHED_MAX_DURATION) > 0) {
            return syscallError(SyscallError.invalidArgument(2));
        }
        if (duration == 0 && domain != 0) {
            return syscallError(SyscallError.invalidArgument(1));
        }
        if (index == ks.ksDomScheduleStart && duration == 0) {
            return syscallError(SyscallError.invalidArgument(2));
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        invokeDomainScheduleConfigure((int) index, (int) domain, duration);
        return ExceptionT.EXCEPTION_NONE;
    }

    public void invokeDomainScheduleConfigure(int index, int domain, long duration) {
        while (ks.ksDomSchedule.size() <= index) {
            ks.ksDomSchedule.add(END_MARKER);
        }
        ks.ksDomSchedule.set(index, new DomainScheduleEntry(domain, duration));
    }

    /**
     * DomainScheduleSetStart(index). Checks: one argument (TruncatedMessage); index below
     * domScheduleLength (RangeError 0..length−1); the entry is not an end marker
     * (InvalidArgument 0).
     */
    private ExceptionT decodeDomainScheduleSetStart(int length, IpcBuffer buffer) {
        if (length < 1) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long index = getSyscallArg(0, buffer);
        int len = domScheduleLength();
        if (Long.compareUnsigned(index, len) >= 0) {
            return syscallError(SyscallError.rangeError(0, len - 1));
        }
        if (dschedule_is_end_marker((int) index)) {
            return syscallError(SyscallError.invalidArgument(0));
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        invokeDomainScheduleSetStart((int) index);
        return ExceptionT.EXCEPTION_NONE;
    }

    /**
     * Makes {@code index} the start of the schedule and ends the current domain at once: the
     * index is parked on the final end marker, so the next nextDomain wraps to the new start.
     */
    public void invokeDomainScheduleSetStart(int index) {
        ks.ksDomScheduleStart = index;
        ks.ksDomainTime = 0;
        ks.ksDomScheduleIdx = domScheduleLength() - 2;
        k.sched.rescheduleRequired();
    }
}
