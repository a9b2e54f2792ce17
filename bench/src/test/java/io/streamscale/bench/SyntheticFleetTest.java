package io.streamscale.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.RequestLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyntheticFleetTest {

    private static List<RequestLog> take(final SyntheticFleet fleet, final int n) {
        final List<RequestLog> logs = new ArrayList<>(n);
        IntStream.range(0, n).forEach(i -> logs.add(fleet.next()));
        return logs;
    }

    @Test
    void theSameSeedGivesTheSameRecords() {
        assertThat(take(new SyntheticFleet(50, 1000, 7), 500)).isEqualTo(take(new SyntheticFleet(50, 1000, 7), 500));
        assertThat(take(new SyntheticFleet(50, 1000, 7), 500)).isNotEqualTo(take(new SyntheticFleet(50, 1000, 8), 500));
    }

    @Test
    void everyEndpointGetsTrafficAndTheBusiestGetsMoreThanTheQuietest() {
        final SyntheticFleet fleet = SyntheticFleet.standard();
        final Map<String, Integer> perKey = new HashMap<>();
        take(fleet, 200_000).forEach(l -> perKey.merge(EndpointKey.of(l.getEndpoint(), l.getVariant()), 1, Integer::sum));

        assertThat(perKey.keySet()).containsExactlyInAnyOrder(fleet.keys());
        assertThat(perKey.get(fleet.keys()[0])).isGreaterThan(10 * perKey.get(fleet.keys()[199]));
    }

    @Test
    void eventTimeAdvancesAtTheFleetRateWithBoundedDisorder() {
        final List<RequestLog> logs = take(new SyntheticFleet(10, 5000, 1), 50_000);

        final long first = logs.get(0).getTimestamp().toEpochMilli();
        final long last = logs.get(logs.size() - 1).getTimestamp().toEpochMilli();
        assertThat(last - first).isBetween(9_700L, 10_000L); // 50,000 records at 5,000/s = 10 s
        long highest = Long.MIN_VALUE;
        for (final RequestLog log : logs) {
            highest = Math.max(highest, log.getTimestamp().toEpochMilli());
            assertThat(highest - log.getTimestamp().toEpochMilli()).isLessThanOrEqualTo(201);
        }
    }

    @Test
    void latencyHasALongTailAndSomeRequestsFail() {
        final List<RequestLog> logs = take(SyntheticFleet.standard(), 100_000);

        final long[] latencies = logs.stream().mapToLong(RequestLog::getModelLatencyMicros).sorted().toArray();
        final long p50 = latencies[latencies.length / 2];
        final long p999 = latencies[latencies.length * 999 / 1000];
        assertThat(p999).isGreaterThan(10 * p50);
        final long serverErrors = logs.stream().filter(l -> l.getStatusCode() >= 500).count();
        assertThat(serverErrors).isBetween(200L, 400L); // 0.3 %
    }

    @Test
    void someEndpointsReportQueueDepthAndSomeAreMultiModel() {
        final List<RequestLog> logs = take(SyntheticFleet.standard(), 20_000);
        final Set<String> models = new HashSet<>();
        logs.stream().filter(l -> l.getTargetModel() != null).forEach(l -> models.add(l.getTargetModel()));

        assertThat(logs).anyMatch(l -> l.getQueueDepth() != null).anyMatch(l -> l.getQueueDepth() == null);
        assertThat(models).hasSize(8);
    }

    @Test
    void rejectsAnEmptyFleet() {
        assertThatThrownBy(() -> new SyntheticFleet(0, 100, 1)).hasMessageContaining("endpoints");
        assertThatThrownBy(() -> new SyntheticFleet(5, 0, 1)).hasMessageContaining("fleetRps");
    }
}
