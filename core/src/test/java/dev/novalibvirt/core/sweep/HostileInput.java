package dev.novalibvirt.core.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.exception.NovaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The sweep's table and judge: each case is one bad input thrown at one public entry point, as a hostile or careless
 * user would; the only acceptable outcome is a {@link NovaException} naming the field, showing no secret and no
 * control character, within a few seconds.
 *
 * <p>Shared with every module's sweep through core's test-jar ({@code <type>test-jar</type>}), so all sweeps judge
 * alike; {@link #dynamicTests} and {@link #report} are the two calls a sweep test makes.
 */
public final class HostileInput {
    /** A cephx key as `ceph auth get-key` prints it (made up). */
    public static final String CEPHX_KEY = "AQBvXqRkAAAAABAAq7c6cS0N3iB4sH5zUqk6Yw==";
    /** A RabbitMQ password in a transport_url (made up): no message may show it either. */
    public static final String RABBIT_PASSWORD = "Zq8-rabbit-Pw-77";

    public enum Verdict { TYPED, UNCLEAR, LEAKED, UNTYPED, ACCEPTED, HUNG }

    /**
     * One bad input: where, what, the word the message must name, the call, why it is left as it is (or null) and
     * the root of the exceptions that count as typed.
     */
    public record Case(String area, String what, String mustName, Call call, String leftBecause,
                       Class<? extends Throwable> typed) {
        @Override
        public String toString() {
            return area + ": " + what;
        }
    }

    @FunctionalInterface
    public interface Call {
        void run() throws Exception;
    }

    public record Outcome(Case c, Verdict verdict, String detail) {
    }

    private final List<Case> cases = new ArrayList<>();
    private final String area;
    private final Class<? extends Throwable> typed;

    /** A sweep whose typed refusals are {@link NovaException}s. */
    public HostileInput(String area) {
        this(area, NovaException.class);
    }

    /**
     * A sweep whose typed refusals are {@code typed} (the rpc module's wire failures are oslo's
     * {@code MessagingException}s, kept apart from Nova's as oslo keeps them).
     */
    public HostileInput(String area, Class<? extends Throwable> typed) {
        this.area = area;
        this.typed = typed;
    }

    public HostileInput add(String what, String mustName, Call call) {
        cases.add(new Case(area, what, mustName, call, null, typed));
        return this;
    }

    /** Marks the last case as left as it is, for the reason given (it is reported, not asserted). */
    public HostileInput leave(String why) {
        Case last = cases.remove(cases.size() - 1);
        cases.add(new Case(last.area(), last.what(), last.mustName(), last.call(), why, last.typed()));
        return this;
    }

    public List<Case> cases() {
        return cases;
    }

    private static final ExecutorService RUNNER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-input");
        t.setDaemon(true);
        return t;
    });

    public static Outcome judge(Case c) {
        Future<?> f = RUNNER.submit(() -> {
            c.call().run();
            return null;
        });
        try {
            f.get(10, TimeUnit.SECONDS);
            return new Outcome(c, Verdict.ACCEPTED, "no exception");
        } catch (TimeoutException e) {
            f.cancel(true);
            return new Outcome(c, Verdict.HUNG, "still running after 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(c, Verdict.HUNG, "interrupted");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable t = e.getCause();
            if (t instanceof OutOfMemoryError) {
                return new Outcome(c, Verdict.HUNG, "OutOfMemoryError");
            }
            if (!c.typed().isInstance(t)) {
                return new Outcome(c, Verdict.UNTYPED, t.getClass().getName() + ": " + t.getMessage());
            }
            String m = String.valueOf(t.getMessage());
            if (m.contains(CEPHX_KEY) || m.contains(CEPHX_KEY.substring(0, 20)) || m.contains(RABBIT_PASSWORD)
                    || m.length() > 1000
                    || m.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
                return new Outcome(c, Verdict.LEAKED, t.getClass().getSimpleName() + ": " + m);
            }
            if (!m.toLowerCase(Locale.ROOT).contains(c.mustName().toLowerCase(Locale.ROOT))) {
                return new Outcome(c, Verdict.UNCLEAR, t.getClass().getSimpleName() + " does not name '"
                        + c.mustName() + "': " + m);
            }
            return new Outcome(c, Verdict.TYPED, t.getClass().getSimpleName() + ": " + m);
        }
    }

    public static String summary(String module, List<Outcome> outcomes) {
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            counts.put(v, 0);
        }
        outcomes.forEach(o -> counts.merge(o.verdict(), 1, Integer::sum));
        StringBuilder sb = new StringBuilder("SWEEP " + module + " tried=" + outcomes.size());
        counts.forEach((v, n) -> sb.append(' ').append(v.name().toLowerCase(Locale.ROOT)).append('=').append(n));
        return sb.toString();
    }

    /**
     * One dynamic test per case of {@code sweeps}: each outcome is recorded in {@code outcomes}; a case not left
     * ({@link #leave}) must be {@link Verdict#TYPED}.
     */
    public static Stream<DynamicTest> dynamicTests(List<Outcome> outcomes, HostileInput... sweeps) {
        return Stream.of(sweeps)
                .flatMap(s -> s.cases().stream())
                .map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
                    Outcome o = judge(c);
                    outcomes.add(o);
                    if (c.leftBecause() == null) {
                        assertThat(o.verdict()).as("%s -> %s", c, o.detail()).isEqualTo(Verdict.TYPED);
                    }
                }));
    }

    /**
     * Writes every outcome to {@code target/hostile-input-sweep.txt} and prints the counts line
     * ({@code SWEEP module tried=N typed=...}).
     */
    public static void report(String module, List<Outcome> outcomes) throws IOException {
        StringBuilder sb = new StringBuilder(summary(module, outcomes)).append('\n');
        synchronized (outcomes) {
            for (Outcome o : outcomes) {
                sb.append(o.verdict()).append(o.c().leftBecause() == null ? "" : " (left: " + o.c().leftBecause() + ")")
                        .append('\t').append(o.c()).append('\t').append(o.detail().replaceAll("[\\r\\n]", " "))
                        .append('\n');
            }
        }
        Path out = Path.of("target", "hostile-input-sweep.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, sb);
        System.out.println(sb.substring(0, sb.indexOf("\n")));
    }

    public static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }
}
