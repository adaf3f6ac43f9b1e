package dev.novalibvirt.rbd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.image.DiskConfigRequest;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.domain.Disk;
import dev.novalibvirt.rbd.rados.MonAddress;
import dev.novalibvirt.rbd.rados.MonProtocol;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RbdDiskSourceTest {

    static final String SECRET = "51a22986-64d1-45ae-a91c-b414ed157668";
    final List<MonAddress> mons = List.of(new MonAddress("198.18.0.1", 6789, MonProtocol.V1),
            new MonAddress("fd00::2", 6789, MonProtocol.V1));

    @Test
    void rbdDiskHasOneHostPerMonitorRawCacheDiscardAndCephAuth() {
        RbdDiskSource src = new RbdDiskSource("vms", "u_disk", mons, Optional.of("nova"), Optional.of(SECRET),
                "writeback", Optional.of("unmap"));
        String xml = DomainXml.writeDisk(src.toDisk(new DiskConfigRequest("vda", "virtio", "none", null, 1)));
        assertThat(xml).contains("type=\"network\"").contains("device=\"disk\"")
                .contains("protocol=\"rbd\"").contains("name=\"vms/u_disk\"")
                .contains("name=\"198.18.0.1\"").contains("name=\"fd00::2\"").doesNotContain("[fd00")
                .contains("type=\"raw\"").contains("cache=\"writeback\"").contains("discard=\"unmap\"")
                .contains("username=\"nova\"").contains("uuid=\"" + SECRET + "\"").contains("type=\"ceph\"")
                .contains("dev=\"vda\"").contains("bus=\"virtio\"").contains("order=\"1\"");
    }

    @Test
    void withoutASecretThereIsNoAuth() {
        RbdDiskSource src = new RbdDiskSource("vms", "u_disk", mons, Optional.empty(), Optional.empty(), "none",
                Optional.empty());
        Disk disk = src.toDisk(DiskConfigRequest.virtio("vdb", "none"));
        String xml = DomainXml.writeDisk(disk);
        assertThat(xml).doesNotContain("auth").doesNotContain("discard").contains("cache=\"none\"");
    }
}
