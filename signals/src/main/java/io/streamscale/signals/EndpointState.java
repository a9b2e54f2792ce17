package io.streamscale.signals;

import java.util.LinkedHashMap;
import java.util.Map;

/** Everything the engine keeps for one endpoint variant: its series, per-model series and capacity. */
final class EndpointState {

    final String key;
    final Series series;
    final Map<String, Series> models = new LinkedHashMap<>();
    /** A policy exists: the variant gets zero windows for as long as it does. */
    boolean registered;
    /** The policy's minimum, 0 when there is no policy. */
    int policyCapacity;
    /** CurrentInstanceCount from endpoint-capacity, 0 when none was seen. */
    int observedCapacity;
    /** Changed since the engine last handed its snapshot out. */
    boolean dirty;

    EndpointState(final String key, final String endpoint, final String variant, final int lookback) {
        this.key = key;
        this.series = new Series(endpoint, variant, null, lookback);
    }

    int capacityInForce(final int defaultCapacity) {
        if (observedCapacity > 0) {
            return observedCapacity;
        }
        return policyCapacity > 0 ? policyCapacity : defaultCapacity;
    }

    Series model(final String name, final int lookback) {
        Series model = models.get(name);
        if (model == null) {
            model = new Series(series.endpoint, series.variant, name, lookback);
            models.put(name, model);
        }
        return model;
    }
}
