package io.streamscale.signals.policy;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * When a scheduled action fires, in Application Auto Scaling's own schedule syntax:
 * {@code at(yyyy-mm-ddThh:mm:ss)} once, {@code rate(value unit)} at a fixed interval, or
 * {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)} (six fields, {@code ?} in one of
 * the two day fields). {@code at} and {@code cron} read wall-clock time in an IANA time zone
 * (UTC by default); a rate is a fixed number of seconds and ignores the zone.
 *
 * <p>AWS's cron is Quartz's without the seconds field, so the six fields are parsed by cron-utils'
 * Quartz definition with second 0 in front. Across a daylight-saving change a cron fires once per
 * matching wall-clock time: a time that does not exist (spring forward) fires at the same instant the
 * zone maps it to, a time that occurs twice (fall back) fires once.
 *
 * <p>A rate counts from its anchor: the scheduled action's StartTime when it has one (AWS starts a
 * rate there), otherwise the Unix epoch, so every instance of StreamScale agrees on the firings.
 */
public final class ScheduleExpression {

    /** The three forms AWS accepts. */
    public enum Kind { AT, RATE, CRON }

    private static final Pattern AT = Pattern.compile("^at\\((.*)\\)$");
    private static final Pattern RATE = Pattern.compile("^rate\\((.*)\\)$");
    private static final Pattern RATE_BODY = Pattern.compile("^(\\d+) +([a-z]+)$");
    private static final Pattern CRON = Pattern.compile("^cron\\((.*)\\)$");
    private static final CronParser QUARTZ = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    /** How far to look for a firing skipped by a clock change when the cron has no regular firing in that direction. */
    private static final Duration GAP_SEARCH_LIMIT = Duration.ofDays(366);

    private final String expression;
    private final ZoneId zone;
    private final Kind kind;
    private final Instant at;             // AT
    private final Duration rate;          // RATE
    private final Instant rateAnchor;     // RATE
    private final ExecutionTime cron;     // CRON

    private ScheduleExpression(final String expression, final ZoneId zone, final Kind kind, final Instant at,
            final Duration rate, final Instant rateAnchor, final ExecutionTime cron) {
        this.expression = expression;
        this.zone = zone;
        this.kind = kind;
        this.at = at;
        this.rate = rate;
        this.rateAnchor = rateAnchor;
        this.cron = cron;
    }

