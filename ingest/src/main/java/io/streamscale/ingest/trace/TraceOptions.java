package io.streamscale.ingest.trace;

import java.time.Instant;

/**
 * How the adapters fill what a public trace does not record.
 *
 * @param endpoint     endpoint name given to adapter traces' requests (null: the adapter's own default,
 *                     {@code azure-llm-code} or {@code mooncake-conversation})
 * @param variant      variant name for adapter traces ({@code AllTraffic} when null)
 * @param serviceModel latency from tokens for traces without latency
 * @param mooncakeEpoch the absolute time of the Mooncake trace's 0 ms (it records only relative times)
 */
public record TraceOptions(String endpoint, String variant, TokenServiceModel serviceModel, Instant mooncakeEpoch) {

    /** The Mooncake trace's release date (kvcache-ai/Mooncake commit 3cca71d, 2025-02-21), midnight UTC. */
    public static final Instant MOONCAKE_DEFAULT_EPOCH = Instant.parse("2025-02-21T00:00:00Z");

    public static final TraceOptions DEFAULTS = new TraceOptions(null, null, TokenServiceModel.DEFAULT, MOONCAKE_DEFAULT_EPOCH);

    public TraceOptions {
        variant = variant == null || variant.isBlank() ? io.streamscale.schemas.EndpointKey.DEFAULT_VARIANT : variant;
        serviceModel = serviceModel == null ? TokenServiceModel.DEFAULT : serviceModel;
        mooncakeEpoch = mooncakeEpoch == null ? MOONCAKE_DEFAULT_EPOCH : mooncakeEpoch;
    }

    public TraceOptions withEndpoint(final String name) {
        return new TraceOptions(name, variant, serviceModel, mooncakeEpoch);
    }

    String endpointOr(final String adapterDefault) {
        return endpoint == null || endpoint.isBlank() ? adapterDefault : endpoint;
    }
}
