package dev.novalibvirt.core.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CephxKeyTextTest {
    /** The shape {@code ceph auth get-key} prints (a made-up key). */
    private static final String KEY = "AQBvXqRkAAAAABAAq7c6cS0N3iB4sH5zUqk6Yw==";

    @Test
    void aKeyInsideALogLineIsFoundAndMasked() {
        String line = "secret-set-value failed for key=" + KEY + " on host-b";
        assertThat(CephxKeyText.contains(line)).isTrue();
        assertThat(CephxKeyText.mask(line, "***")).isEqualTo("secret-set-value failed for key=*** on host-b");
    }

    @Test
    void aKeyWhosePaddingWasCutOffIsStillAKey() {
        String unpadded = KEY.substring(0, KEY.length() - 2);
        assertThat(CephxKeyText.contains("k=" + unpadded)).isTrue();
        assertThat(CephxKeyText.mask(unpadded, "<redacted>")).isEqualTo("<redacted>");
    }

    @Test
    void uuidsNamesAndShortBase64AreNotKeys() {
        assertThat(CephxKeyText.contains("5c7f3e2a-9b1d-4c8e-a6f0-1d2e3f4a5b6c")).isFalse();
        assertThat(CephxKeyText.contains("client.nova")).isFalse();
        assertThat(CephxKeyText.contains("AQBvXqRkAAAAABAA")).isFalse();
        assertThat(CephxKeyText.contains(null)).isFalse();
        assertThat(CephxKeyText.mask(null, "***")).isNull();
    }

    @Test
    void aMaskWithDollarSignsIsInsertedLiterally() {
        assertThat(CephxKeyText.mask(KEY, "$1")).isEqualTo("$1");
    }
}
