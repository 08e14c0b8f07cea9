package kreply.explore.config;

import java.util.List;
import java.util.Optional;

/**
 * A small configured system for the scenario explorer: kernel objects, VCPUs, device IRQs and
 * threads. It describes the system only; which events happen, and when, is the search's choice.
 */
public record SystemConfig(String name, String description, KernelSettings kernel, List<String> endpoints,
                           List<String> notifications, List<String> replies, List<VcpuSpec> vcpus,
                           List<IrqSpec> irqs, List<ThreadSpec> threads) {

    public SystemConfig {
        endpoints = List.copyOf(endpoints);
        notifications = List.copyOf(notifications);
        replies = List.copyOf(replies);
        vcpus = List.copyOf(vcpus);
        irqs = List.copyOf(irqs);
        threads = List.copyOf(threads);
    }

    public Optional<ThreadSpec> thread(String threadName) {
        return threads.stream().filter(t -> t.name().equals(threadName)).findFirst();
    }

    /** The largest period (or round-robin budget) of any thread: the time scale of the system. */
    public long longestPeriod() {
        long max = kernel.minBudget();
        for (ThreadSpec t : threads) {
            if (!t.sc().isPassive()) {
                max = Math.max(max, t.sc().period());
            }
        }
        return max;
    }

    /** One line for reports: name and what it contains. */
    public String summary() {
        long vcpuThreads = threads.stream().filter(t -> t.vcpu() != null).count();
        return name + " (" + threads.size() + " threads, " + vcpuThreads + " with a VCPU, " + endpoints.size()
                + " endpoints, " + notifications.size() + " notifications, " + irqs.size() + " device IRQs)";
    }
}
