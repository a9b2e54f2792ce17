package io.streamscale.signals.decision;

import static io.streamscale.signals.decision.Fixtures.busy;
import static io.streamscale.signals.decision.Fixtures.p95Target;
import static io.streamscale.signals.decision.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamscale.schemas.CapacityState;
import io.streamscale.schemas.ScalingDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory driver a backtest uses decides as the topology does. */
class DecisionRunnerTest {

    @Test
    void windowsOfAVariantWithoutAPolicyDecideNothing() {
        final DecisionRunner runner = new DecisionRunner();
        for (long s = 10; s <= 100; s += 10) {
            assertThat(runner.window(busy(s, 4, 40, 900))).isEmpty();
        }
        assertThat(runner.state("fraud-model", "AllTraffic")).isEmpty();
    }

    @Test
    void aPolicyThenWindowsThenFeedbackGiveTheSameDecisionsAsTheTopology() {
        final DecisionRunner runner = new DecisionRunner();
        runner.policy(policy().setTargetTracking(List.of(p95Target(300))).build());
        final List<ScalingDecision> decisions = new ArrayList<>();
        for (long s = 10; s <= 120; s += 10) {
            runner.window(busy(s, 4, 40, 412)).ifPresent(decisions::add);
        }
        assertThat(decisions).extracting(ScalingDecision::getReason)
                .containsExactly("p95 412 ms > 300 ms for 30 s; target tracking 4→6");

        runner.capacity(CapacityState.newBuilder().setEndpoint("fraud-model").setCurrentCapacity(5)
                .setDesiredCapacity(5).setLastDecisionId(decisions.get(0).getDecisionId())
                .setUpdatedAt(Instant.EPOCH).build());
        assertThat(runner.state("fraud-model", "AllTraffic")).get().extracting(EngineState::capacity).isEqualTo(5);

        runner.removePolicy("fraud-model", "AllTraffic");
        assertThat(runner.window(busy(130, 5, 40, 2000))).isEmpty();
    }
}
