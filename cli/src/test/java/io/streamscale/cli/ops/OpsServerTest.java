package io.streamscale.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpsServerTest {

    private final OpsServer ops = OpsServer.start("127.0.0.1", 0);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        ops.close();
    }

    @Test
    void liveWhileServing() throws Exception {
        final HttpResponse<String> live = get("/health/live");

        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void readyOnlyWhenEveryComponentIs() throws Exception {
        final AtomicBoolean signals = new AtomicBoolean(false);
        ops.addReadinessCheck("signals", signals::get);
        ops.addReadinessCheck("ingest", () -> true);

        final HttpResponse<String> before = get("/health/ready");
        signals.set(true);
        final HttpResponse<String> after = get("/health/ready");

        assertThat(before.statusCode()).isEqualTo(503);
        assertThat(before.body()).isEqualTo("{\"status\":\"DOWN\",\"components\":{\"ingest\":\"UP\",\"signals\":\"DOWN\"}}");
        assertThat(after.statusCode()).isEqualTo(200);
    }

    @Test
    void notReadyWithNothingToBeReadyFor() throws Exception {
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
    }

    @Test
    void metricsInPrometheusTextFormat() throws Exception {
        ops.meterRegistry().counter("streamscale.dead.letters", "reason", "INVALID_JSON").increment(3);

        final HttpResponse<String> metrics = get("/metrics");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(metrics.body()).contains("streamscale_dead_letters_total{reason=\"INVALID_JSON\"} 3.0");
    }

    @Test
    void extraRoutesAnswerQueries() throws Exception {
        ops.route("/signals", (path, query) -> OpsServer.Response.json("{\"endpoint\":\"" + query.get("endpoint") + "\"}"));

        assertThat(get("/signals?endpoint=fraud-model").body()).isEqualTo("{\"endpoint\":\"fraud-model\"}");
    }

    private HttpResponse<String> get(final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
