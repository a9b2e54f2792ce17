package io.streamscale.signals;

/**
 * The rps trend of one series, updated once per closed window (zero windows included):
 *
 * <ul>
 *   <li>{@code rpsSlope}: ordinary least-squares slope of rps against time over the last
 *       {@code lookback} windows, in requests per second per second; 0 until two windows exist.</li>
 *   <li>{@code rpsForecast}: Holt's method with a damped trend (Gardner and McKenzie, 1985). With y
 *       the window's rps, level ℓ and trend b per window: ℓ' = α·y + (1−α)(ℓ + φb),
 *       b' = β(ℓ' − ℓ) + (1−β)·φb, starting from ℓ = first rps, b = 0; the forecast h windows ahead is
 *       ℓ + (φ + φ² + … + φ^h)·b, never below 0. h = forecastHorizon / windowSize and may be
 *       fractional.</li>
 * </ul>
 * Why damped: request rates of inference endpoints are bursty at 10 s resolution, and an undamped
 * trend extrapolated over a warm-up horizon of minutes (30 windows) turns one burst into a forecast
 * several times the peak. With φ = {@value #DAMPING} the trend's reach is at most φ/(1−φ) = 9
 * windows, so a sustained ramp still shows while a single burst fades.
 */
final class RpsTrend {

    /** φ of the damped trend; 1 would be Holt's linear method. */
    static final double DAMPING = 0.9;

    final double[] recent;
    int size;
    int next;
    boolean started;
    double level;
    double trend;

    RpsTrend(final int lookback) {
        this.recent = new double[lookback];
    }

    void add(final double rps, final double alpha, final double beta) {
        recent[next] = rps;
        next = (next + 1) % recent.length;
        if (size < recent.length) {
            size++;
        }
        if (!started) {
            started = true;
            level = rps;
            trend = 0;
            return;
        }
        final double previousLevel = level;
        level = alpha * rps + (1 - alpha) * (level + DAMPING * trend);
        trend = beta * (level - previousLevel) + (1 - beta) * DAMPING * trend;
    }

    /** Least-squares slope of the kept rps values, x in seconds (one window apart). */
    double slope(final double windowSeconds) {
        if (size < 2) {
            return 0;
        }
        final int first = (next - size + recent.length) % recent.length;
        final double meanX = (size - 1) / 2.0;
        double meanY = 0;
        for (int i = 0; i < size; i++) {
            meanY += recent[(first + i) % recent.length];
        }
        meanY /= size;
        double covariance = 0;
        double variance = 0;
        for (int i = 0; i < size; i++) {
            final double dx = i - meanX;
            covariance += dx * (recent[(first + i) % recent.length] - meanY);
            variance += dx * dx;
        }
        return covariance / variance / windowSeconds;
    }

    double forecast(final double windowsAhead) {
        // φ + φ² + … + φ^h = φ(1 − φ^h)/(1 − φ), which also serves a fractional h.
        final double reach = DAMPING * (1 - Math.pow(DAMPING, windowsAhead)) / (1 - DAMPING);
        return Math.max(0, level + reach * trend);
    }
}
