package io.streamscale.signals.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamscale.schemas.ComparisonOperator;
import io.streamscale.schemas.EndpointKey;
import io.streamscale.schemas.ScalingPolicy;
import io.streamscale.schemas.ScheduledRule;
import io.streamscale.schemas.StepScalingRule;
import io.streamscale.schemas.TargetTrackingRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the AWS CLI prints or takes for a SageMaker variant into one StreamScale policy, so an
 * existing setup moves over by pasting files:
 * <ul>
 *   <li>{@code describe-scaling-policies} ({@code ScalingPolicies[]}) and {@code put-scaling-policy
 *       --cli-input-json} input (one such policy): target tracking and step scaling;</li>
 *   <li>{@code describe-scheduled-actions} ({@code ScheduledActions[]}) and {@code put-scheduled-action}
 *       input: scheduled min/max;</li>
 *   <li>{@code describe-scalable-targets} ({@code ScalableTargets[]}) and {@code register-scalable-target}
 *       input: MinCapacity and MaxCapacity;</li>
 *   <li>a bare {@code TargetTrackingScalingPolicyConfiguration} or {@code StepScalingPolicyConfiguration}
 *       (the {@code file://config.json} of the SageMaker guide);</li>
 *   <li>{@code aws cloudwatch describe-alarms} ({@code MetricAlarms[]}): the metric, threshold and comparison
 *       of a step scaling policy, which AWS keeps in the alarm rather than in the policy.</li>
 * </ul>
 * Several of these may sit in one JSON array or one object. {@code ResourceId}
 * {@code endpoint/NAME/variant/VARIANT} names the endpoint variant; a describe output that lists
 * several endpoints is narrowed to the one asked for.
 */
public final class AwsPolicyImport {

    private static final Pattern SAGEMAKER_RESOURCE = Pattern.compile("^endpoint/([^/]+)/variant/([^/]+)$");
    private static final String TT_CONFIGURATION = "TargetTrackingScalingPolicyConfiguration";
    private static final String STEP_CONFIGURATION = PolicyJsonReader.STEP_CONFIGURATION;

    /**
     * What the AWS input may lack and the caller can supply: the scalable target's capacity range (a
     * policy file alone has none), and the alarm of a step scaling configuration given without its
     * CloudWatch alarm. Null means "take it from the input".
     */
    public record Options(Integer minCapacity, Integer maxCapacity, String alarmMetric, Double alarmThreshold,
            ComparisonOperator alarmComparison) {

        public static final Options NONE = new Options(null, null, null, null, null);
    }

    private enum Kind { POLICY, SCHEDULED, TARGET, ALARM, BARE_TARGET_TRACKING, BARE_STEP }

    private record Item(Kind kind, JsonFields fields, EndpointKey key) {
    }

    private AwsPolicyImport() {
    }

    /** The policy the AWS JSON describes; endpoint and variant may be null when the input's ResourceId names them. */
    public static ScalingPolicy fromAws(final String awsJson, final String endpoint, final String variant) {
        return fromAws(awsJson, endpoint, variant, Options.NONE);
    }

    /**
     * The policy the AWS JSON describes, validated.
     *
     * @param endpoint the endpoint to import; null takes it from ResourceId, which must then name exactly one variant
     * @param variant  its variant; null or empty means AllTraffic when {@code endpoint} is given
     * @throws PolicyValidationException naming the AWS field (such as {@code ScalingPolicies[0].Alarms}) or
     *                                   the policy field that is wrong or missing
     */
    public static ScalingPolicy fromAws(final String awsJson, final String endpoint, final String variant, final Options options) {
        final List<Item> items = new ArrayList<>();
        collect(PolicyDocuments.tree(awsJson), "", items);
        final EndpointKey key = endpointOf(items, endpoint, variant);
        final List<Item> mine = items.stream().filter(i -> i.key == null || i.key.equals(key)).toList();
        final List<Item> alarms = mine.stream().filter(i -> i.kind == Kind.ALARM).toList();

        final ScalingPolicy.Builder policy = ScalingPolicy.newBuilder().setEndpoint(key.endpoint()).setVariant(key.variant());
        capacity(mine, options, policy);
        final List<TargetTrackingRule> targetTracking = new ArrayList<>();
        final List<StepScalingRule> stepScaling = new ArrayList<>();
        final List<ScheduledRule> scheduled = new ArrayList<>();
        for (final Item item : mine) {
            switch (item.kind) {
                case POLICY -> scalingPolicy(item.fields, alarms, options, targetTracking, stepScaling);
                case BARE_TARGET_TRACKING -> targetTracking.add(PolicyJsonReader.targetTracking(item.fields));
                case BARE_STEP -> stepScaling.add(step(item.fields, null, alarms, options));
                case SCHEDULED -> scheduled.add(PolicyJsonReader.scheduled(item.fields));
                default -> {
                    // Scalable targets gave the capacity range; alarms are read by the step policies that name them.
                }
            }
        }
        return PolicyValidator.validate(policy.setTargetTracking(targetTracking).setStepScaling(stepScaling)
                .setScheduled(scheduled).build());
    }

    /** Sorts every object in the input by the AWS shape it has. */
    private static void collect(final JsonNode node, final String path, final List<Item> items) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", items);
            }
            return;
        }
        final JsonFields fields = JsonFields.of(node, path);
        boolean wrapper = false;
        for (final String list : List.of("ScalingPolicies", "ScheduledActions", "ScalableTargets", "MetricAlarms")) {
            if (node.has(list)) {
                wrapper = true;
                final JsonNode elements = node.get(list);
                if (!elements.isArray()) {
                    throw new PolicyValidationException(fields.pathOf(list), "must be a JSON array, not " + JsonFields.describe(elements));
                }
                for (int i = 0; i < elements.size(); i++) {
                    final String at = fields.pathOf(list) + "[" + i + "]";
                    items.add(item(kindOfList(list), JsonFields.of(elements.get(i), at)));
                }
            }
        }
        if (!wrapper) {
            items.add(item(kindOf(node, path), fields));
        }
    }

    private static Kind kindOfList(final String list) {
        return switch (list) {
            case "ScalingPolicies" -> Kind.POLICY;
            case "ScheduledActions" -> Kind.SCHEDULED;
            case "ScalableTargets" -> Kind.TARGET;
            default -> Kind.ALARM;
        };
    }

    private static Kind kindOf(final JsonNode node, final String path) {
        if (node.has("PolicyType") || node.has(TT_CONFIGURATION) || node.has(STEP_CONFIGURATION)
                || node.has("PredictiveScalingPolicyConfiguration")) {
            return Kind.POLICY;
        }
        if (node.has("Schedule")) {
            return Kind.SCHEDULED;
        }
        if (node.has("TargetValue")) {
            return Kind.BARE_TARGET_TRACKING;
        }
        if (node.has("StepAdjustments") || node.has("AdjustmentType")) {
            return Kind.BARE_STEP;
        }
        if (node.has("MinCapacity") || node.has("MaxCapacity")) {
            return Kind.TARGET;
        }
        if (node.has("MetricName") && node.has("Threshold")) {
            return Kind.ALARM;
        }
        throw new PolicyValidationException(path, "is not a shape the AWS CLI prints or takes: expected ScalingPolicies, "
                + "ScheduledActions, ScalableTargets or MetricAlarms (describe output), a put-scaling-policy, "
                + "put-scheduled-action or register-scalable-target input, or a bare " + TT_CONFIGURATION
                + " or " + STEP_CONFIGURATION);
    }

    private static Item item(final Kind kind, final JsonFields fields) {
        return new Item(kind, fields, resource(fields));
    }

    /** The endpoint variant a ResourceId names; null without one; an inference component or other service is kept apart. */
    private static EndpointKey resource(final JsonFields fields) {
        if (!fields.has("ResourceId")) {
            return null;
        }
        final String resourceId = fields.requireText("ResourceId");
        final Matcher m = SAGEMAKER_RESOURCE.matcher(resourceId);
        return m.matches() ? new EndpointKey(m.group(1), m.group(2)) : new EndpointKey("(not a SageMaker variant) " + resourceId, "-");
    }

    private static EndpointKey endpointOf(final List<Item> items, final String endpoint, final String variant) {
        if (endpoint != null && !endpoint.isBlank()) {
            final EndpointKey asked = new EndpointKey(endpoint, variant);
            if (items.stream().noneMatch(i -> i.kind != Kind.ALARM && (i.key == null || i.key.equals(asked)))) {
                throw new PolicyValidationException("ResourceId", "nothing in the input is for endpoint/" + asked.endpoint()
                        + "/variant/" + asked.variant() + "; it holds " + keys(items));
            }
            return asked;
        }
        final Set<EndpointKey> keys = keys(items);
        keys.removeIf(k -> k.endpoint().startsWith("(not a SageMaker variant)"));
        if (keys.isEmpty()) {
            throw new PolicyValidationException("ResourceId", "the input names no SageMaker variant "
                    + "(ResourceId endpoint/NAME/variant/VARIANT); give the endpoint and variant");
        }
        if (keys.size() > 1) {
            throw new PolicyValidationException("ResourceId", "the input holds several endpoint variants " + keys
                    + "; give the endpoint and variant to import");
        }
        return keys.iterator().next();
    }

    private static Set<EndpointKey> keys(final List<Item> items) {
        final Set<EndpointKey> keys = new LinkedHashSet<>();
        items.stream().filter(i -> i.key != null && i.kind != Kind.ALARM).forEach(i -> keys.add(i.key));
        return keys;
    }

    private static void capacity(final List<Item> items, final Options options, final ScalingPolicy.Builder policy) {
        Integer min = null;
        Integer max = null;
        for (final Item item : items) {
            if (item.kind == Kind.TARGET) {
                final Integer itemMin = item.fields.optInt("MinCapacity");
                final Integer itemMax = item.fields.optInt("MaxCapacity");
                min = itemMin != null ? itemMin : min;
                max = itemMax != null ? itemMax : max;
            }
        }
        min = options.minCapacity() != null ? options.minCapacity() : min;
        max = options.maxCapacity() != null ? options.maxCapacity() : max;
        if (min == null || max == null) {
            throw new PolicyValidationException(min == null ? "MinCapacity" : "MaxCapacity",
                    "is not in the input: add the output of aws application-autoscaling describe-scalable-targets, "
                            + "or give it (streamscale policy import --min-capacity N --max-capacity M)");
        }
        policy.setMinCapacity(min).setMaxCapacity(max);
    }

    private static void scalingPolicy(final JsonFields aws, final List<Item> alarms, final Options options,
            final List<TargetTrackingRule> targetTracking, final List<StepScalingRule> stepScaling) {
        if (aws.has("PredictiveScalingPolicyConfiguration")) {
            throw new PolicyValidationException(aws.pathOf("PredictiveScalingPolicyConfiguration"),
                    "AWS predictive scaling is not imported; StreamScale predicts from live traffic: set \"predictive\": "
                            + "{\"warmupSeconds\": N} in the policy instead");
        }
        // The wrapper's other fields are AWS's bookkeeping and are not checked: AWS adds to them over time.
        final String type = aws.text("PolicyType", null);
        if (aws.has(TT_CONFIGURATION)) {
            targetTracking.add(PolicyJsonReader.targetTracking(aws.object(TT_CONFIGURATION)));
        } else if (aws.has(STEP_CONFIGURATION)) {
            stepScaling.add(step(aws.object(STEP_CONFIGURATION), aws, alarms, options));
        } else {
            throw new PolicyValidationException(aws.pathOf(TT_CONFIGURATION), "is required for PolicyType " + type
                    + " (or " + STEP_CONFIGURATION + ")");
        }
    }

    /** A step scaling rule: the configuration from the policy, the metric, threshold and comparison from its alarm. */
    private static StepScalingRule step(final JsonFields configuration, final JsonFields policy, final List<Item> alarms,
            final Options options) {
        final StepScalingRule.Builder rule = StepScalingRule.newBuilder();
        final JsonFields alarm = alarmOf(policy, alarms);
        if (alarm != null) {
            rule.setMetric(signalOf(alarm)).setThreshold(alarm.requireDouble("Threshold"))
                    .setComparison(alarm.requireEnum("ComparisonOperator", ComparisonOperator.class));
        } else if (options.alarmMetric() != null && options.alarmThreshold() != null && options.alarmComparison() != null) {
            rule.setMetric(options.alarmMetric()).setThreshold(options.alarmThreshold()).setComparison(options.alarmComparison());
        } else {
            final String where = policy != null ? policy.pathOf("Alarms") : configuration.path();
            throw new PolicyValidationException(where, "a step scaling policy's metric, threshold and comparison live in its "
                    + "CloudWatch alarm: add the output of aws cloudwatch describe-alarms (MetricAlarms) to the input, or give "
                    + "them (streamscale policy import --alarm-metric NAME --alarm-threshold N --alarm-comparison OPERATOR)");
        }
        PolicyJsonReader.stepConfiguration(configuration, rule);
        return rule.build();
    }

    /** The alarm whose actions name the policy's ARN, or whose name the policy lists under Alarms. */
    private static JsonFields alarmOf(final JsonFields policy, final List<Item> alarms) {
        if (policy == null) {
            return alarms.size() == 1 ? alarms.get(0).fields : null;
        }
        final String arn = policy.text("PolicyARN", null);
        final Set<String> names = new LinkedHashSet<>();
        if (policy.has("Alarms")) {
            policy.array("Alarms", a -> {
                a.ignore("AlarmARN");
                names.add(a.text("AlarmName", ""));
                return a;
            });
        }
        for (final Item alarm : alarms) {
            final String name = alarm.fields.text("AlarmName", "");
            final boolean actsOnPolicy = arn != null && alarm.fields.texts("AlarmActions").contains(arn);
            if (actsOnPolicy || names.contains(name)) {
                return alarm.fields;
            }
        }
        return null;
    }

    /**
     * The signal an alarm watches: a signal name as is, or SageMaker's CloudWatch InvocationsPerInstance,
     * which StreamScale computes the same way. Others (ModelLatency averages in microseconds, CPU) have
     * no equal signal and are refused by name.
     */
    private static String signalOf(final JsonFields alarm) {
        final String metric = alarm.requireText("MetricName");
        if (SignalMetrics.isKnown(metric)) {
            return metric;
        }
        if ("InvocationsPerInstance".equals(metric)) {
            return SignalMetrics.INVOCATIONS_PER_INSTANCE;
        }
        throw new PolicyValidationException(alarm.pathOf("MetricName"), "CloudWatch metric '" + metric
                + "' has no StreamScale signal; expected InvocationsPerInstance or one of " + SignalMetrics.NAMES
                + " (edit the alarm's MetricName in the input)");
    }
}
