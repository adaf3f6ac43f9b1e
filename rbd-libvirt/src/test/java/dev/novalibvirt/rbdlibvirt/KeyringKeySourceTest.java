package dev.novalibvirt.rbdlibvirt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.ceph.CephConf;
import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.libvirt.driver.CephxKeySource;
import dev.novalibvirt.rbd.RbdConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the cephx key of {@code client.<rbd_user>} is found: where librados would look for it. */
class KeyringKeySourceTest {
    static final String KEY = "AQBvXqRkAAAAABAAq7c6cS0N3iB4sH5zUqk6Yw==";

    @TempDir
    Path dir;

    private RbdConfig rbd() {
        return RbdConfig.from(NovaConfig.parse("[DEFAULT]\nhost = compute-1\ninstances_path = " + dir
                + "\n[libvirt]\nimages_type = rbd\nrbd_user = nova\nimages_rbd_ceph_conf = " + dir.resolve("ceph.conf")
                + "\n"));
    }

    private Path keyring(String file, String section) throws Exception {
        return Files.writeString(dir.resolve(file), "[" + section + "]\n\tkey = " + KEY + "\n");
    }

    private static byte[] key(CephxKeySource source) {
        return source.cephxKey().orElseThrow();
    }

    @Test
    void theKeyringCephConfNamesIsReadWithItsMetavariablesExpanded() throws Exception {
        keyring("ceph.client.nova.keyring", "client.nova");
        CephConf conf = CephConf.parse("[client]\nkeyring = " + dir.resolve("missing.keyring") + ", "
                + dir.resolve("$cluster.$name.keyring") + "\n");
        assertThat(key(KeyringKeySource.resolve(rbd(), conf, dir.resolve("etc"))))
                .isEqualTo(Base64.getDecoder().decode(KEY));
    }

    @Test
    void aKeyringCephConfNamesButNobodyCanReadIsRefusedNamingTheOptionNotAKey() {
        CephConf conf = CephConf.parse("[client.nova]\nkeyring = " + dir.resolve("gone.keyring") + "\n");
        assertThatThrownBy(() -> KeyringKeySource.resolve(rbd(), conf, dir))
                .isInstanceOf(InvalidConfiguration.class)
                .hasMessageContaining("images_rbd_ceph_conf").hasMessageContaining("[client.nova] keyring")
                .hasMessageContaining("gone.keyring").hasMessageContaining("client.nova");
    }

    @Test
    void withoutAKeyringOptionCephsDefaultPathIsUsed() throws Exception {
        Files.createDirectories(dir.resolve("etc"));
        keyring("etc/ceph.client.nova.keyring", "client.nova");
        assertThat(key(KeyringKeySource.resolve(rbd(), CephConf.empty(), dir.resolve("etc"))))
                .isEqualTo(Base64.getDecoder().decode(KEY));
    }

    @Test
    void noKeyringAnywhereIsASourceOfNoKey() {
        assertThat(KeyringKeySource.resolve(rbd(), CephConf.empty(), dir).cephxKey()).isEmpty();
    }

    @Test
    void anotherUsersSectionGivesNoKeyAndABrokenKeyIsNamedWithoutItsText() throws Exception {
        Path other = keyring("other.keyring", "client.admin");
        assertThat(new KeyringKeySource(other, "nova").cephxKey()).isEmpty();
        Path broken = Files.writeString(dir.resolve("broken.keyring"), "[client.nova]\nkey = not*base64\n");
        assertThatThrownBy(() -> new KeyringKeySource(broken, "nova").cephxKey())
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("broken.keyring")
                .hasMessageNotContaining("not*base64");
    }
}
