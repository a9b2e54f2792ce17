package io.streamscale.ingest.normalise;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawKeysTest {

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonWithAnEndpointIsKeyedByEndpointVariant() {
        assertThat(RawKeys.keyOf(utf8("{\"EndpointName\": \"m\", \"VariantName\": \"blue\"}"))).contains("m/blue");
        assertThat(RawKeys.keyOf(utf8("{\"endpoint\": \"m\"}"))).contains("m/AllTraffic");
    }

    @Test
    void anythingElseHasNoKey() {
        assertThat(RawKeys.keyOf(null)).isEmpty();
        assertThat(RawKeys.keyOf(utf8("not json"))).isEmpty();
        assertThat(RawKeys.keyOf(utf8("[1]"))).isEmpty();
        assertThat(RawKeys.keyOf(utf8("{\"endpoint\": 4}"))).isEmpty();
        assertThat(RawKeys.keyOf(new byte[] {0, 0, 0, 1, 2})).isEmpty();
    }
}
