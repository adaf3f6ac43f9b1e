package dev.novalibvirt.conformance.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Both hosts pointed at one instances_path (NFS in real life): Nova's test file says shared, so no dir is created
 * on the destination, none is removed on the source, and cleanup never touches it (bug 2080436).
 */
@ExtendWith({LabExtension.class, MigrationScenarioExtension.class})
class SharedInstancesPathIT {
    private ContractLab lab;
    private MigrationScenario scenario;
    private Path shared;
    private LibvirtDriver a;
    private LibvirtDriver b;
    private Instance instance;

    @BeforeEach
    void hostsSharingOneInstancesPath(MigrationScenario scenario) throws Exception {
        this.scenario = scenario;
        lab = scenario.lab();
        shared = Path.of(lab.get("LAB_STATE"), "contract-shared-" + UUID.randomUUID());
        Files.createDirectories(shared);
        // once the scenario removed the guest (and checked its dir in the shared path is gone): the path itself
        scenario.closeAfterCleanup(this::removeSharedPath);
        a = scenario.driver("a", shared, null, lab.cephxKeys(), false);
        b = scenario.driver("b", shared, null, lab.cephxKeys(), false);
        instance = scenario.newInstance("shr");
    }

    private void removeSharedPath() throws Exception {
        try (Stream<Path> walk = Files.walk(shared)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void theInstanceDirIsNeitherCreatedNorRemovedWhenInstancesPathIsShared() throws Exception {
        scenario.spawn(a, instance);
        Path dir = a.instanceDirs().instanceDir(instance.uuid());
        Object dirIdentity = Files.readAttributes(dir, BasicFileAttributes.class).fileKey();

        LibvirtDriver from = a;
        LibvirtDriver to = b;
        for (int hop = 1; hop <= 2; hop++) {
            LiveMigrationResult r = LiveMigrationTask.builder(from, to).build().run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
            assertThat(r.completed()).isTrue();
            assertThat(r.migrateData().isSharedInstancePath()).as("the test file says shared").isTrue();
            assertThat(r.steps()).extracting(s -> s.step()).doesNotContain(Step.CLEANUP_SOURCE);
            assertThat(Files.readAttributes(dir, BasicFileAttributes.class).fileKey())
                    .as("the very same directory, never recreated").isEqualTo(dirIdentity);
            assertThat(GuestProbe.runsOn(to, instance)).isTrue();
            assertThat(from.instanceExists(instance)).isFalse();
            assertThat(GuestProbe.serialGrows(to, instance, Duration.ofSeconds(10))).isTrue();
            try (Stream<Path> s = Files.list(shared)) {
                assertThat(s.filter(p -> p.getFileName().toString().startsWith("tmp"))).as("test file removed")
                        .isEmpty();
            }
            LibvirtDriver t = from;
            from = to;
            to = t;
        }
    }
}
