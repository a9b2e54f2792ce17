package io.streamscale.ingest.trace;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Parses the timestamps traces use: epoch milliseconds, ISO-8601 instants with an offset, and local
 * date-times ({@code 2023-11-16 18:17:03.9799600} or with a {@code T}) taken as UTC. Sub-millisecond
 * digits are dropped: RequestLog times are milliseconds.
 */
public final class TraceTimestamps {

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private TraceTimestamps() {
    }

    /**
     * @return epoch milliseconds
     * @throws IllegalArgumentException saying which forms are accepted
     */
    public static long parseMillis(final String text) {
        final String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("timestamp is empty");
        }
        if (value.chars().allMatch(Character::isDigit) || value.startsWith("-") && value.length() > 1
                && value.substring(1).chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("timestamp '" + value + "' is out of range for epoch milliseconds");
            }
        }
        try {
            final boolean hasZone = value.endsWith("Z") || value.endsWith("z")
                    || value.matches(".*[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?[+-]\\d{2}:\\d{2}$");
            if (hasZone) {
                return OffsetDateTime.parse(value.replace(' ', 'T'), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(value, LOCAL).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp '" + value
                    + "' is neither epoch milliseconds nor ISO-8601 (e.g. 2023-11-16T18:17:03.979Z)");
        }
    }

    public static Instant parse(final String text) {
        return Instant.ofEpochMilli(parseMillis(text));
    }
}
