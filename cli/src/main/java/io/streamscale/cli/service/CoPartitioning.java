package io.streamscale.cli.service;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * The signal and decision topologies join topics by key inside one task, so those topics must have
 * the same number of partitions; Kafka Streams does not check this for a Processor API topology and
 * would silently pair the wrong keys. Checked at start-up, with a message that names the topics.
 */
public final class CoPartitioning {

    private CoPartitioning() {
    }

    /** @throws IllegalStateException when a topic is missing or the partition counts differ */
    public static void require(final Properties clientProperties, final String purpose, final List<String> topics) {
        final Map<String, Integer> partitions = new TreeMap<>();
        try (Admin admin = Admin.create(clientProperties)) {
            final Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(60, TimeUnit.SECONDS);
            described.forEach((name, description) -> partitions.put(name, description.partitions().size()));
        } catch (ExecutionException e) {
            throw new IllegalStateException(purpose + ": cannot describe " + topics + ": " + e.getCause().getMessage()
                    + " (create the topics first, with the same partition count)", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(purpose + ": Kafka did not answer within 60 s when describing " + topics, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(purpose + ": interrupted while describing " + topics, e);
        }
        if (partitions.values().stream().distinct().count() > 1) {
            throw new IllegalStateException(purpose + " joins these topics by key, so they need the same number of partitions: "
                    + partitions);
        }
    }
}
