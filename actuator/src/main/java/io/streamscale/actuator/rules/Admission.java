package io.streamscale.actuator.rules;

/**
 * Whether a decision may go on to AWS at all, before anything is read from AWS.
 *
 * @param kind   PROCEED, DUPLICATE or STALE
 * @param reason one line for the outcome record (empty when proceeding)
 */
public record Admission(Kind kind, String reason) {

    /** What the gate concluded. */
    public enum Kind { PROCEED, DUPLICATE, STALE }

    public static Admission proceed() {
        return new Admission(Kind.PROCEED, "");
    }

    public boolean proceeds() {
        return kind == Kind.PROCEED;
    }
}
