package io.streamscale.signals.policy;

/**
 * One thing wrong with a policy document.
 *
 * @param field   where, as a path into the JSON document such as {@code targetTracking[1].TargetValue}
 *                ({@code ""} for the document as a whole)
 * @param message what is wrong and what is expected, in one sentence
 */
public record PolicyProblem(String field, String message) {

    @Override
    public String toString() {
        return field.isEmpty() ? message : field + ": " + message;
    }
}
