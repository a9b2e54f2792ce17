package io.streamscale.bench;

/**
 * What one timed phase measured.
 *
 * @param phase        what ran, e.g. {@code plain consumer}
 * @param records      records it consumed in the timed interval
 * @param elapsedNanos length of the timed interval
 * @param cpuNanos     CPU time the whole process (broker included) used in the timed interval
 * @param heap         heap use during the phase
 * @param note         how the interval was timed, or anything that qualifies the number
 */
public record PhaseResult(String phase, long records, long elapsedNanos, long cpuNanos, HeapMeter.Reading heap, String note) {

    public double seconds() {
        return elapsedNanos / 1e9;
    }

    public double recordsPerSecond() {
        return records / seconds();
    }

    /**
     * Process CPU time per record, microseconds: steadier than the rate on a machine shared with other
     * work, since time spent waiting for a core is not counted.
     */
    public double cpuMicrosPerRecord() {
        return cpuNanos / 1e3 / records;
    }

    /** Process CPU time now, nanoseconds (all threads of this JVM). */
    public static long processCpuNanos() {
        final java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }
}
