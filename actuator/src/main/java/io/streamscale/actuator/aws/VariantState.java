package io.streamscale.actuator.aws;

/**
 * One production variant as SageMaker's DescribeEndpoint reports it.
 *
 * @param endpointStatus EndpointStatus: InService, Updating, ...
 * @param currentCount   CurrentInstanceCount
 * @param desiredCount   DesiredInstanceCount (what SageMaker is moving towards)
 */
public record VariantState(String endpointStatus, int currentCount, int desiredCount) {
}
