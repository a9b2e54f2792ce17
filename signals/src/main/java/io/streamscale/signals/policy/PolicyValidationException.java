package io.streamscale.signals.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy document that cannot be used, naming every bad field. {@link #field()} is the first
 * problem's path (such as {@code targetTracking[1].TargetValue}); {@link #problems()} holds them all.
 */
public class PolicyValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<PolicyProblem> problems;

    public PolicyValidationException(final String field, final String message) {
        this(List.of(new PolicyProblem(field, message)));
    }

    public PolicyValidationException(final List<PolicyProblem> problems) {
        super(problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a validation exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The path of the first bad field, e.g. {@code stepScaling[0].StepScalingPolicyConfiguration.Cooldown}. */
    public String field() {
        return problems.get(0).field();
    }

    /** Every problem found, in document order. */
    public List<PolicyProblem> problems() {
        return problems;
    }

    /** The same problems with {@code prefix} in front of every path, for a document inside an array or a file. */
    public PolicyValidationException under(final String prefix) {
        return new PolicyValidationException(problems.stream()
                .map(p -> new PolicyProblem(p.field().isEmpty() ? prefix : prefix + (p.field().startsWith("[") ? "" : ".") + p.field(),
                        p.message()))
                .toList());
    }
}
