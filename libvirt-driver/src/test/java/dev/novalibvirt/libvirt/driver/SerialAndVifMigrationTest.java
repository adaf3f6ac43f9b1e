package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.BlockDeviceMapping;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.LiveMigrationCallbacks;
import dev.novalibvirt.core.driver.MigrationStatus;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.Vif;
import dev.novalibvirt.core.driver.VifDetails;
import dev.novalibvirt.core.driver.VifMigrateData;
import dev.novalibvirt.core.exception.MigrationError;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.core.exception.SocketPortRangeExhaustedException;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.domain.Domain;
import dev.novalibvirt.libvirt.driver.SerialPorts.HostPort;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.host.JobState;
import dev.novalibvirt.migration.xml.MonitorAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-host pieces the destination provides and the source writes into the destination XML: serial console
 * ports ({@code serial_listen_addr}/{@code serial_listen_ports}, acquired in pre_live_migration, released on
 * rollback and, on the source, after success) and the destination's bridges ({@code vifs}). Named after Nova's
 * test_driver.py cases where one exists.
 */
class SerialAndVifMigrationTest {
    private static final Instance INSTANCE = StepFixture.instance();
    private static final String SERIAL_ON = "[serial_console]\nenabled = true\nproxyclient_address = 198.18.0.12\n"
            + "port_range = 10000:10003\n";
    private static final LibvirtLiveMigrateData RBD_LOCAL_PATH = LibvirtLiveMigrateData.builder().imageType("rbd")
            .isSharedInstancePath(false).isSharedBlockStorage(true).blockMigration(false)
            .instanceRelativePath(INSTANCE.uuid()).build();
    private static final Vif DEST_VIF = new Vif("port-1", "52:54:00:c0:ff:ee", "br-b", "virtio");
    private static final String TCP_SERIAL_GUEST = "<domain type='kvm'><name>instance-00000001</name><devices>"
            + "<serial type='tcp'><source mode='bind' host='198.18.0.11' service='10000'/>"
            + "<target port='0'/></serial>"
            + "<interface type='bridge'><mac address='52:54:00:C0:FF:EE'/><source bridge='br-a'/>"
            + "<model type='virtio'/><address type='pci' domain='0x0000' bus='0x00' slot='0x03' function='0x0'/>"
            + "</interface></devices></domain>";

    @TempDir
    Path instances;
    @TempDir
    Path otherInstances;

    private StepFixture host(String name, String conf, SerialPorts.PortProbe probe) {
        return new StepFixture(name, instances, conf, probe);
    }

    private static DestinationPreparer preparer(StepFixture f, Set<String> bridges) {
        return preparer(f, bridges, new VolumeStepsTest.RecordingConnector());
    }

    private static DestinationPreparer preparer(StepFixture f, Set<String> bridges,
                                                VolumeStepsTest.RecordingConnector volumes) {
        return new DestinationPreparer(f.ctx, new Bridges(bridges::contains, f.ctx.hostName()),
                new DestinationSecret(f.host, f.ctx.hostName(), f.ctx.libvirt(), Optional::empty, false), volumes);
    }

    private static LibvirtLiveMigrateData withSerialAddr(String addr) {
        return RBD_LOCAL_PATH.toBuilder().serialListenAddr(addr).build();
    }

    @Test
    void test_pre_live_migration_works_correctly_mocked() {
        // serial consoles disabled: serial_listen_ports [] and nothing acquired, as Nova's expected migrate data
        StepFixture b = host("host-b", "", (h, p) -> true);
        LibvirtLiveMigrateData md = preparer(b, Set.of()).prepare(INSTANCE, NetworkInfo.none(), RBD_LOCAL_PATH);
        assertThat(md.serialListenPorts()).isEmpty();
        assertThat(md.targetConnectAddr()).isEqualTo("198.18.0.12");
        assertThat(md.bdms()).isEmpty();
        assertThat(b.ctx.serialPorts().allocated()).isEmpty();
    }

    @Test
    void withSerialConsolesTheDestinationAcquiresOnePortAtItsListenAddress() {
        StepFixture b = host("host-b", SERIAL_ON, (h, p) -> p != 10000);
        LibvirtLiveMigrateData md = preparer(b, Set.of()).prepare(INSTANCE, NetworkInfo.none(),
                withSerialAddr("198.18.0.12"));
        assertThat(md.serialListenPorts()).as("10000 is in use on host-b").containsExactly(10001);
        assertThat(b.ctx.serialPorts().allocated()).containsExactly(new HostPort("198.18.0.12", 10001));
    }

    @Test
    void aFullPortRangeRefusesTheMigrationWithNothingChanged() {
        StepFixture b = host("host-b", SERIAL_ON, (h, p) -> false);
        assertThatThrownBy(() -> preparer(b, Set.of()).prepare(INSTANCE, NetworkInfo.none(),
                withSerialAddr("198.18.0.12")))
                .isInstanceOf(SocketPortRangeExhaustedException.class)
                .hasMessageContaining("Not able to acquire a free port for 198.18.0.12")
                .hasMessageContaining("port_range = 10000:10003");
        assertThat(b.ctx.dirs().exists(INSTANCE.uuid())).isFalse();
        assertThat(b.ctx.serialPorts().allocated()).isEmpty();
    }

