package io.streamscale.actuator;

import io.streamscale.schemas.ScalingDecision;

/**
 * A seam between "AWS has been called" and "the outcome and offset are committed", where tests
 * inject a crash to prove that a replayed decision never causes a second call.
 */
@FunctionalInterface
interface CrashPoint {

    CrashPoint NONE = decision -> { };

    void afterAwsCall(ScalingDecision decision);
}
