package io.streamscale.cli.watch;

import io.streamscale.schemas.CapacityState;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.ScalingAction;
import io.streamscale.schemas.ScalingDecision;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

/**
 * The live table operators watch: one row per endpoint variant with its latest window's rps, p95
 * and queue depth, its capacity, and the last decision with its reason. Fed record by record from
 * the topics (or in-process by the demo); rendering is a pure function of what it was fed.
 */
public final class WatchTable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final class Row {
        EndpointSignals signals;
        CapacityState capacity;
        ScalingDecision decision;
        ScalingAction action;
    }

    private final Map<String, Row> rows = new TreeMap<>();

    public synchronized void onSignals(final EndpointSignals signals) {
        final Row row = row(EndpointKey.of(signals.getEndpoint(), signals.getVariant()));
        if (row.signals == null || !signals.getWindowEnd().isBefore(row.signals.getWindowEnd())) {
            row.signals = signals;
        }
    }

    public synchronized void onDecision(final ScalingDecision decision) {
        final Row row = row(EndpointKey.of(decision.getEndpoint(), decision.getVariant()));
        if (row.decision == null || !decision.getDecidedAt().isBefore(row.decision.getDecidedAt())) {
            row.decision = decision;
        }
    }

    public synchronized void onCapacity(final CapacityState capacity) {
        row(EndpointKey.of(capacity.getEndpoint(), capacity.getVariant())).capacity = capacity;
    }

    public synchronized void onAction(final ScalingAction action) {
        row(EndpointKey.of(action.getEndpoint(), action.getVariant())).action = action;
    }

    public synchronized int size() {
        return rows.size();
    }

    /** The table as text, lines cut to {@code width} characters. */
    public synchronized String render(final int width) {
        final StringBuilder out = new StringBuilder();
        line(out, width, String.format("%-34s %8s %9s %7s %9s %8s  %s", "ENDPOINT/VARIANT", "RPS", "P95 ms", "QUEUE",
                "CAPACITY", "WINDOW", "LAST DECISION"));
        rows.forEach((key, row) -> {
            final EndpointSignals s = row.signals;
            final String capacity = row.capacity != null
                    ? row.capacity.getCurrentCapacity() + (row.capacity.getDesiredCapacity() != row.capacity.getCurrentCapacity()
                            ? "→" + row.capacity.getDesiredCapacity() : "")
                    : s != null ? String.valueOf(s.getCapacity()) : "-";
            final String decision = row.decision == null ? "-"
                    : TIME.format(row.decision.getDecidedAt()) + " " + row.decision.getFrom() + "→" + row.decision.getTo()
                            + (row.action != null && row.action.getDecisionId().equals(row.decision.getDecisionId())
                                    ? " [" + row.action.getOutcome() + "]" : "")
                            + " " + row.decision.getReason();
            line(out, width, String.format("%-34s %8s %9s %7s %9s %8s  %s", abbreviate(key, 34),
                    s == null ? "-" : String.format("%.1f", s.getRps()),
                    s == null ? "-" : String.format("%.0f", s.getP95LatencyMs()),
                    s == null || s.getQueueDepthMax() == null ? "-" : String.valueOf(s.getQueueDepthMax()),
                    capacity, s == null ? "-" : TIME.format(s.getWindowEnd()), decision));
        });
        if (rows.isEmpty()) {
            line(out, width, "(no endpoint seen yet)");
        }
        return out.toString();
    }

    private Row row(final String key) {
        return rows.computeIfAbsent(key, k -> new Row());
    }

    private static void line(final StringBuilder out, final int width, final String text) {
        out.append(text.length() > width ? text.substring(0, Math.max(0, width - 1)) + "…" : text).append('\n');
    }

    private static String abbreviate(final String text, final int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    static String time(final Instant instant) {
        return TIME.format(instant);
    }
}
