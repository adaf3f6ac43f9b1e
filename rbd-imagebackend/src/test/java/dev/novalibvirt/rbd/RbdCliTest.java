package dev.novalibvirt.rbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.StorageError;
import dev.novalibvirt.rbd.rados.RbdError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rbd CLI wrapper that runs the one call librbd cannot run on our single io thread. */
class RbdCliTest {

    @TempDir
    Path dir;

    private RbdConfig config() {
        return RbdConfig.builder(dir.resolve("ceph.conf"), "nova").keyring(dir.resolve("nova.keyring")).build();
    }

    /** A stand-in for rbd that records its argv and fails with {@code rc} and a message like rbd's. */
    private String fakeRbd(int rc) throws IOException {
        Path script = dir.resolve("rbd");
        Files.writeString(script, "#!/bin/sh\necho \"$@\" > " + dir.resolve("argv") + "\n"
                + (rc == 0 ? "" : "echo 'rbd: unprotecting snap failed: (" + rc + ") reason' >&2\n")
                + "exit " + rc + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script.toString();
    }

    @Test
    void theCommandLineNamesConfAndKeyringPathsAndNeverAKey() {
        List<String> argv = new RbdCli("rbd", config()).argv(List.of("snap", "unprotect"));
        assertThat(argv).containsExactly("rbd", "--conf", dir.resolve("ceph.conf").toString(), "--id", "nova",
                "--keyring", dir.resolve("nova.keyring").toString(), "snap", "unprotect");
        assertThat(String.join(" ", argv)).doesNotContain("--key ").doesNotContain("AQ");
    }

    @Test
    void unprotectRunsRbdWithPoolImageAndSnapshot() throws IOException {
        new RbdCli(fakeRbd(0), config()).snapUnprotect("images", "base", "snap");
        assertThat(Files.readString(dir.resolve("argv"))).endsWith(
                "snap unprotect --pool images --image base --snap snap\n");
    }

    @Test
    void rbdsExitCodeIsTheErrnoOfTheFailedCall() throws IOException {
        RbdCli cli = new RbdCli(fakeRbd(16), config());
        assertThatThrownBy(() -> cli.snapUnprotect("images", "base", "snap"))
                .isInstanceOf(RbdError.ImageBusy.class).hasMessageContaining("images/base@snap")
                .hasMessageContaining("unprotecting snap failed");
        RbdCli missing = new RbdCli(fakeRbd(2), config());
        assertThatThrownBy(() -> missing.snapUnprotect("images", "base", "snap"))
                .isInstanceOf(RbdError.ImageNotFound.class);
    }

    @Test
    void aMissingCliIsAStorageErrorThatSaysWhichPackage() {
        RbdCli cli = new RbdCli(dir.resolve("no-such-rbd").toString(), config());
        assertThatThrownBy(() -> cli.snapUnprotect("images", "base", "snap"))
                .isInstanceOf(StorageError.class).hasMessageContaining("ceph-common");
    }

    @Test
    void badNamesAreRefusedBeforeAnythingRuns() throws IOException {
        RbdCli cli = new RbdCli(fakeRbd(0), config());
        assertThatThrownBy(() -> cli.snapUnprotect("images", "../base", "snap")).isInstanceOf(InvalidInput.class);
        assertThat(dir.resolve("argv")).doesNotExist();
    }
}
