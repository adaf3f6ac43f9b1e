package dev.novalibvirt.rbd.cinder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.novalibvirt.core.exception.Forbidden;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.VolumeAttachmentNotFound;
import dev.novalibvirt.core.exception.VolumeDriverNotFound;
import dev.novalibvirt.core.exception.VolumeNotFound;
import dev.novalibvirt.core.volume.HostConnector;
import dev.novalibvirt.core.volume.VolumeAttachment;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class CinderClientTest {
    static final String PROJECT = "/v3/9f1e2d3c4b5a";
    static final String VOLUME = "d299a078-f0db-4993-bf03-f10fe44fd192";
    static final String INSTANCE = "6f1c9d0a-3b2e-4c5d-8e7f-0a1b2c3d4e5f";
    static final String ATTACHMENT = "5e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b";
    static final String SECRET = "0c6f0ab4-5c1e-4b1e-9d9e-7a3c2b1d0e9f";
    static final String KEY = "AQBzS0ZjAAAAABAAx8pQ0b3Wq1Zk9mV7nS2Rt4uHjKlMnOpQ==";
    static final HostConnector HOST_B = HostConnector.linux("198.18.0.12", "host-b");
    CinderClient cinder;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        cinder = new CinderClient(URI.create(wm.getHttpBaseUrl() + PROJECT + "/"), () -> "tok-123",
                Duration.ofSeconds(5));
    }

    /** Cinder's attachment record: connection_info flat, with driver_volume_type and the keyring among the data. */
    static String attachmentAnswer(String status) {
        return """
                {"attachment": {"id": "%s", "status": "%s", "instance": "%s", "volume_id": "%s", "attach_mode": "rw",
                 "attached_at": null, "detached_at": null,
                 "connection_info": {"driver_volume_type": "rbd", "name": "volumes/volume-%s",
                   "hosts": ["198.51.100.7", "198.51.100.8"], "ports": ["6789", "6789"], "cluster_name": "ceph",
                   "auth_enabled": true, "auth_username": "cinder", "secret_type": "ceph", "secret_uuid": "%s",
                   "volume_id": "%s", "discard": true, "qos_specs": null, "access_mode": "rw", "encrypted": false,
                   "keyring": "[client.cinder]\\n\\tkey = %s\\n", "attachment_id": "%s"}}}
                """.formatted(ATTACHMENT, status, INSTANCE, VOLUME, VOLUME, SECRET, VOLUME, KEY, ATTACHMENT);
    }

    @Test
    void attachmentCreateWithTheDestinationsConnectorReturnsItsConnectionInfo(WireMockRuntimeInfo wm) {
        wm.getWireMock().register(post(urlEqualTo(PROJECT + "/attachments")).willReturn(okJson(attachmentAnswer(
                "attaching"))));

        VolumeAttachment a = cinder.attachmentCreate(VOLUME, INSTANCE, HOST_B, "/dev/vdb");

        assertThat(a.id()).isEqualTo(ATTACHMENT);
        assertThat(a.status()).isEqualTo("attaching");
        assertThat(a.instanceUuid()).isEqualTo(INSTANCE);
        assertThat(a.connectionInfo().serial()).isEqualTo(VOLUME);
        assertThat(a.connectionInfo().data().name()).isEqualTo("volumes/volume-" + VOLUME);
        assertThat(a.connectionInfo().data().hosts()).containsExactly("198.51.100.7", "198.51.100.8");
        assertThat(a.connectionInfo().data().secretUuid()).isEqualTo(SECRET);
        assertThat(a.toString()).doesNotContain(KEY);
        wm.getWireMock().verifyThat(postRequestedFor(urlEqualTo(PROJECT + "/attachments"))
                .withHeader("OpenStack-API-Version", equalTo("volume 3.44"))
                .withHeader("X-Auth-Token", equalTo("tok-123"))
                .withRequestBody(equalToJson("""
                        {"attachment": {"volume_uuid": "%s", "instance_uuid": "%s",
                         "connector": {"ip": "198.18.0.12", "host": "host-b", "multipath": false,
                                       "platform": "x86_64", "os_type": "linux", "do_local_attach": false,
                                       "mountpoint": "/dev/vdb"}}}""".formatted(VOLUME, INSTANCE))));
    }

    @Test
    void attachmentCreateWithoutConnectorOnlyReserves(WireMockRuntimeInfo wm) {
        wm.getWireMock().register(post(urlEqualTo(PROJECT + "/attachments")).willReturn(okJson("""
                {"attachment": {"id": "%s", "status": "reserved", "instance": "%s", "volume_id": "%s",
                 "attach_mode": null, "connection_info": {}}}""".formatted(ATTACHMENT, INSTANCE, VOLUME))));

        VolumeAttachment a = cinder.attachmentCreate(VOLUME, INSTANCE, null, null);

        assertThat(a.status()).isEqualTo("reserved");
        assertThat(a.connectionInfo()).isNull();
        wm.getWireMock().verifyThat(postRequestedFor(urlEqualTo(PROJECT + "/attachments")).withRequestBody(
                equalToJson("{\"attachment\": {\"volume_uuid\": \"%s\", \"instance_uuid\": \"%s\"}}"
                        .formatted(VOLUME, INSTANCE))));
    }

    @Test
    void attachmentUpdateSendsTheConnector(WireMockRuntimeInfo wm) {
        wm.getWireMock().register(put(urlEqualTo(PROJECT + "/attachments/" + ATTACHMENT))
                .willReturn(okJson(attachmentAnswer("attaching"))));

        VolumeAttachment a = cinder.attachmentUpdate(ATTACHMENT, HOST_B, null);

        assertThat(a.connectionInfo().data().authUsername()).isEqualTo("cinder");
        wm.getWireMock().verifyThat(putRequestedFor(urlEqualTo(PROJECT + "/attachments/" + ATTACHMENT))
                .withHeader("OpenStack-API-Version", equalTo("volume 3.44"))
                .withRequestBody(equalToJson("""
                        {"attachment": {"connector": {"ip": "198.18.0.12", "host": "host-b", "multipath": false,
                         "platform": "x86_64", "os_type": "linux", "do_local_attach": false}}}""")));
    }

    @Test
    void attachmentCompleteIsTheOsCompleteAction(WireMockRuntimeInfo wm) {
        wm.getWireMock().register(post(urlEqualTo(PROJECT + "/attachments/" + ATTACHMENT + "/action"))
                .willReturn(aResponse().withStatus(204)));

        cinder.attachmentComplete(ATTACHMENT);

        wm.getWireMock().verifyThat(postRequestedFor(urlEqualTo(PROJECT + "/attachments/" + ATTACHMENT + "/action"))
                .withHeader("OpenStack-API-Version", equalTo("volume 3.44"))
                .withRequestBody(equalToJson("{\"os-complete\": null}")));
    }

    @Test
    void attachmentDeleteDeletesTheAttachmentOnly(WireMockRuntimeInfo wm) {
        wm.getWireMock().register(delete(urlEqualTo(PROJECT + "/attachments/" + ATTACHMENT))
                .willReturn(okJson("{}")));

        cinder.attachmentDelete(ATTACHMENT);

        wm.getWireMock().verifyThat(deleteRequestedFor(urlEqualTo(PROJECT + "/attachments/" + ATTACHMENT))
                .withHeader("OpenStack-API-Version", equalTo("volume 3.44")));
        wm.getWireMock().verifyThat(0, deleteRequestedFor(urlEqualTo(PROJECT + "/volumes/" + VOLUME)));
    }

    @Test
    void httpErrorsAreNovasExceptions(WireMockRuntimeInfo wm) {
        wm.getWireMock().register(post(urlEqualTo(PROJECT + "/attachments")).willReturn(aResponse().withStatus(404)
                .withBody("{\"itemNotFound\": {\"message\": \"Volume could not be found\", \"code\": 404}}")));
        wm.getWireMock().register(put(urlEqualTo(PROJECT + "/attachments/" + ATTACHMENT))
                .willReturn(aResponse().withStatus(404)));
        wm.getWireMock().register(delete(urlEqualTo(PROJECT + "/attachments/" + ATTACHMENT))
                .willReturn(aResponse().withStatus(403)));
        wm.getWireMock().register(post(urlEqualTo(PROJECT + "/attachments/" + ATTACHMENT + "/action"))
                .willReturn(aResponse().withStatus(400).withBody(KEY)));

        assertThatThrownBy(() -> cinder.attachmentCreate(VOLUME, INSTANCE, HOST_B, null))
                .isInstanceOf(VolumeNotFound.class).hasMessageContaining(VOLUME);
        assertThatThrownBy(() -> cinder.attachmentUpdate(ATTACHMENT, HOST_B, null))
                .isInstanceOf(VolumeAttachmentNotFound.class);
        assertThatThrownBy(() -> cinder.attachmentDelete(ATTACHMENT)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> cinder.attachmentComplete(ATTACHMENT)).isInstanceOf(InvalidInput.class)
                .hasMessageNotContaining(KEY);
    }

    @Test
    void aServerErrorOrAnUnreachableCinderIsCinderConnectionFailed(WireMockRuntimeInfo wm) {
        wm.getWireMock().register(delete(urlEqualTo(PROJECT + "/attachments/" + ATTACHMENT))
                .willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> cinder.attachmentDelete(ATTACHMENT)).isInstanceOf(CinderConnectionFailed.class)
                .hasMessageContaining("HTTP 503");
        CinderClient nowhere = new CinderClient(URI.create("http://127.0.0.1:1" + PROJECT), () -> null,
                Duration.ofSeconds(2));
        assertThatThrownBy(() -> nowhere.attachmentDelete(ATTACHMENT)).isInstanceOf(CinderConnectionFailed.class)
                .extracting(e -> ((CinderConnectionFailed) e).httpStatus()).isEqualTo(0);
    }

    @Test
    void aConnectionOfAnotherDriverTypeHasNoHandler(WireMockRuntimeInfo wm) {
        wm.getWireMock().register(put(urlEqualTo(PROJECT + "/attachments/" + ATTACHMENT)).willReturn(okJson("""
                {"attachment": {"id": "%s", "status": "attaching", "instance": "%s", "volume_id": "%s",
                 "connection_info": {"driver_volume_type": "iscsi", "target_iqn": "iqn.x"}}}"""
                .formatted(ATTACHMENT, INSTANCE, VOLUME))));

        assertThatThrownBy(() -> cinder.attachmentUpdate(ATTACHMENT, HOST_B, null))
                .isInstanceOf(VolumeDriverNotFound.class);
    }

    @Test
    void idsThatCouldChangeThePathAreRefusedBeforeAnyRequest(WireMockRuntimeInfo wm) {
        assertThatThrownBy(() -> cinder.attachmentDelete("../volumes/" + VOLUME)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> cinder.attachmentCreate(VOLUME + "/x", INSTANCE, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> cinder.attachmentCreate(VOLUME, INSTANCE, HOST_B, "/dev/../etc"))
                .isInstanceOf(InvalidInput.class);
        assertThat(wm.getWireMock().getServeEvents()).isEmpty();
    }
}
