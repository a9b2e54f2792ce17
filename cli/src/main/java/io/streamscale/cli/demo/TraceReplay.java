package io.streamscale.cli.demo;

import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.RequestLog;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Plays a trace into the raw topic as producers would: JSON objects keyed endpoint/variant, with
 * timestamps moved so that none is ahead of the clock when sent (the last is stamped about now),
 * paced at {@code speed} × the trace's own pace (0: no pacing). Raw producer lines go in verbatim after the trace, unkeyed, to show what ingest does
 * with them.
 */
final class TraceReplay {

    private TraceReplay() {
    }

    static long publish(final String bootstrapServers, final String rawTopic, final List<RequestLog> trace, final List<String> rawLines,
                        final double speed, final Consumer<String> progress) throws InterruptedException {
        long published = 0;
        try (KafkaProducer<String, byte[]> producer = Demo.rawProducer(bootstrapServers)) {
            if (!trace.isEmpty()) {
                final long traceStart = trace.get(0).getTimestamp().toEpochMilli();
                final long traceEnd = trace.get(trace.size() - 1).getTimestamp().toEpochMilli();
                final long wallStart = System.currentTimeMillis();
                // Shift the trace so that no record is stamped ahead of the clock when it is sent: at
                // speed s the trace's D ms take D/s ms, so it starts D(1 − 1/s) ms in the past (all of D
                // when played as fast as possible) and its last record is stamped about now.
                final long duration = traceEnd - traceStart;
                final long eventStart = wallStart - (speed > 0 ? (long) (duration * Math.max(0, 1 - 1 / speed)) : duration);
                long nextReport = wallStart;
                for (final RequestLog original : trace) {
                    final long offset = original.getTimestamp().toEpochMilli() - traceStart;
                    if (speed > 0) {
                        final long due = wallStart + (long) (offset / speed);
                        final long wait = due - System.currentTimeMillis();
                        if (wait > 0) {
                            Thread.sleep(wait);
                        }
                    }
                    final RequestLog shifted = RequestLog.newBuilder(original).setTimestamp(Instant.ofEpochMilli(eventStart + offset)).build();
                    producer.send(new ProducerRecord<>(rawTopic, EndpointKey.of(shifted.getEndpoint(), shifted.getVariant()),
                            Demo.asProducerJson(shifted)));
                    published++;
                    if (System.currentTimeMillis() >= nextReport) {
                        progress.accept(String.format("replay %d/%d records, trace time %ds of %ds", published, trace.size(),
                                offset / 1000, (traceEnd - traceStart) / 1000));
                        nextReport = System.currentTimeMillis() + 2_000;
                    }
                }
            }
            for (final String line : rawLines) {
                producer.send(new ProducerRecord<>(rawTopic, null, line.getBytes(StandardCharsets.UTF_8)));
                published++;
            }
            producer.flush();
        }
        return published;
    }
}
