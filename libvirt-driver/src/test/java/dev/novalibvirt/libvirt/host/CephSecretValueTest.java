package dev.novalibvirt.libvirt.host;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CephSecretValueTest {
    private static final String UUID = "5d5e6f70-8192-4a3b-9c4d-5e6f70819203";
    private static final String KEY = "AQBvXqRkAAAAABAAq7c6cS0N3iB4sH5zUqk6Yw==";

    @Test
    void theDecodedKeyOfCephAuthGetKeyIsAccepted() {
        assertThatCode(() -> CephSecretValue.check(UUID, "client.nova secret", Base64.getDecoder().decode(KEY)))
                .doesNotThrowAnyException();
    }

    @Test
    void theBase64TextInsteadOfTheBytesIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> CephSecretValue.check(UUID, "client.nova secret",
                KEY.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("not a cephx key")
                .hasMessageContaining("40 bytes").hasMessageNotContaining(KEY.substring(0, 12));
    }
}
