package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.monitor.BusyGuestLab;
import dev.novalibvirt.conformance.monitor.MonitoredMigration;
import dev.novalibvirt.libvirt.jna.DomainEvents;
import dev.novalibvirt.libvirt.jna.LibvirtEventLoop;
import dev.novalibvirt.libvirt.monitor.Detection;
import dev.novalibvirt.migration.monitor.MigrationFeatures;
import dev.novalibvirt.migration.monitor.MigrationOutcome;
import dev.novalibvirt.migration.monitor.MonitorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.TypedParameter;

/**
 * {@code ./lab bench detect}: how long after libvirt's end of a migration job the monitor reports it, with
 * libvirt's job-completed event vs Nova's 0.5 s polling. An idle busy-guest migrates back and forth between
 * host-a and host-b, the two modes alternating, 10 times each ({@code -Ddetect.rounds=N}). libvirt's job end is
 * taken from an independent observer: a second connection subscribed to the same job-completed event.
 * Last line: {@code RESULT detect events_median_ms=... polling_median_ms=... rounds=...}.
 *
 * <p>Measured here: polling is often about as fast as events, because libvirt serialises a job query behind the
 * migration's finish phase (a {@code virDomainGetJobStats} issued then blocks for up to about 2 s and returns right
 * at the job end); it lags by up to the poll interval only when no query is in flight at the end.
 */
public final class DetectBench {
    private DetectBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("detect.rounds", 10);
        LibvirtEventLoop.start();
        BusyGuestLab lab = BusyGuestLab.open(LabEnv.load());
        String name = BusyGuestLab.name("detect");
        Map<Detection, List<Double>> lat = new EnumMap<>(Detection.class);
        lat.put(Detection.EVENTS, new ArrayList<>());
        lat.put(Detection.POLLING, new ArrayList<>());
        try (ConvergeBench.Closer c = new ConvergeBench.Closer()) {
            Connect[] conn = {c.add(new Connect(lab.uri('a'))), c.add(new Connect(lab.uri('b')))};
            Connect[] observer = {c.add(new Connect(lab.uri('a'))), c.add(new Connect(lab.uri('b')))};
            lab.start(conn[0], 'a', name, "dirty_mb=0");
            int at = 0;
            for (int i = 0; i < 2 * rounds; i++) {
                Detection mode = i % 2 == 0 ? Detection.EVENTS : Detection.POLLING;
                Domain d = conn[at].domainLookupByName(name);
                AtomicReference<Instant> libvirtEnd = new AtomicReference<>();
                MigrationOutcome o;
                MonitoredMigration m = new MonitoredMigration(conn[at], d, lab.uri(at == 0 ? 'b' : 'a'), 0,
                        MonitorSettings.novaDefaults(), new MigrationFeatures(false, false), 512, mode);
                DomainEvents.Subscription subscription = DomainEvents.subscribe(observer[at],
                        observer[at].domainLookupByName(name), new DomainEvents.Listener() {
                            @Override
                            public void jobCompleted(TypedParameter[] stats) {
                                libvirtEnd.compareAndSet(null, Instant.now());
                            }
                        });
                try {
                    o = m.handle.run();
                    // a poll can see the domain gone before the observer's event arrives: wait for it
                    for (int w = 0; w < 60 && libvirtEnd.get() == null; w++) {
                        Thread.sleep(50);
                    }
                } finally {
                    subscription.close();
                }
                if (!(o instanceof MigrationOutcome.Completed) || libvirtEnd.get() == null) {
                    System.out.printf("round %d (%s): %s, libvirt end %s: skipped%n", i, mode, o, libvirtEnd.get());
                    at = o instanceof MigrationOutcome.Completed ? 1 - at : at;
                    continue;
                }
                double ms = Duration.between(libvirtEnd.get(), m.handle.outcomeAt().orElseThrow()).toNanos() / 1e6;
                lat.get(mode).add(ms);
                System.out.printf(Locale.ROOT, "round %2d %-7s host-%s -> host-%s: seen %.1f ms after libvirt's job end%n",
                        i, mode, at == 0 ? "a" : "b", at == 0 ? "b" : "a", ms);
                at = 1 - at;
            }
        } finally {
            lab.destroy(name);
        }
        System.out.println();
        BenchReport r = new BenchReport("detect", "mode", "n", "median_ms", "p90_ms", "min_ms", "max_ms");
        for (Detection mode : Detection.values()) {
            List<Double> v = sorted(lat.get(mode));
            r.row(mode.name().toLowerCase(Locale.ROOT), v.size(), round1(pct(v, 50)), round1(pct(v, 90)),
                    v.isEmpty() ? "-" : round1(v.get(0)), v.isEmpty() ? "-" : round1(v.get(v.size() - 1)));
        }
        r.result("events_median_ms", round1(pct(sorted(lat.get(Detection.EVENTS)), 50)))
                .result("polling_median_ms", round1(pct(sorted(lat.get(Detection.POLLING)), 50)))
                .result("rounds", rounds);
        r.print(System.out);
    }

    private static String round1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static List<Double> sorted(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Double::compare);
        return s;
    }

    /** Nearest-rank percentile of sorted values (the median of an even count is the mean of the middle two). */
    private static double pct(List<Double> v, int p) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        if (p == 50 && v.size() % 2 == 0) {
            return (v.get(v.size() / 2 - 1) + v.get(v.size() / 2)) / 2;
        }
        int idx = (int) Math.ceil(p / 100.0 * v.size()) - 1;
        return v.get(Math.max(0, Math.min(idx, v.size() - 1)));
    }
}
