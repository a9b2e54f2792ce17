package io.streamscale.actuator;

import io.streamscale.actuator.aws.AwsCallException;
import io.streamscale.actuator.aws.AwsCallResult;
import io.streamscale.actuator.aws.AwsFailure;
import io.streamscale.actuator.aws.RegisteredTarget;
import io.streamscale.actuator.aws.ScalableTargets;
import io.streamscale.actuator.aws.SageMakerEndpoints;
import io.streamscale.actuator.aws.VariantState;
import io.streamscale.actuator.rules.Admission;
import io.streamscale.actuator.rules.CapacityBounds;
import io.streamscale.actuator.rules.DecisionGate;
import io.streamscale.actuator.rules.EndpointStatuses;
import io.streamscale.actuator.rules.HandledDecision;
import io.streamscale.actuator.rules.SuspendedScaling;
import io.streamscale.schemas.CapacityState;
import io.streamscale.schemas.Direction;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.Outcome;
import io.streamscale.schemas.ScalingAction;
import io.streamscale.schemas.ScalingDecision;
import java.time.Clock;
import software.amazon.awssdk.core.exception.AbortedException;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries one decision to AWS, or says why not. In order: the gate (duplicate, stale, superseded,
 * too old), dry-run, the per-endpoint rate limit, then a look at the endpoint (DescribeEndpoint,
 * DescribeScalableTargets): wait while it is changing, never leave the registered min/max, and make
 * no call when the endpoint already has what the decision wants — which is how a decision replayed
 * after a crash between the AWS call and the Kafka commit is recognised as done — and none in a
 * direction the user suspended in Application Auto Scaling. Only then one mutating call, through
 * the chosen backend.
 */
