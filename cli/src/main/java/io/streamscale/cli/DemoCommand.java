package io.streamscale.cli;

import io.streamscale.embedded.EmbeddedStack;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Starts the embedded default (a real Kafka broker and a schema registry in this JVM). */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run StreamScale end to end on an embedded Kafka broker, no Docker and no cloud needed.")
final class DemoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            stack.createTopics("", 4);
            System.out.println("Kafka broker (KRaft, in-process): " + stack.bootstrapServers());
            System.out.println("Schema registry (Confluent API):  " + stack.schemaRegistryUrl());
            System.out.println("Topics: " + String.join(", ", stack.topics("").allNames()));
        }
        System.out.println("Embedded stack stopped.");
        return 0;
    }
}
