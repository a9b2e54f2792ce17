package io.streamscale.signals.decision;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Decision ids are name-based UUIDs (version 3) of what the decision is: the same endpoint variant,
 * window end and capacity change always give the same id, so re-processing a window after a crash
 * re-creates the same decision and the actuator recognises it as a duplicate.
 */
final class DecisionIds {

    private DecisionIds() {
    }

    static String of(final String endpoint, final String variant, final long decidedAtMs, final int from,
            final int to) {
        final String name = endpoint + "/" + variant + "/" + decidedAtMs + "/" + from + "/" + to;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
