package dev.novalibvirt.conformance.rbd;

import dev.novalibvirt.conformance.lab.Lab;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.rbd.RbdConfig;
import dev.novalibvirt.rbd.RbdDriver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The lab as the RBD tests and RbdBench see it: the library's configuration for {@code client.nova}, the
 * base image location, and the ceph/rbd CLI as {@code client.nova} for cross-checks. Everything created is
 * named with a fresh uuid by the caller.
 */
public final class RbdLab {

    private final LabEnv env;

    private RbdLab(LabEnv env) {
        this.env = env;
    }

    /** The lab described by an env (e.g. the one {@code LabExtension} hands out). */
    public static RbdLab of(LabEnv env) {
        return new RbdLab(env);
    }

    /** The running lab; {@code LabNotUpException} when {@code ./lab up} has not run. */
    public static RbdLab load() {
        return new RbdLab(LabEnv.load());
    }

    public String get(String key) {
        return env.get(key);
    }

    public Path cephConf() {
        return env.cephConf();
    }

    /** The library's configuration for the lab: client.nova, pools vms/images, the lab's libvirt secret. */
    public RbdConfig.Builder config() {
        return Lab.rbdConfig(env);
    }

    public RbdDriver driver() {
        return new RbdDriver(config().build());
    }

    /** The base image location {@code rbd://fsid/images/<id>/snap}. */
    public String baseLocation() {
        return "rbd://" + env.fsid() + "/" + env.poolImages() + "/" + env.baseImageId() + "/" + env.baseImageSnap();
    }

    public static String freshUuid() {
        return UUID.randomUUID().toString();
    }

    /** Runs a ceph/rbd CLI command as client.nova; returns stdout, fails on a non-zero exit. */
    public String cli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(args));
        cmd.addAll(List.of("-c", env.cephConf().toString(), "--id", env.cephUser(),
                "--keyring", env.cephKeyring().toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", args) + " failed");
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
