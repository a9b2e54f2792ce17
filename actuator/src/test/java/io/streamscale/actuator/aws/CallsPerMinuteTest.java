package io.streamscale.actuator.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The global ceiling: the request over the limit waits instead of being sent. */
class CallsPerMinuteTest {

    @Test
    void theRequestOverTheCeilingWaitsForTheWindow() throws Exception {
        final CallsPerMinute ceiling = new CallsPerMinute(2);
        ceiling.acquire();
        ceiling.acquire();
        final AtomicBoolean interrupted = new AtomicBoolean();
        final Thread third = new Thread(() -> {
            try {
                ceiling.acquire();
            } catch (final InterruptedException e) {
                interrupted.set(true);
            }
        });

        third.start();
        third.join(300);

        assertThat(third.isAlive()).as("third request still waiting").isTrue();
        assertThat(ceiling.total()).isEqualTo(2);
        third.interrupt();
        third.join(5_000);
        assertThat(interrupted).isTrue();
        assertThat(ceiling.total()).isEqualTo(2);
    }
}
