package io.streamscale.actuator;

import io.streamscale.actuator.aws.AwsCallException;
import io.streamscale.actuator.aws.AwsFailure;
import io.streamscale.actuator.aws.SageMakerEndpoints;
import io.streamscale.actuator.aws.VariantState;
import io.streamscale.actuator.rules.EndpointStatuses;
import io.streamscale.schemas.CapacityState;
import io.streamscale.schemas.EndpointKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.AbortedException;

/**
 * Carries out the looks {@link CapacityWatch} says are due: one DescribeEndpoint per variant, and
 * the capacity records worth publishing. A follow-up publishes once the variant is settled (or,
 * after the maximum wait, as last seen); a refresh publishes only what differs from the last record
 * on {@code endpoint-capacity}, and starts following a variant it finds changing. A failed describe
 * is logged and looked at again later: feedback is best effort and never touches a decision.
 */
final class CapacityFollowUp {

    private static final Logger LOG = LoggerFactory.getLogger(CapacityFollowUp.class);

    private final SageMakerEndpoints endpoints;
    private final EndpointLedger ledger;
    private final CapacityWatch watch;
    private final Clock clock;

    CapacityFollowUp(final SageMakerEndpoints endpoints, final EndpointLedger ledger, final CapacityWatch watch,
            final Clock clock) {
        this.endpoints = endpoints;
        this.ledger = ledger;
        this.watch = watch;
        this.clock = clock;
    }

    /** Describes each variant due now; returns the capacity records to publish (not yet committed). */
    List<CapacityState> run() throws InterruptedException {
        final List<CapacityState> publish = new ArrayList<>();
        for (final CapacityWatch.Check check : watch.due(clock.instant())) {
            final EndpointKey key = EndpointKey.parse(check.key());
            final VariantState state;
            try {
                state = endpoints.describe(key.endpoint(), key.variant());
            } catch (final AwsCallException e) {
                if (e.getCause() instanceof AbortedException || Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("interrupted while describing " + check.key());
                }
                final boolean refused = e.failure().kind() == AwsFailure.Kind.REJECTED;
                LOG.warn("could not look at {} ({}): {}{}", check.key(), check.followUp() ? "follow-up" : "refresh",
                        e.failure().message(), refused ? "; not looked at again until its next decision" : "");
                if (refused) {
                    // e.g. the endpoint was deleted: asking every interval would only repeat the error.
                    watch.disown(check.key());
                } else if (check.followUp() && !watch.stillChanging(check.key(), clock.instant())) {
                    watch.settled(check.key());
                }
                continue;
            }
            final Instant now = clock.instant();
            final CapacityState observed = ledger.observed(check.key(), state, now);
            final boolean changing = EndpointStatuses.inProgress(state.endpointStatus());
            if (check.followUp()) {
                if (changing && watch.stillChanging(check.key(), now)) {
                    continue;
                }
                watch.settled(check.key());
                if (changing) {
                    LOG.warn("{} still {} after the follow-up's maximum wait; reporting it as seen", check.key(),
                            state.endpointStatus());
                }
                publish.add(observed);
            } else {
                if (differs(ledger.published(check.key()), observed)) {
                    LOG.info("{} changed outside this actuator: current {}, desired {}, {}", check.key(),
                            state.currentCount(), state.desiredCount(), state.endpointStatus());
                    publish.add(observed);
                }
                if (changing) {
                    watch.follow(check.key(), now);
                }
            }
        }
        return publish;
    }

    private static boolean differs(final Optional<CapacityState> last, final CapacityState now) {
        return last.map(l -> l.getCurrentCapacity() != now.getCurrentCapacity()
                || l.getDesiredCapacity() != now.getDesiredCapacity()
                || !l.getStatus().equals(now.getStatus())).orElse(true);
    }
}
