package kreply.explore.driver;

import kreply.explore.config.ConfigLoader;
import kreply.explore.config.ShippedConfigs;
import kreply.explore.config.SystemConfig;
import kreply.explore.trace.TraceEvent;
import sel4.object.tcb.Tcb;

/** Test helper: a live system with its alphabet and driver, driven by trace events. */
final class Live {
    final LiveSystem sys;
    final ActionCatalog catalog;
    final Stepper stepper;

    Live(SystemConfig config) {
        sys = SystemBuilder.build(config);
        catalog = new ActionCatalog(sys);
        stepper = new Stepper(sys);
    }

    static Live shipped(String name) {
        return new Live(ShippedConfigs.load(name));
    }

    static Live of(String yaml) {
        return new Live(new ConfigLoader().parse(yaml, "test.yaml", false, "test"));
    }

    Stepper.Outcome apply(TraceEvent e) {
        Action a = catalog.find(e);
        if (a == null) {
            throw new AssertionError("no such event: " + e.describe());
        }
        return stepper.apply(a, ActionCatalog.argOf(e));
    }

    Tcb tcb(String thread) {
        return sys.handleNamed(thread).tcb;
    }

    String current() {
        return sys.currentName();
    }
}
