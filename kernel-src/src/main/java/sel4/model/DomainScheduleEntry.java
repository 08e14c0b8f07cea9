package sel4.model;

/** One entry of the domain schedule (dschedule_t): a domain and its length in ticks. (0, 0) ends the schedule. */
public record DomainScheduleEntry(int domain, long length) {
    public boolean isEndMarker() {
        return length == 0;
    }
}
