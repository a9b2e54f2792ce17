package io.streamscale.signals.decision;

/**
 * The min/max capacity a scheduled action holds in force at a time.
 *
 * @param ruleName the scheduled rule that set them, as the reason names it
 * @param min      MinCapacity, or null when the action leaves it alone
 * @param max      MaxCapacity, or null when the action leaves it alone
 */
public record ScheduledBounds(String ruleName, Integer min, Integer max) {
}
