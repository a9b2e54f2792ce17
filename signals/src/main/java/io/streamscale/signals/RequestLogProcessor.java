package io.streamscale.signals;

import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.RequestLog;
import java.time.Duration;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Feeds each request log to the task's engine and sends every window it closes to scaling-signals
 * (per-model windows to scaling-signals.by-model), keeping the latest window per endpoint variant
 * queryable. When the whole task has been quiet for {@code idleAdvanceAfter} of wall-clock time, stream
 * time moves on with the wall clock, so the last windows close and zero windows keep coming.
 */
final class RequestLogProcessor implements Processor<String, RequestLog, String, EndpointSignals> {

    private final SignalConfig config;
    private ProcessorContext<String, EndpointSignals> context;
    private SignalEngine engine;
    private ClosedWindowForwarder closed;
    private Sensor lateRecords;
    private long lateSeen;
    private long lastRecordWallMs;
    private long advancedAtWallMs;

    RequestLogProcessor(final SignalConfig config) {
        this.config = config;
    }

    @Override
    public void init(final ProcessorContext<String, EndpointSignals> context) {
        this.context = context;
        final LiveSignalsStore live = context.getStateStore(SignalTopology.LIVE_WINDOWS_STORE);
        this.engine = live.engine();
        this.closed = new ClosedWindowForwarder(context);
        this.lateRecords = context.metrics().addRateTotalSensor("signals", "task-" + context.taskId(), "late-records",
                Sensor.RecordingLevel.INFO, "task-id", context.taskId().toString());
        this.lateSeen = engine.lateRecordsTotal();
        this.lastRecordWallMs = context.currentSystemTimeMs();
        if (!config.idleAdvanceAfter().isZero()) {
            final Duration every = Duration.ofMillis(Math.max(100, config.idleAdvanceAfter().toMillis() / 3));
            context.schedule(every, PunctuationType.WALL_CLOCK_TIME, this::advanceIfIdle);
        }
    }

    @Override
    public void process(final Record<String, RequestLog> record) {
        final RequestLog log = record.value();
        if (log == null) {
            return; // a tombstone on the request-log topic means nothing
        }
        final String key = record.key() != null ? record.key() : EndpointKey.of(log.getEndpoint(), log.getVariant());
        engine.accept(key, log, closed);
        lastRecordWallMs = context.currentSystemTimeMs();
        final long late = engine.lateRecordsTotal();
        if (late != lateSeen) {
            lateRecords.record(late - lateSeen);
            lateSeen = late;
        }
    }

    /** Quiet partition: stream time stands still, so let the wall clock move it (see docs/SIGNALS.md). */
    private void advanceIfIdle(final long nowMs) {
        if (nowMs - lastRecordWallMs < config.idleAdvanceAfter().toMillis()) {
            return;
        }
        if (engine.streamTime() == Long.MIN_VALUE) {
            // Nothing has ever arrived here: the wall clock is the only clock there is, and registered
            // endpoints still need their zero windows.
            engine.advanceTo(nowMs, closed);
        } else {
            final long from = Math.max(lastRecordWallMs, advancedAtWallMs);
            engine.advanceTo(engine.streamTime() + (nowMs - from), closed);
        }
        advancedAtWallMs = nowMs;
    }
}