    @Test
    void aPortAcquiredBeforeALaterStepFailedIsReleased() {
        StepFixture b = host("host-b", SERIAL_ON, (h, p) -> true);
        VolumeStepsTest.RecordingConnector volumes = new VolumeStepsTest.RecordingConnector();
        String volume = "a1b2c3d4-0000-4000-8000-000000000001";
        volumes.failConnectOf = volume;
        BlockDeviceInfo bdi = new BlockDeviceInfo("/dev/vda", List.of(new BlockDeviceMapping("/dev/sda", volume,
                VolumeConnectionInfo.fromJson("""
                        {"driver_volume_type": "rbd", "serial": "%s",
                         "data": {"name": "volumes/volume-%s", "hosts": ["198.51.100.7"], "ports": ["3300"],
                                  "auth_enabled": false, "volume_id": "%s"}}""".formatted(volume, volume, volume)),
                null, false, "scsi", "disk", null)));
        assertThatThrownBy(() -> preparer(b, Set.of(), volumes).prepare(INSTANCE, bdi, NetworkInfo.none(),
                withSerialAddr("198.18.0.12"))).hasMessageContaining("cannot reach");
        assertThat(b.ctx.serialPorts().allocated()).isEmpty();
        assertThat(b.ctx.dirs().exists(INSTANCE.uuid())).isFalse();
    }

    @Test
    void aRollbackAtTheDestinationReleasesTheSerialListenPorts() {
        StepFixture b = host("host-b", SERIAL_ON, (h, p) -> true);
        LibvirtLiveMigrateData md = preparer(b, Set.of()).prepare(INSTANCE, NetworkInfo.none(),
                withSerialAddr("198.18.0.12"));
        assertThat(b.ctx.serialPorts().allocated()).hasSize(1);
        new PostAndRollback(b.ctx).rollbackAtDestination(INSTANCE, true, md);
        assertThat(b.ctx.serialPorts().allocated()).isEmpty();
    }

    @Test
    void anArrivedGuestKeepsThePortItsXmlUsesAndGivesBackTheOthers() {
        StepFixture b = host("host-b", SERIAL_ON, (h, p) -> true);
        LibvirtLiveMigrateData md = preparer(b, Set.of()).prepare(INSTANCE, NetworkInfo.none(),
                withSerialAddr("198.18.0.12"));
        int port = md.serialListenPorts().get(0);
        b.host.add(new FakeGuest(INSTANCE.name(), TCP_SERIAL_GUEST.replace("198.18.0.11", "198.18.0.12")
                .replace("10000", Integer.toString(port))).running());
        new PostAndRollback(b.ctx).postAtDestination(INSTANCE);
        assertThat(b.ctx.serialPorts().allocated()).containsExactly(new HostPort("198.18.0.12", port));

        StepFixture c = new StepFixture("host-c", otherInstances, SERIAL_ON, (h, p) -> true);
        preparer(c, Set.of()).prepare(INSTANCE, NetworkInfo.none(), withSerialAddr("198.18.0.12"));
        c.withRunningGuest(); // a file console: the acquired port is not used
        new PostAndRollback(c.ctx).postAtDestination(INSTANCE);
        assertThat(c.ctx.serialPorts().allocated()).isEmpty();
    }

    @Test
    void theDestinationSendsItsOwnBridgesAsPortBindings() {
        StepFixture b = host("host-b", "", null);
        LibvirtLiveMigrateData md = preparer(b, Set.of("br-b")).prepare(INSTANCE, NetworkInfo.of(DEST_VIF),
                RBD_LOCAL_PATH);
        assertThat(md.vifs()).singleElement().satisfies(v -> {
            assertThat(v.portId()).isEqualTo("port-1");
            assertThat(v.host()).isEqualTo("host-b");
            assertThat(v.vifType()).isEqualTo("bridge");
            assertThat(v.destVif().bridge()).isEqualTo("br-b");
        });
    }

    @Test
    void test_pre_live_migration_plug_vifs_with_dest_port_bindings() {
        // the bindings the caller sent decide which bridge must exist here, not network_info
        StepFixture b = host("host-b", "", null);
        Vif source = new Vif("port-1", "52:54:00:c0:ff:ee", "br-a", "virtio");
        LibvirtLiveMigrateData bound = RBD_LOCAL_PATH.toBuilder().vifs(List.of(
                new VifMigrateData("port-1", "normal", "bridge", "host-b", source, new VifDetails("br-bound")))).build();
        assertThatThrownBy(() -> preparer(b, Set.of("br-a")).prepare(INSTANCE, NetworkInfo.of(source), bound))
                .isInstanceOf(MigrationPreCheckError.class).hasMessageContaining("bridge br-bound needed by VIF port-1");
        LibvirtLiveMigrateData md = preparer(b, Set.of("br-bound")).prepare(INSTANCE, NetworkInfo.of(source), bound);
        assertThat(md.vifs()).isEqualTo(bound.vifs());
    }

