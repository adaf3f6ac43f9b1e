package dev.novalibvirt.conformance.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.io.BaseEncoding;
import dev.novalibvirt.core.exception.InvalidInput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class SecretMatcherTest {
    /** A cephx key made up for the test: type 1, a creation time, length 16, then the AES key bytes. */
    private static final byte[] KEY_BYTES = key();
    private static final String KEY = Base64.getEncoder().encodeToString(KEY_BYTES);
    private static final String SECRET_UUID = "690dded0-550d-4361-9026-01b8329fb9fe";
    private static final Secret NOVA = Secret.cephxKey("client.nova cephx key", KEY);
    private static final Secret RABBIT = Secret.password("RabbitMQ password", "s3cr&t/pa ss");

    private final SecretMatcher matcher = new SecretMatcher(List.of(NOVA, RABBIT));

    private static byte[] key() {
        byte[] k = new byte[28];
        k[0] = 1;
        k[2] = 0x12;
        k[6] = 0x34;
        k[10] = 16;
        for (int i = 12; i < 28; i++) {
            k[i] = (byte) (i * 37 + 11);
        }
        return k;
    }

    @Test
    void aKeyInBase64IsFoundAndTheReportNamesItsPlaceAndKindWithoutShowingIt() {
        List<SecretHit> hits = matcher.scanLine("rbd.log:7", "auth: using key " + KEY + " for client.nova");

        assertThat(hits).singleElement().satisfies(h -> {
            assertThat(h.where()).isEqualTo("rbd.log:7");
            assertThat(h.what()).isEqualTo("client.nova cephx key");
            assertThat(h.form()).isEqualTo("base64");
            assertThat(h.maskedLine()).isEqualTo("auth: using key <client.nova cephx key, base64> for client.nova");
            assertThat(h.toString()).doesNotContain(KEY);
        });
    }

    @Test
    void theKeysBytesAsHexAreFoundInEitherCase() {
        String hex = BaseEncoding.base16().encode(KEY_BYTES);

        assertThat(matcher.scanLine("dump", "bytes=" + hex)).extracting(SecretHit::form)
                .containsExactly("hex of the key bytes");
        assertThat(matcher.scanLine("dump", "bytes=" + hex.toLowerCase(Locale.ROOT))).extracting(SecretHit::form)
                .containsExactly("hex of the key bytes");
    }

    @Test
    void theAesKeyAloneIsFoundAsHexAndAsBase64() {
        byte[] aes = Arrays.copyOfRange(KEY_BYTES, 12, 28);

        assertThat(matcher.scanLine("x", "k=" + BaseEncoding.base16().lowerCase().encode(aes)))
                .extracting(SecretHit::form).containsExactly("hex of the AES key");
        assertThat(matcher.scanLine("x", "k=" + Base64.getEncoder().encodeToString(aes)))
                .extracting(SecretHit::form).containsExactly("AES key in base64");
    }

    @Test
    void aKeyUrlEncodedAsAJournalValueIsFound() {
        String encoded = URLEncoder.encode(KEY, StandardCharsets.UTF_8);

        assertThat(matcher.scanLine("migrations.journal:1", "v1 ... key=" + encoded + " crc=1a2b3c4d"))
                .extracting(SecretHit::what).containsExactly("client.nova cephx key");
    }

    @Test
    void aPasswordIsFoundAsItIsUrlEncodedInATransportUrlAndXmlEscapedInAReport() {
        assertThat(matcher.scanLine("a", "password=s3cr&t/pa ss")).extracting(SecretHit::form)
                .containsExactly("as it is");
        assertThat(matcher.scanLine("b", "rabbit://nova:s3cr%26t%2Fpa%20ss@198.18.0.1:5672/nova"))
                .extracting(SecretHit::what).containsExactly("RabbitMQ password");
        assertThat(matcher.scanLine("c", "<failure message=\"login s3cr&amp;t/pa ss refused\"/>"))
                .extracting(SecretHit::form).containsExactly("XML-escaped");
    }

    @Test
    void theSecretsUuidTheFsidAndOtherKeysAreNoHit() {
        String xml = "<auth username='nova'><secret type='ceph' uuid='" + SECRET_UUID + "'/></auth>";
        String otherKey = Base64.getEncoder().encodeToString(new byte[28]);

        assertThat(matcher.scanLine("dumpxml", xml)).isEmpty();
        assertThat(matcher.scanLine("log", SECRET_UUID.replace("-", ""))).isEmpty();
        assertThat(matcher.scanLine("log", "fsid affb37de-c62f-4b0c-a649-5d635cd90d18 key " + otherKey)).isEmpty();
        assertThat(matcher.scanLine("log", KEY.substring(0, KEY.length() - 3))).as("a key cut short").isEmpty();
    }

    @Test
    void twoSecretsOnOneLineAreBothReportedAndBothMasked() {
        List<SecretHit> hits = matcher.scanLine("l:1", KEY + " and s3cr&t/pa ss");

        assertThat(hits).extracting(SecretHit::what).containsExactlyInAnyOrder("client.nova cephx key",
                "RabbitMQ password");
        assertThat(hits.get(0).maskedLine()).doesNotContain(KEY).doesNotContain("s3cr&t/pa ss");
    }

    @Test
    void aLongLineIsCutAroundTheHit() {
        String line = "x".repeat(5000) + KEY + "y".repeat(5000);

        String shown = matcher.scanLine("argv", line).get(0).maskedLine();
        assertThat(shown).hasSizeLessThan(260).contains("<client.nova cephx key, base64>").startsWith("...");
    }

    @Test
    void aSecretTooShortToSearchForOrAKeyThatIsNotBase64IsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> Secret.password("RabbitMQ password", "xq7"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("RabbitMQ password")
                .hasMessageNotContaining("xq7");
        assertThatThrownBy(() -> Secret.cephxKey("client.admin cephx key", "not*base64!"))
                .isInstanceOf(InvalidInput.class).hasMessageNotContaining("not*base64!");
        assertThat(NOVA.toString()).doesNotContain(KEY).contains("client.nova cephx key");
    }

    @Test
    void theKeyOfAKeyringIsItsKeyLine() {
        String keyring = "[client.nova]\n\tkey = " + KEY + "\n\tcaps mon = \"profile rbd\"\n";

        assertThat(LabSecrets.keyOf(keyring)).contains(KEY);
        assertThat(LabSecrets.keyOf("[client.x]\n\tkeyring = /etc/x\n")).isEmpty();
    }
}
