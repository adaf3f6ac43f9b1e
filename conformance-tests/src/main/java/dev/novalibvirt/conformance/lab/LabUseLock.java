package dev.novalibvirt.conformance.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Holds the lab's use lock shared for the life of this JVM, so that a {@code ./lab up} elsewhere does not take
 * this JVM's guests, dirs and images for leftovers of a dead run (conformance-tests/lab/lib/leftovers.sh).
 *
 * <p>Why a child process: the scripts use flock(2), which Java's FileLock (fcntl) does not see. The child
 * {@code flock -s LOCK sh -c 'echo held; read _'} holds the lock until its stdin, a pipe from this JVM, closes:
 * at exit, and also when the JVM is killed, so a dead JVM never keeps the lab "in use".
 */
final class LabUseLock {
    static final String LOCK_PROPERTY = "LAB_USE_LOCK";
    static final String DEFAULT_LOCK = "/run/lock/nova-libvirt-lab-use.lock";

    private static Process holder;

    private LabUseLock() {
    }

    /** Takes the lock once per JVM; a machine without flock or the lock dir simply has no lock. */
    static synchronized void holdShared() {
        if (holder != null && holder.isAlive()) {
            return;
        }
        String env = System.getenv(LOCK_PROPERTY);
        Path lock = Path.of(env == null || env.isBlank() ? DEFAULT_LOCK : env);
        if (!Files.isDirectory(lock.getParent())) {
            return;
        }
        try {
            Process p = new ProcessBuilder("flock", "-s", lock.toString(), "sh", "-c", "echo held; read _")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            if ("held".equals(out.readLine())) {
                holder = p;
            } else {
                p.destroy();
            }
        } catch (IOException e) {
            // no flock here: nothing to coordinate with
        }
    }
}
