package dev.novalibvirt.migration.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.BlockDeviceMapping;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.StorageError;
import dev.novalibvirt.core.volume.HostConnector;
import dev.novalibvirt.core.volume.VolumeApi;
import dev.novalibvirt.core.volume.VolumeAttachment;
import dev.novalibvirt.core.volume.VolumeConnectionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nova's compute manager cases for the v3.44 attachment flow of a live migration (test_compute_mgr.py), named after
 * them: {@code _do_pre_live_migration}'s attachments for the destination, {@code _post_live_migration}'s deletion
 * of the source's, {@code _rollback_volume_bdms}.
 */
class VolumeAttachmentsTest {
    private static final Instance INSTANCE = new Instance("6f1c9d0a-3b2e-4c5d-8e7f-0a1b2c3d4e5f", "instance-1", 512,
            1, 1, "cirros");
    private static final String VOL1 = "a1b2c3d4-0000-4000-8000-000000000001";
    private static final String VOL2 = "a1b2c3d4-0000-4000-8000-000000000002";
    private static final String OLD1 = "0a000000-0000-4000-8000-000000000001";
    private static final String OLD2 = "0a000000-0000-4000-8000-000000000002";
    private static final HostConnector HOST_B = HostConnector.linux("198.18.0.12", "host-b");

    /** Records calls; hands out attachment ids n1, n2, ...; fails a create or delete when told to. */
    static final class FakeVolumeApi implements VolumeApi {
        final List<String> calls = new ArrayList<>();
        int createsBeforeFailure = Integer.MAX_VALUE;
        boolean deletesFail;
        private int next;

        @Override
        public VolumeAttachment attachmentCreate(String volumeId, String instanceUuid, HostConnector connector,
                                                 String mountpoint) {
            if (createsBeforeFailure-- <= 0) {
                throw new StorageError("cinder said no");
            }
            String id = "0b000000-0000-4000-8000-00000000000" + (++next);
            calls.add("create " + volumeId + " " + connector.host() + " " + mountpoint + " -> " + id);
            return new VolumeAttachment(id, volumeId, instanceUuid, "attaching", "rw", connection(volumeId));
        }

        @Override
        public VolumeAttachment attachmentUpdate(String attachmentId, HostConnector connector, String mountpoint) {
            throw new UnsupportedOperationException("Nova's live migration gives the connector at create");
        }

        @Override
        public void attachmentComplete(String attachmentId) {
            calls.add("complete " + attachmentId);
        }

        @Override
        public void attachmentDelete(String attachmentId) {
            calls.add("delete " + attachmentId);
            if (deletesFail) {
                throw new StorageError("cinder is down");
            }
        }
    }

    private static VolumeConnectionInfo connection(String volumeId) {
        return VolumeConnectionInfo.fromJson("""
                {"driver_volume_type": "rbd", "serial": "%s", "data": {"name": "volumes/volume-%s",
                 "hosts": ["198.51.100.7"], "ports": ["3300"], "auth_enabled": true, "auth_username": "cinder",
                 "secret_type": "ceph", "secret_uuid": "0c6f0ab4-5c1e-4b1e-9d9e-7a3c2b1d0e9f"}}"""
                .formatted(volumeId, volumeId));
    }

    private static final BlockDeviceInfo SOURCE = new BlockDeviceInfo("/dev/vda", List.of(
            new BlockDeviceMapping("/dev/vdb", VOL1, null, null, false, "virtio", "disk", OLD1),
            new BlockDeviceMapping("/dev/vdc", VOL2, null, null, false, "virtio", "disk", OLD2)));

    @Test
    void test_pre_live_migration_cinder_v3_api() {
        FakeVolumeApi cinder = new FakeVolumeApi();
        VolumeAttachments attachments = new VolumeAttachments(cinder);

        DestinationVolumes dest = attachments.attachDestination(INSTANCE, SOURCE, HOST_B);
        attachments.completeDestination(dest);

        String new1 = "0b000000-0000-4000-8000-000000000001";
        String new2 = "0b000000-0000-4000-8000-000000000002";
        assertThat(cinder.calls).containsExactly("create " + VOL1 + " host-b /dev/vdb -> " + new1,
                "create " + VOL2 + " host-b /dev/vdc -> " + new2, "complete " + new1, "complete " + new2);
        assertThat(dest.sourceAttachmentIds()).isEqualTo(Map.of(VOL1, OLD1, VOL2, OLD2));
        BlockDeviceMapping vdb = dest.destination().blockDeviceMapping().get(0);
        assertThat(vdb.attachmentId()).isEqualTo(new1);
        assertThat(vdb.connectionInfo()).isEqualTo(connection(VOL1));
        assertThat(SOURCE.blockDeviceMapping().get(0).attachmentId()).as("the source's stays as it was")
                .isEqualTo(OLD1);
    }

