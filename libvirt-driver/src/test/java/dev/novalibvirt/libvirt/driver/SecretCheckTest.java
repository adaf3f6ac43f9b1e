package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The destination's cephx secret check. Issue 11's "SecretCheck.valueOf reports every libvirt error as 'holds a
 * different value'": since the Host/Guest port refactor the Secret port throws InternalError for any libvirt failure
 * but "no value", and the check lets it through. The key source's key must have a cephx key's shape (type 1, 16 key
 * bytes, 28 bytes in all) before it is compared or defined, and a refusal never shows it.
 */
class SecretCheckTest {
    private static final String UUID = "5b8e9c7a-1d2e-4f3a-8b9c-0d1e2f3a4b5c";
    /** A cephx key as {@code ceph auth get-key} prints it (made up). */
    private static final String KEY_TEXT = "AQBvXqRkAAAAABAAq7c6cS0N3iB4sH5zUqk6Yw==";
    private static final byte[] KEY = Base64.getDecoder().decode(KEY_TEXT);

    private static CephxKeySource source(byte[] key) {
        return () -> Optional.of(key.clone());
    }

    @Test
    void aLibvirtErrorReadingTheSecretIsReportedAsItselfNotAsAMismatch() {
        FakeHost host = new FakeHost();
        host.defineCephSecret(UUID, "client.nova", KEY);
        host.secretValueFailure = new InternalError("reading secret " + UUID + " failed: cannot recv data");
        assertThatThrownBy(() -> SecretCheck.decide(host, "host-b", UUID, source(KEY), false))
                .isInstanceOf(InternalError.class).hasMessageContaining("cannot recv data")
                .hasMessageNotContaining("different value");
    }

    @Test
    void aSecretHoldingTheConfiguredKeyNeedsNothing() {
        FakeHost host = new FakeHost();
        host.defineCephSecret(UUID, "client.nova", KEY);
        assertThat(SecretCheck.decide(host, "host-b", UUID, source(KEY), false)).isEqualTo(SecretCheck.Action.NOTHING);
    }

    @Test
    void aMissingSecretIsDefinedFromAWellFormedKeyWhenAllowed() {
        assertThat(SecretCheck.decide(new FakeHost(), "host-b", UUID, source(KEY), true))
                .isEqualTo(SecretCheck.Action.DEFINE);
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedAsMalformedNotDefined() {
        FakeHost host = new FakeHost();
        assertThatThrownBy(() -> SecretCheck.decide(host, "host-b", UUID, source(Arrays.copyOf(KEY, 27)), true))
                .isInstanceOf(MigrationPreCheckError.class)
                .hasMessageContaining("is not a cephx key").hasMessageContaining("rbd_secret_uuid")
                .hasMessageContaining("expected the 28 bytes").hasMessageContaining("got 27 bytes")
                .hasMessageNotContaining(KEY_TEXT.substring(0, 12));
        assertThat(host.secrets).isEmpty();
    }

    @Test
    void aKeyOfAnotherTypeIsRefusedRatherThanReportedAsADifferentValue() {
        FakeHost host = new FakeHost();
        host.defineCephSecret(UUID, "client.nova", KEY);
        byte[] notAes = KEY.clone();
        notAes[0] = 7;
        assertThatThrownBy(() -> SecretCheck.decide(host, "host-b", UUID, source(notAes), false))
                .isInstanceOf(MigrationPreCheckError.class).hasMessageContaining("is not a cephx key")
                .hasMessageContaining("got 28 bytes of another shape").hasMessageNotContaining("different value");
    }

    @Test
    void aKeyWhoseLengthFieldIsNotSixteenIsRefused() {
        byte[] longer = KEY.clone();
        longer[10] = 32;
        assertThatThrownBy(() -> SecretCheck.decide(new FakeHost(), "host-b", UUID, source(longer), true))
                .isInstanceOf(MigrationPreCheckError.class).hasMessageContaining("is not a cephx key");
    }

    @Test
    void theBase64TextInsteadOfTheDecodedKeyIsNamedAsSuchWithoutQuotingIt() {
        byte[] text = KEY_TEXT.getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> SecretCheck.decide(new FakeHost(), "host-b", UUID, source(text), true))
                .isInstanceOf(MigrationPreCheckError.class).hasMessageContaining("got 40 bytes")
                .hasMessageContaining("base64 text of a key, the key source must return it decoded")
                .hasMessageNotContaining(KEY_TEXT.substring(0, 12)).hasMessageNotContaining(KEY_TEXT.substring(20));
    }

    @Test
    void anEmptyKeyIsRefused() {
        assertThatThrownBy(() -> SecretCheck.decide(new FakeHost(), "host-b", UUID, source(new byte[0]), true))
                .isInstanceOf(MigrationPreCheckError.class).hasMessageContaining("got 0 bytes");
    }

    @Test
    void theKeySourcesArrayIsWipedAfterARefusal() {
        byte[] handedOut = Arrays.copyOf(KEY, 27);
        assertThatThrownBy(() -> SecretCheck.decide(new FakeHost(), "host-b", UUID, () -> Optional.of(handedOut),
                true)).isInstanceOf(MigrationPreCheckError.class);
        assertThat(handedOut).containsOnly((byte) 0);
    }
}
