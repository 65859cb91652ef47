package io.winhttp4j.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Heap and allocation around one run, in this JVM (the server is another process):
 * <ul>
 *   <li>allocated: bytes allocated by all threads during the run
 *       ({@code com.sun.management.ThreadMXBean.getTotalThreadAllocatedBytes}, which counts threads
 *       that ended too; summed per live thread if the JVM lacks it);</li>
 *   <li>peak: the largest heap occupancy during the run. Occupancy only grows between
 *       collections, so it is the largest "before GC" figure of the collections in the run, or the
 *       occupancy at its end;</li>
 *   <li>live growth: the largest "after GC" occupancy during the run minus the occupancy after a
 *       full GC just before it — what the run kept reachable. -1 when no GC ran during the run
 *       (then only garbage and live data together are known, and that says nothing).</li>
 * </ul>
 * {@link #begin} runs a full GC first so every run starts from the same clean heap.
 */
final class MemoryProbe {

    record Sample(long allocatedBytes, long peakHeapBytes, long liveGrowthBytes) {
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());
    private final Map<String, Long> collectionsAtBegin = new ConcurrentHashMap<>();
    private final AtomicLong maxBeforeGc = new AtomicLong();
    private final AtomicLong maxAfterGc = new AtomicLong(-1);
    private volatile boolean armed;
    private long baseline;
    private long allocatedAtBegin;

    MemoryProbe() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (armed && GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        onCollection(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()));
                    }
                }, null, null);
            }
        }
    }

    private void onCollection(GarbageCollectionNotificationInfo info) {
        Long before = collectionsAtBegin.get(info.getGcName());
        if (before == null || info.getGcInfo().getId() <= before) {
            return; // a collection from before begin(), reported late
        }
        maxBeforeGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageBeforeGc()), Math::max);
        maxAfterGc.accumulateAndGet(heapUsed(info.getGcInfo().getMemoryUsageAfterGc()), Math::max);
    }

    private long heapUsed(Map<String, MemoryUsage> pools) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }

    void begin() {
        baseline = settledHeap();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            collectionsAtBegin.put(collector.getName(), collector.getCollectionCount());
        }
        maxBeforeGc.set(0);
        maxAfterGc.set(-1);
        armed = true;
        allocatedAtBegin = allocatedBytes();
    }

    Sample end() {
        long allocated = allocatedBytes() - allocatedAtBegin;
        long usedAtEnd = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        sleep(30); // GC notifications are delivered on another thread
        armed = false;
        long afterGc = maxAfterGc.get();
        return new Sample(allocated, Math.max(maxBeforeGc.get(), usedAtEnd), afterGc < 0 ? -1 : Math.max(0, afterGc - baseline));
    }

    /** Heap occupancy after full collections: the live data. */
    static long settledHeap() {
        System.gc();
        sleep(20);
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long allocatedBytes() {
        try {
            return THREADS.getTotalThreadAllocatedBytes();
        } catch (UnsupportedOperationException e) {
            long sum = 0;
            for (long bytes : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
                sum += Math.max(0, bytes);
            }
            return sum;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
