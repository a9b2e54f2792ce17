package io.streamscale.actuator.rules;

/**
 * The registered MinCapacity and MaxCapacity of an endpoint variant; the actuator never orders a
 * count outside them.
 */
public record CapacityBounds(int min, int max) {

    /** Without an Application Auto Scaling registration SageMaker still needs one instance. */
    public static final CapacityBounds UNREGISTERED = new CapacityBounds(1, Integer.MAX_VALUE);

    public CapacityBounds {
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("bounds need 0 <= min <= max, got min " + min + " max " + max);
        }
    }

    /** The nearest count inside the bounds. */
    public int clamp(final int wanted) {
        return Math.max(min, Math.min(max, wanted));
    }

    public boolean contains(final int count) {
        return count >= min && count <= max;
    }
}
