package io.streamscale.cli;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as people write them: 500ms, 2s, 5m, 1h, ISO-8601 (PT2S), or a bare 0 (off). */
public final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(final String value) {
        final String text = value.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (text.equals("0")) {
                return Duration.ZERO;
            }
            if (text.startsWith("pt")) {
                return Duration.parse(text.toUpperCase(java.util.Locale.ROOT));
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            final long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new TypeConversionException("'" + value + "' is not a duration (500ms, 2s, 5m, 1h)");
            };
        } catch (NumberFormatException | java.time.format.DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new TypeConversionException("'" + value + "' is not a duration (500ms, 2s, 5m, 1h)");
        }
    }
}
