package dev.novalibvirt.libvirt.driver;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InternalError;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's "SecretCheck.valueOf reports every libvirt error as 'holds a different value'": since the Host/Guest
 * port refactor the Secret port throws InternalError for any libvirt failure but "no value", and the check lets it
 * through; this pins that.
 */
class SecretCheckTest {
    private static final String UUID = "5b8e9c7a-1d2e-4f3a-8b9c-0d1e2f3a4b5c";

    @Test
    void aLibvirtErrorReadingTheSecretIsReportedAsItselfNotAsAMismatch() {
        FakeHost host = new FakeHost();
        host.defineCephSecret(UUID, "client.nova", "AQBkey".getBytes(StandardCharsets.US_ASCII));
        host.secretValueFailure = new InternalError("reading secret " + UUID + " failed: cannot recv data");
        CephxKeySource keys = () -> Optional.of("AQBkey".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> SecretCheck.decide(host, "host-b", UUID, keys, false))
                .isInstanceOf(InternalError.class).hasMessageContaining("cannot recv data")
                .hasMessageNotContaining("different value");
    }
}
