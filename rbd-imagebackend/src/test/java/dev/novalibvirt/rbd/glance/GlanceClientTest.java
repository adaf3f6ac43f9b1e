package dev.novalibvirt.rbd.glance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.novalibvirt.core.exception.Forbidden;
import dev.novalibvirt.core.exception.ImageNotFound;
import dev.novalibvirt.core.exception.InvalidInput;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WireMockTest
class GlanceClientTest {

    static final String ID = "5b0c8ab6-3d6b-4a47-9f0f-7a3c1f0e2d11";
    GlanceClient glance;

    @BeforeEach
    void setUp(WireMockRuntimeInfo wm) {
        glance = new GlanceClient(URI.create(wm.getHttpBaseUrl() + "/"), () -> "tok-123", Duration.ofSeconds(5));
    }

    @Test
    void readsFormatLocationsAndDirectUrl(WireMockRuntimeInfo wm) {
        wm.getWireMock().register(get(urlEqualTo("/v2/images/" + ID)).willReturn(okJson("""
                {"id":"%s","status":"active","disk_format":"raw","container_format":"bare","size":67108864,
                 "direct_url":"rbd://fsid-1/images/%s/snap",
                 "locations":[{"url":"rbd://fsid-1/images/%s/snap","metadata":{"store":"ceph","note":null}},
                              {"url":"file:///var/lib/glance/%s","metadata":{}}]}""".formatted(ID, ID, ID, ID))));
        GlanceImage img = glance.getImage(ID);
        assertThat(img.diskFormat()).isEqualTo("raw");
        assertThat(img.sizeBytes()).isEqualTo(67108864L);
        assertThat(img.locations()).hasSize(2);
        assertThat(img.locations().get(0).metadata()).containsEntry("store", "ceph");
        assertThat(img.candidateUrls()).containsExactly("rbd://fsid-1/images/" + ID + "/snap", "file:///var/lib/glance/" + ID);
        wm.getWireMock().verifyThat(getRequestedFor(urlEqualTo("/v2/images/" + ID))
                .withHeader("X-Auth-Token", equalTo("tok-123")));
    }

    @Test
    void directUrlAloneIsACandidate(WireMockRuntimeInfo wm) {
        wm.getWireMock().register(get(urlEqualTo("/v2/images/" + ID)).willReturn(okJson("""
                {"id":"%s","status":"active","disk_format":"qcow2","direct_url":"rbd://f/images/i/snap"}""".formatted(ID))));
        GlanceImage img = glance.getImage(ID);
        assertThat(img.diskFormat()).isEqualTo("qcow2");
        assertThat(img.candidateUrls()).containsExactly("rbd://f/images/i/snap");
    }

    @Test
    void httpErrorsAreTyped(WireMockRuntimeInfo wm) {
        wm.getWireMock().register(get(urlEqualTo("/v2/images/missing")).willReturn(aResponse().withStatus(404)));
        wm.getWireMock().register(get(urlEqualTo("/v2/images/secret")).willReturn(aResponse().withStatus(403)));
        wm.getWireMock().register(get(urlEqualTo("/v2/images/broken")).willReturn(aResponse().withStatus(500)));
        assertThatThrownBy(() -> glance.getImage("missing")).isInstanceOf(ImageNotFound.class);
        assertThatThrownBy(() -> glance.getImage("secret")).isInstanceOf(Forbidden.class)
                .hasMessageNotContaining("tok-123");
        assertThatThrownBy(() -> glance.getImage("broken")).isInstanceOf(GlanceError.class)
                .satisfies(e -> assertThat(((GlanceError) e).httpStatus()).isEqualTo(500));
    }

    @Test
    void malformedIdsAreRefusedWithoutARequest() {
        assertThatThrownBy(() -> glance.getImage("../admin")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> glance.getImage("")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void unreachableGlanceIsAGlanceError() {
        GlanceClient dead = new GlanceClient(URI.create("http://127.0.0.1:1"), () -> null, Duration.ofSeconds(2));
        assertThatThrownBy(() -> dead.getImage(ID)).isInstanceOf(GlanceError.class);
    }

    @Test
    void aBodyTricklingPastTheTimeoutIsCutOffByTheTotalDeadline(WireMockRuntimeInfo wm) {
        // headers at once, then the record a few bytes at a time over 8 s: every read is quick, the whole is not
        wm.getWireMock().register(get(urlEqualTo("/v2/images/" + ID)).willReturn(okJson(
                "{\"id\":\"%s\",\"status\":\"active\",\"disk_format\":\"raw\"}".formatted(ID))
                .withChunkedDribbleDelay(40, 8_000)));
        GlanceClient slow = new GlanceClient(URI.create(wm.getHttpBaseUrl()), () -> null, Duration.ofSeconds(1));
        long start = System.nanoTime();
        assertThatThrownBy(() -> slow.getImage(ID)).isInstanceOf(GlanceError.class).hasMessageContaining("1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aRecordOfAnotherImageIsRefused(WireMockRuntimeInfo wm) {
        wm.getWireMock().register(get(urlEqualTo("/v2/images/" + ID)).willReturn(okJson(
                "{\"id\":\"6c1d9bc7-4e7c-4b58-8a10-8b4d2a1f3e22\",\"status\":\"active\"}")));
        assertThatThrownBy(() -> glance.getImage(ID)).isInstanceOf(GlanceError.class)
                .hasMessageContaining("another image");
    }
}