    @Test
    void test_serial_console_release_port() {
        StepFixture a = host("host-a", SERIAL_ON, (h, p) -> true);
        a.host.add(new FakeGuest(INSTANCE.name(), TCP_SERIAL_GUEST.replace("</devices>",
                "<serial type='tcp'><source mode='bind' host='198.18.0.11' service='10001'/><target port='1'/>"
                        + "</serial></devices>")).running());
        a.ctx.serialPorts().acquire("198.18.0.11", INSTANCE.uuid());
        a.ctx.serialPorts().acquire("198.18.0.11", INSTANCE.uuid());
        new GuestLifecycle(a.ctx, new Bridges(b -> true, "host-a"), dev.novalibvirt.libvirt.lock.StartGuard.NONE,
                VolumeConnectors.of(a.ctx)).destroy(INSTANCE, null, false);
        assertThat(a.ctx.serialPorts().allocated()).as("both of the guest's ports released").isEmpty();
    }

    // --- the source ---

    private record Completed(JobState outcome) implements MigrationJobWaiter {
        @Override
        public JobState awaitOutcome(Instance instance, Guest guest, Future<?> operation) {
            try {
                operation.get();
            } catch (ExecutionException e) {
                // judged by the job state
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return outcome;
        }
    }

    private static List<String> migrate(StepFixture a, LibvirtLiveMigrateData md, JobState outcome) {
        List<String> heard = new CopyOnWriteArrayList<>();
        LiveMigrationCallbacks callbacks = new LiveMigrationCallbacks() {
            @Override
            public void postMethod(Instance i, String dest, boolean block, LibvirtLiveMigrateData m) {
                heard.add("post");
            }

            @Override
            public void recoverMethod(Instance i, String dest, LibvirtLiveMigrateData m, MigrationStatus s) {
                heard.add("recover " + s);
            }
        };
        Completed waiter = new Completed(outcome);
        try (MigrationExecutor executor = new MigrationExecutor(a.ctx,
                () -> List.of(new MonitorAddress("198.18.0.41", "6789")), waiter,
                new ActiveMigrations(waiter, "host-a"))) {
            executor.liveMigration(INSTANCE, "host-b", callbacks, false, md);
        }
        return heard;
    }

    private static LibvirtLiveMigrateData fromDestination() {
        return RBD_LOCAL_PATH.toBuilder().targetConnectAddr("198.18.0.12").serialListenAddr("198.18.0.12")
                .serialListenPorts(List.of(10002)).vifs(List.of(VifMigrateData.boundOn("host-b", DEST_VIF)))
                .dstInstancesPath("/var/lib/nova/instances").build();
    }

    @Test
    void test_live_migration_fails_without_serial_console_address() {
        StepFixture a = host("host-a", SERIAL_ON, (h, p) -> true);
        FakeGuest guest = a.host.add(new FakeGuest(INSTANCE.name(), TCP_SERIAL_GUEST).running());
        LibvirtLiveMigrateData noAddr = fromDestination().toBuilder().serialListenAddr(null).build();
        assertThatThrownBy(() -> migrate(a, noAddr, JobState.COMPLETED)).isInstanceOf(MigrationError.class)
                .hasMessageContaining("you must disable serial console");
        assertThat(guest.migrated.get()).as("libvirt never called").isNull();
    }

    @Test
    void theDestinationXmlListensOnTheDestinationsPortAndJoinsItsBridge() {
        StepFixture a = host("host-a", SERIAL_ON, (h, p) -> true);
        FakeGuest guest = a.host.add(new FakeGuest(INSTANCE.name(), TCP_SERIAL_GUEST).running());
        assertThat(migrate(a, fromDestination(), JobState.COMPLETED)).containsExactly("post");
        Domain dest = DomainXml.parse(guest.migrated.get().destinationXml());
        assertThat(dest.getDevices().getSerials().get(0).getSource().getHost()).isEqualTo("198.18.0.12");
        assertThat(dest.getDevices().getSerials().get(0).getSource().getService()).isEqualTo("10002");
        assertThat(dest.getDevices().getInterfaces().get(0).getSource().getBridge()).isEqualTo("br-b");
        assertThat(dest.getDevices().getInterfaces().get(0).getAddress().getSlot()).isEqualTo("0x03");
    }

    @Test
    void theSourceReleasesItsSerialPortsOnlyAfterASuccessfulMigration() {
        StepFixture a = host("host-a", SERIAL_ON, (h, p) -> true);
        a.host.add(new FakeGuest(INSTANCE.name(), TCP_SERIAL_GUEST).running());
        // the port the guest was given when it arrived on host-a
        assertThat(a.ctx.serialPorts().acquire("198.18.0.11", INSTANCE.uuid())).isEqualTo(10000);
        assertThat(migrate(a, fromDestination(), JobState.FAILED)).containsExactly("recover FAILED");
        assertThat(a.ctx.serialPorts().allocated()).as("the guest still runs here").hasSize(1);
        assertThat(migrate(a, fromDestination(), JobState.COMPLETED)).containsExactly("post");
        assertThat(a.ctx.serialPorts().allocated()).isEmpty();
    }
}
