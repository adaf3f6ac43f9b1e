package dev.novalibvirt.conformance.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.Vif;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.exception.InvalidLocalStorage;
import dev.novalibvirt.core.exception.InvalidSharedStorage;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.libvirt.host.Secret;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationOptions;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.Setting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every pre-check refusal of the contract on the real lab: the migration is refused with Nova's exception and
 * nothing changes on either host (the guest keeps running on host-a; host-b gets no domain, no dir, no secret).
 */
@ExtendWith({LabExtension.class, MigrationScenarioExtension.class})
class PreCheckRefusalIT {
    private ContractLab lab;
    private MigrationScenario scenario;
    private LibvirtDriver a;
    private LibvirtDriver b;
    private Instance instance;
    private String ownSecret;
    private String ownBridge;

    @BeforeEach
    void guestOnHostA(MigrationScenario scenario) {
        this.scenario = scenario;
        lab = scenario.lab();
        a = scenario.source();
        b = scenario.destination();
        instance = scenario.newInstance("pre");
        // once the guest is gone from both hosts: what the test added for it
        scenario.closeAfterCleanup(this::removeOwnSecretAndBridge);
    }

    private void removeOwnSecretAndBridge() throws Exception {
        if (ownSecret != null) {
            Optional<Secret> s = b.libvirtHost().findSecret(ownSecret);
            if (s.isPresent()) {
                s.get().undefine();
            }
        }
        if (ownBridge != null) {
            ContractLab.run("ip", "-n", lab.hostValue("a", "NETNS"), "link", "del", ownBridge);
        }
    }

