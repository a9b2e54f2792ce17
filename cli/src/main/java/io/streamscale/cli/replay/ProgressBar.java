package io.streamscale.cli.replay;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * One line on stderr, redrawn in place: {@code [#######.............]  35%  770/2,203  412 ev/s  ETA 0:03:28}.
 * Redraws at most every 200 ms, so printing never slows the replay it reports on.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintWriter out;
    private final long total;
    private long lastDraw = Long.MIN_VALUE;

    /** @param total records expected, or -1 when unknown (no bar, no ETA) */
    public ProgressBar(final PrintWriter out, final long total) {
        this.out = out;
        this.total = total;
    }

    /** Redraws when due; {@code eta} may be null when it cannot be estimated. */
    public void update(final long done, final double eventsPerSecond, final Duration eta, final long nowNanos) {
        if (lastDraw != Long.MIN_VALUE && nowNanos - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = nowNanos;
        out.print("\r" + render(done, total, eventsPerSecond, eta));
        out.flush();
    }

    /** The final state, then a newline so the shell prompt starts clean. */
    public void finish(final long done, final double eventsPerSecond) {
        out.print("\r" + render(done, total, eventsPerSecond, Duration.ZERO) + System.lineSeparator());
        out.flush();
    }

    static String render(final long done, final long total, final double eventsPerSecond, final Duration eta) {
        final StringBuilder line = new StringBuilder();
        if (total > 0) {
            final double fraction = Math.min(1.0, (double) done / total);
            final int filled = (int) Math.round(fraction * WIDTH);
            line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                .append(String.format(Locale.ROOT, "%3d%%  %,d/%,d", Math.round(fraction * 100), done, total));
        } else {
            line.append(String.format(Locale.ROOT, "%,d", done));
        }
        line.append(String.format(Locale.ROOT, "  %,.0f ev/s", eventsPerSecond));
        if (eta != null) {
            final long seconds = Math.max(0, eta.toSeconds());
            line.append(String.format(Locale.ROOT, "  ETA %d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60));
        }
        return line.append("   ").toString();
    }
}
