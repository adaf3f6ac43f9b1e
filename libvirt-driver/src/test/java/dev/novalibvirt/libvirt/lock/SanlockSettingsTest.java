package dev.novalibvirt.libvirt.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SanlockSettingsTest {

    @Test
    void rendersQemuSanlockConfForAutomaticDiskLeases() {
        SanlockSettings s = SanlockSettings.autoLeases(Path.of("/srv/leases"), 7);
        assertThat(s.qemuSanlockConf()).contains("auto_disk_leases = 1\n", "disk_lease_dir = \"/srv/leases\"\n",
                "host_id = 7\n", "require_lease_for_disks = 1\n", "user = \"root\"\n", "group = \"root\"\n");
        assertThat(SanlockSettings.qemuConfLockManager()).isEqualTo("lock_manager = \"sanlock\"\n");
    }

    @Test
    void hostIdsOutsideSanlocksRangeAreRefused() {
        assertThatThrownBy(() -> SanlockSettings.autoLeases(Path.of("/srv/leases"), 0))
                .isInstanceOf(LockConfigException.class).hasMessageContaining("host_id");
        assertThatThrownBy(() -> SanlockSettings.autoLeases(Path.of("/srv/leases"), 2001))
                .isInstanceOf(LockConfigException.class);
    }

    @Test
    void valuesThatWouldBreakLibvirtsConfParserAreRefused() {
        assertThatThrownBy(() -> SanlockSettings.autoLeases(Path.of("relative/dir"), 1)).isInstanceOf(LockConfigException.class);
        assertThatThrownBy(() -> SanlockSettings.autoLeases(Path.of("/srv/\"x"), 1)).isInstanceOf(LockConfigException.class);
        assertThatThrownBy(() -> new SanlockSettings(Path.of("/srv"), 1, true, true, "ro\not", "root"))
                .isInstanceOf(LockConfigException.class);
    }
}
