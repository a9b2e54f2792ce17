package io.streamscale.actuator.aws;

import io.streamscale.actuator.rules.CapacityBounds;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.applicationautoscaling.model.DescribeScalableTargetsResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.RegisterScalableTargetResponse;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableTarget;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.SuspendedState;

/**
 * Application Auto Scaling's registration of an endpoint variant (resource id
 * {@code endpoint/<name>/variant/<variant>}, dimension {@code sagemaker:variant:DesiredInstanceCount}):
 * DescribeScalableTargets to read MinCapacity/MaxCapacity, RegisterScalableTarget to move them
 * (the {@code application-autoscaling} backend).
 */
public final class ScalableTargets {

    private final AwsClients clients;

    public ScalableTargets(final AwsClients clients) {
        this.clients = clients;
    }

    public static String resourceId(final String endpoint, final String variant) {
        return "endpoint/" + endpoint + "/variant/" + variant;
    }

    /** The registration, or empty when the variant is not registered with Application Auto Scaling. */
    public Optional<RegisteredTarget> describe(final String endpoint, final String variant) throws AwsCallException {
        final long before = clients.requestsSent();
        try {
            final DescribeScalableTargetsResponse response = clients.autoScaling().describeScalableTargets(b -> b
                    .serviceNamespace(ServiceNamespace.SAGEMAKER)
                    .resourceIds(resourceId(endpoint, variant))
                    .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT));
            return response.scalableTargets().stream().findFirst().map(ScalableTargets::toRegistered);
        } catch (final SdkException e) {
            throw new AwsCallException(AwsFailure.of(e, (int) (clients.requestsSent() - before)), e);
        }
    }

    /**
     * RegisterScalableTarget on the existing registration: new MinCapacity and MaxCapacity. Nothing
     * else is sent: AWS leaves unspecified parameters (SuspendedState among them) as they are.
     */
    public AwsCallResult register(final String endpoint, final String variant, final CapacityBounds bounds)
            throws AwsCallException {
        final long before = clients.requestsSent();
        try {
            final RegisterScalableTargetResponse response = clients.autoScaling().registerScalableTarget(b -> b
                    .serviceNamespace(ServiceNamespace.SAGEMAKER)
                    .resourceId(resourceId(endpoint, variant))
                    .scalableDimension(ScalableDimension.SAGEMAKER_VARIANT_DESIRED_INSTANCE_COUNT)
                    .minCapacity(bounds.min())
                    .maxCapacity(bounds.max()));
            return new AwsCallResult(response.responseMetadata().requestId(), (int) (clients.requestsSent() - before));
        } catch (final SdkException e) {
            throw new AwsCallException(AwsFailure.of(e, (int) (clients.requestsSent() - before)), e);
        }
    }

    private static RegisteredTarget toRegistered(final ScalableTarget target) {
        // SuspendedState and each of its members are optional in the response; absent means false.
        final SuspendedState suspended = target.suspendedState();
        final boolean in = suspended != null && Boolean.TRUE.equals(suspended.dynamicScalingInSuspended());
        final boolean out = suspended != null && Boolean.TRUE.equals(suspended.dynamicScalingOutSuspended());
        final boolean scheduled = suspended != null && Boolean.TRUE.equals(suspended.scheduledScalingSuspended());
        return new RegisteredTarget(new CapacityBounds(target.minCapacity(), target.maxCapacity()), in, out, scheduled);
    }
}