    @Test
    void test_pre_live_migration_exception_cinder_v3_api() {
        FakeVolumeApi cinder = new FakeVolumeApi();
        cinder.createsBeforeFailure = 1;

        assertThatThrownBy(() -> new VolumeAttachments(cinder).attachDestination(INSTANCE, SOURCE, HOST_B))
                .isInstanceOf(StorageError.class);

        assertThat(cinder.calls).containsExactly(
                "create " + VOL1 + " host-b /dev/vdb -> 0b000000-0000-4000-8000-000000000001",
                "delete 0b000000-0000-4000-8000-000000000001");
    }

    @Test
    void test_post_live_migration_cinder_v3_api() {
        FakeVolumeApi cinder = new FakeVolumeApi();
        VolumeAttachments attachments = new VolumeAttachments(cinder);
        DestinationVolumes dest = attachments.attachDestination(INSTANCE, SOURCE, HOST_B);
        cinder.calls.clear();

        attachments.deleteSource(INSTANCE, dest);

        assertThat(cinder.calls).containsExactly("delete " + OLD1, "delete " + OLD2);
    }

    @Test
    void aSourceAttachmentThatCannotBeDeletedIsLoggedAndTheOthersStillGo() {
        FakeVolumeApi cinder = new FakeVolumeApi();
        VolumeAttachments attachments = new VolumeAttachments(cinder);
        DestinationVolumes dest = attachments.attachDestination(INSTANCE, SOURCE, HOST_B);
        cinder.calls.clear();
        cinder.deletesFail = true;

        attachments.deleteSource(INSTANCE, dest);

        assertThat(cinder.calls).containsExactly("delete " + OLD1, "delete " + OLD2);
    }

    @Test
    void test_rollback_volume_bdms() {
        FakeVolumeApi cinder = new FakeVolumeApi();
        VolumeAttachments attachments = new VolumeAttachments(cinder);
        DestinationVolumes dest = attachments.attachDestination(INSTANCE, SOURCE, HOST_B);
        cinder.calls.clear();

        attachments.rollbackDestination(INSTANCE, dest);

        assertThat(cinder.calls).containsExactly("delete 0b000000-0000-4000-8000-000000000001",
                "delete 0b000000-0000-4000-8000-000000000002");
    }

    @Test
    void test_rollback_volume_bdms_exc() {
        FakeVolumeApi cinder = new FakeVolumeApi();
        VolumeAttachments attachments = new VolumeAttachments(cinder);
        DestinationVolumes dest = attachments.attachDestination(INSTANCE, SOURCE, HOST_B);
        cinder.deletesFail = true;

        attachments.rollbackDestination(INSTANCE, dest);

        assertThat(cinder.calls).filteredOn(c -> c.startsWith("delete")).hasSize(2);
    }

    /** test_rollback_volume_bdms_after_pre_failure: nothing new was attached, so nothing is deleted. */
    @Test
    void test_rollback_volume_bdms_after_pre_failure() {
        FakeVolumeApi cinder = new FakeVolumeApi();

        new VolumeAttachments(cinder).rollbackDestination(INSTANCE, new DestinationVolumes(SOURCE, Map.of()));

        assertThat(cinder.calls).isEmpty();
    }

    @Test
    void aVolumeWithoutCinderAttachmentPassesThroughUntouched() {
        FakeVolumeApi cinder = new FakeVolumeApi();
        BlockDeviceInfo legacy = new BlockDeviceInfo("/dev/vda", List.of(new BlockDeviceMapping("/dev/vdb", VOL1)));

        DestinationVolumes dest = new VolumeAttachments(cinder).attachDestination(INSTANCE, legacy, HOST_B);

        assertThat(cinder.calls).isEmpty();
        assertThat(dest.destination()).isEqualTo(legacy);
    }
}
