package dev.novalibvirt.conformance.field;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.conformance.migration.GuestProbe;
import dev.novalibvirt.core.ceph.CacheWarning;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The driver's librbd cache pre-check on the real lab: host-b describes itself in {@code dst_rbd_cache_facts}
 * (QEMU from libvirtd, the lab's ceph.conf), host-a compares for the guest's RBD disk. Same settings on both hosts:
 * (both {@code disk_cachemodes = network=writeback}) no warning; host-b re-applying {@code network=none} to the
 * cache=writeback guest (librbd's cache would go off): one warning,
 * and the source check still passes.
 */
@ExtendWith(LabExtension.class)
class RbdCachePreCheckIT {
    private ContractLab lab;
    private LibvirtDriver a;
    private Instance instance;

    @BeforeEach
    void hosts(LabEnv env) {
        lab = ContractLab.of(env);
        a = lab.driver("a");
        instance = lab.newInstance("cachewire");
        a.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
        assertThat(GuestProbe.serialGrows(a, instance, Duration.ofSeconds(10))).as("guest runs on host-a").isTrue();
    }

    @AfterEach
    void cleanUp() {
        GuestProbe.purge(instance, a);
        a.close();
    }

    private List<CacheWarning> checkAgainst(LibvirtDriver b) {
        LibvirtLiveMigrateData dest = b.checkCanLiveMigrateDestination(instance, a.getAvailableResource(),
                b.getAvailableResource(), null, null);
        try {
            assertThat(dest.dstRbdCacheFacts()).as("host-b sends its cache facts").isNotNull();
            assertThat(dest.dstRbdCacheFacts().qemu()).startsWith("7.");
            LibvirtLiveMigrateData wire = LibvirtLiveMigrateData.fromJson(dest.toJson());
            LibvirtLiveMigrateData checked = a.checkCanLiveMigrateSource(instance, wire, BlockDeviceInfo.none());
            assertThat(checked.isSharedBlockStorage()).as("warnings never refuse").isTrue();
            return a.rbdCacheWarnings(instance, wire);
        } finally {
            b.cleanupLiveMigrationDestinationCheck(dest);
        }
    }

    @Test
    void labHostsGiveTheGuestTheSameCachingSoNoWarning() {
        LibvirtDriver b = lab.driver("b");
        try {
            assertThat(checkAgainst(b)).isEmpty();
        } finally {
            b.close();
        }
    }

    @Test
    void aDestinationReapplyingNoneToAWritebackDiskIsWarnedAbout() {
        LibvirtDriver b = lab.driver("b", lab.instancesPath("b"), "[libvirt]\ndisk_cachemodes = network=none",
                lab.cephxKeys(), false);
        try {
            List<CacheWarning> warnings = checkAgainst(b);
            assertThat(warnings).extracting(CacheWarning::disk).containsExactly("vda");
            assertThat(warnings.get(0).message()).contains("cache=none", "cache=writeback", "host-a", "host-b");
        } finally {
            b.close();
        }
    }
}
