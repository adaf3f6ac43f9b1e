package dev.novalibvirt.rbd;

import dev.novalibvirt.core.exception.StorageError;
import dev.novalibvirt.rbd.rados.RbdError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The few librbd operations that run in a short-lived {@code rbd} process (Ceph's CLI, from ceph-common) instead
 * of in ours.
 *
 * <p>Why: our clients run librados with one io thread (see {@code RadosConnection}), which is what makes librbd
 * 16.2 safe in a long-lived process; {@code rbd_snap_unprotect} is the one call we use that cannot run on one io
 * thread (it waits, from a step running on that thread, for an OSD-map reply that thread must deliver: a
 * deadlock). Nova shells out to the same CLI for {@code rbd import}. The command line carries the ceph.conf and
 * keyring PATHS and the user name, never a key.
 */
final class RbdCli {

    /** The executable; {@code rbd} on PATH unless the test overrides it. */
    private final String executable;
    private final RbdConfig config;

    RbdCli(RbdConfig config) {
        this("rbd", config);
    }

    RbdCli(String executable, RbdConfig config) {
        this.executable = executable;
        this.config = config;
    }

    /** {@code rbd snap unprotect}: errno-typed failures as {@link RbdError#of}. */
    void snapUnprotect(String pool, String image, String snapshot) {
        RbdNames.pool(pool);
        RbdNames.image(image);
        RbdNames.snapshot(snapshot);
        run("unprotect snapshot " + pool + "/" + image + "@" + snapshot,
                List.of("snap", "unprotect", "--pool", pool, "--image", image, "--snap", snapshot));
    }

    /** The full argv for {@code args}: connection options first. */
    List<String> argv(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(executable, "--conf", config.cephConf().toString(),
                "--id", config.user()));
        config.keyring().ifPresent(k -> cmd.addAll(List.of("--keyring", k.toString())));
        cmd.addAll(args);
        return List.copyOf(cmd);
    }

    private void run(String what, List<String> args) {
        Duration timeout = config.opTimeout().plus(config.connectTimeout());
        Path err = null;
        Process p = null;
        try {
            err = Files.createTempFile("rbd-cli", ".err");
            p = new ProcessBuilder(argv(args)).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new RbdError.CephTimeout(what + ": rbd did not finish in " + timeout.toSeconds() + " s", null);
            }
            int rc = p.exitValue();
            if (rc != 0) {
                // rbd exits with the errno of the failed call: the same typed errors as our own calls.
                throw RbdError.of(what + ": " + lastLine(Files.readString(err, StandardCharsets.UTF_8)), rc, null);
            }
        } catch (IOException e) {
            throw new StorageError(what + ": cannot run " + executable + " (the ceph-common package provides it): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new StorageError(what + ": interrupted", e);
        } finally {
            if (err != null) {
                try {
                    Files.deleteIfExists(err);
                } catch (IOException ignored) {
                    // a temp file left in /tmp is harmless
                }
            }
        }
    }

    private static String lastLine(String stderr) {
        String[] lines = stderr.strip().split("\n");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }
}
