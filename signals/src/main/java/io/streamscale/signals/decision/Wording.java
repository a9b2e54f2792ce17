package io.streamscale.signals.decision;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How numbers and metrics read in a decision's one-line reason. */
final class Wording {

    private Wording() {
    }

    /** Whole numbers and values of 100 or more without decimals, smaller ones with up to two. */
    static String number(final double value) {
        if (Math.abs(value) >= 100 || value == Math.rint(value)) {
            return Long.toString(Math.round(value));
        }
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** {@code p95LatencyMs} and 412 read "p95 412 ms"; other metrics read "name value". */
    static String metric(final String metric, final double value) {
        if (metric.endsWith("LatencyMs")) {
            return latencyLabel(metric) + " " + number(value) + " ms";
        }
        return metric + " " + number(value);
    }

    /** The threshold side of a comparison: "300 ms" for latency metrics, else the number. */
    static String threshold(final String metric, final double value) {
        return metric.endsWith("LatencyMs") ? number(value) + " ms" : number(value);
    }

    private static String latencyLabel(final String metric) {
        final String prefix = metric.substring(0, metric.length() - "LatencyMs".length());
        return prefix.matches("p\\d+") ? prefix : prefix + " latency";
    }

    static String seconds(final long millis) {
        return number(millis / 1000.0) + " s";
    }

    static String money(final double amount) {
        return "$" + number(amount);
    }
}
