package dev.novalibvirt.conformance.controller;

import com.google.common.base.CharMatcher;
import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableMap;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.migration.task.LiveMigrationOutcome;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One line a {@link CrashingController} prints for the process that will kill it, e.g.
 * <pre>controller LIVE_MIGRATION nanos=81234567890</pre>
 * {@code nanos} is the child's {@code System.nanoTime()} when it happened: on Linux every JVM reads the same
 * CLOCK_MONOTONIC, so the parent can time a kill from the event itself rather than from when the pipe delivered
 * the line. Values hold no blanks (host names, ids, class names). Lines without the prefix are the child's logs.
 *
 * @param mark   what happened
 * @param nanos  when, on the child's {@code System.nanoTime()}
 * @param fields what else the mark says (OUTCOME: kind, host, status or error; STARTED: migration)
 */
public record ControllerLine(Mark mark, long nanos, Map<String, String> fields) {
    /** Starts every line of the protocol. */
    public static final String PREFIX = "controller ";
    /** A stamp further than this from when its line was read is taken for another clock. */
    static final Duration PLAUSIBLE_LAG = Duration.ofSeconds(60);

    private static final Splitter WORDS = Splitter.on(CharMatcher.whitespace()).omitEmptyStrings();
    private static final Splitter.MapSplitter FIELDS = Splitter.on(CharMatcher.whitespace()).omitEmptyStrings()
            .withKeyValueSeparator('=');

    /** What a controller line reports, in the order they usually come. */
    public enum Mark {
        /** The task's {@code live_migration} step starts (the listener's {@code stepStarted}). */
        LIVE_MIGRATION,
        /** {@code LiveMigrationTask.start} returned; field {@code migration}: the journal's migration id. */
        STARTED,
        /** The source driver's migration monitor saw libvirt's job running. */
        JOB_RUNNING,
        /** The task ended before the controller was killed; fields {@code kind}, {@code host}, {@code status}. */
        OUTCOME
    }

    public ControllerLine {
        Objects.requireNonNull(mark, "mark");
        fields.forEach((k, v) -> {
            if (k.isEmpty() || !CharMatcher.whitespace().or(CharMatcher.is('=')).matchesNoneOf(k + v)) {
                throw new IllegalArgumentException("controller line field '" + k + "=" + v
                        + "': expected a non-empty key and no blank or '=' in key or value");
            }
        });
        fields = ImmutableMap.copyOf(fields);
    }

    /** A mark without fields, stamped now. */
    static ControllerLine now(Mark mark) {
        return new ControllerLine(mark, System.nanoTime(), Map.of());
    }

    /** The OUTCOME line of a task that ended: its outcome's kind and host and, when known, Nova's status. */
    static ControllerLine outcome(LiveMigrationResult r) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("kind", r.outcome().kind().name());
        f.put("host", r.outcome().host());
        if (r.status() != null) {
            f.put("status", r.status().novaName());
        }
        return new ControllerLine(Mark.OUTCOME, System.nanoTime(), f);
    }

    /** The OUTCOME line of a task that threw instead of ending with an outcome. */
    static ControllerLine threw(Throwable e) {
        return new ControllerLine(Mark.OUTCOME, System.nanoTime(),
                ImmutableMap.of("kind", "THREW", "error", e.getClass().getSimpleName()));
    }

    /** The line as the child prints it. */
    public String format() {
        StringBuilder sb = new StringBuilder(PREFIX).append(mark).append(" nanos=").append(nanos);
        fields.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    /** The protocol line {@code line} is, or empty for anything else (the child's logs, a torn line). */
    public static Optional<ControllerLine> parse(String line) {
        if (line == null || !line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        List<String> words = WORDS.splitToList(line.substring(PREFIX.length()));
        if (words.isEmpty() || Arrays.stream(Mark.values()).noneMatch(m -> m.name().equals(words.get(0)))) {
            return Optional.empty();
        }
        try {
            Map<String, String> f = new LinkedHashMap<>(FIELDS.split(String.join(" ", words.subList(1,
                    words.size()))));
            String nanos = f.remove("nanos");
            if (nanos == null) {
                return Optional.empty();
            }
            return Optional.of(new ControllerLine(Mark.valueOf(words.get(0)), Long.parseLong(nanos), f));
        } catch (IllegalArgumentException e) {
            // a word that is no key=value, or a stamp that is no number: not a line of ours
            return Optional.empty();
        }
    }

    /** A field, if the line has it. */
    public Optional<String> field(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /**
     * What an OUTCOME line says as the library's outcome (a NEEDS_RECOVERY without its pending steps, which the
     * line does not carry); empty for other marks and for a task that threw.
     */
    public Optional<LiveMigrationOutcome> outcome() {
        if (mark != Mark.OUTCOME) {
            return Optional.empty();
        }
        String host = fields.get("host");
        if (host == null) {
            return Optional.empty();
        }
        return switch (fields.getOrDefault("kind", "")) {
            case "COMPLETED" -> Optional.of(new LiveMigrationOutcome.Completed(host));
            case "ROLLED_BACK" -> Optional.of(new LiveMigrationOutcome.RolledBack(host, Arrays.stream(
                    MigrationStatus.values()).filter(s -> s.novaName().equals(fields.get("status"))).findFirst()
                    .orElse(MigrationStatus.FAILED)));
            case "NEEDS_RECOVERY" -> Optional.of(new LiveMigrationOutcome.NeedsRecovery(host, List.of()));
            default -> Optional.empty();
        };
    }

    /**
     * When the mark happened on this JVM's {@code System.nanoTime()}: the child's stamp when it is plausible (not
     * after the line was read, and at most a minute before), else the moment the line was read.
     */
    public long at(long readNanos) {
        long lag = readNanos - nanos;
        return lag >= 0 && lag <= PLAUSIBLE_LAG.toNanos() ? nanos : readNanos;
    }
}
