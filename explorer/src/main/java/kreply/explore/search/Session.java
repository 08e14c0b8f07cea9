package kreply.explore.search;

import kreply.explore.config.SystemConfig;
import kreply.explore.driver.ActionCatalog;
import kreply.explore.driver.LiveSystem;
import kreply.explore.driver.Stepper;
import kreply.explore.driver.SystemBuilder;

/**
 * One freshly built system with its event alphabet and its driver: what a trial, a replay or one
 * node of the exhaustive search works on. Kernel entries are counted from the end of building, so
 * the set-up's invocations do not count as explored events.
 */
public final class Session {
    private final LiveSystem sys;
    private final ActionCatalog catalog;
    private final Stepper stepper;
    private final long entriesAtStart;

    private Session(LiveSystem sys) {
        this.sys = sys;
        this.catalog = new ActionCatalog(sys);
        this.stepper = new Stepper(sys);
        this.entriesAtStart = sys.kernelEntries();
    }

    public static Session start(SystemConfig config) {
        return new Session(SystemBuilder.build(config));
    }


    public LiveSystem system() {
        return sys;
    }

    public ActionCatalog catalog() {
        return catalog;
    }

    public Stepper stepper() {
        return stepper;
    }

    /** Kernel entries since the system was built. */
    public long kernelEntries() {
        return sys.kernelEntries() - entriesAtStart;
    }
}
