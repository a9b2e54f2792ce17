package io.streamscale.signals;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.StoreBuilder;

/** Builds one {@link LiveSignalsStore} per task; always change-logged, never cached (it is its own cache). */
final class LiveSignalsStoreBuilder implements StoreBuilder<LiveSignalsStore> {

    private final String name;
    private final SignalConfig config;
    private Map<String, String> logConfig = new HashMap<>();

    LiveSignalsStoreBuilder(final String name, final SignalConfig config) {
        this.name = name;
        this.config = config;
    }

    @Override
    public StoreBuilder<LiveSignalsStore> withCachingEnabled() {
        return this;
    }

    @Override
    public StoreBuilder<LiveSignalsStore> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<LiveSignalsStore> withLoggingEnabled(final Map<String, String> config) {
        this.logConfig = new HashMap<>(config);
        return this;
    }

    /** Logging is what makes the live state survive a restart; it cannot be turned off. */
    @Override
    public StoreBuilder<LiveSignalsStore> withLoggingDisabled() {
        throw new UnsupportedOperationException("the live signals store must be change-logged");
    }

    @Override
    public LiveSignalsStore build() {
        return new LiveSignalsStore(name, config, logConfig);
    }

    @Override
    public Map<String, String> logConfig() {
        return logConfig;
    }

    @Override
    public boolean loggingEnabled() {
        return true;
    }

    @Override
    public String name() {
        return name;
    }
}
