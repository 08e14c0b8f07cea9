package sel4.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.InvocationLabel.DomainScheduleConfigure;
import static sel4.api.InvocationLabel.DomainScheduleSetStart;
import static sel4.api.InvocationLabel.DomainSetSet;
import static sel4.labels.CallerView.emptyReply;
import static sel4.labels.CallerView.invalidArgument;
import static sel4.labels.CallerView.range;
import static sel4.labels.CallerView.truncated;
import static sel4.labels.Rig.DOMAIN;
import static sel4.labels.Rig.NO_CAPS;
import static sel4.labels.Rig.caps;

import java.util.List;
import sel4.model.Config;
import sel4.model.DomainScheduleEntry;
import sel4.object.domain.Domains;
import sel4.user.UserThread;

/**
 * The Domain labels (src/object/domain.c, current seL4 form) on a two-domain kernel, whose
 * schedule has 100 entries: SetSet, ScheduleConfigure and ScheduleSetStart with every check of
 * their decoders.
 */
final class DomainCases implements CaseFamily {
    private static final Config TWO_DOMAINS = Config.aarch64().toBuilder().numDomains(2).build();
    private static final int LENGTH = Domains.DEFAULT_DOMAIN_SCHEDULES;

    @Override
    public String name() {
        return "Domain";
    }

    @Override
    public List<LabelCase> cases() {
        CaseList c = new CaseList(TWO_DOMAINS);
        c.success(DomainSetSet, "moves the thread to the domain", r -> {
            UserThread t = r.idleThread("t");
            emptyReply(r.call(DOMAIN, DomainSetSet, caps(t.tcbCap()), 1));
            assertThat(t.tcb().tcbDomain).isEqualTo(1);
        });
        c.error(DomainSetSet, "TruncatedMessage: no domain word or no thread cap", r -> {
            UserThread t = r.idleThread("t");
            truncated(r.call(DOMAIN, DomainSetSet, caps(t.tcbCap())));
            truncated(r.call(DOMAIN, DomainSetSet, NO_CAPS, 1));
            assertThat(t.tcb().tcbDomain).isZero();
        });
        c.error(DomainSetSet, "InvalidArgument 0: no such domain", r -> {
            UserThread t = r.idleThread("t");
            invalidArgument(r.call(DOMAIN, DomainSetSet, caps(t.tcbCap()), 2), 0);
            assertThat(t.tcb().tcbDomain).isZero();
        });
        c.error(DomainSetSet, "InvalidArgument 1: the cap is not a thread", r ->
                invalidArgument(r.call(DOMAIN, DomainSetSet, caps(r.endpoint()), 1), 1));

        c.success(DomainScheduleConfigure, "writes the schedule entry", r -> {
            emptyReply(r.call(DOMAIN, DomainScheduleConfigure, NO_CAPS, 2, 1, 500));
            assertThat(r.ks.ksDomSchedule.get(2)).isEqualTo(new DomainScheduleEntry(1, 500));
        });
        c.error(DomainScheduleConfigure, "TruncatedMessage: fewer than three words", r -> {
            truncated(r.call(DOMAIN, DomainScheduleConfigure, NO_CAPS, 2, 1));
            assertEntryTwoUnchanged(r);
        });
        c.error(DomainScheduleConfigure, "RangeError [0, length - 2]: the last entry stays an end marker", r -> {
            range(r.call(DOMAIN, DomainScheduleConfigure, NO_CAPS, LENGTH - 1, 1, 500), 0, LENGTH - 2);
            assertThat(r.k.domains.dschedule_is_end_marker(LENGTH - 1)).isTrue();
        });
        c.error(DomainScheduleConfigure, "RangeError [0, 1]: no such domain", r -> {
            range(r.call(DOMAIN, DomainScheduleConfigure, NO_CAPS, 2, 2, 500), 0, 1);
            assertEntryTwoUnchanged(r);
        });
        c.error(DomainScheduleConfigure, "InvalidArgument 2: duration beyond 2^56 - 1", r -> {
            invalidArgument(r.call(DOMAIN, DomainScheduleConfigure, NO_CAPS, 2, 1, Domains.DSCHED_MAX_DURATION + 1), 2);
            assertEntryTwoUnchanged(r);
        });
        c.error(DomainScheduleConfigure, "InvalidArgument 1: zero duration for a domain other than 0", r -> {
            invalidArgument(r.call(DOMAIN, DomainScheduleConfigure, NO_CAPS, 2, 1, 0), 1);
            assertEntryTwoUnchanged(r);
        });
        c.error(DomainScheduleConfigure, "InvalidArgument 2: the start entry cannot become an end marker", r -> {
            DomainScheduleEntry start = r.ks.ksDomSchedule.get(0);
            invalidArgument(r.call(DOMAIN, DomainScheduleConfigure, NO_CAPS, 0, 0, 0), 2);
            assertThat(r.ks.ksDomSchedule.get(0)).isEqualTo(start);
        });

        c.success(DomainScheduleSetStart, "makes the entry the start and ends the current domain at once", r -> {
            // The schedule from entry 1: domain 1, then domain 0 again (entry 2), then back to entry 1.
            r.setUp(DOMAIN, DomainScheduleConfigure, NO_CAPS, 2, 0, 1000);
            long before = r.sim.now();
            emptyReply(r.call(DOMAIN, DomainScheduleSetStart, NO_CAPS, 1));
            assertThat(r.ks.ksDomScheduleStart).isEqualTo(1);
            assertThat(r.sim.now() - before).as("the root task waited out domain 1")
                    .isGreaterThanOrEqualTo(sel4.kernel.Boot.DEFAULT_DOMAIN_TICKS);
            assertThat(r.ks.ksCurDomain).isZero();
            assertThat(r.ks.ksDomScheduleIdx).isEqualTo(2);
        });
        c.error(DomainScheduleSetStart, "TruncatedMessage: no index", r -> {
            truncated(r.call(DOMAIN, DomainScheduleSetStart, NO_CAPS));
            assertThat(r.ks.ksDomScheduleStart).isZero();
        });
        c.error(DomainScheduleSetStart, "RangeError [0, length - 1]: no such entry", r -> {
            range(r.call(DOMAIN, DomainScheduleSetStart, NO_CAPS, LENGTH), 0, LENGTH - 1);
            assertThat(r.ks.ksDomScheduleStart).isZero();
        });
        c.error(DomainScheduleSetStart, "InvalidArgument 0: the entry is an end marker", r -> {
            invalidArgument(r.call(DOMAIN, DomainScheduleSetStart, NO_CAPS, 5), 0);
            assertThat(r.ks.ksDomScheduleStart).isZero();
        });
        return c.rows();
    }

    private static void assertEntryTwoUnchanged(Rig r) {
        assertThat(r.k.domains.dschedule_is_end_marker(2)).isTrue();
    }
}
