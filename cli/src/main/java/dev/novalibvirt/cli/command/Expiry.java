package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.config.CliUsageException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A fence's expiry: {@code 90s}, {@code 15m}, {@code 12h}, {@code 7d}, or ISO-8601 ({@code PT1H}); at least 1 s. */
final class Expiry implements ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd])");

    @Override
    public Duration convert(String value) {
        try {
            return parse(value);
        } catch (CliUsageException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }

    static Duration parse(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        Duration d;
        Matcher m = SHORT.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (RuntimeException e) {
                throw new CliUsageException("expiry '" + value + "' is not a duration like 90s, 15m, 12h, 7d or PT1H");
            }
        }
        if (d.toSeconds() < 1) {
            throw new CliUsageException("expiry '" + value + "' must be at least one second");
        }
        return d;
    }
}
