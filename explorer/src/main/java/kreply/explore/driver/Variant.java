package kreply.explore.driver;

/**
 * How a violation relates to seL4 issue #346 (LEGACY-REPLY-BUGS part B): the thread the broken
 * check is about was blocked (or was being blocked) while still in a ready queue, or while in the
 * release queue; or a hypervisor IRQ handler found the current thread not runnable (the timeout
 * case, after a timeout fault blocked it); or none of these.
 */
public enum Variant {
    READY_QUEUE("ready-queue", "the blocked thread is still in a ready queue"),
    RELEASE_QUEUE("release-queue", "the blocked thread is in the release queue"),
    TIMEOUT("timeout", "a hypervisor IRQ handler found the current thread not runnable (blocked on its timeout handler)"),
    OTHER("other", "not a #346 variant");

    private final String id;
    private final String meaning;

    Variant(String id, String meaning) {
        this.id = id;
        this.meaning = meaning;
    }

    public String id() {
        return id;
    }

    public String meaning() {
        return meaning;
    }

    public boolean is346() {
        return this != OTHER;
    }

    public static Variant fromId(String id) {
        for (Variant v : values()) {
            if (v.id.equals(id)) {
                return v;
            }
        }
        return OTHER;
    }
}
