package dev.novalibvirt.rpc;

import dev.novalibvirt.core.ceph.RbdCacheFacts;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.BlockDeviceMapping;
import dev.novalibvirt.core.driver.ComputeInfo;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateBDMInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.Vif;
import dev.novalibvirt.core.driver.VifMigrateData;
import java.util.List;

/** The values a migration of one RBD guest between host-a and host-b passes around. */
public final class Samples {
    public static final Instance INSTANCE = new Instance("6f1c9d0a-3b2e-4c5d-8e7f-0a1b2c3d4e5f", "instance-0000002a",
            512, 1, 1, "0f8e7d6c-5b4a-4938-8271-605f4e3d2c1b");
    public static final Instance VOLUME_BACKED = new Instance("11111111-2222-4333-8444-555555555555",
            "instance-0000002b", 256, 2, 0, null);
    public static final ImageMeta IMAGE = new ImageMeta("0f8e7d6c-5b4a-4938-8271-605f4e3d2c1b", "raw",
            "rbd://fsid/images/0f8e7d6c-5b4a-4938-8271-605f4e3d2c1b/snap");
    public static final Vif VIF = new Vif("port-1", "fa:16:3e:00:00:01", "br-lab", "virtio");
    public static final NetworkInfo NETWORK = NetworkInfo.of(VIF);
    public static final BlockDeviceInfo DEVICES = new BlockDeviceInfo("/dev/vda", List.of(new BlockDeviceMapping("/dev/vdb", "vol-1")));
    public static final ComputeInfo HOST_A = new ComputeInfo("host-a", "QEMU", 9_000_000L,
            "<cpu><arch>x86_64</arch><model>qemu64</model></cpu>", 40, 38);
    public static final ComputeInfo HOST_B = new ComputeInfo("host-b", "QEMU", 9_000_000L,
            "<cpu><arch>x86_64</arch><model>qemu64</model></cpu>", 41, 39);

    /** Every field of LibvirtLiveMigrateData set. */
    public static final LibvirtLiveMigrateData FULL_MIGRATE_DATA = LibvirtLiveMigrateData.builder()
            .isVolumeBacked(false).waitForVifPlugged(true)
            .vifs(List.of(new VifMigrateData("port-1", "normal", "bridge", "host-b", VIF,
                    new dev.novalibvirt.core.driver.VifDetails("br-b"))))
            .filename("tmpA1b2C3").imageType("rbd").blockMigration(false).diskOverCommit(false)
            .diskAvailableMb(40960L).isSharedInstancePath(false).isSharedBlockStorage(true)
            .instanceRelativePath("6f1c9d0a-3b2e-4c5d-8e7f-0a1b2c3d4e5f").graphicsListenAddrVnc("198.18.0.12")
            .graphicsListenAddrSpice("127.0.0.1").serialListenAddr("198.18.0.12").serialListenPorts(List.of(10000))
            .bdms(List.of(new LibvirtLiveMigrateBDMInfo("vol-1", "virtio", "vdb", "disk", "raw", 1,
                    "{\"driver_volume_type\": \"rbd\", \"data\": {\"name\": \"volumes/vol-1\", "
                            + "\"auth_username\": \"nova\", \"secret_uuid\": \"8d6e3f4a-1b2c-4d5e-9f00-112233445566\"}}",
                    null)))
            .targetConnectAddr("198.18.0.12").supportedPerfEvents(List.of("cmt"))
            .dstWantsFileBackedMemory(false).dstInstancesPath("/var/lib/nova/instances")
            .dstRbdCacheFacts(new RbdCacheFacts("host-b", "7.2.0", "16.2.15", "client.nova",
                    List.of(new RbdCacheFacts.ConfSetting("client", "rbd_cache", "true")), "writeback"))
            .build();

    /** A Cinder volume's id, and its RBD connection as Cinder returns it: with a keyring that must never travel. */
    public static final String VOLUME_ID = "d299a078-f0db-4993-bf03-f10fe44fd192";
    public static final String CINDER_SECRET = "1a790a26-dd49-4825-8d16-3dd627cf05a9";
    public static final String CINDER_KEY = "AQBvXqRkAAAAABAAq7c6cS0N3iB4sH5zUqk6Yw==";
    public static final String CINDER_CONNECTION = """
            {"driver_volume_type": "rbd", "serial": "%s",
             "data": {"access_mode": "rw", "secret_type": "ceph", "name": "cinder-volumes/volume-d299a078",
                      "encrypted": false, "discard": true, "cluster_name": "ceph", "secret_uuid": "%s",
                      "qos_specs": null, "auth_enabled": true, "volume_id": "%s",
                      "hosts": ["172.16.128.101", "172.16.128.121"], "auth_username": "cinder",
                      "ports": ["6789", "6789"], "keyring": "[client.cinder]\\n key = %s\\n"}}
            """.formatted(VOLUME_ID, CINDER_SECRET, VOLUME_ID, CINDER_KEY);

    private Samples() {
    }
}
