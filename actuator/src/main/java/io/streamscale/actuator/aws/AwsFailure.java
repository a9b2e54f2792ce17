package io.streamscale.actuator.aws;

import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * An AWS call that failed after the SDK's retries, sorted by what the actuator does next.
 *
 * @param kind      IN_PROGRESS (wait and retry), REJECTED (AWS refused the request; never retried)
 *                  or FAILED (retry budget exhausted on throttling, 5xx or network errors)
 * @param message   AWS's error code and message, or the client error
 * @param requestId AWS's request id, when there was a response
 * @param attempts  HTTP attempts the SDK made
 */
public record AwsFailure(Kind kind, String message, String requestId, int attempts) {

    /** What to do about it. */
    public enum Kind { IN_PROGRESS, REJECTED, FAILED }

    /** Classifies an SDK exception. */
    public static AwsFailure of(final SdkException e, final int attempts) {
        if (e instanceof AwsServiceException service) {
            final String code = service.awsErrorDetails() == null ? "" : service.awsErrorDetails().errorCode();
            final String text = service.awsErrorDetails() == null ? service.getMessage()
                    : service.awsErrorDetails().errorMessage();
            final String message = code + ": " + text;
            final Kind kind;
            if (isInProgress(text)) {
                kind = Kind.IN_PROGRESS;
            } else if (service.isThrottlingException() || service.statusCode() >= 500) {
                kind = Kind.FAILED;
            } else {
                kind = Kind.REJECTED;
            }
            return new AwsFailure(kind, message, service.requestId(), attempts);
        }
        return new AwsFailure(Kind.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage(), null, attempts);
    }

    /** SageMaker's answer while an endpoint is changing: {@code Cannot update in-progress endpoint "arn:..."}. */
    static boolean isInProgress(final String message) {
        return message != null && message.toLowerCase(Locale.ROOT).contains("in-progress endpoint");
    }
}
