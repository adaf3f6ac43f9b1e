package dev.novalibvirt.rbd.sweep;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.novalibvirt.core.sweep.HostileInput.CEPHX_KEY;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.novalibvirt.core.sweep.HostileInput;
import dev.novalibvirt.core.sweep.HostileInput.Outcome;
import dev.novalibvirt.rbd.RbdConfig;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.RbdLocation;
import dev.novalibvirt.rbd.RbdNames;
import dev.novalibvirt.rbd.glance.GlanceClient;
import dev.novalibvirt.rbd.rados.MonAddress;
import dev.novalibvirt.rbd.rados.MonMap;
import dev.novalibvirt.rbd.rados.MonProtocol;
import dev.novalibvirt.rbd.rados.RadosClients;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 15 part 2 for {@code rbd-imagebackend}: bad pool, image and snapshot names against every {@link RbdDriver}
 * call, the configuration, rbd:// locations, monmaps, and Glance (endpoint, ids, slow and foreign answers). Each
 * must be refused with a typed {@code NovaException} naming the field, before librados is touched: the driver is
 * closed before the sweep, so a call that reaches its connection is refused as closed and shows as unclear.
 */
class HostileInputSweepTest {
    private static final String UUID = "0b6f8a1e-4c2d-4e1f-9a3b-5c6d7e8f9a0b";
    private static final String IMAGE_ID = "5b0c8ab6-3d6b-4a47-9f0f-7a3c1f0e2d11";
    private static final String OTHER_ID = "6c1d9bc7-4e7c-4b58-8a10-8b4d2a1f3e22";
    /** A key with '/' and '+' (so no name rule takes it for a name), its first 20 characters those of CEPHX_KEY. */
    private static final String SLASHED_KEY = "AQBvXqRkAAAAABAAq7c6cS0N/iB4sH5zU+k6Yw==";
    private static final List<Outcome> OUTCOMES = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> BAD_NAMES = List.of("../x", "a/../b", "pool/img", "img@snap", "img\0",
            "img\n", "", "..", "-o", "a".repeat(300));
    private static WireMockServer glance;
    private static RbdDriver closedDriver;

