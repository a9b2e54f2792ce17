package io.streamscale.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap use of one benchmark phase, from the JVM's own beans. The peak is exact rather than sampled: the
 * heap is fullest just before a collection, and every collection reports its before/after usage per
 * pool through a GC notification. "After GC" is the heap left by a full collection at the end of the
 * phase, while the phase's application still holds its state.
 *
 * <p>The broker runs in the same JVM, so every figure includes it; {@link #start()} records the
 * heap after a full collection before the phase, so the difference is what the phase itself keeps.
 */
public final class HeapMeter implements AutoCloseable {

    private final Set<String> heapPools;
    private final List<Registration> registrations = new ArrayList<>();
    private final AtomicLong peakBeforeGc = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final long baselineAfterGc;
    /** JVM uptime when the phase began: collections that started earlier (the baseline's) do not count. */
    private final long phaseStartUptimeMs;

    private HeapMeter() {
        this.heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        this.baselineAfterGc = usedAfterFullGc();
        this.phaseStartUptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                final NotificationListener listener = this::onGc;
                emitter.addNotificationListener(listener, null, null);
                registrations.add(new Registration(emitter, listener));
            }
        }
    }

    /** Collects garbage, records the baseline and starts watching collections. */
    public static HeapMeter start() {
        return new HeapMeter();
    }

    /** Heap figures of the phase so far; runs a full collection to measure what is live now. */
    public Reading read() {
        final long now = currentHeapUsed();
        final long afterGc = usedAfterFullGc();
        return new Reading(baselineAfterGc, Math.max(peakBeforeGc.get(), now), afterGc, collections.get());
    }

    @Override
    public void close() {
        for (final Registration registration : registrations) {
            try {
                registration.emitter().removeNotificationListener(registration.listener());
            } catch (javax.management.ListenerNotFoundException ignored) {
                // already gone
            }
        }
    }

    private void onGc(final Notification notification, final Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        final GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
        if (info.getStartTime() < phaseStartUptimeMs) {
            return;
        }
        final long before = heapSum(info.getMemoryUsageBeforeGc());
        collections.incrementAndGet();
        peakBeforeGc.accumulateAndGet(before, Math::max);
    }

    private long heapSum(final Map<String, MemoryUsage> usageByPool) {
        return usageByPool.entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                .mapToLong(e -> e.getValue().getUsed()).sum();
    }

    private static long currentHeapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long usedAfterFullGc() {
        // Two collections: the first may only promote what the second can then free.
        System.gc();
        System.gc();
        return currentHeapUsed();
    }

    /**
     * @param baselineAfterGcBytes heap live before the phase (broker, registry, JIT'd code's data)
     * @param peakBytes            highest heap use seen during the phase (just before a collection)
     * @param afterGcBytes         heap live at the end of the phase, the application still running
     * @param collections          collections during the phase, including the measuring ones
     */
    public record Reading(long baselineAfterGcBytes, long peakBytes, long afterGcBytes, long collections) {

        /** What the phase keeps live beyond the baseline. */
        public long retainedBytes() {
            return afterGcBytes - baselineAfterGcBytes;
        }
    }

    private record Registration(NotificationEmitter emitter, NotificationListener listener) {
    }
}
