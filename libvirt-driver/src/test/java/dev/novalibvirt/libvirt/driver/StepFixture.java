package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.image.Image;
import dev.novalibvirt.core.image.ImageBackend;
import dev.novalibvirt.core.image.InstanceDisk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One compute host for a step's unit test: its nova.conf, a {@link FakeHost}, an RBD-like backend, its dirs. */
final class StepFixture {
    static final String RBD_DOMAIN = "<domain type='kvm'><name>instance-00000001</name><devices>"
            + "<disk type='network' device='disk'><driver name='qemu' type='raw' cache='none'/>"
            + "<source protocol='rbd' name='vms/0b6e2ab7-5ac8-4b5c-8d36-3a6a3bb2a0f1_disk'>"
            + "<host name='198.18.0.31' port='6789'/></source><target dev='vda' bus='virtio'/></disk>"
            + "</devices></domain>";

    /** An RBD-like backend that records which instances' disks a cleanup removed. */
    static final class Backend implements ImageBackend {
        final List<String> cleanedUp = new ArrayList<>();

        @Override public String imagesType() { return "rbd"; }
        @Override public Image image(InstanceDisk disk) { throw new UnsupportedOperationException(); }
        @Override public boolean isSharedBlockStorage() { return true; }
        @Override public boolean isFileInInstancePath() { return false; }
        @Override public boolean supportsClone() { return true; }

        @Override
        public List<String> cleanupInstanceDisks(String instanceUuid) {
            cleanedUp.add(instanceUuid);
            return List.of(instanceUuid + "_disk");
        }

        @Override public void close() { }
    }

    final FakeHost host = new FakeHost();
    final Backend backend = new Backend();
    final DriverContext ctx;

    StepFixture(String hostName, Path instancesPath, String extraConf) {
        this(hostName, instancesPath, extraConf, null);
    }

    /** A host whose serial ports are probed by {@code probe} (null: bound on this machine, as the driver does). */
    StepFixture(String hostName, Path instancesPath, String extraConf, SerialPorts.PortProbe probe) {
        NovaConfig config = NovaConfig.parse("[DEFAULT]\nhost = " + hostName + "\ninstances_path = " + instancesPath
                + "\n[libvirt]\nimages_type = rbd\nimages_rbd_pool = vms\nlive_migration_inbound_addr = 198.18.0.12\n"
                + extraConf);
        SerialPorts ports = probe == null ? SerialPorts.of(config.consoles())
                : new SerialPorts(config.consoles().serialPortRangeStart(), config.consoles().serialPortRangeStop(),
                        probe);
        this.ctx = new DriverContext(config, host, backend, new InstanceDirs(instancesPath), ports);
    }

    static Instance instance() {
        return new Instance("0b6e2ab7-5ac8-4b5c-8d36-3a6a3bb2a0f1", "instance-00000001", 512, 1, 1, "cirros");
    }

    /** The instance running on this host from an RBD disk. */
    FakeGuest withRunningGuest() {
        return host.add(new FakeGuest(instance().name(), RBD_DOMAIN).running());
    }
}
