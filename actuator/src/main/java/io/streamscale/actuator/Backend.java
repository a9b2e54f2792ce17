package io.streamscale.actuator;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a decision reaches AWS. {@code sagemaker} sets the variant's DesiredInstanceCount directly;
 * {@code application-autoscaling} moves the registered scalable target's MinCapacity so AWS's own
 * scaling machinery carries the change (see docs/ACTUATOR.md for when to use which).
 */
public enum Backend {
    SAGEMAKER("sagemaker"),
    APPLICATION_AUTOSCALING("application-autoscaling");

    private final String id;

    Backend(final String id) {
        this.id = id;
    }

    /** The name used in policies ({@code ScalingDecision.backend}), options and outcome records. */
    public String id() {
        return id;
    }

    /** Parses {@code sagemaker} or {@code application-autoscaling} (case-insensitive). */
    public static Backend parse(final String text) {
        final String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(b -> b.id.equals(wanted) || b.name().equalsIgnoreCase(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown backend '" + text
                        + "': expected sagemaker or application-autoscaling"));
    }

    @Override
    public String toString() {
        return id;
    }
}
