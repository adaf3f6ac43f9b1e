package dev.novalibvirt.rbdlibvirt;

import dev.novalibvirt.core.ceph.ComponentVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * This machine's Ceph release from {@code ceph --version} (ceph-common, installed beside the librbd QEMU loads).
 * librbd's own {@code rbd_version} is its ABI number (1.x), not the release the cache rules are keyed on.
 */
final class InstalledCeph {
    private static final long TIMEOUT_SECONDS = 10;

    private InstalledCeph() {
    }

    /** Empty when the command is missing, fails, hangs or prints no version: the cache facts then say unknown. */
    static Optional<ComponentVersion> version() {
        try {
            Process p = new ProcessBuilder("ceph", "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(ComponentVersion.parse(out));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
