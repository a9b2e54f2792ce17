package io.streamscale.signals.decision;

import io.streamscale.schemas.EndpointSignals;
import java.util.OptionalDouble;
import org.apache.avro.Schema;

/** Reads a policy's metric, named by its {@code EndpointSignals} field, out of one window. */
final class SignalValues {

    private SignalValues() {
    }

    /**
     * The value of {@code metric} in {@code window}. A field the window does not carry (queue depth no
     * producer reported) is 0 in a window without traffic, so idle endpoints scale in, and absent
     * otherwise, so the rule abstains instead of guessing. Unknown and non-numeric names are absent.
     */
    static OptionalDouble value(final EndpointSignals window, final String metric) {
        final Schema.Field field = metric == null ? null : EndpointSignals.getClassSchema().getField(metric);
        if (field == null) {
            return OptionalDouble.empty();
        }
        final Object value = window.get(field.pos());
        if (value instanceof Number number) {
            final double v = number.doubleValue();
            return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
        }
        if (value == null && window.getCount() == 0) {
            return OptionalDouble.of(0);
        }
        return OptionalDouble.empty();
    }
}