final class DecisionApplier {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionApplier.class);

    private final ActuatorConfig config;
    private final SageMakerEndpoints endpoints;
    private final ScalableTargets targets;
    private final EndpointLedger ledger;
    private final Clock clock;

    DecisionApplier(final ActuatorConfig config, final SageMakerEndpoints endpoints, final ScalableTargets targets,
            final EndpointLedger ledger, final Clock clock) {
        this.config = config;
        this.endpoints = endpoints;
        this.targets = targets;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * @param decision     the decision
     * @param newerPending decidedAt of the other decisions for the same endpoint variant in this batch
     */
    DecisionResult handle(final ScalingDecision decision, final Collection<Instant> newerPending) throws InterruptedException {
        final String key = EndpointKey.of(decision.getEndpoint(), decision.getVariant());
        Backend backend = null;
        String badBackend = null;
        try {
            backend = config.backendFor(decision.getBackend());
        } catch (final IllegalArgumentException e) {
            badBackend = e.getMessage();
        }
        final Admission admission = DecisionGate.admit(decision.getDecisionId(), decision.getDecidedAt(),
                ledger.last(key), newerPending, clock.instant(), config.maxDecisionAge());
        if (!admission.proceeds()) {
            return skipped(decision, backend, admission.kind() == Admission.Kind.DUPLICATE
                    ? Outcome.SKIPPED_DUPLICATE : Outcome.SKIPPED_STALE, admission.reason());
        }
        if (badBackend != null) {
            return notDone(decision, null, Outcome.REJECTED, badBackend, null, 0,
                    unchanged(decision, key, null, Optional.empty()));
        }
        if (config.dryRun() || decision.getDryRun()) {
            return dryRun(decision, backend, key);
        }
        final long waitNanos = ledger.nanosUntilNextMutation(key, config.endpointMinInterval().toNanos());
        if (waitNanos > 0) {
            // Rate limit per endpoint: wait rather than skip, the decision is still the newest.
            Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
        }
        return apply(decision, backend, key);
    }

    private DecisionResult apply(final ScalingDecision decision, final Backend backend, final String key)
            throws InterruptedException {
        final long deadline = System.nanoTime() + config.inProgressMaxWait().toNanos();
        int attempts = 0;
        // What the last describes saw: reported with any outcome that changed nothing, so the decision
        // engine learns its order did not happen instead of assuming it.
        VariantState seen = null;
        Optional<RegisteredTarget> seenRegistration = Optional.empty();
        while (true) {
            try {
                final VariantState state = endpoints.describe(decision.getEndpoint(), decision.getVariant());
                seen = state;
                attempts++;
                final Optional<RegisteredTarget> registered = targets.describe(decision.getEndpoint(), decision.getVariant());
                seenRegistration = registered;
                attempts++;
                if (EndpointStatuses.inProgress(state.endpointStatus())) {
                    if (System.nanoTime() >= deadline) {
                        return notDone(decision, backend, Outcome.SKIPPED_IN_PROGRESS, "endpoint still "
                                + state.endpointStatus() + " after waiting " + config.inProgressMaxWait().toMillis() + " ms",
                                null, 0, unchanged(decision, key, state, registered));
                    }
                    LOG.info("{} is {}; decision {} waits {}", key, state.endpointStatus(), decision.getDecisionId(),
                            config.inProgressRetryDelay());
                    Thread.sleep(config.inProgressRetryDelay().toMillis());
                    continue;
                }
                if (!EndpointStatuses.canScale(state.endpointStatus())) {
                    return notDone(decision, backend, Outcome.REJECTED, "endpoint is " + state.endpointStatus(), null,
                            attempts, unchanged(decision, key, state, registered));
                }
                if (backend == Backend.APPLICATION_AUTOSCALING && registered.isEmpty()) {
                    return notDone(decision, backend, Outcome.REJECTED, "variant is not registered with Application Auto "
                            + "Scaling (" + ScalableTargets.resourceId(decision.getEndpoint(), decision.getVariant()) + ")",
                            null, attempts, unchanged(decision, key, state, registered));
                }
                final CapacityBounds userBounds = userBounds(key, registered);
                final int target = userBounds.clamp(decision.getTo());
                final Optional<DecisionResult> done = alreadyDone(decision, backend, key, state, registered, userBounds, target);
                if (done.isPresent()) {
                    return done.get();
                }
                final Optional<String> suspended = registered.flatMap(r -> SuspendedScaling.refusal(state.desiredCount(),
                        target, r.dynamicScaleInSuspended(), r.dynamicScaleOutSuspended(),
                        ScalableTargets.resourceId(decision.getEndpoint(), decision.getVariant())));
                if (suspended.isPresent()) {
                    return notDone(decision, backend, Outcome.REJECTED, suspended.get(), null, attempts,
                            unchanged(decision, key, state, registered));
                }
                final AwsCallResult result = backend == Backend.SAGEMAKER
                        ? endpoints.setDesiredCount(decision.getEndpoint(), decision.getVariant(), target)
                        : targets.register(decision.getEndpoint(), decision.getVariant(), floorFor(target, userBounds));
                ledger.markMutation(key);
                return applied(decision, backend, key, state, userBounds, target, result, attempts);
            } catch (final AwsCallException e) {
                if (e.getCause() instanceof AbortedException || Thread.currentThread().isInterrupted()) {
                    // Shutting down mid-call: no outcome; the decision is replayed and reconciled.
                    throw new InterruptedException("interrupted during an AWS call for " + decision.getDecisionId());
                }
                final AwsFailure failure = e.failure();
                attempts += failure.attempts();
                if (failure.kind() == AwsFailure.Kind.IN_PROGRESS && System.nanoTime() < deadline) {
                    LOG.info("{}: {}; decision {} waits", key, failure.message(), decision.getDecisionId());
                    Thread.sleep(config.inProgressRetryDelay().toMillis());
                    continue;
                }
                final Outcome outcome = switch (failure.kind()) {
                    case IN_PROGRESS -> Outcome.SKIPPED_IN_PROGRESS;
                    case REJECTED -> Outcome.REJECTED;
                    case FAILED -> Outcome.FAILED;
                };
                return notDone(decision, backend, outcome, failure.message(), failure.requestId(), Math.max(1, attempts),
                        unchanged(decision, key, seen, seenRegistration));
            }
        }
    }

    /**
     * The application-autoscaling backend's range for a target: MinCapacity raised to the target (AWS
     * moves current capacity into the new range at once), MaxCapacity the user's; when the target is at
     * or below the user's own minimum this is exactly the user's original registration (restored).
     */
    static CapacityBounds floorFor(final int target, final CapacityBounds userBounds) {
        return new CapacityBounds(Math.max(target, userBounds.min()), userBounds.max());
    }

    private CapacityBounds userBounds(final String key, final Optional<RegisteredTarget> registered) {
        // The user's bounds are the ones registered before StreamScale first moved them; the ledger keeps them.
        final Optional<CapacityBounds> remembered = ledger.get(key).map(EndpointLedger.Entry::userBounds);
        if (remembered.isPresent()) {
            return remembered.get();
        }
        return registered.map(RegisteredTarget::bounds).orElse(CapacityBounds.UNREGISTERED);
    }

    private Optional<DecisionResult> alreadyDone(final ScalingDecision decision, final Backend backend,
            final String key, final VariantState state, final Optional<RegisteredTarget> registered,
            final CapacityBounds userBounds, final int target) {
        final boolean done = backend == Backend.SAGEMAKER
                ? state.desiredCount() == target
                : registered.map(r -> r.bounds().equals(floorFor(target, userBounds))).orElse(false);
        if (!done) {
            return Optional.empty();
        }
        final String why = backend == Backend.SAGEMAKER
                ? "reconciled: DesiredInstanceCount is already " + target + "; no call made"
                : "reconciled: scalable target already registered at " + floorFor(target, userBounds) + "; no call made";
        LOG.info("decision {} for {}: {}", decision.getDecisionId(), key, why);
        final ScalingAction action = action(decision, backend, Outcome.SKIPPED_DUPLICATE, target).setError(why).build();
        return Optional.of(new DecisionResult(action,
                capacity(decision, key, state.currentCount(), state.desiredCount(), state.endpointStatus(), userBounds)));
    }

    private DecisionResult applied(final ScalingDecision decision, final Backend backend,
            final String key, final VariantState state, final CapacityBounds userBounds, final int target,
            final AwsCallResult result, final int describeAttempts) {
        LOG.info("decision {} for {}: APPLIED {} -> {} via {} (request {})", decision.getDecisionId(), key,
                state.desiredCount(), target, backend, result.requestId());
        final ScalingAction action = action(decision, backend, Outcome.APPLIED, target)
                .setAwsRequestId(result.requestId()).setAttempts(result.attempts()).build();
        final int desired = backend == Backend.SAGEMAKER ? target : Math.max(target, state.desiredCount());
        // SageMaker answers a new count by setting the endpoint Updating while CurrentInstanceCount is
        // still the old one; the actuator follows it up and reports the count once it is in service.
        final String status = desired != state.desiredCount() ? "Updating" : state.endpointStatus();
        return new DecisionResult(action,
                capacity(decision, key, state.currentCount(), desired, status, userBounds));
    }

    private DecisionResult dryRun(final ScalingDecision decision, final Backend backend,
            final String key) {
        final Optional<EndpointLedger.Entry> entry = ledger.get(key);
        final CapacityBounds bounds = entry.map(EndpointLedger.Entry::userBounds).orElse(null);
        final int target = bounds == null ? decision.getTo() : bounds.clamp(decision.getTo());
        final ScalingAction action = action(decision, backend, Outcome.DRY_RUN, target)
                .setError("dry run: no AWS call made").setAttempts(0).build();
        // Dry run reports the count as if ordered, so the decision loop behaves as it would live.
        return new DecisionResult(action, capacity(decision, key, target, target, "InService", bounds));
    }

    /** REJECTED, FAILED or SKIPPED_IN_PROGRESS: nothing changed; the capacity record says what there is. */
    private DecisionResult notDone(final ScalingDecision decision, final Backend backend, final Outcome outcome,
            final String why, final String requestId, final int attempts, final CapacityState observed) {
        LOG.warn("decision {} for {}/{}: {} ({})", decision.getDecisionId(), decision.getEndpoint(),
                decision.getVariant(), outcome, why);
        return new DecisionResult(action(decision, backend, outcome, decision.getTo())
                .setError(why).setAwsRequestId(requestId).setAttempts(attempts).build(), observed);
    }

    /**
     * The capacity record for a decision that changed nothing: what the describes saw, or (when the
     * describe itself failed) the last record on {@code endpoint-capacity}, or null when there is none.
     * It names the decision (lastDecisionId), so the decision engine stops waiting for that order;
     * the scale times stay those of the last change that happened.
     */
    private CapacityState unchanged(final ScalingDecision decision, final String key, final VariantState seen,
            final Optional<RegisteredTarget> registered) {
        if (seen != null) {
            return capacity(decision, key, seen.currentCount(), seen.desiredCount(), seen.endpointStatus(),
                    userBounds(key, registered), false);
        }
        final CapacityBounds remembered = ledger.get(key).map(EndpointLedger.Entry::userBounds).orElse(null);
        return ledger.published(key).map(last -> capacity(decision, key, last.getCurrentCapacity(),
                last.getDesiredCapacity(), last.getStatus(), remembered, false)).orElse(null);
    }

    private DecisionResult skipped(final ScalingDecision decision, final Backend backend,
            final Outcome outcome, final String why) {
        LOG.info("decision {} for {}/{}: {} ({})", decision.getDecisionId(), decision.getEndpoint(),
                decision.getVariant(), outcome, why);
        return new DecisionResult(action(decision, backend, outcome, decision.getTo())
                .setError(why).setAttempts(0).build(), null);
    }

    private ScalingAction.Builder action(final ScalingDecision decision, final Backend backend, final Outcome outcome,
            final int to) {
        return ScalingAction.newBuilder()
                .setDecisionId(decision.getDecisionId())
                .setEndpoint(decision.getEndpoint())
                .setVariant(decision.getVariant())
                .setOutcome(outcome)
                .setFrom(decision.getFrom())
                .setTo(to)
                .setBackend(backend == null ? null : backend.id())
                .setAt(clock.instant());
    }

    private CapacityState capacity(final ScalingDecision decision, final String key, final int current,
            final int desired, final String status, final CapacityBounds userBounds) {
        return capacity(decision, key, current, desired, status, userBounds, true);
    }

    private CapacityState capacity(final ScalingDecision decision, final String key, final int current,
            final int desired, final String status, final CapacityBounds userBounds, final boolean scaled) {
        final Optional<EndpointLedger.Entry> previous = ledger.get(key);
        Instant out = previous.map(EndpointLedger.Entry::lastScaleOutAt).orElse(null);
        Instant in = previous.map(EndpointLedger.Entry::lastScaleInAt).orElse(null);
        // lastScale*At hold the decision's event time, so a restart can rebuild the ledger from them.
        if (scaled && decision.getDirection() == Direction.SCALE_OUT) {
            out = decision.getDecidedAt();
        } else if (scaled) {
            in = decision.getDecidedAt();
        }
        return CapacityState.newBuilder()
                .setEndpoint(decision.getEndpoint())
                .setVariant(decision.getVariant())
                .setCurrentCapacity(current)
                .setDesiredCapacity(desired)
                .setStatus(status)
                .setMinCapacity(userBounds == null || userBounds == CapacityBounds.UNREGISTERED ? null : userBounds.min())
                .setMaxCapacity(userBounds == null || userBounds == CapacityBounds.UNREGISTERED ? null : userBounds.max())
                .setLastScaleOutAt(out)
                .setLastScaleInAt(in)
                .setLastDecisionId(decision.getDecisionId())
                .setUpdatedAt(clock.instant())
                .build();
    }

    /** Updates the ledger once the outcome is committed, so the next decision is judged against it. */
    void committed(final ScalingDecision decision, final DecisionResult result) {
        final String key = EndpointKey.of(decision.getEndpoint(), decision.getVariant());
        if (result.capacity() != null) {
            ledger.restore(key, result.capacity());
        }
        final Outcome outcome = result.action().getOutcome();
        if (outcome == Outcome.REJECTED || outcome == Outcome.FAILED || outcome == Outcome.SKIPPED_IN_PROGRESS) {
            // Handled (an outcome is on record): a replay of the same id is a duplicate.
            final EndpointLedger.Entry entry = ledger.get(key).orElse(new EndpointLedger.Entry(null, null, null, null));
            ledger.put(key, new EndpointLedger.Entry(new HandledDecision(decision.getDecisionId(),
                    decision.getDecidedAt()), entry.userBounds(), entry.lastScaleOutAt(), entry.lastScaleInAt()));
        }
    }
}
