package io.streamscale.actuator.aws;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeEndpointResponse;
import software.amazon.awssdk.services.sagemaker.model.DesiredWeightAndCapacity;
import software.amazon.awssdk.services.sagemaker.model.ProductionVariantSummary;
import software.amazon.awssdk.services.sagemaker.model.UpdateEndpointWeightsAndCapacitiesResponse;

/**
 * SageMaker's view of an endpoint variant: DescribeEndpoint to read status and instance counts,
 * UpdateEndpointWeightsAndCapacities to set DesiredInstanceCount (the {@code sagemaker} backend).
 */
public final class SageMakerEndpoints {

    private final AwsClients clients;

    public SageMakerEndpoints(final AwsClients clients) {
        this.clients = clients;
    }

    /** DescribeEndpoint, reduced to the variant. */
    public VariantState describe(final String endpoint, final String variant) throws AwsCallException {
        final long before = clients.requestsSent();
        try {
            final DescribeEndpointResponse response = clients.sageMaker().describeEndpoint(b -> b.endpointName(endpoint));
            final ProductionVariantSummary summary = response.productionVariants().stream()
                    .filter(v -> v.variantName().equals(variant)).findFirst()
                    .orElseThrow(() -> new AwsCallException(new AwsFailure(AwsFailure.Kind.REJECTED,
                            "endpoint " + endpoint + " has no production variant " + variant,
                            response.responseMetadata().requestId(), attempts(before)), null));
            return new VariantState(response.endpointStatusAsString(), orZero(summary.currentInstanceCount()),
                    orZero(summary.desiredInstanceCount()));
        } catch (final SdkException e) {
            throw new AwsCallException(AwsFailure.of(e, attempts(before)), e);
        }
    }

    /** UpdateEndpointWeightsAndCapacities with only DesiredInstanceCount for the one variant. */
    public AwsCallResult setDesiredCount(final String endpoint, final String variant, final int count)
            throws AwsCallException {
        final long before = clients.requestsSent();
        try {
            final UpdateEndpointWeightsAndCapacitiesResponse response = clients.sageMaker()
                    .updateEndpointWeightsAndCapacities(b -> b.endpointName(endpoint).desiredWeightsAndCapacities(
                            DesiredWeightAndCapacity.builder().variantName(variant).desiredInstanceCount(count).build()));
            return new AwsCallResult(response.responseMetadata().requestId(), attempts(before));
        } catch (final SdkException e) {
            throw new AwsCallException(AwsFailure.of(e, attempts(before)), e);
        }
    }

    private int attempts(final long before) {
        return (int) (clients.requestsSent() - before);
    }

    private static int orZero(final Integer value) {
        return value == null ? 0 : value;
    }
}
