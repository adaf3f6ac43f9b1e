package dev.novalibvirt.cli.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks of {@code conformance run}, in the order they run: the site (the agents of the hosts reached through
 * them, both libvirtds, the cluster, the base image, the secret on both hosts), a spawn on host1, the field lessons
 * on its definition, the migration to host2 and back, the destroy and the look for anything left. Non-destructive:
 * only the run's own guest is created. The same checks run whichever way a host is reached; those that need a
 * libvirtd the config gives no URI for are skipped with that reason ({@code LibvirtOnly}).
 */
public final class ConformanceSuite {
    private ConformanceSuite() {
    }

    public static List<Check> checks(SiteConfig config) {
        SiteHost h1 = config.host1();
        SiteHost h2 = config.host2();
        List<Check> checks = new ArrayList<>();
        config.hosts().stream().filter(SiteHost::agent).forEach(h -> checks.add(new AgentReachableCheck(h)));
        checks.addAll(List.of(new HostReachableCheck(h1), new HostReachableCheck(h2), new CephClusterCheck(),
                new BaseImageCheck(), new CephxSecretCheck(h1), new CephxSecretCheck(h2), new SpawnCheck(),
                new MonitorsCheck(), new CacheModeCheck(), new MigrationHopCheck("hop1", h1, h2),
                new MigrationHopCheck("hop2", h2, h1), new DestroyCheck(), new NothingLeftCheck(),
                new BaseImageUntouchedCheck()));
        return List.copyOf(checks);
    }
}
