package io.streamscale.signals;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * How signals are computed: window size and grace, the trend look-back and forecast, the capacity
 * assumed before anything is known, and the range of the latency histograms.
 *
 * @param windowSize            length of the tumbling, epoch-aligned event-time windows [10 s]
 * @param grace                 how long after its end a window still accepts records [5 s]
 * @param slopeLookbackWindows  windows in the least-squares rps slope, including the closing one [6]
 * @param forecastHorizon       how far after a window's end rpsForecast looks [5 min]
 * @param defaultCapacity       capacity when neither endpoint-capacity nor a policy says [1]
 * @param holtAlpha             Holt's level smoothing factor, 0 &lt; α ≤ 1 [0.5]
 * @param holtBeta              Holt's trend smoothing factor, 0 &lt; β ≤ 1 [0.3]
 * @param maxLatency            highest latency the histograms resolve; longer ones count as this [10 min]
 * @param idleEvictionWindows   zero windows an endpoint without a policy still gets after its traffic
 *                              stops, before it is forgotten [360, one hour at 10 s]
 * @param maxCatchUpWindows     zero windows emitted at most per key when stream time jumps; an older
 *                              gap is skipped [8640, one day at 10 s]
 * @param idleAdvanceAfter      wall-clock time without any record after which a quiet task's stream
 *                              time is advanced by the wall clock; {@link Duration#ZERO} turns it off [30 s]
 */
public record SignalConfig(Duration windowSize, Duration grace, int slopeLookbackWindows, Duration forecastHorizon,
        int defaultCapacity, double holtAlpha, double holtBeta, Duration maxLatency, int idleEvictionWindows,
        int maxCatchUpWindows, Duration idleAdvanceAfter) {

    public static final String PREFIX = "signals.";
    public static final String WINDOW_SIZE = PREFIX + "window.size";
    public static final String GRACE = PREFIX + "window.grace";
    public static final String SLOPE_LOOKBACK_WINDOWS = PREFIX + "slope.lookback.windows";
    public static final String FORECAST_HORIZON = PREFIX + "forecast.horizon";
    public static final String DEFAULT_CAPACITY = PREFIX + "default.capacity";
    public static final String HOLT_ALPHA = PREFIX + "forecast.holt.alpha";
    public static final String HOLT_BETA = PREFIX + "forecast.holt.beta";
    public static final String MAX_LATENCY = PREFIX + "histogram.max.latency";
    public static final String IDLE_EVICTION_WINDOWS = PREFIX + "idle.eviction.windows";
    public static final String MAX_CATCH_UP_WINDOWS = PREFIX + "max.catch.up.windows";
    public static final String IDLE_ADVANCE_AFTER = PREFIX + "idle.advance.after";

    /** Every {@code signals.*} key this config reads. */
    public static final java.util.Set<String> KEYS = java.util.Set.of(WINDOW_SIZE, GRACE, SLOPE_LOOKBACK_WINDOWS,
            FORECAST_HORIZON, DEFAULT_CAPACITY, HOLT_ALPHA, HOLT_BETA, MAX_LATENCY, IDLE_EVICTION_WINDOWS,
            MAX_CATCH_UP_WINDOWS, IDLE_ADVANCE_AFTER);

    public static final SignalConfig DEFAULTS = new SignalConfig(Duration.ofSeconds(10), Duration.ofSeconds(5), 6,
            Duration.ofMinutes(5), 1, 0.5, 0.3, Duration.ofMinutes(10), 360, 8640, Duration.ofSeconds(30));

    public SignalConfig {
        require(windowSize != null && windowSize.toMillis() > 0, WINDOW_SIZE, "must be a positive duration");
        require(grace != null && !grace.isNegative(), GRACE, "must not be negative");
        require(slopeLookbackWindows >= 2, SLOPE_LOOKBACK_WINDOWS, "must be at least 2");
        require(forecastHorizon != null && !forecastHorizon.isNegative(), FORECAST_HORIZON, "must not be negative");
        require(defaultCapacity >= 1, DEFAULT_CAPACITY, "must be at least 1");
        require(holtAlpha > 0 && holtAlpha <= 1, HOLT_ALPHA, "must be in (0, 1]");
        require(holtBeta > 0 && holtBeta <= 1, HOLT_BETA, "must be in (0, 1]");
        require(maxLatency != null && maxLatency.toNanos() / 1000 >= 1000, MAX_LATENCY, "must be at least 1 ms");
        require(idleEvictionWindows >= 0, IDLE_EVICTION_WINDOWS, "must not be negative");
        require(maxCatchUpWindows >= 1, MAX_CATCH_UP_WINDOWS, "must be at least 1");
        require(idleAdvanceAfter != null && !idleAdvanceAfter.isNegative(), IDLE_ADVANCE_AFTER, "must not be negative");
    }

    public long windowSizeMs() {
        return windowSize.toMillis();
    }

    public long graceMs() {
        return grace.toMillis();
    }

    public SignalConfig withWindowSize(final Duration value) {
        return new SignalConfig(value, grace, slopeLookbackWindows, forecastHorizon, defaultCapacity, holtAlpha,
                holtBeta, maxLatency, idleEvictionWindows, maxCatchUpWindows, idleAdvanceAfter);
    }

    public SignalConfig withGrace(final Duration value) {
        return new SignalConfig(windowSize, value, slopeLookbackWindows, forecastHorizon, defaultCapacity, holtAlpha,
                holtBeta, maxLatency, idleEvictionWindows, maxCatchUpWindows, idleAdvanceAfter);
    }

    public SignalConfig withForecastHorizon(final Duration value) {
        return new SignalConfig(windowSize, grace, slopeLookbackWindows, value, defaultCapacity, holtAlpha,
                holtBeta, maxLatency, idleEvictionWindows, maxCatchUpWindows, idleAdvanceAfter);
    }

    public SignalConfig withIdleAdvanceAfter(final Duration value) {
        return new SignalConfig(windowSize, grace, slopeLookbackWindows, forecastHorizon, defaultCapacity, holtAlpha,
                holtBeta, maxLatency, idleEvictionWindows, maxCatchUpWindows, value);
    }

    /**
     * Reads the {@code signals.*} keys of {@code props} (others are ignored); missing keys keep their
     * defaults. Durations are ISO-8601 ({@code PT10S}) or a number of milliseconds.
     *
     * @throws IllegalArgumentException naming the key when a value is malformed or out of range
     */
    public static SignalConfig fromProperties(final Map<String, ?> props) {
        for (final String key : props.keySet()) {
            // A misspelt key would otherwise be ignored silently and its default used.
            if (key.startsWith(PREFIX) && !KEYS.contains(key)) {
                throw new IllegalArgumentException(key + ": unknown setting (known: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        final SignalConfig d = DEFAULTS;
        return new SignalConfig(
                duration(props, WINDOW_SIZE, d.windowSize),
                duration(props, GRACE, d.grace),
                integer(props, SLOPE_LOOKBACK_WINDOWS, d.slopeLookbackWindows),
                duration(props, FORECAST_HORIZON, d.forecastHorizon),
                integer(props, DEFAULT_CAPACITY, d.defaultCapacity),
                decimal(props, HOLT_ALPHA, d.holtAlpha),
                decimal(props, HOLT_BETA, d.holtBeta),
                duration(props, MAX_LATENCY, d.maxLatency),
                integer(props, IDLE_EVICTION_WINDOWS, d.idleEvictionWindows),
                integer(props, MAX_CATCH_UP_WINDOWS, d.maxCatchUpWindows),
                duration(props, IDLE_ADVANCE_AFTER, d.idleAdvanceAfter));
    }

    private static Duration duration(final Map<String, ?> props, final String key, final Duration fallback) {
        final Object raw = props.get(key);
        if (raw == null) {
            return fallback;
        }
        if (raw instanceof Duration value) {
            return value;
        }
        if (raw instanceof Number n) {
            return Duration.ofMillis(n.longValue());
        }
        final String text = raw.toString().trim();
        try {
            return text.matches("-?\\d+") ? Duration.ofMillis(Long.parseLong(text)) : Duration.parse(text);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a duration (ISO-8601 such as PT10S, or milliseconds)");
        }
    }

    private static int integer(final Map<String, ?> props, final String key, final int fallback) {
        final Object raw = props.get(key);
        if (raw == null) {
            return fallback;
        }
        try {
            return raw instanceof Number n ? Math.toIntExact(n.longValue()) : Integer.parseInt(raw.toString().trim());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(key + ": '" + raw + "' is not an integer");
        }
    }

    private static double decimal(final Map<String, ?> props, final String key, final double fallback) {
        final Object raw = props.get(key);
        if (raw == null) {
            return fallback;
        }
        try {
            return raw instanceof Number n ? n.doubleValue() : Double.parseDouble(raw.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + raw + "' is not a number");
        }
    }

    private static void require(final boolean ok, final String key, final String rule) {
        if (!ok) {
            throw new IllegalArgumentException(key + " " + rule);
        }
    }
}
