package dev.novalibvirt.conformance.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.core.exception.ImageUnacceptable;
import dev.novalibvirt.core.image.ImageSource;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.core.image.ParentInfo;
import dev.novalibvirt.rbd.RbdDisk;
import dev.novalibvirt.rbd.RbdImageBackend;
import dev.novalibvirt.rbd.glance.GlanceClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Spawn's clone-or-refuse decision from Glance metadata (Nova's {@code Rbd.clone}): a raw image whose
 * location is in this cluster is cloned copy-on-write; a qcow2 image or one stored elsewhere is refused and
 * nothing is created. Glance is a tiny in-process HTTP stand-in on loopback; Ceph is the real lab.
 */
@ExtendWith(LabExtension.class)
@Timeout(120)
class RbdGlanceCloneIT {

    static final long MIB = 1024 * 1024;
    final Map<String, String> records = new ConcurrentHashMap<>();
    HttpServer glance;
    final RbdLab lab;

    RbdGlanceCloneIT(LabEnv env) {
        this.lab = RbdLab.of(env);
    }

    RbdImageBackend backend;

    @BeforeEach
    void start() throws Exception {
        glance = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        glance.createContext("/v2/images/", ex -> {
            String id = ex.getRequestURI().getPath().substring("/v2/images/".length());
            String body = records.get(id);
            byte[] out = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : out.length);
            if (body != null) {
                ex.getResponseBody().write(out);
            }
            ex.close();
        });
        glance.start();
        GlanceClient client = new GlanceClient(URI.create("http://127.0.0.1:" + glance.getAddress().getPort()),
                () -> "token", Duration.ofSeconds(5));
        backend = new RbdImageBackend(lab.driver(), Optional.of(client));
    }

    @AfterEach
    void stop() {
        backend.close();
        glance.stop(0);
    }

    String record(String id, String format, String url) {
        return "{\"id\":\"" + id + "\",\"status\":\"active\",\"disk_format\":\"" + format + "\","
                + "\"locations\":[{\"url\":\"" + url + "\",\"metadata\":{}}]}";
    }

    @Test
    void aRawGlanceImageInThisClusterIsCloned() {
        String imageId = lab.get("BASE_IMAGE_ID");
        records.put(imageId, record(imageId, "raw", lab.baseLocation()));
        RbdDisk disk = backend.image(InstanceDisk.root(RbdLab.freshUuid()));
        try {
            disk.create(new ImageSource.GlanceImage(imageId), 128 * MIB);
            assertThat(disk.parent()).contains(new ParentInfo("images", imageId, "snap"));
            assertThat(disk.size()).isEqualTo(128 * MIB);
        } finally {
            disk.remove();
        }
    }

    @Test
    void aQcow2OrForeignImageIsRefusedAndNothingIsCreated() {
        String id = RbdLab.freshUuid();
        records.put(id, record(id, "qcow2", lab.baseLocation()));
        String foreign = RbdLab.freshUuid();
        records.put(foreign, record(foreign, "raw",
                lab.baseLocation().replace(lab.get("CEPH_FSID"), "00000000-0000-4000-8000-000000000000")));
        RbdDisk disk = backend.image(InstanceDisk.root(RbdLab.freshUuid()));
        assertThatThrownBy(() -> disk.create(new ImageSource.GlanceImage(id), 128 * MIB))
                .isInstanceOf(ImageUnacceptable.class).hasMessageContaining("not raw");
        assertThatThrownBy(() -> disk.create(new ImageSource.GlanceImage(foreign), 128 * MIB))
                .isInstanceOf(ImageUnacceptable.class).hasMessageContaining("No image locations");
        assertThat(disk.exists()).isFalse();
    }
}
