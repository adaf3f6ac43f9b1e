package dev.novalibvirt.conformance.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.lab.Lab;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.libvirt.jna.LibvirtEventLoop;
import dev.novalibvirt.libvirt.monitor.Detection;
import dev.novalibvirt.libvirt.monitor.LiveMigrationRunner;
import dev.novalibvirt.libvirt.monitor.MigrationHandle;
import dev.novalibvirt.libvirt.monitor.MigrationRequest;
import dev.novalibvirt.migration.flags.MigrationFlag;
import dev.novalibvirt.migration.monitor.MigrationDataSize;
import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.monitor.MigrationFeatures;
import dev.novalibvirt.migration.monitor.MigrationOutcome;
import dev.novalibvirt.migration.monitor.MonitorSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.LibvirtException;
import org.libvirt.TypedParameter;
import org.libvirt.TypedUlongParameter;

/**
 * max_concurrent_live_migrations on the real lab: with one slot, a second migration waits for the first, and
 * aborting it while it waits drops it without touching libvirt (Nova's queued abort).
 */
@ExtendWith(LabExtension.class)
class LiveMigrationRunnerIT {
    private static BusyGuestLab lab;
    private static Connect a;
    private final List<String> created = new ArrayList<>();

    @BeforeAll
    static void openLab(Lab theLab) {
        LibvirtEventLoop.start();
        lab = BusyGuestLab.open(theLab.env());
        a = theLab.openConnect(theLab.hostA());
    }

    @AfterAll
    static void closeLab() throws LibvirtException {
        if (a != null) {
            a.close();
        }
    }

    @AfterEach
    void removeGuests() {
        created.forEach(lab::destroy);
    }

    private MigrationRequest request(Domain d, List<MigrationEvent> events) {
        int flags = MigrationFlag.LIVE.bit() | MigrationFlag.PEER2PEER.bit() | MigrationFlag.PERSIST_DEST.bit()
                | MigrationFlag.UNDEFINE_SOURCE.bit();
        TypedParameter[] params = {new TypedUlongParameter("bandwidth", 0)};
        String dest = lab.uri('b');
        return new MigrationRequest(a, d, () -> d.migrateToURI(dest, params, flags), MonitorSettings.novaDefaults(),
                new MigrationFeatures(false, false), MigrationDataSize.dataGb(512), events::add);
    }

    @Test
    void withOneSlotTheSecondMigrationWaitsAndCanBeAbortedWhileItWaits() throws Exception {
        String first = BusyGuestLab.name("slot1");
        String second = BusyGuestLab.name("slot2");
        created.add(first);
        created.add(second);
        Domain d1 = lab.start(a, 'a', first, "dirty_mb=0");
        Domain d2 = lab.start(a, 'a', second, "dirty_mb=0");
        List<MigrationEvent> events2 = new CopyOnWriteArrayList<>();

        try (LiveMigrationRunner runner = new LiveMigrationRunner(1)) {
            MigrationHandle h1 = runner.submit(request(d1, new CopyOnWriteArrayList<>()), Detection.EVENTS);
            MigrationHandle h2 = runner.submit(request(d2, events2), Detection.EVENTS);
            assertThat(h2.state()).isEqualTo(MigrationHandle.State.QUEUED);
            assertThat(h2.forceComplete()).as("nothing to force while queued").isFalse();

            assertThat(h2.abort()).isTrue();

            assertThat(h2.outcome().get(5, TimeUnit.SECONDS)).isEqualTo(new MigrationOutcome.Cancelled("cancelled while queued"));
            assertThat(events2).singleElement().isInstanceOf(MigrationEvent.Cancelled.class);
            assertThat(h1.outcome().get(120, TimeUnit.SECONDS)).isInstanceOf(MigrationOutcome.Completed.class);
        }
        assertThat(a.domainLookupByName(second).isActive()).as("the queued guest never left host-a").isEqualTo(1);
    }
}
