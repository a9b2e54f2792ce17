package io.streamscale.cli.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamscale.cli.ops.OpsServer;
import io.streamscale.cli.ops.OpsServer.Response;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.EndpointSignals;
import io.streamscale.schemas.json.RecordJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The signal service's current per-endpoint signals over HTTP, by interactive queries across
 * instances. Each instance holds the latest window of the endpoint variants whose partitions it
 * owns; {@code application.server} tells Kafka Streams where each instance's ops server is, so:
 * <ul>
 *   <li>{@code GET /signals/{endpoint}/{variant}} answers from the local store, or forwards to the
 *       instance that owns the key;</li>
 *   <li>{@code GET /signals} merges every instance's local answer ({@code ?scope=local} asks one
 *       instance for its own keys only).</li>
 * </ul>
 */
public final class LatestSignals {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaStreams streams;
    private final String store;
    private final HostInfo self;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public LatestSignals(final KafkaStreams streams, final String store, final HostInfo self) {
        this.streams = streams;
        this.store = store;
        this.self = self;
    }

    public void register(final OpsServer ops) {
        ops.route("/signals", this::handle);
    }

    Response handle(final String path, final Map<String, String> query) throws IOException {
        final String[] parts = path.replaceAll("/+$", "").split("/");
        if (parts.length == 2) {
            return "local".equals(query.get("scope")) ? Response.json(local().toString()) : all();
        }
        if (parts.length == 4) {
            return one(EndpointKey.of(parts[2], parts[3]));
        }
        return Response.notFound("Use /signals or /signals/{endpoint}/{variant}");
    }

    private ArrayNode local() {
        final ArrayNode out = JSON.createArrayNode();
        try (KeyValueIterator<String, EndpointSignals> all = localStore().all()) {
            all.forEachRemaining(kv -> out.add(withoutHistogram(kv.value)));
        }
        return out;
    }

    private Response all() throws IOException {
        final ArrayNode out = JSON.createArrayNode();
        for (final StreamsMetadata instance : streams.streamsMetadataForStore(store)) {
            if (instance.hostInfo().equals(self)) {
                out.addAll(local());
            } else {
                out.addAll((ArrayNode) JSON.readTree(get(instance.hostInfo(), "/signals?scope=local")));
            }
        }
        return Response.json(out.toString());
    }

    private Response one(final String key) throws IOException {
        final KeyQueryMetadata owner = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            return new Response(503, "text/plain; charset=utf-8", "Store " + store + " is not available yet (rebalancing?)");
        }
        if (!owner.activeHost().equals(self)) {
            final EndpointKey parsed = EndpointKey.parse(key);
            return Response.json(get(owner.activeHost(), "/signals/" + encode(parsed.endpoint()) + "/" + encode(parsed.variant())));
        }
        final EndpointSignals latest = localStore().get(key);
        return latest == null ? Response.notFound("No window yet for " + key) : Response.json(withoutHistogram(latest).toString());
    }

    private ReadOnlyKeyValueStore<String, EndpointSignals> localStore() {
        return streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, EndpointSignals>keyValueStore()));
    }

    private String get(final HostInfo host, final String pathAndQuery) throws IOException {
        final HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(host + pathAndQuery + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while asking " + host, e);
        }
    }

    private static ObjectNode withoutHistogram(final EndpointSignals signals) {
        final ObjectNode node = RecordJson.toJson(signals);
        node.remove("latencyHistogram");
        return node;
    }

    private static String encode(final String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }
}
