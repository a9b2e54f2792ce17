package io.streamscale.cli.service;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamscale.embedded.EmbeddedStackExtension;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Topics joined by key must have the same partition count; the services refuse to start otherwise. */
class CoPartitioningIT {

    @RegisterExtension
    static final EmbeddedStackExtension KAFKA = new EmbeddedStackExtension();

    @Test
    void samePartitionCountsPassDifferentOnesAreNamedMissingOnesToo() throws Exception {
        final String p = EmbeddedStackExtension.uniquePrefix();
        final Properties props = new Properties();
        props.put("bootstrap.servers", KAFKA.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(p + "logs", 4, (short) 1), new NewTopic(p + "policies", 4, (short) 1),
                    new NewTopic(p + "capacity", 2, (short) 1))).all().get();
        }

        assertThatCode(() -> CoPartitioning.require(props, "the signal topology", List.of(p + "logs", p + "policies")))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> CoPartitioning.require(props, "the signal topology", List.of(p + "logs", p + "capacity")))
                .hasMessageContaining("the same number of partitions").hasMessageContaining(p + "capacity=2")
                .hasMessageContaining(p + "logs=4");
        assertThatThrownBy(() -> CoPartitioning.require(props, "the signal topology", List.of(p + "logs", p + "nowhere")))
                .hasMessageContaining("cannot describe");
    }
}