    /**
     * Parses an Application Auto Scaling schedule.
     *
     * @param expression {@code at(...)}, {@code rate(...)} or {@code cron(...)}
     * @param timezone   an IANA zone name such as {@code America/New_York}; null or empty means UTC
     * @throws IllegalArgumentException saying what is wrong with the expression or the zone
     */
    public static ScheduleExpression parse(final String expression, final String timezone) {
        final ZoneId zone = zone(timezone);
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("schedule is empty; expected at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields)");
        }
        final String trimmed = expression.trim();
        Matcher m = AT.matcher(trimmed);
        if (m.matches()) {
            return new ScheduleExpression(trimmed, zone, Kind.AT, parseAt(m.group(1).trim(), zone), null, null, null);
        }
        m = RATE.matcher(trimmed);
        if (m.matches()) {
            return new ScheduleExpression(trimmed, zone, Kind.RATE, null, parseRate(m.group(1).trim()), Instant.EPOCH, null);
        }
        m = CRON.matcher(trimmed);
        if (m.matches()) {
            return new ScheduleExpression(trimmed, zone, Kind.CRON, null, null, null, parseCron(m.group(1).trim()));
        }
        throw new IllegalArgumentException("schedule '" + trimmed
                + "' is not at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(Minutes Hours Day-of-month Month Day-of-week Year)");
    }

    /** The same schedule with a rate counted from {@code start} (a scheduled action's StartTime); at and cron are unchanged. */
    public ScheduleExpression anchoredAt(final Instant start) {
        Objects.requireNonNull(start, "start");
        return kind == Kind.RATE ? new ScheduleExpression(expression, zone, kind, null, rate, start, null) : this;
    }

    public Kind kind() {
        return kind;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The most recent firing at or before {@code t}, or empty when it has not fired yet. */
    public Optional<Instant> lastFiringAtOrBefore(final Instant t) {
        Objects.requireNonNull(t, "t");
        switch (kind) {
            case AT:
                return at.isAfter(t) ? Optional.empty() : Optional.of(at);
            case RATE: {
                if (t.isBefore(rateAnchor)) {
                    return Optional.empty();
                }
                final long periods = Duration.between(rateAnchor, t).toMillis() / rate.toMillis();
                return Optional.of(rateAnchor.plus(rate.multipliedBy(periods)));
            }
            default: {
                // Cron fires on whole minutes; a match at the truncated time itself counts as "at or before".
                final ZonedDateTime wholeSecond = t.truncatedTo(ChronoUnit.SECONDS).atZone(zone);
                final Optional<Instant> regular = cron.isMatch(wholeSecond) ? Optional.of(wholeSecond.toInstant())
                        : cron.lastExecution(wholeSecond).map(ZonedDateTime::toInstant);
                final Instant searchFrom = regular.orElse(t.minus(GAP_SEARCH_LIMIT));
                return latest(regular, gapFirings(searchFrom, t).filter(f -> !f.isAfter(t)).reduce((a, b) -> b));
            }
        }
    }

    /** The first firing strictly after {@code t}, or empty when it never fires again. */
    public Optional<Instant> nextFiringAfter(final Instant t) {
        Objects.requireNonNull(t, "t");
        switch (kind) {
            case AT:
                return at.isAfter(t) ? Optional.of(at) : Optional.empty();
            case RATE: {
                if (t.isBefore(rateAnchor)) {
                    return Optional.of(rateAnchor);
                }
                final long periods = Duration.between(rateAnchor, t).toMillis() / rate.toMillis() + 1;
                return Optional.of(rateAnchor.plus(rate.multipliedBy(periods)));
            }
            default: {
                final Optional<Instant> regular = cron.nextExecution(t.atZone(zone)).map(ZonedDateTime::toInstant);
                final Instant searchTo = regular.orElse(t.plus(GAP_SEARCH_LIMIT));
                final Optional<Instant> inGap = gapFirings(t, searchTo).filter(f -> f.isAfter(t)).findFirst();
                return inGap.isPresent() && (regular.isEmpty() || inGap.get().isBefore(regular.get())) ? inGap : regular;
            }
        }
    }

    /**
     * Firings at wall-clock times that a spring-forward gap in the zone skips, between two instants, in
     * order. cron-utils steps over such times, so a weekly action at 02:30 on the night the clocks
     * jump would never fire; here it fires at the instant the zone maps the skipped time to, which is
     * the skipped time read in the offset before the jump (02:30 EST = 03:30 EDT).
     */
    private Stream<Instant> gapFirings(final Instant from, final Instant to) {
        final List<Instant> firings = new ArrayList<>();
        ZoneOffsetTransition transition = zone.getRules().nextTransition(from.minusSeconds(1));
        while (transition != null && !transition.getInstant().isAfter(to)) {
            if (transition.isGap()) {
                final ZoneOffset before = transition.getOffsetBefore();
                for (LocalDateTime local = transition.getDateTimeBefore(); local.isBefore(transition.getDateTimeAfter());
                        local = local.plusMinutes(1)) {
                    if (cron.isMatch(local.atZone(before))) {
                        firings.add(local.toInstant(before));
                    }
                }
            }
            transition = zone.getRules().nextTransition(transition.getInstant());
        }
        return firings.stream();
    }

    private static Optional<Instant> latest(final Optional<Instant> a, final Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isPresent() && b.get().isAfter(a.get()) ? b : a;
    }

    @Override
    public String toString() {
        return expression + (kind == Kind.RATE ? "" : " [" + zone.getId() + "]");
    }

    private static ZoneId zone(final String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timezone.trim());
        } catch (final DateTimeException e) {
            throw new IllegalArgumentException("time zone '" + timezone + "' is not an IANA time zone name such as America/New_York");
        }
    }

    private static Instant parseAt(final String body, final ZoneId zone) {
        try {
            return LocalDateTime.parse(body).atZone(zone).toInstant();
        } catch (final DateTimeParseException e) {
            throw new IllegalArgumentException("at(" + body + ") is not a date and time of the form yyyy-mm-ddThh:mm:ss");
        }
    }

    private static Duration parseRate(final String body) {
        final Matcher m = RATE_BODY.matcher(body.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("rate(" + body + ") is not rate(value unit) with a positive whole value and a unit of minute(s), hour(s) or day(s)");
        }
        final long value;
        try {
            value = Long.parseLong(m.group(1));
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("rate(" + body + ") has a value too large");
        }
        if (value <= 0) {
            throw new IllegalArgumentException("rate(" + body + ") must have a positive value");
        }
        final ChronoUnit unit = switch (m.group(2)) {
            case "minute", "minutes" -> ChronoUnit.MINUTES;
            case "hour", "hours" -> ChronoUnit.HOURS;
            case "day", "days" -> ChronoUnit.DAYS;
            default -> throw new IllegalArgumentException("rate(" + body + ") has unit '" + m.group(2)
                    + "'; expected minute, minutes, hour, hours, day or days");
        };
        return Duration.of(value, unit);
    }

    private static ExecutionTime parseCron(final String body) {
        final String[] fields = body.split("\\s+");
        if (fields.length != 6) {
            throw new IllegalArgumentException("cron(" + body + ") has " + fields.length
                    + " fields; Application Auto Scaling takes six: Minutes Hours Day-of-month Month Day-of-week Year");
        }
        final Cron cron;
        try {
            cron = QUARTZ.parse("0 " + body).validate();
        } catch (final IllegalArgumentException e) {
            throw new IllegalArgumentException("cron(" + body + ") is not valid: " + e.getMessage()
                    + " (fields: Minutes Hours Day-of-month Month Day-of-week Year, with ? in one of the day fields)");
        }
        return ExecutionTime.forCron(cron);
    }
}
