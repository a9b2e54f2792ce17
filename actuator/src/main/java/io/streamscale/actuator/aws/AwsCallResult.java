package io.streamscale.actuator.aws;

/** A mutating call that succeeded: AWS's request id and how many HTTP attempts it took. */
public record AwsCallResult(String requestId, int attempts) {
}
