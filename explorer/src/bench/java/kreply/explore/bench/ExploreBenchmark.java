package kreply.explore.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import kreply.explore.Explorer;
import kreply.explore.config.ShippedConfigs;
import kreply.explore.config.SystemConfig;
import kreply.explore.driver.Action;
import kreply.explore.driver.ActionCatalog;
import kreply.explore.driver.Stepper;
import kreply.explore.kernel.KernelRuntime;
import kreply.explore.protocol.EngineResponse;
import kreply.explore.search.Session;

/**
 * Measures exploration speed (a measurement, not a test: it never fails on a slow number). For
 * each shipped configuration it runs the random search over a fixed event budget — the whole
 * budget, whatever it finds — with one worker thread and with all cores, interleaved and repeated
 * so that the noise of a shared machine hits both alike, and reports the medians and their ratio
 * (the parallel speed-up against its one-thread peer).
 *
 * <p>It also prices the kernel's invariant checker, which runs after every event: it times the
 * whole checker on states sampled from random walks and reports that cost as a share of the
 * one-thread time per kernel event. (A run with checks off is no fair peer: with no checks the
 * trials do not stop at violations, so it does different work.)
 *
 * <p>Kernel events per second count kernel entries (syscalls, faults, interrupts) over wall time,
 * building each trial's system included. Run with
 * {@code mvn -B -Pbench -pl explorer -am verify -DskipTests}; {@code -Dbench.events=N},
 * {@code -Dbench.runs=N} and {@code -Dbench.configs=a,b} adjust it.
 */
public final class ExploreBenchmark {
    private static final double TARGET_PER_CORE = 100_000;
    private static final int SAMPLED_STATES = 200;
    private static final int CHECKS_PER_STATE = 500;

    private ExploreBenchmark() {
    }

    public static void main(String[] args) {
        long events = Long.getLong("bench.events", 2_000_000);
        int runs = Integer.getInteger("bench.runs", 5);
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> configs = Arrays.asList(System.getProperty("bench.configs", String.join(",", ShippedConfigs.NAMES))
                .split(","));
        System.out.printf(Locale.ROOT, "kreply explore benchmark: %,d events per run, median of %d interleaved runs,"
                + " %d cores, Java %s%n%n", events, runs, cores, System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-16s %15s %16s %9s %12s %14s%n", "config", "1 thread kev/s",
                cores + " threads kev/s", "speed-up", "check (ns)", "checker share");
        List<Double> perCore = new ArrayList<>();
        try (KernelRuntime kernel = Explorer.kernel(null)) {
            for (String name : configs) {
                SystemConfig config = ShippedConfigs.load(name.strip());
                // Warm-up: class loading and JIT compilation, untimed.
                run(kernel, config, Math.max(events / 10, 1000), 1);
                run(kernel, config, Math.max(events / 10, 1000), cores);
                double[] one = new double[runs];
                double[] all = new double[runs];
                for (int r = 0; r < runs; r++) {
                    one[r] = run(kernel, config, events, 1);
                    all[r] = run(kernel, config, events, cores);
                }
                double m1 = median(one);
                double mn = median(all);
                double check = checkerNanos(config);
                perCore.add(m1);
                System.out.printf(Locale.ROOT, "%-16s %,15.0f %,16.0f %8.2fx %,12.0f %13.0f%%%n", name.strip(), m1, mn,
                        mn / m1, check, 100 * check * m1 / 1e9);
            }
        }
        double worst = perCore.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        System.out.printf(Locale.ROOT, "%nspeed-up = all cores / one thread; check = one run of the whole invariant"
                + " checker; checker share = its part of the one-thread time per kernel event.%n");
        System.out.printf(Locale.ROOT, "target: at least %,.0f kernel events/s per core with checks on: %s"
                + " (slowest configuration: %,.0f)%n", TARGET_PER_CORE, worst >= TARGET_PER_CORE ? "met" : "NOT met",
                worst);
    }

    private static double run(KernelRuntime kernel, SystemConfig config, long events, int threads) {
        EngineResponse r = Explorer.bench(kernel, config, new Explorer.Options("random", 1, events, 1000, threads, false));
        return r.stats().kernelEventsPerSecond();
    }

    /** Mean time of one full invariant check on states reached by short random walks. */
    private static double checkerNanos(SystemConfig config) {
        SplittableRandom rnd = new SplittableRandom(1);
        long total = 0;
        long checks = 0;
        int[] ids = null;
        for (int s = 0; s < SAMPLED_STATES; s++) {
            Session session = Session.start(config);
            Stepper stepper = session.stepper();
            ActionCatalog catalog = session.catalog();
            ids = ids == null || ids.length < catalog.size() ? new int[catalog.size()] : ids;
            int steps = rnd.nextInt(1, 60);
            for (int i = 0; i < steps; i++) {
                ActionCatalog.Category c = ActionCatalog.Category.values()[rnd.nextInt(ActionCatalog.Category.values().length)];
                int n = catalog.enabled(stepper, c, ids);
                if (n == 0) {
                    continue;
                }
                Action a = catalog.get(ids[rnd.nextInt(n)]);
                long arg = a.takesTime() ? rnd.nextLong(0, Math.max(1, stepper.deadlineGap())) : 0;
                if (stepper.apply(a, arg) != Stepper.Outcome.OK) {
                    break;
                }
            }
            try {
                long t0 = System.nanoTime();
                for (int i = 0; i < CHECKS_PER_STATE; i++) {
                    session.system().checkInvariants();
                }
                total += System.nanoTime() - t0;
                checks += CHECKS_PER_STATE;
            } catch (RuntimeException broken) {
                // a state that is already broken (the walk ended in a violation): not a sample
            }
        }
        return checks == 0 ? 0 : (double) total / checks;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
