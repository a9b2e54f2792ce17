package io.streamscale.signals;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * The task's {@link SignalEngine}, live in memory, made durable the way Kafka Streams' own record cache
 * is: the engine's changed endpoints are written to an in-memory, change-logged key-value store only
 * when the task commits ({@link #flushCache()}, which Streams calls before every commit), never per
 * request. Under exactly-once v2 those changelog writes are in the same transaction as the consumed
 * offsets and the emitted signals, so a restarted task restores exactly the state that matches its
 * committed input, and rebuilds the engine from it.
 *
 * <p>Implements Streams' internal {@code CachedStateStore} hook (as its caching stores do); the
 * integration test with a restart under exactly-once v2 guards that contract on the pinned Kafka version.
 */
final class LiveSignalsStore implements StateStore, CachedStateStore<byte[], byte[]> {

    private final String name;
    private final SignalConfig config;
    private final KeyValueStore<Bytes, byte[]> logged;
    private StateStoreContext context;
    private SignalEngine engine;

    LiveSignalsStore(final String name, final SignalConfig config, final java.util.Map<String, String> logConfig) {
        this.name = name;
        this.config = config;
        this.logged = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.Bytes(), Serdes.ByteArray())
                .withCachingDisabled().withLoggingEnabled(logConfig).build();
    }

    /** The task's engine, rebuilt from the restored store the first time it is asked for. */
    SignalEngine engine() {
        if (engine == null) {
            final SignalEngine restored = new SignalEngine(config);
            try (KeyValueIterator<Bytes, byte[]> entries = logged.all()) {
                entries.forEachRemaining(e -> restored.restore(new String(e.key.get(), StandardCharsets.UTF_8), e.value));
            }
            engine = restored;
        }
        return engine;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(final StateStoreContext stateStoreContext, final StateStore root) {
        this.context = stateStoreContext;
        logged.init(stateStoreContext, root);
    }

    /** Called by Streams before each commit: write what changed since the last one. */
    @Override
    public void flushCache() {
        if (engine == null) {
            return;
        }
        final InternalProcessorContext<?, ?> internal = context instanceof InternalProcessorContext<?, ?> ipc ? ipc : null;
        final ProcessorRecordContext previous = internal == null ? null : internal.recordContext();
        if (internal != null) {
            // The changelog record takes its timestamp from the current record context, which may be
            // unset outside of processing; give it the engine's stream time.
            internal.setRecordContext(new ProcessorRecordContext(Math.max(0, engine.streamTime()), -1, -1, null,
                    new RecordHeaders()));
        }
        try {
            engine.drainChanges((key, snapshot) -> {
                final Bytes storeKey = Bytes.wrap(key.getBytes(StandardCharsets.UTF_8));
                if (snapshot == null) {
                    logged.delete(storeKey);
                } else {
                    logged.put(storeKey, snapshot);
                }
            });
        } finally {
            if (internal != null && previous != null) {
                internal.setRecordContext(previous);
            }
        }
    }

    /** A dirty close (e.g. an aborted transaction): forget the live state; it is rebuilt from the store. */
    @Override
    public void clearCache() {
        engine = null;
    }

    @Override
    public boolean setFlushListener(final CacheFlushListener<byte[], byte[]> listener, final boolean sendOldValues) {
        return false;
    }

    @Override
    public void flush() {
        logged.flush();
    }

    @Override
    public void close() {
        engine = null;
        logged.close();
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return logged.isOpen();
    }
}
