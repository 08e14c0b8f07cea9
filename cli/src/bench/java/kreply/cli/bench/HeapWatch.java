package kreply.cli.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Measures the heap a tool needs as the largest heap occupancy right after a garbage collection
 * while it runs (from the JVM's GC notifications), not the peak occupancy, which mostly counts
 * garbage the collector had no reason to reclaim yet in a large heap. After a young collection the
 * old generation may still hold dead objects, so the number is an upper bound of the live heap.
 */
final class HeapWatch implements NotificationListener, AutoCloseable {
    private final Set<String> heapPools = new HashSet<>();
    private final AtomicLong peakAfterGc = new AtomicLong();

    private HeapWatch() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
    }

    /** Collects the garbage of whatever ran before, then starts watching. */
    static HeapWatch start() {
        System.gc();
        HeapWatch w = new HeapWatch();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(w, null, null);
            }
        }
        return w;
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long used = 0;
        for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
                used += e.getValue().getUsed();
            }
        }
        peakAfterGc.accumulateAndGet(used, Math::max);
    }

    /**
     * The largest heap occupancy after a collection since {@link #start()}. A run too short to
     * trigger any collection is measured by one forced collection at the end.
     */
    long peakAfterGcBytes() {
        if (peakAfterGc.get() == 0) {
            System.gc();
            // notifications arrive on a JMX thread; give the forced collection's a moment
            for (int i = 0; i < 50 && peakAfterGc.get() == 0; i++) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return peakAfterGc.get();
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                try {
                    e.removeNotificationListener(this);
                } catch (ListenerNotFoundException ignored) {
                    // never registered on this collector
                }
            }
        }
    }
}
