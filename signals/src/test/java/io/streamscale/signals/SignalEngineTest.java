package io.streamscale.signals;

import static io.streamscale.signals.Requests.builder;
import static io.streamscale.signals.Requests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamscale.schemas.EndpointSignals;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The signal rules, field by field, on the pure engine (10 s windows, 5 s grace unless said). */
class SignalEngineTest {

    /** Epoch-aligned to 10 s. */
    static final long T0 = 1_700_000_000_000L;

    final SignalEngine engine = new SignalEngine(SignalConfig.DEFAULTS);
    final Requests.Collected out = new Requests.Collected();

    @Test
    void windowsAreEpochAlignedAndEmittedOnceWhenEndPlusGraceIsReached() {
        engine.accept(request("fraud", T0 + 3_000, 10), out);
        engine.advanceTo(T0 + 14_999, out);
        assertThat(out.signals).isEmpty();

        engine.advanceTo(T0 + 15_000, out);
        engine.advanceTo(T0 + 15_001, out);
        final EndpointSignals window = out.only("fraud");
        assertThat(window.getWindowStart()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(window.getWindowEnd()).isEqualTo(Instant.ofEpochMilli(T0 + 10_000));
        assertThat(window.getVariant()).isEqualTo("AllTraffic");
        assertThat(window.getTargetModel()).isNull();
    }

    @Test
    void countRpsAndErrorRateCountOnly5xxAsErrors() {
        for (int i = 0; i < 20; i++) {
            final int status = i < 5 ? 503 : i == 5 ? 404 : i == 6 ? 599 - 100 : 200;
            engine.accept(builder("fraud", T0 + i * 100, 10).setStatusCode(status).build(), out);
        }
        engine.finish(out);
        final EndpointSignals window = out.only("fraud");
        assertThat(window.getCount()).isEqualTo(20);
        assertThat(window.getRps()).isEqualTo(2.0);
        assertThat(window.getErrorCount()).isEqualTo(5);
        assertThat(window.getErrorRate()).isEqualTo(0.25);
    }

    @Test
    void latencyIsModelPlusOverheadWithNearestRankPercentilesMaxAndMean() {
        for (int ms = 1; ms <= 100; ms++) {
            // 100 distinct latencies: model ms minus half a millisecond, plus half a millisecond of overhead.
            engine.accept(builder("fraud", T0 + ms * 10, 0).setModelLatencyMicros(ms * 1000L - 500)
                    .setOverheadLatencyMicros(500).build(), out);
        }
        engine.finish(out);
        final EndpointSignals window = out.only("fraud");
        assertThat(window.getP50LatencyMs()).isCloseTo(50, within(0.5));
        assertThat(window.getP90LatencyMs()).isCloseTo(90, within(0.9));
        assertThat(window.getP95LatencyMs()).isCloseTo(95, within(0.95));
        assertThat(window.getP99LatencyMs()).isCloseTo(99, within(0.99));
        assertThat(window.getMaxLatencyMs()).isEqualTo(100.0);
        assertThat(window.getMeanLatencyMs()).isCloseTo(50.5, within(1e-9));
    }

    @Test
    void percentilesNeverExceedTheExactMaximum() {
        engine.accept(request("fraud", T0, 123.457), out);
        engine.finish(out);
        final EndpointSignals window = out.only("fraud");
        assertThat(window.getP99LatencyMs()).isEqualTo(window.getMaxLatencyMs()).isEqualTo(123.457);
        assertThat(window.getP50LatencyMs()).isEqualTo(123.457);
    }

    @Test
    void concurrencyIsTheTimeWeightedMeanAndPeakOfRequestsInFlight() {
        engine.accept(request("fraud", T0, 5_000), out);          // [0 s, 5 s)
        engine.accept(request("fraud", T0 + 1_000, 2_000), out);  // [1 s, 3 s)
        engine.accept(request("fraud", T0 + 2_000, 1_000), out);  // [2 s, 3 s): three in flight
        engine.accept(request("fraud", T0 + 6_000, 1_000), out);  // [6 s, 7 s): alone
        engine.finish(out);
        final EndpointSignals window = out.only("fraud");
        assertThat(window.getConcurrencyMax()).isEqualTo(3.0);
        assertThat(window.getConcurrencyMean()).isCloseTo((5 + 2 + 1 + 1) / 10.0, within(1e-9));
    }

    @Test
    void aRequestRunningPastItsWindowCountsInTheNextWindowsConcurrency() {
        engine.accept(request("fraud", T0 + 3_000, 12_000), out);   // [3 s, 15 s)
        engine.accept(request("fraud", T0 + 18_000, 1_000), out);   // opens the next window too
        engine.finish(out);
        final List<EndpointSignals> windows = out.of("fraud");
        assertThat(windows).hasSize(2);
        assertThat(windows.get(0).getConcurrencyMean()).isCloseTo(0.7, within(1e-9));
        assertThat(windows.get(0).getConcurrencyMax()).isEqualTo(1.0);
        assertThat(windows.get(1).getConcurrencyMean()).isCloseTo((5 + 1) / 10.0, within(1e-9));
        assertThat(windows.get(1).getConcurrencyMax()).isEqualTo(1.0);
    }

    @Test
    void queueDepthIsMaxAndMeanOfReportsAndNullWhenNoneWasReported() {
        engine.accept(builder("fraud", T0, 10).setQueueDepth(3).build(), out);
        engine.accept(builder("fraud", T0 + 1, 10).setQueueDepth(7).build(), out);
        engine.accept(request("fraud", T0 + 2, 10), out);
        engine.accept(request("fraud", T0 + 10_000, 10), out);
        engine.finish(out);
        final List<EndpointSignals> windows = out.of("fraud");
        assertThat(windows.get(0).getQueueDepthMax()).isEqualTo(7);
        assertThat(windows.get(0).getQueueDepthMean()).isEqualTo(5.0);
        assertThat(windows.get(1).getQueueDepthMax()).isNull();
        assertThat(windows.get(1).getQueueDepthMean()).isNull();
    }

    @Test
    void capacityIsTheObservedCountElseThePolicyMinimumElseTheDefault() {
        engine.accept(request("a", T0, 10), out);
        engine.registerEndpoint("b", "AllTraffic", 2);
        engine.accept(request("b", T0, 10), out);
        engine.registerEndpoint("c", "AllTraffic", 2);
        engine.capacity("c", "AllTraffic", 4);
        engine.accept(request("c", T0, 10), out);
        engine.finish(out);
        assertThat(out.only("a").getCapacity()).isEqualTo(1);
        assertThat(out.of("b")).isNotEmpty().extracting(EndpointSignals::getCapacity).containsOnly(2);
        assertThat(out.of("c")).isNotEmpty().extracting(EndpointSignals::getCapacity).containsOnly(4);
    }

    @Test
    void invocationsPerInstanceIsPerMinutePerInstanceAsAwsDefinesIt() {
        engine.capacity("fraud", "AllTraffic", 3);
        for (int i = 0; i < 30; i++) {
            engine.accept(request("fraud", T0 + i * 300, 10), out);
        }
        engine.finish(out);
        // 30 requests in 10 s = 180 a minute, over 3 instances.
        assertThat(out.only("fraud").getInvocationsPerInstance()).isEqualTo(60.0);
    }

    @Test
    void rpsSlopeIsTheLeastSquaresSlopeOverTheLookback() {
        final SignalEngine shortLookback = new SignalEngine(new SignalConfig(Duration.ofSeconds(10), Duration.ofSeconds(5),
                3, Duration.ofSeconds(30), 1, 0.5, 0.3, Duration.ofMinutes(10), 360, 8640, Duration.ZERO));
        final int[] counts = {50, 10, 20, 30};
        for (int w = 0; w < counts.length; w++) {
            for (int i = 0; i < counts[w]; i++) {
                shortLookback.accept(request("fraud", T0 + w * 10_000L + i * 10, 10), out);
            }
        }
        shortLookback.finish(out);
        final List<EndpointSignals> windows = out.of("fraud");
        assertThat(windows.get(0).getRpsSlope()).isZero();
        assertThat(windows.get(1).getRpsSlope()).isCloseTo((1.0 - 5.0) / 10, within(1e-9));
        // Only the last three windows (1, 2, 3 rps) count: +1 rps every 10 s.
        assertThat(windows.get(3).getRpsSlope()).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void rpsForecastIsHoltsLinearMethodAtTheHorizon() {
        final int[] counts = {10, 20, 40};
        for (int w = 0; w < counts.length; w++) {
            for (int i = 0; i < counts[w]; i++) {
                engine.accept(request("fraud", T0 + w * 10_000L + i * 10, 10), out);
            }
        }
        engine.finish(out);
        // By hand, alpha 0.5, beta 0.3: l=1,b=0; y=2: l=1.5, b=0.15; y=4: l=2.825, b=0.5025.
        final double level = 2.825;
        final double trend = 0.3 * (2.825 - 1.5) + 0.7 * 0.15;
        final EndpointSignals last = out.of("fraud").get(2);
        assertThat(last.getForecastHorizonMs()).isEqualTo(300_000L);
        assertThat(last.getRpsForecast()).isCloseTo(level + 30 * trend, within(1e-9));
        assertThat(out.of("fraud").get(0).getRpsForecast()).isEqualTo(1.0);
    }

    @Test
    void aFallingTrendNeverForecastsBelowZero() {
        for (int i = 0; i < 100; i++) {
            engine.accept(request("fraud", T0 + i * 10, 10), out);
        }
        engine.accept(request("fraud", T0 + 10_000, 10), out);
        engine.finish(out);
        assertThat(out.of("fraud").get(1).getRpsForecast()).isZero();
    }

    @Test
    void aRecordLaterThanGraceIsInNoWindowAndCountedOnTheNextWindow() {
        engine.accept(request("fraud", T0 + 1_000, 10), out);
        engine.accept(request("fraud", T0 + 16_000, 10), out);   // closes [T0, T0+10s)
        engine.accept(request("fraud", T0 + 9_000, 10), out);    // late: its window is gone
        engine.accept(request("fraud", T0 + 12_000, 10), out);   // not late: in grace of [10s, 20s)... open
        engine.finish(out);
        final List<EndpointSignals> windows = out.of("fraud");
        assertThat(windows).extracting(EndpointSignals::getCount).containsExactly(1L, 2L);
        assertThat(windows).extracting(EndpointSignals::getLateRecords).containsExactly(0L, 1L);
        assertThat(engine.lateRecordsTotal()).isEqualTo(1);
    }

    @Test
    void aRecordWithinGraceStillCountsInItsWindow() {
        engine.accept(request("fraud", T0 + 1_000, 10), out);
        engine.accept(request("fraud", T0 + 14_000, 10), out);
        engine.accept(request("fraud", T0 + 9_999, 10), out);
        engine.finish(out);
        assertThat(out.of("fraud")).extracting(EndpointSignals::getCount).containsExactly(2L, 1L);
        assertThat(engine.lateRecordsTotal()).isZero();
    }

    @Test
    void anEndpointWithAPolicyButNoTrafficGetsZeroWindowsDrivenByStreamTime() {
        engine.registerEndpoint("idle-model", "AllTraffic", 2);
        engine.accept(request("busy", T0, 10), out);
        engine.advanceTo(T0 + 45_000, out);
        final List<EndpointSignals> idle = out.of("idle-model");
        assertThat(idle).isNotEmpty().allSatisfy(w -> {
            assertThat(w.getCount()).isZero();
            assertThat(w.getRps()).isZero();
            assertThat(w.getErrorRate()).isZero();
            assertThat(w.getP95LatencyMs()).isZero();
            assertThat(w.getConcurrencyMean()).isZero();
            assertThat(w.getQueueDepthMax()).isNull();
            assertThat(w.getCapacity()).isEqualTo(2);
            assertThat(w.getInvocationsPerInstance()).isZero();
            assertThat(HistogramCodec.decode(w.getLatencyHistogram()).getTotalCount()).isZero();
        });
        assertThat(idle.get(idle.size() - 1).getWindowEnd()).isEqualTo(Instant.ofEpochMilli(T0 + 40_000));
        assertThat(idle).extracting(w -> w.getWindowEnd().toEpochMilli() - w.getWindowStart().toEpochMilli())
                .containsOnly(10_000L);
    }

    @Test
    void anEndpointRegisteredLaterGetsTheSameZeroWindowsAsOneRegisteredFirst() {
        final Requests.Collected early = new Requests.Collected();
        final SignalEngine registeredFirst = new SignalEngine(SignalConfig.DEFAULTS);
        registeredFirst.registerEndpoint("idle", "AllTraffic", 2);
        for (int i = 0; i < 6; i++) {
            registeredFirst.accept(request("busy", T0 + i * 10_000L, 10), early);
            engine.accept(request("busy", T0 + i * 10_000L, 10), out);
            if (i == 3) {
                engine.registerEndpoint("idle", "AllTraffic", 2);
            }
        }
        registeredFirst.finish(early);
        engine.finish(out);
        assertThat(out.of("idle")).isNotEmpty().isEqualTo(early.of("idle"));
    }

    @Test
    void anEndpointKnownOnlyFromItsCapacityGetsNoWindows() {
        engine.capacity("elsewhere", "AllTraffic", 4);
        engine.accept(request("busy", T0, 10), out);
        engine.advanceTo(T0 + 60_000, out);
        assertThat(out.of("elsewhere")).isEmpty();
    }

    @Test
    void aQuietPeriodInsideTheTrafficIsFilledWithZeroWindowsAndTheTrendFallsThroughIt() {
        for (int i = 0; i < 50; i++) {
            engine.accept(request("fraud", T0 + i * 100, 10), out);
        }
        engine.accept(request("fraud", T0 + 5_000, 25_000), out);  // runs [5 s, 30 s), through the quiet period
        engine.accept(request("fraud", T0 + 40_000, 10), out);
        engine.finish(out);
        final List<EndpointSignals> windows = out.of("fraud");
        assertThat(windows).extracting(w -> w.getWindowStart().toEpochMilli() - T0)
                .containsExactly(0L, 10_000L, 20_000L, 30_000L, 40_000L);
        assertThat(windows).extracting(EndpointSignals::getCount).containsExactly(51L, 0L, 0L, 0L, 1L);
        assertThat(windows.get(1).getConcurrencyMean()).isEqualTo(1.0);
        assertThat(windows.get(1).getConcurrencyMax()).isEqualTo(1.0);
        assertThat(windows.get(3).getConcurrencyMean()).isZero();
        assertThat(windows.get(2).getRpsSlope()).isNegative();
        assertThat(windows.get(1).getRpsForecast()).isLessThan(windows.get(0).getRpsForecast());
        assertThat(windows.get(3).getRpsForecast()).isZero();
    }

    @Test
    void anEndpointWithoutPolicyIsForgottenAfterItsIdleWindows() {
        final SignalEngine forgetful = new SignalEngine(new SignalConfig(Duration.ofSeconds(10), Duration.ofSeconds(5), 6,
                Duration.ofMinutes(5), 1, 0.5, 0.3, Duration.ofMinutes(10), 2, 8640, Duration.ZERO));
        forgetful.accept(request("gone", T0, 10), out);
        forgetful.accept(request("other", T0 + 100_000, 10), out);
        assertThat(out.of("gone")).extracting(EndpointSignals::getCount).containsExactly(1L, 0L, 0L);
        final Map<String, byte[]> changes = new LinkedHashMap<>();
        forgetful.drainChanges(changes::put);
        assertThat(changes).containsEntry("gone/AllTraffic", null);
    }

    @Test
    void aJumpInStreamTimeEmitsAtMostMaxCatchUpZeroWindowsPerAdvance() {
        final SignalEngine bounded = new SignalEngine(new SignalConfig(Duration.ofSeconds(10), Duration.ofSeconds(5), 6,
                Duration.ofMinutes(5), 1, 0.5, 0.3, Duration.ofMinutes(10), 360, 3, Duration.ZERO));
        bounded.registerEndpoint("fraud", "AllTraffic", 1);
        bounded.accept(request("fraud", T0, 10), out);
        bounded.accept(request("fraud", T0 + 1_000_000, 10), out);
        bounded.finish(out);
        assertThat(out.of("fraud")).extracting(w -> (w.getWindowStart().toEpochMilli() - T0) / 1000)
                .containsExactly(0L, 960L, 970L, 980L, 990L, 1000L);
    }

    @Test
    void multiModelEndpointsAlsoGetPerModelSignals() {
        for (int i = 0; i < 30; i++) {
            engine.accept(builder("mme", T0 + i * 100, i < 20 ? 500 : 5).setTargetModel(i < 20 ? "hot.tar.gz" : "cold.tar.gz")
                    .build(), out);
        }
        engine.finish(out);
        final EndpointSignals variant = out.only("mme");
        assertThat(variant.getCount()).isEqualTo(30);
        assertThat(variant.getTargetModel()).isNull();
        assertThat(out.models).extracting(EndpointSignals::getTargetModel, EndpointSignals::getCount)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("hot.tar.gz", 20L),
                        org.assertj.core.groups.Tuple.tuple("cold.tar.gz", 10L));
        final EndpointSignals hot = out.models.stream().filter(m -> m.getTargetModel().equals("hot.tar.gz")).findFirst().orElseThrow();
        assertThat(hot.getP50LatencyMs()).isEqualTo(500.0);
        assertThat(hot.getEndpoint()).isEqualTo("mme");
        assertThat(variant.getP50LatencyMs()).isEqualTo(500.0);
        assertThat(variant.getP95LatencyMs()).isEqualTo(500.0);
        assertThat(out.models).extracting(EndpointSignals::getCapacity).containsOnly(1);
    }

    @Test
    void theEncodedHistogramDecodesToTheWindowsLatencies() {
        for (int i = 1; i <= 200; i++) {
            engine.accept(request("fraud", T0 + i, i), out);
        }
        engine.finish(out);
        final Histogram histogram = HistogramCodec.decode(out.only("fraud").getLatencyHistogram());
        assertThat(histogram.getTotalCount()).isEqualTo(200);
        assertThat(histogram.getValueAtPercentile(50) / 1000.0).isCloseTo(100, within(1.0));
    }

    @Test
    void aRestoredEngineContinuesExactlyWhereTheSnapshotLeftOff() {
        final SignalEngine uninterrupted = new SignalEngine(SignalConfig.DEFAULTS);
        final Requests.Collected expected = new Requests.Collected();
        final SignalEngine first = new SignalEngine(SignalConfig.DEFAULTS);
        final Requests.Collected actual = new Requests.Collected();
        first.registerEndpoint("fraud", "AllTraffic", 2);
        uninterrupted.registerEndpoint("fraud", "AllTraffic", 2);
        final Map<String, byte[]> store = new LinkedHashMap<>();
        SignalEngine current = first;
        for (int i = 0; i < 400; i++) {
            final var log = builder("fraud", T0 + i * 97L, 50 + (i * 37) % 900).setQueueDepth(i % 11)
                    .setTargetModel(i % 3 == 0 ? "m1" : null).setStatusCode(i % 13 == 0 ? 500 : 200).build();
            uninterrupted.accept(log, expected);
            current.accept(log, actual);
            if (i == 150 || i == 290) {
                current.drainChanges((k, v) -> {
                    if (v == null) {
                        store.remove(k);
                    } else {
                        store.put(k, v);
                    }
                });
                current = new SignalEngine(SignalConfig.DEFAULTS);
                store.forEach(current::restore);
            }
        }
        uninterrupted.finish(expected);
        current.finish(actual);
        assertThat(actual.signals).isNotEmpty().isEqualTo(expected.signals);
        assertThat(actual.models).isNotEmpty().isEqualTo(expected.models);
    }
}
