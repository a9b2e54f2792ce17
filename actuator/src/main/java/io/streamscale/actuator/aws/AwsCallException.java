package io.streamscale.actuator.aws;

/** Carries an {@link AwsFailure} out of a gateway call. */
public final class AwsCallException extends Exception {

    private static final long serialVersionUID = 1L;
    private final transient AwsFailure failure;

    public AwsCallException(final AwsFailure failure, final Throwable cause) {
        super(failure.message(), cause);
        this.failure = failure;
    }

    public AwsFailure failure() {
        return failure;
    }
}
