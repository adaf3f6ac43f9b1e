package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.lab.Lab;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.monitor.BusyGuestLab;
import dev.novalibvirt.conformance.tls.TlsMigration;
import java.time.Duration;
import java.util.List;
import org.libvirt.Connect;

/**
 * {@code ./lab bench tls [ROUNDS]}: what native TLS costs a migration (issue 15). The busy guest (256 MiB) idle and
 * busy (64 MiB dirtied at 50 MiB/s), each migrated back and forth ROUNDS times (default 3) plain and with
 * {@code live_migration_scheme = tls} + {@code live_migration_with_native_tls = true}, in the same run: the wall
 * time of the migrate call and libvirt's downtime, medians.
 */
public final class TlsBench {
    private record Load(String name, List<String> knobs) {
    }

    private static final List<Load> LOADS = List.of(new Load("idle", List.of("mem_mb=256")),
            new Load("busy", List.of("mem_mb=256", "dirty_mb=64", "dirty_rate_mbps=50")));

    private TlsBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        try (Lab lab = Lab.open()) {
            LabEnv env = lab.env();
            env.get("LAB_TLS");   // fails naming the key when the lab has no TLS
            BusyGuestLab guests = BusyGuestLab.open(env);
            Connect a = lab.connect(lab.hostA());
            Connect b = lab.connect(lab.hostB());
            BenchReport r = new BenchReport("tls", "guest", "stream", "n", "median ms", "max ms", "downtime median ms");
            for (Load load : LOADS) {
                for (boolean tls : new boolean[] {false, true}) {
                    String name = BusyGuestLab.name("bench-" + load.name());
                    Samples wall = new Samples();
                    Samples downtime = new Samples();
                    try {
                        guests.start(a, 'a', name, load.knobs().toArray(String[]::new));
                        for (int i = 0; i < rounds * 2; i++) {
                            boolean toB = i % 2 == 0;
                            Connect from = toB ? a : b;
                            Connect to = toB ? b : a;
                            wall.time(() -> TlsMigration.migrate(env, from.domainLookupByName(name),
                                    TlsMigration.options(tls), toB ? "b" : "a"));
                            TlsMigration.downtimeMs(to, name).ifPresent(downtime::add);
                            if (guests.waitForNewHeartbeat(toB ? 'b' : 'a', name, Duration.ofSeconds(30)).isEmpty()) {
                                throw new IllegalStateException(name + " does not run after migration " + (i + 1));
                            }
                        }
                    } finally {
                        guests.destroy(name);
                    }
                    String stream = tls ? "native TLS" : "plain";
                    r.row(load.name(), stream, wall.count(), wall.median(), wall.max(),
                            downtime.count() == 0 ? "-" : downtime.median());
                    String key = load.name() + "_" + (tls ? "tls" : "plain");
                    r.result(key + "_ms", wall.median());
                    if (downtime.count() > 0) {
                        r.result(key + "_downtime_ms", downtime.median());
                    }
                }
            }
            r.print(System.out);
        }
    }
}
