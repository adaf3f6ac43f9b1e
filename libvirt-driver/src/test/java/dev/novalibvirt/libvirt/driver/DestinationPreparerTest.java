package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.Vif;
import dev.novalibvirt.core.exception.DestinationDiskExists;
import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nova's pre_live_migration on the destination: everything checked first, a refusal changes nothing. */
class DestinationPreparerTest {
    private static final String SECRET = "5f3a9c1e-2b7d-4e8f-9a6b-1c2d3e4f5a6b";
    /** A cephx key as libvirt stores it (the decoded {@code ceph auth get-key}; made up): the check wants its shape. */
    private static final String KEY_TEXT = "AQBvXqRkAAAAABAAq7c6cS0N3iB4sH5zUqk6Yw==";
    private static final byte[] KEY = Base64.getDecoder().decode(KEY_TEXT);
    private static final Instance INSTANCE = StepFixture.instance();
    private static final LibvirtLiveMigrateData RBD_LOCAL_PATH = LibvirtLiveMigrateData.builder().imageType("rbd")
            .isSharedInstancePath(false).isSharedBlockStorage(true).blockMigration(false)
            .instanceRelativePath(INSTANCE.uuid()).build();

    @TempDir
    Path instances;

    private StepFixture host(String extraConf) {
        return new StepFixture("host-b", instances, extraConf);
    }

    private static DestinationPreparer preparer(StepFixture f, Set<String> bridges, boolean allowSecretDefine) {
        return new DestinationPreparer(f.ctx, new Bridges(bridges::contains, f.ctx.hostName()),
                new DestinationSecret(f.host, f.ctx.hostName(), f.ctx.libvirt(), () -> Optional.of(KEY.clone()),
                        allowSecretDefine));
    }

    @Test
    void anRbdGuestGetsItsInstanceDirAndConsoleLogAndTheInboundAddress() {
        StepFixture b = host("");
        LibvirtLiveMigrateData md = preparer(b, Set.of(), false).prepare(INSTANCE, NetworkInfo.none(), RBD_LOCAL_PATH);
        assertThat(b.ctx.dirs().consoleLog(INSTANCE.uuid())).exists();
        assertThat(md.targetConnectAddr()).isEqualTo("198.18.0.12");
        assertThat(md.dstInstancesPath()).isEqualTo(instances.toString());
        assertThat(md.bdms()).isEmpty();
    }

    @Test
    void migratingBackToAHostThatStillHasTheInstanceDirIsDestinationDiskExists() throws Exception {
        StepFixture b = host("");
        Files.createDirectories(b.ctx.dirs().instanceDir(INSTANCE.uuid()));
        assertThatThrownBy(() -> preparer(b, Set.of(), false).prepare(INSTANCE, NetworkInfo.none(), RBD_LOCAL_PATH))
                .isInstanceOf(DestinationDiskExists.class);
    }

    @Test
    void aMissingBridgeIsRefusedBeforeAnythingIsCreated() {
        StepFixture b = host("");
        NetworkInfo net = NetworkInfo.of(new Vif("port-1", "52:54:00:c0:ff:ee", "br-guests", "virtio"));
        assertThatThrownBy(() -> preparer(b, Set.of(), false).prepare(INSTANCE, net, RBD_LOCAL_PATH))
                .isInstanceOf(MigrationPreCheckError.class)
                .hasMessageContaining("bridge br-guests needed by VIF port-1 does not exist on host-b");
        assertThat(b.ctx.dirs().exists(INSTANCE.uuid())).isFalse();
        preparer(b, Set.of("br-guests"), false).prepare(INSTANCE, net, RBD_LOCAL_PATH);
    }

    @Test
    void aDomainOfTheSameNameIsRefusedAndNoDirIsCreated() {
        StepFixture b = host("");
        b.withRunningGuest();
        assertThatThrownBy(() -> preparer(b, Set.of(), false).prepare(INSTANCE, NetworkInfo.none(), RBD_LOCAL_PATH))
                .isInstanceOf(MigrationPreCheckError.class).hasMessageContaining("already exists on host-b");
        assertThat(b.ctx.dirs().exists(INSTANCE.uuid())).isFalse();
    }

    @Test
    void aMissingSecretIsRefusedUnlessDefiningIsAllowedThenDefinedWithTheKey() {
        StepFixture b = host("[libvirt]\nrbd_user = nova\nrbd_secret_uuid = " + SECRET + "\n");
        assertThatThrownBy(() -> preparer(b, Set.of(), false).prepare(INSTANCE, NetworkInfo.none(), RBD_LOCAL_PATH))
                .isInstanceOf(MigrationPreCheckError.class).hasMessageContaining("is not defined on host-b");
        assertThat(b.ctx.dirs().exists(INSTANCE.uuid())).isFalse();

        preparer(b, Set.of(), true).prepare(INSTANCE, NetworkInfo.none(), RBD_LOCAL_PATH);
        assertThat(b.host.secrets.get(SECRET).value()).hasValueSatisfying(v -> assertThat(v).isEqualTo(KEY));
    }

    @Test
    void aSecretWithAnotherValueIsRefusedWithoutEitherValueInTheMessage() {
        StepFixture b = host("[libvirt]\nrbd_user = nova\nrbd_secret_uuid = " + SECRET + "\n");
        b.host.defineCephSecret(SECRET, "client.nova secret", new byte[] {9, 9, 9, 9});
        assertThatThrownBy(() -> preparer(b, Set.of(), true).prepare(INSTANCE, NetworkInfo.none(), RBD_LOCAL_PATH))
                .isInstanceOf(MigrationPreCheckError.class).hasMessageContaining("holds a different value")
                .message().doesNotContain(Arrays.toString(KEY).substring(0, 20))
                .doesNotContain(KEY_TEXT.substring(0, 12));
    }

    @Test
    void aSecretDefinedHereIsUndefinedAgainWhenALaterStepFails() throws Exception {
        // instances_path is a file: creating the instance dir fails after the secret was defined
        Path file = instances.resolve("not-a-dir");
        Files.writeString(file, "");
        StepFixture broken = new StepFixture("host-b", file, "[libvirt]\nrbd_user = nova\nrbd_secret_uuid = "
                + SECRET + "\n");
        assertThatThrownBy(() -> preparer(broken, Set.of(), true)
                .prepare(INSTANCE, NetworkInfo.none(), RBD_LOCAL_PATH)).isInstanceOf(RuntimeException.class);
        assertThat(broken.host.secrets).isEmpty();
    }

    @Test
    void aSecretLibvirtRefusesToDefineLeavesNoDir() {
        StepFixture b = host("[libvirt]\nrbd_user = nova\nrbd_secret_uuid = " + SECRET + "\n");
        b.host.secretDefineFailure = new InternalError("defining secret failed");
        assertThatThrownBy(() -> preparer(b, Set.of(), true).prepare(INSTANCE, NetworkInfo.none(), RBD_LOCAL_PATH))
                .isInstanceOf(InternalError.class);
        assertThat(b.ctx.dirs().exists(INSTANCE.uuid())).isFalse();
    }
}
