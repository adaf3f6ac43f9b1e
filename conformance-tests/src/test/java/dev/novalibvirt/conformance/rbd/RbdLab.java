package dev.novalibvirt.conformance.rbd;

import static org.junit.jupiter.api.Assertions.fail;

import dev.novalibvirt.core.image.DiskCacheModes;
import dev.novalibvirt.rbd.RbdConfig;
import dev.novalibvirt.rbd.RbdDriver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The lab as the RBD tests see it, read from {@code lab.env} (written by {@code ./lab up}). Fails the test
 * with a clear message when the lab is not up. Everything created is named with a fresh uuid.
 */
final class RbdLab {

    static final Path ENV = Path.of(System.getenv().getOrDefault("NOVA_LAB_ENV", "/var/lib/nova-libvirt-lab/lab.env"));

    final Map<String, String> env;

    private RbdLab(Map<String, String> env) {
        this.env = env;
    }

    static RbdLab load() {
        if (!Files.isReadable(ENV)) {
            fail("the lab is not up: " + ENV + " is missing; run ./lab up");
        }
        Map<String, String> m = new HashMap<>();
        try {
            for (String line : Files.readAllLines(ENV)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    m.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            fail("cannot read " + ENV + ": " + e);
        }
        return new RbdLab(m);
    }

    String get(String key) {
        String v = env.get(key);
        if (v == null) {
            fail("lab.env has no " + key);
        }
        return v;
    }

    Path cephConf() {
        return Path.of(get("CEPH_CONF"));
    }

    /** The library's configuration for the lab: client.nova, pools vms/images, the lab's libvirt secret. */
    RbdConfig.Builder config() {
        return RbdConfig.builder(cephConf(), get("CEPH_USER"))
                .keyring(Path.of(get("CEPH_KEYRING")))
                .pool(get("POOL_VMS"))
                .imagesPool(get("POOL_IMAGES"))
                .secretUuid(get("RBD_SECRET_UUID"))
                .connectTimeout(Duration.ofSeconds(5))
                .opTimeout(Duration.ofSeconds(20))
                .destroyRetries(3)
                .destroyRetryInterval(Duration.ofSeconds(1))
                .diskCacheModes(DiskCacheModes.parse("network=writeback"));
    }

    RbdDriver driver() {
        return new RbdDriver(config().build());
    }

    /** The base image location {@code rbd://fsid/images/<id>/snap}. */
    String baseLocation() {
        return "rbd://" + get("CEPH_FSID") + "/" + get("POOL_IMAGES") + "/" + get("BASE_IMAGE_ID") + "/"
                + get("BASE_IMAGE_SNAP");
    }

    static String freshUuid() {
        return UUID.randomUUID().toString();
    }

    /** Runs a ceph/rbd CLI as client.nova and returns stdout. */
    String cli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(args));
        cmd.addAll(List.of("-c", get("CEPH_CONF"), "--id", get("CEPH_USER"), "--keyring", get("CEPH_KEYRING")));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", args) + " failed");
        }
        return new String(out, java.nio.charset.StandardCharsets.UTF_8);
    }
}