    private void spawnOnA(NetworkInfo network) {
        scenario.spawn(a, instance, network);
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).isTrue();
    }

    /** Runs the migration, expects the refusal, and checks that nothing changed on either host. */
    private void assertRefusedWithNothingChanged(LibvirtDriver dest, NetworkInfo network, Boolean blockMigration,
                                                 Class<? extends Exception> expected, String messagePart) {
        HostsSnapshot before = HostsSnapshot.take(lab, instance, a, dest);
        assertThatThrownBy(() -> LiveMigrationTask.builder(a, dest).options(new LiveMigrationOptions(
                        blockMigration == null ? Setting.DEFAULT : Setting.of(blockMigration), Setting.DEFAULT, null,
                        null)).build().run(instance, network, BlockDeviceInfo.none()))
                .isInstanceOf(expected).hasMessageContaining(messagePart);
        assertThat(HostsSnapshot.settled(before, () -> HostsSnapshot.take(lab, instance, a, dest))).isEqualTo(before);
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("still alive on host-a").isTrue();
        assertThat(dest.instanceExists(instance)).isFalse();
    }

    @Test
    void destinationWithoutTheCephxSecretIsRefused() {
        spawnOnA(NetworkInfo.none());
        ownSecret = UUID.randomUUID().toString();
        LibvirtDriver noSecret = scenario.driver("b", lab.instancesPath("b"), "[libvirt]\nrbd_secret_uuid = "
                + ownSecret, lab.cephxKeys(), false);
        assertRefusedWithNothingChanged(noSecret, NetworkInfo.none(), null, MigrationPreCheckError.class,
                ownSecret + " ([libvirt] rbd_secret_uuid) is not defined");
    }

    @Test
    void destinationWithADifferentSecretValueIsRefusedWithoutLeakingEitherValue() {
        spawnOnA(NetworkInfo.none());
        ownSecret = UUID.randomUUID().toString();
        // a well-formed cephx key (libvirt and the library accept only that shape) with another secret in it
        byte[] wrong = lab.cephxKeys().cephxKey().orElseThrow();
        byte[] other = new byte[16];
        new java.security.SecureRandom().nextBytes(other);
        System.arraycopy(other, 0, wrong, wrong.length - 16, 16);
        b.libvirtHost().defineCephSecret(ownSecret, "contract wrong key " + ownSecret, wrong);
        LibvirtDriver wrongSecret = scenario.driver("b", lab.instancesPath("b"), "[libvirt]\nrbd_secret_uuid = "
                + ownSecret, lab.cephxKeys(), true);
        assertRefusedWithNothingChanged(wrongSecret, NetworkInfo.none(), null, MigrationPreCheckError.class,
                "holds a different value");
    }

    @Test
    void aMissingSecretIsDefinedFromTheKeySourceWhenAllowed() throws Exception {
        spawnOnA(NetworkInfo.none());
        ownSecret = UUID.randomUUID().toString();
        LibvirtDriver defining = scenario.driver("b", lab.instancesPath("b"), "[libvirt]\nrbd_secret_uuid = "
                + ownSecret, lab.cephxKeys(), true);
        LiveMigrationResult r = LiveMigrationTask.builder(a, defining).build().run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        assertThat(r.completed()).isTrue();
        Secret s = defining.libvirtHost().findSecret(ownSecret).orElseThrow();
        assertThat(java.security.MessageDigest.isEqual(s.value().orElseThrow(),
                lab.cephxKeys().cephxKey().orElseThrow()))
                .as("defined with the key source's value").isTrue();
    }

    @Test
    void destinationWithoutTheGuestsBridgeIsRefused() {
        ownBridge = "ctrbr" + UUID.randomUUID().toString().substring(0, 6);
        String netnsA = lab.hostValue("a", "NETNS");
        assertThat(ContractLab.run("ip", "-n", netnsA, "link", "add", ownBridge, "type", "bridge").exitCode()).isZero();
        ContractLab.run("ip", "-n", netnsA, "link", "set", ownBridge, "up");
        NetworkInfo network = NetworkInfo.of(new Vif("port-1", "52:54:00:c0:ff:ee", ownBridge, "virtio"));
        spawnOnA(network);
        assertRefusedWithNothingChanged(b, network, null, MigrationPreCheckError.class,
                "bridge " + ownBridge + " needed by VIF port-1 does not exist on host-b");
    }

    @Test
    void blockMigrationOnSharedStorageIsRefused() {
        spawnOnA(NetworkInfo.none());
        assertRefusedWithNothingChanged(b, NetworkInfo.none(), true, InvalidLocalStorage.class,
                "Block migration can not be used with shared storage");
    }

    @Test
    void aLocalDiskWithoutSharedStorageIsRefused() throws Exception {
        spawnOnA(NetworkInfo.none());
        Path local = a.instanceDirs().instanceDir(instance.uuid()).resolve("disk.local");
        try (var f = new java.io.RandomAccessFile(local.toFile(), "rw")) {
            f.setLength(1024 * 1024);
        }
        String disk = "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + local
                + "'/><target dev='vdb' bus='virtio'/></disk>";
        a.libvirtHost().guest(instance.name()).attachDevice(disk, true, true);
        assertRefusedWithNothingChanged(b, NetworkInfo.none(), null, InvalidSharedStorage.class,
                "local disks [vdb]");
        assertThat(Files.exists(local)).isTrue();
    }

    @Test
    void aDestinationHostNameWithShellMetacharactersIsRefused() {
        spawnOnA(NetworkInfo.none());
        // refused when the destination's nova.conf is read, before a driver exists: nothing can have changed
        assertThatThrownBy(() -> lab.driver("b", lab.instancesPath("b"), "[DEFAULT]\nhost = host-b;reboot",
                lab.cephxKeys(), false))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("[DEFAULT] host")
                .hasMessageContaining("host-b;reboot");
        assertThat(GuestProbe.runsOn(a, instance)).as("still runs on host-a").isTrue();
        assertThat(b.instanceExists(instance)).as("nothing on host-b").isFalse();
        assertThat(GuestProbe.hasInstanceDir(b, instance)).as("no instance dir on host-b").isFalse();
    }
}
