package io.streamscale.cli.policy;

import io.streamscale.signals.policy.PolicyDocuments;
import io.streamscale.signals.policy.PolicyProblem;
import io.streamscale.signals.policy.PolicyValidationException;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.ScalingPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads policy files ({@code -} is standard input) and reports their problems one per line, file and field first. */
final class PolicyFiles {

    private PolicyFiles() {
    }

    static String read(final Path file) {
        try {
            if ("-".equals(file.toString())) {
                final InputStream in = System.in;
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (final IOException e) {
            throw new PolicyValidationException("", "cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * Every policy in the files, keyed endpoint/variant, or null after printing every problem to
     * {@code err}. Two documents for one endpoint variant are a problem: the later would silently win.
     */
    static Map<String, ScalingPolicy> parseAll(final List<Path> files, final PrintWriter err) {
        final Map<String, ScalingPolicy> policies = new LinkedHashMap<>();
        final Map<String, Path> seenIn = new LinkedHashMap<>();
        final List<String> problems = new ArrayList<>();
        for (final Path file : files) {
            try {
                for (final ScalingPolicy policy : PolicyDocuments.parseAll(read(file))) {
                    final String key = EndpointKey.of(policy.getEndpoint(), policy.getVariant());
                    if (seenIn.containsKey(key)) {
                        problems.add(file + ": endpoint: " + key + " already has a policy in " + seenIn.get(key)
                                + "; give one document per endpoint variant");
                    }
                    seenIn.put(key, file);
                    policies.put(key, policy);
                }
            } catch (final PolicyValidationException e) {
                e.problems().forEach(p -> problems.add(line(file, p)));
            } catch (final UncheckedIOException e) {
                problems.add(file + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(err::println);
            err.flush();
            return null;
        }
        return policies;
    }

    static String line(final Path file, final PolicyProblem problem) {
        return file + ": " + problem;
    }
}
