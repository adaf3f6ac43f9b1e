package dev.novalibvirt.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidInput;
import org.junit.jupiter.api.Test;

class SafeTextAndChecksTest {
    private static final String KEY = "AQBvXqRkAAAAABAAq7c6cS0N3iB4sH5zUqk6Yw==";

    @Test
    void aCephxKeyOrAValueForASecretFieldIsNeverShown() {
        assertThat(SafeText.quote(KEY)).isEqualTo(SafeText.HIDDEN);
        assertThat(SafeText.quote("a " + KEY + " b")).isEqualTo(SafeText.HIDDEN);
        assertThat(SafeText.quote("rbd_secret_uuid", "not-a-uuid")).isEqualTo(SafeText.HIDDEN);
        assertThat(SafeText.quote("images_rbd_pool", "vms")).isEqualTo("'vms'");
    }

    @Test
    void controlCharactersAreReplacedAndLongValuesCut() {
        assertThat(SafeText.quote("a\nb\0c")).isEqualTo("'a?b?c'");
        assertThat(SafeText.quote("x".repeat(100))).isEqualTo("'" + "x".repeat(64) + "...(100 chars)'");
    }

    @Test
    void hostsAreNamesOrAddressesAndNeverAnOption() {
        assertThat(Checks.host("compute-1.lab", "h")).isEqualTo("compute-1.lab");
        assertThat(Checks.host("fd00::12", "h")).isEqualTo("fd00::12");
        assertThat(Checks.hostWithOptionalPort("[fd00::12]:4444", "h")).isEqualTo("[fd00::12]:4444");
        assertThat(Checks.hostWithOptionalPort("198.18.0.12:4444", "h")).isEqualTo("198.18.0.12:4444");
        assertThat(Checks.isIpv6Literal("::ffff:198.18.0.1")).isTrue();
        assertThat(Checks.isIpv6Literal("1:2:3")).isFalse();
        assertThat(Checks.isIpv6Literal("1::2::3")).isFalse();
        for (String bad : new String[] {"-oProxyCommand", "a b", "a;b", "$(reboot)", "a&&b", ""}) {
            assertThatThrownBy(() -> Checks.host(bad, "target_connect_addr")).isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("target_connect_addr");
        }
    }

    @Test
    void pathsAreAbsoluteAndNormalised() {
        assertThat(Checks.absolutePath("/var/lib/nova/instances/", "p")).isEqualTo("/var/lib/nova/instances/");
        for (String bad : new String[] {"relative", "/a/../b", "/a//b", "/a/./b", "/a\nb"}) {
            assertThatThrownBy(() -> Checks.absolutePath(bad, "dst_instances_path"))
                    .isInstanceOf(InvalidInput.class).hasMessageContaining("dst_instances_path");
        }
    }
}
