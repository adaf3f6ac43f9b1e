package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.exception.DestinationDiskExists;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.core.topology.InstanceDisks;
import dev.novalibvirt.core.xml.DomainXml;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceDirsTest {
    private static final String UUID = "0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b";

    @TempDir
    Path instances;

    @Test
    void theDestinationDirIsCreatedOnceAndRefusedTheSecondTime() {
        InstanceDirs dirs = new InstanceDirs(instances);
        assertThat(dirs.createDestinationDir(UUID)).isEqualTo(instances.resolve(UUID));
        assertThatThrownBy(() -> dirs.createDestinationDir(UUID)).isInstanceOf(DestinationDiskExists.class)
                .hasMessageContaining(UUID);
    }

    @Test
    void removalTakesTheWholeDirViaDelAndIsIdempotent() throws Exception {
        InstanceDirs dirs = new InstanceDirs(instances);
        dirs.ensureInstanceDir(UUID);
        dirs.touchConsoleLog(UUID);
        Files.writeString(dirs.consoleLog(UUID), "....");
        assertThat(dirs.removeInstanceDir(UUID)).isTrue();
        assertThat(instances.resolve(UUID)).doesNotExist();
        assertThat(instances.resolve(UUID + "_del")).doesNotExist();
        assertThat(dirs.removeInstanceDir(UUID)).isFalse();
    }

    @Test
    void aLeftoverDelDirFromAnInterruptedRemovalDoesNotBlockTheNextOne() throws Exception {
        InstanceDirs dirs = new InstanceDirs(instances);
        Files.createDirectories(instances.resolve(UUID + "_del").resolve("stale"));
        dirs.ensureInstanceDir(UUID);
        dirs.touchConsoleLog(UUID);
        assertThat(dirs.removeInstanceDir(UUID)).isTrue();
        assertThat(instances.resolve(UUID)).doesNotExist();
        assertThat(instances.resolve(UUID + "_del")).doesNotExist();
    }

    @Test
    void theSharedStorageTestFileIsSeenByAHostSharingThePathOnly(@TempDir Path other) {
        InstanceDirs dest = new InstanceDirs(instances);
        String file = dest.createSharedStorageTestFile();
        assertThat(new InstanceDirs(instances).checkSharedStorageTestFile(file)).isTrue();
        assertThat(new InstanceDirs(other).checkSharedStorageTestFile(file)).isFalse();
        dest.cleanupSharedStorageTestFile(file);
        assertThat(instances.resolve(file)).doesNotExist();
        dest.cleanupSharedStorageTestFile(file);
    }

    @Test
    void namesThatEscapeInstancesPathAreRefused() {
        InstanceDirs dirs = new InstanceDirs(instances);
        assertThatThrownBy(() -> dirs.instanceDir("../etc")).isInstanceOf(NovaException.class);
        assertThatThrownBy(() -> dirs.instanceDir("a/b")).isInstanceOf(NovaException.class);
        assertThatThrownBy(() -> dirs.checkSharedStorageTestFile("../passwd"))
                .isInstanceOf(MigrationPreCheckError.class);
    }

    @Test
    void localDisksAreFileAndBlockDisksNotRbd() {
        String xml = "<domain><devices>"
                + "<disk type='network' device='disk'><source protocol='rbd' name='vms/x_disk'/>"
                + "<target dev='vda'/></disk>"
                + "<disk type='file' device='disk'><source file='/i/disk.local'/><target dev='vdb'/></disk>"
                + "<disk type='block' device='disk'><source dev='/dev/sdz'/><target dev='vdc'/></disk>"
                + "<disk type='file' device='cdrom'><target dev='hdd'/></disk>"
                + "</devices></domain>";
        assertThat(InstanceDisks.localDisks(DomainXml.parse(xml), BlockDeviceInfo.none())).containsExactly("vdb", "vdc");
    }

    @Test
    void anInstanceDirSymlinkedOutOfInstancesPathGetsNoConsoleLogAndIsNotRemovedThrough(@TempDir Path elsewhere)
            throws Exception {
        Files.createSymbolicLink(instances.resolve(UUID), elsewhere);
        InstanceDirs dirs = new InstanceDirs(instances);
        assertThatThrownBy(() -> dirs.touchConsoleLog(UUID)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("outside instances_path");
        assertThatThrownBy(() -> dirs.removeInstanceDir(UUID)).isInstanceOf(InvalidInput.class);
        assertThat(elsewhere.resolve(InstanceDirs.CONSOLE_LOG)).doesNotExist();
        assertThat(instances.resolve(UUID)).isSymbolicLink();
    }

    @Test
    void aRelativeInstancesPathIsRefusedBeforeAnythingIsCreated() {
        assertThatThrownBy(() -> new InstanceDirs(Path.of("instances"))).isInstanceOf(InvalidConfiguration.class)
                .hasMessageContaining("instances_path").hasMessageContaining("not an absolute path");
    }

    @Test
    void aPeersFilenameThatNoTestFileHasIsNotDeleted() throws Exception {
        Files.writeString(instances.resolve("console.log"), "kept");
        assertThatThrownBy(() -> new InstanceDirs(instances).cleanupSharedStorageTestFile("console.log"))
                .isInstanceOf(MigrationPreCheckError.class).hasMessageContaining("filename");
        assertThat(instances.resolve("console.log")).exists();
    }
}
