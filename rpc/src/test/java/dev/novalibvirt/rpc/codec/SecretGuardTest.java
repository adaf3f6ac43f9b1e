package dev.novalibvirt.rpc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateBDMInfo;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.rpc.Samples;
import dev.novalibvirt.rpc.SecretInMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretGuardTest {
    private static final String KEY = "AQBvaBFZAAAAABAA9VHgwCgAAAAAAAAAAAAAAA==";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theMigrationsOwnDataPasses() {
        // secret_uuid names a libvirt secret; it is not the secret
        assertThatCode(() -> SecretGuard.check(ContractJson.encode(Samples.FULL_MIGRATE_DATA), "args.migrate_data"))
                .doesNotThrowAnyException();
    }

    @Test
    void aKeyringInsideConnectionInfoJsonIsRefusedByPathNotValue() {
        LibvirtLiveMigrateData md = LibvirtLiveMigrateData.builder().bdms(List.of(new LibvirtLiveMigrateBDMInfo(
                "vol-1", null, null, null, null, null,
                "{\"data\": {\"keyring\": \"[client.nova]\\nkey = " + KEY + "\\n\"}}", null))).build();
        assertThatThrownBy(() -> SecretGuard.check(ContractJson.encode(md), "args.migrate_data"))
                .isInstanceOf(SecretInMessage.class).hasMessageNotContaining(KEY)
                .extracting(e -> ((SecretInMessage) e).path())
                .isEqualTo("args.migrate_data.bdms[0].connection_info_json");
    }

    @Test
    void passwordsTokensAndBareKeysAreRefused() throws Exception {
        assertThatThrownBy(() -> SecretGuard.check(JSON.readTree("{\"data\": {\"auth_password\": \"x\"}}"), "args"))
                .isInstanceOf(SecretInMessage.class).hasMessageContaining("args.data.auth_password");
        assertThatThrownBy(() -> SecretGuard.check(JSON.readTree("{\"auth_token\": \"gAAAA\"}"), "_context"))
                .isInstanceOf(SecretInMessage.class);
        assertThatThrownBy(() -> SecretGuard.check(JSON.readTree("[\"-o key=" + KEY + "\"]"), "args"))
                .isInstanceOf(SecretInMessage.class).hasMessageContaining("args[0]");
        assertThatCode(() -> SecretGuard.check(JSON.readTree("{\"password\": null, \"key\": \"\"}"), "args"))
                .doesNotThrowAnyException();
    }

    @Test
    void freeTextHasKeysMasked() {
        assertThat(SecretGuard.mask("secret-set-value --base64 " + KEY)).isEqualTo("secret-set-value --base64 ***");
    }
}