    @BeforeAll
    static void setUp() {
        glance = new WireMockServer(options().dynamicPort());
        glance.start();
        glance.stubFor(get(urlEqualTo("/v2/images/" + IMAGE_ID)).willReturn(okJson(
                "{\"id\":\"" + IMAGE_ID + "\",\"status\":\"active\",\"disk_format\":\"raw\"}")
                .withChunkedDribbleDelay(40, 8_000)));
        glance.stubFor(get(urlEqualTo("/v2/images/" + OTHER_ID)).willReturn(okJson(
                "{\"id\":\"" + IMAGE_ID + "\",\"status\":\"active\",\"disk_format\":\"raw\"}")));
        glance.stubFor(get(urlEqualTo("/v2/images/" + UUID)).willReturn(okJson(
                "{\"id\":\"" + UUID + "\",\"status\":\"active\"} {\"id\":\"" + OTHER_ID + "\"}")));
        glance.stubFor(get(urlEqualTo("/v2/images/" + UUID.replace('0', '1'))).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/json").withBody("[]")));
        closedDriver = new RbdDriver(RbdConfig.builder(Path.of("/nonexistent/ceph.conf"), "nova").build());
        closedDriver.close();
    }

    @AfterAll
    static void tearDown() throws IOException {
        glance.stop();
        HostileInput.report("rbd-imagebackend", OUTCOMES);
        if (RadosClients.size() != 0) {
            throw new AssertionError("the sweep opened a librados client");
        }
    }

    private static String shown(String s) {
        return s.length() > 12 ? s.substring(0, 12) + "..." : s.replace("\0", "\\0").replace("\n", "\\n");
    }

    /** Every driver call taking a pool and an image name, with each bad name in each place. */
    static HostileInput names() {
        HostileInput s = new HostileInput("rbd.names");
        RbdDriver d = closedDriver;
        List<Object[]> calls = List.of(
                new Object[] {"exists", (BiConsumer<String, String>) d::exists},
                new Object[] {"size", (BiConsumer<String, String>) d::size},
                new Object[] {"create", (BiConsumer<String, String>) (p, n) -> d.create(p, n, 1 << 20)},
                new Object[] {"resize", (BiConsumer<String, String>) (p, n) -> d.resize(p, n, 1 << 20)},
                new Object[] {"flatten", (BiConsumer<String, String>) d::flatten},
                new Object[] {"destroyVolume", (BiConsumer<String, String>) d::destroyVolume},
                new Object[] {"purgeVolume", (BiConsumer<String, String>) d::purgeVolume},
                new Object[] {"open", (BiConsumer<String, String>) d::open},
                new Object[] {"holders", (BiConsumer<String, String>) d::holders},
                new Object[] {"snapshots", (BiConsumer<String, String>) d::snapshots},
                new Object[] {"breakLock", (BiConsumer<String, String>) (p, n) -> d.breakLock(p, n, "client.1", "c")});
        for (Object[] call : calls) {
            @SuppressWarnings("unchecked")
            BiConsumer<String, String> f = (BiConsumer<String, String>) call[1];
            for (String bad : BAD_NAMES) {
                s.add(call[0] + " image " + shown(bad), "image", () -> f.accept("vms", bad));
            }
            s.add(call[0] + " image null", "image", () -> f.accept("vms", null));
            s.add(call[0] + " pool ../x", "pool", () -> f.accept("../x", "img"));
            s.add(call[0] + " pool null", "pool", () -> f.accept(null, "img"));
            s.add(call[0] + " image a cephx key", "image", () -> f.accept("vms", SLASHED_KEY));
        }
        for (String bad : BAD_NAMES) {
            s.add("createSnapshot " + shown(bad), "snapshot", () -> d.createSnapshot("vms", "img", bad, true));
            s.add("removeSnapshot " + shown(bad), "snapshot", () -> d.removeSnapshot("vms", "img", bad, false, true));
            s.add("rollbackToSnapshot " + shown(bad), "snapshot", () -> d.rollbackToSnapshot("vms", "img", bad));
            s.add("exists at snapshot " + shown(bad), "snapshot", () -> d.exists("vms", "img", bad));
        }
        s.add("list pool ../x", "pool", () -> d.list("../x"));
        s.add("list pool null", "pool", () -> d.list(null));
        s.add("clone into ../x", "image", () -> d.clone(RbdLocation.parse("rbd://" + UUID + "/images/i/snap"),
                "vms", "../x"));
        s.add("clone source null", "source", () -> d.clone(null, "vms", UUID + "_disk"));
        s.add("cleanupInstance uuid ''", "uuid", () -> d.cleanupInstance("vms", ""));
        s.add("cleanupInstance pool ../x", "pool", () -> d.cleanupInstance("../x", UUID));
        s.add("cleanupVolumes pool a/b", "pool", () -> d.cleanupVolumes("a/b", n -> true));
        s.add("cleanupVolumes filter null", "filter", () -> d.cleanupVolumes("vms", null));
        s.add("importFile into img@snap", "image", () -> d.importFile(Path.of("/dev/null"), "vms", "img@snap"));
        s.add("importFile file null", "file", () -> d.importFile(null, "vms", UUID + "_disk"));
        s.add("create size 0", "size", () -> d.create("vms", UUID + "_disk", 0));
        s.add("create size -1", "size", () -> d.create("vms", UUID + "_disk", -1));
        s.add("RbdNames.image a cephx key", "image", () -> RbdNames.image(SLASHED_KEY));
        return s;
    }

    static HostileInput config() {
        HostileInput s = new HostileInput("rbd.config");
        Path conf = Path.of("/etc/ceph/ceph.conf");
        s.add("RbdConfig secretUuid a cephx key", "rbd_secret_uuid",
                () -> RbdConfig.builder(conf, "nova").secretUuid(CEPHX_KEY).build());
        s.add("RbdConfig user a cephx key", "rbd_user", () -> RbdConfig.builder(conf, CEPHX_KEY).build());
        s.add("RbdConfig user client.nova", "rbd_user", () -> RbdConfig.builder(conf, "client.nova").build());
        s.add("RbdConfig pool ../x", "pool", () -> RbdConfig.builder(conf, "nova").pool("../x").build());
        s.add("RbdConfig cephConf null", "cephConf", () -> RbdConfig.builder(null, "nova").build());
        s.add("RbdConfig connect timeout 0", "rbd_connect_timeout",
                () -> RbdConfig.builder(conf, "nova").connectTimeout(Duration.ZERO).build());
        s.add("RbdConfig connect timeout huge", "rbd_connect_timeout",
                () -> RbdConfig.builder(conf, "nova").connectTimeout(Duration.ofSeconds(Long.MAX_VALUE)).build());
        s.add("RbdConfig destroy retry interval null", "rbd_destroy_volume_retry_interval",
                () -> RbdConfig.builder(conf, "nova").destroyRetryInterval(null).build());
        s.add("RbdConfig diskCacheModes null", "disk_cachemodes",
                () -> RbdConfig.builder(conf, "nova").diskCacheModes(null).build());
        s.add("RbdConfig monProtocol null", "mon", () -> RbdConfig.builder(conf, "nova").monProtocol(null).build());
        s.add("RbdConfig discard a cephx key", "hw_disk_discard",
                () -> RbdConfig.builder(conf, "nova").discard(CEPHX_KEY).build());
        s.add("RbdConfig default cache mode with newline", "cache",
                () -> RbdConfig.builder(conf, "nova").defaultCacheMode("none\nx").build());
        s.add("RbdDriver config null", "config", () -> new RbdDriver(null));
        return s;
    }

    static HostileInput locationsAndMonitors() {
        HostileInput s = new HostileInput("rbd.location");
        s.add("rbd:// with ../../other@snap", "image",
                () -> RbdLocation.parse("rbd://" + UUID + "/images/..%2F..%2Fother@snap/snap"));
        s.add("rbd:// fsid a cephx key", "fsid", () -> RbdLocation.parse("rbd://" + CEPHX_KEY + "/images/i/snap"));
        s.add("rbd:// image a cephx key", "image", () -> RbdLocation.parse("rbd://" + UUID + "/images/"
                + SLASHED_KEY.replace("/", "%2F") + "/snap"));
        s.add("rbd:// three parts", "rbd snapshot", () -> RbdLocation.parse("rbd://" + UUID + "/images/i"));
        s.add("rbd:// null", "rbd", () -> RbdLocation.parse(null));
        s.add("rbd:// snapshot with NUL", "snapshot", () -> RbdLocation.parse("rbd://" + UUID + "/images/i/s%00"));
        s.add("MonAddress host $(reboot)", "host", () -> new MonAddress("$(reboot)", 6789, MonProtocol.V1));
        s.add("MonAddress host null", "host", () -> new MonAddress(null, 6789, MonProtocol.V1));
        s.add("MonAddress port 70000", "port", () -> new MonAddress("10.0.0.1", 70000, MonProtocol.V1));
        s.add("MonAddress protocol null", "protocol", () -> new MonAddress("10.0.0.1", 6789, null));
        s.add("MonAddress.parse without port", "monitor address", () -> MonAddress.parse("10.0.0.1", MonProtocol.V1));
        s.add("MonAddress.parse null", "monitor address", () -> MonAddress.parse(null, MonProtocol.V1));
        s.add("MonAddress.parse port abc", "monitor address", () -> MonAddress.parse("10.0.0.1:abc", MonProtocol.V1));
        s.add("MonAddress.parse host -oX", "host", () -> MonAddress.parse("-oX:6789", MonProtocol.V1));
        s.add("monmap without monitors", "monitors", () -> MonMap.parse("{\"epoch\":1,\"fsid\":\"f\",\"mons\":[]}"));
        s.add("monmap with $(reboot) as a host", "host", () -> MonMap.parse("{\"epoch\":1,\"fsid\":\"f\",\"mons\":"
                + "[{\"name\":\"a\",\"rank\":0,\"addr\":\"$(reboot):6789/0\"}]}"));
        s.add("monmap with trailing garbage", "mon dump", () -> MonMap.parse("{\"epoch\":1,\"fsid\":\"f\",\"mons\":"
                + "[{\"name\":\"a\",\"rank\":0,\"addr\":\"10.0.0.1:6789/0\"}]} trailing"));
        s.add("monmap null", "mon dump", () -> MonMap.parse(null));
        return s;
    }

    static HostileInput glanceClient() {
        HostileInput s = new HostileInput("rbd.glance");
        URI base = URI.create(glance.baseUrl());
        Duration second = Duration.ofSeconds(1);
        s.add("Glance body trickling past its 1 s timeout", "glance",
                () -> new GlanceClient(base, () -> null, second).getImage(IMAGE_ID));
        s.add("Glance record of another image", "id",
                () -> new GlanceClient(base, () -> null, second).getImage(OTHER_ID));
        s.add("Glance record with trailing data", "glance",
                () -> new GlanceClient(base, () -> null, second).getImage(UUID));
        s.add("Glance record not an object", "glance",
                () -> new GlanceClient(base, () -> null, second).getImage(UUID.replace('0', '1')));
        s.add("Glance image id ../x", "image id", () -> new GlanceClient(base, () -> null, second).getImage("../x"));
        s.add("Glance image id with @", "image id",
                () -> new GlanceClient(base, () -> null, second).getImage("img@snap"));
        s.add("Glance image id null", "image id", () -> new GlanceClient(base, () -> null, second).getImage(null));
        s.add("Glance image id a cephx key", "image id",
                () -> new GlanceClient(base, () -> null, second).getImage(SLASHED_KEY));
        s.add("Glance endpoint with a key as userinfo", "endpoint",
                () -> new GlanceClient(URI.create("http://admin:" + CEPHX_KEY + "@127.0.0.1:9/"), () -> null, second)
                        .getImage(IMAGE_ID));
        s.add("Glance endpoint null", "endpoint", () -> new GlanceClient(null, () -> null, second));
        s.add("Glance endpoint ftp://", "endpoint", () -> new GlanceClient(URI.create("ftp://glance/"), () -> null,
                second));
        s.add("Glance endpoint relative", "endpoint", () -> new GlanceClient(URI.create("glance:9292"), () -> null,
                second));
        s.add("Glance token supplier null", "token", () -> new GlanceClient(base, null, second));
        s.add("Glance token with CRLF", "token",
                () -> new GlanceClient(base, () -> "tok\r\nX-Injected: " + CEPHX_KEY, second).getImage(OTHER_ID));
        s.add("Glance timeout null", "timeout", () -> new GlanceClient(base, () -> null, null));
        s.add("Glance timeout negative", "timeout", () -> new GlanceClient(base, () -> null, Duration.ofSeconds(-1)));
        s.add("Glance timeout zero", "timeout", () -> new GlanceClient(base, () -> null, Duration.ZERO));
        s.add("Glance timeout huge", "timeout",
                () -> new GlanceClient(base, () -> null, Duration.ofSeconds(Long.MAX_VALUE)).getImage(OTHER_ID));
        return s;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedTypedAndClear() {
        return HostileInput.dynamicTests(OUTCOMES, names(), config(), locationsAndMonitors(), glanceClient());
    }
}
