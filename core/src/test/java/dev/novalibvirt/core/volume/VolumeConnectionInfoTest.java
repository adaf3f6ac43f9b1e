package dev.novalibvirt.core.volume;

import static dev.novalibvirt.core.volume.VolumeSamples.CINDER_SECRET;
import static dev.novalibvirt.core.volume.VolumeSamples.KEY;
import static dev.novalibvirt.core.volume.VolumeSamples.VOLUME_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.VolumeDriverNotFound;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VolumeConnectionInfoTest {

    @Test
    void cindersRbdConnectionIsReadWithEveryFieldNovaUses() {
        VolumeConnectionInfo info = VolumeConnectionInfo.fromJson(VolumeSamples.keepsAddressConnection());

        RbdConnectionData d = info.data();
        assertThat(info.driverVolumeType()).isEqualTo("rbd");
        assertThat(info.serial()).isEqualTo(VOLUME_ID);
        assertThat(info.volumeId()).isEqualTo(VOLUME_ID);
        assertThat(d.pool()).isEqualTo("cinder-volumes");
        assertThat(d.image()).isEqualTo("volume-d299a078");
        assertThat(d.hosts()).containsExactly("172.16.128.101", "172.16.128.121");
        assertThat(d.ports()).containsExactly("6789", "6789", "6789");
        assertThat(d.authEnabled()).isTrue();
        assertThat(d.authUsername()).isEqualTo("cinder");
        assertThat(d.secretType()).isEqualTo("ceph");
        assertThat(d.secretUuid()).isEqualTo(CINDER_SECRET);
        assertThat(d.clusterName()).isEqualTo("ceph");
        assertThat(d.discard()).isTrue();
        assertThat(d.accessMode()).isEqualTo("rw");
        assertThat(d.qosSpecs()).isEmpty();
    }

    @Test
    void theKeyringCinderSendsIsNeverKeptNorWrittenBack() {
        VolumeConnectionInfo info = VolumeConnectionInfo.fromJson(VolumeSamples.keepsAddressConnection());

        assertThat(info.toString()).doesNotContain(KEY);
        assertThat(info.toJson()).doesNotContain(KEY).doesNotContain("keyring");
    }

    @Test
    void theJsonWrittenReadsBackEqual() {
        VolumeConnectionInfo info = VolumeConnectionInfo.fromJson(VolumeSamples.keepsAddressConnection());

        assertThat(VolumeConnectionInfo.fromJson(info.toJson())).isEqualTo(info);
    }

    @Test
    void novasQosSpecsAsStringsAreNumbers() {
        String json = """
                {"driver_volume_type": "rbd", "data": {"name": "rbd/vol", "auth_enabled": false,
                 "qos_specs": {"total_bytes_sec": "1048576", "read_iops_sec": 500, "consumer": "front-end"}}}""";

        assertThat(VolumeConnectionInfo.fromJson(json).data().qosSpecs())
                .isEqualTo(Map.of("total_bytes_sec", 1048576L, "read_iops_sec", 500L));
    }

    @Test
    void anIpv6MonitorAndAMissingPortAreKept() {
        RbdConnectionData d = new RbdConnectionData("rbd/vol", List.of("example.com", "1.2.3.4", "::1"),
                Arrays.asList(null, "6790", "6791"), false, null, null, null, null, null, false, null, null);

        assertThat(d.hosts()).containsExactly("example.com", "1.2.3.4", "::1");
        assertThat(d.ports()).containsExactly(null, "6790", "6791");
    }

    @Test
    void aDriverVolumeTypeOtherThanRbdHasNoHandler() {
        assertThatThrownBy(() -> VolumeConnectionInfo.fromJson(
                "{\"driver_volume_type\": \"iscsi\", \"data\": {\"target_iqn\": \"iqn.x\"}}"))
                .isInstanceOf(VolumeDriverNotFound.class)
                .hasMessage("Could not find a handler for 'iscsi' volume.");
    }

    @Test
    void poolAndVolumeNamesCannotEscapeTheirPool() {
        for (String name : List.of("../etc/passwd", "rbd/../other", "rbd/vol@snap", "rbd/vol:conf=/etc/x",
                "rbd/ns/vol", "rbd", "/vol", "rbd/", "rbd/..", "-rbd/vol", "rbd/vol\n")) {
            assertThatThrownBy(() -> data(name, false, null, null), name)
                    .isInstanceOf(InvalidInput.class).hasMessageContaining("connection_info data.name");
        }
    }

    @Test
    void authNeedsAUserAndTheCephSecretType() {
        assertThatThrownBy(() -> data("rbd/vol", true, null, CINDER_SECRET))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("auth_username");
        assertThatThrownBy(() -> new RbdConnectionData("rbd/vol", List.of(), List.of(), true, "cinder", "iscsi",
                CINDER_SECRET, null, null, false, null, null))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("secret_type");
        assertThatThrownBy(() -> data("rbd/vol", true, "client.cinder;rm", CINDER_SECRET))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("auth_username");
    }

    @Test
    void aKeyGivenWhereASecretUuidBelongsIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> data("rbd/vol", true, "cinder", KEY))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("secret_uuid")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void aFieldOfTheWrongTypeIsNamedButNotShown() {
        String json = "{\"driver_volume_type\": \"rbd\", \"data\": {\"name\": \"rbd/vol\", \"auth_enabled\": \""
                + KEY + "\"}}";

        assertThatThrownBy(() -> VolumeConnectionInfo.fromJson(json))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("data.auth_enabled must be true or false")
                .hasMessageNotContaining(KEY);
    }

    @Test
    void malformedJsonIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> VolumeConnectionInfo.fromJson("{\"data\": {\"x\": \"" + KEY + "\"} trailing"))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("not well-formed")
                .hasMessageNotContaining(KEY);
        assertThatThrownBy(() -> VolumeConnectionInfo.fromJson(
                "{\"driver_volume_type\": \"rbd\", \"driver_volume_type\": \"rbd\", \"data\": {}}"))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void badMonitorsPortsAndAccessModesAreRefused() {
        assertThatThrownBy(() -> new RbdConnectionData("rbd/vol", List.of("mon;rm -rf"), List.of("6789"), false,
                null, null, null, null, null, false, null, null)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("data.hosts[0]");
        assertThatThrownBy(() -> new RbdConnectionData("rbd/vol", List.of("mon"), List.of("70000"), false,
                null, null, null, null, null, false, null, null)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("data.ports[0]");
        assertThatThrownBy(() -> new RbdConnectionData("rbd/vol", List.of(), List.of(), false,
                null, null, null, null, null, false, "wo", null)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("access_mode");
    }

    @Test
    void theSerialIsAPlainVolumeId() {
        assertThatThrownBy(() -> new VolumeConnectionInfo("../../x", false, data("rbd/vol", false, null, null)))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("serial");
    }

    @Test
    void withoutADataVolumeIdTheSerialIsTheVolumeId() {
        VolumeConnectionInfo info = new VolumeConnectionInfo(VOLUME_ID, false, data("rbd/vol", false, null, null));

        assertThat(info.volumeId()).isEqualTo(VOLUME_ID);
    }

    private static RbdConnectionData data(String name, boolean auth, String user, String secret) {
        return new RbdConnectionData(name, List.of(), List.of(), auth, user, auth ? "ceph" : null, secret, null,
                null, false, null, null);
    }
}
