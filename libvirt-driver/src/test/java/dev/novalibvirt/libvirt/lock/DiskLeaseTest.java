package dev.novalibvirt.libvirt.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DiskLeaseTest {

    @Test
    void automaticLeaseKeyIsTheMd5OfTheDiskPath() {
        // md5("/var/lib/nova/instances/x/disk"), computed independently with md5sum
        DiskLease lease = DiskLease.auto(Path.of("/srv/leases"), "/var/lib/nova/instances/x/disk");
        assertThat(lease.key()).isEqualTo(DiskLease.md5Hex("/var/lib/nova/instances/x/disk")).hasSize(32).matches("[0-9a-f]+");
        assertThat(DiskLease.md5Hex("abc")).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(lease.target()).isEqualTo(Path.of("/srv/leases").resolve(lease.key()));
        assertThat(lease.sanlockResource()).isEqualTo("__LIBVIRT__DISKS__:" + lease.key() + ":/srv/leases/" + lease.key() + ":0");
    }

    @Test
    void rendersLibvirtsLeaseElement() {
        DiskLease lease = new DiskLease("nova", "instance-1", Path.of("/srv/leases/a&b"), 1048576);
        assertThat(lease.toXml()).isEqualTo("<lease><lockspace>nova</lockspace><key>instance-1</key>"
                + "<target offset=\"1048576\" path=\"/srv/leases/a&amp;b\"/></lease>");
    }

    @Test
    void namesSanlockCannotStoreAreRefused() {
        assertThatThrownBy(() -> new DiskLease("a:b", "k", Path.of("/x"), 0)).isInstanceOf(LockConfigException.class);
        assertThatThrownBy(() -> new DiskLease("ls", "k".repeat(49), Path.of("/x"), 0)).isInstanceOf(LockConfigException.class);
        assertThatThrownBy(() -> new DiskLease("ls", "k", Path.of("/x"), 100)).isInstanceOf(LockConfigException.class);
        assertThatThrownBy(() -> new DiskLease("ls", "k", Path.of("rel"), 0)).isInstanceOf(LockConfigException.class);
    }
}
