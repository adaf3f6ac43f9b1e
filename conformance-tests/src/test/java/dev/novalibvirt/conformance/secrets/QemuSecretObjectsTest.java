package dev.novalibvirt.conformance.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QemuSecretObjectsTest {
    @Test
    void theMasterKeyFromAFileAndAnEncryptedKeyPass() {
        assertThat(QemuSecretObjects.check("q.log:9", "-object '{\"qom-type\":\"secret\",\"id\":\"masterKey0\","
                + "\"format\":\"raw\",\"file\":\"/var/lib/libvirt/qemu/domain-1-x/master-key.aes\"}' \\")).isEmpty();
        assertThat(QemuSecretObjects.check("q.log:10", "-object '{\"qom-type\":\"secret\",\"id\":\"libvirt-1-"
                + "storage-auth-secret0\",\"data\":\"c2VjcmV0\",\"keyid\":\"masterKey0\",\"iv\":\"aXY=\","
                + "\"format\":\"base64\"}' \\")).isEmpty();
        assertThat(QemuSecretObjects.check("argv:12",
                "secret,id=sec0,data=c2VjcmV0,keyid=masterKey0,iv=aXY=,format=base64")).isEmpty();
    }

    @Test
    void aSecretObjectWithPlainDataIsAHitWithItsDataMasked() {
        assertThat(QemuSecretObjects.check("q.log:10",
                "-object '{\"qom-type\":\"secret\",\"id\":\"s0\",\"data\":\"QVFCcGxhaW4=\",\"format\":\"base64\"}'"))
                .hasValueSatisfying(h -> {
                    assertThat(h.where()).isEqualTo("q.log:10");
                    assertThat(h.maskedLine()).contains("\"data\":\"<data>\"").doesNotContain("QVFCcGxhaW4=");
                });
        assertThat(QemuSecretObjects.check("argv:7", "secret,id=s0,data=QVFCcGxhaW4=,format=base64"))
                .hasValueSatisfying(h -> assertThat(h.maskedLine())
                        .isEqualTo("secret,id=s0,data=<data>,format=base64"));
    }

    @Test
    void aDiskThatNamesItsSecretIsNoSecretObject() {
        assertThat(QemuSecretObjects.check("q.log:11", "-blockdev '{\"driver\":\"rbd\",\"auth-client-required\":"
                + "[\"cephx\",\"none\"],\"key-secret\":\"libvirt-1-storage-auth-secret0\"}' \\")).isEmpty();
    }
}
