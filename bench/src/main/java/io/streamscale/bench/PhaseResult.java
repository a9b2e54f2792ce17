package io.streamscale.bench;

/**
 * What one timed phase measured.
 *
 * @param phase        what ran, e.g. {@code plain consumer}
 * @param records      records it consumed in the timed interval
 * @param elapsedNanos length of the timed interval
 * @param heap         heap use during the phase
 * @param note         how the interval was timed, or anything that qualifies the number
 */
public record PhaseResult(String phase, long records, long elapsedNanos, HeapMeter.Reading heap, String note) {

    public double seconds() {
        return elapsedNanos / 1e9;
    }

    public double recordsPerSecond() {
        return records / seconds();
    }
}
