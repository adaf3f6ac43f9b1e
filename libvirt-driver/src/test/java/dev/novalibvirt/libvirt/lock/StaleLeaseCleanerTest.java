package dev.novalibvirt.libvirt.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleLeaseCleanerTest {
    @TempDir
    Path dir;

    /** A sanlock stand-in: leases named in {@code held} cannot be acquired; others run the command. */
    private static SanlockClient fakeSanlock(Set<String> held, List<String> acquired) {
        return (lease, command) -> {
            if (held.contains(lease.key())) {
                return new SanlockClient.Outcome(false, "exit 1: acquire error -243");
            }
            acquired.add(lease.sanlockResource());
            try {
                Files.deleteIfExists(Path.of(command.get(command.size() - 1)));
            } catch (IOException e) {
                return new SanlockClient.Outcome(false, e.getMessage());
            }
            return new SanlockClient.Outcome(true, "exit 0");
        };
    }

    @Test
    void removesOnlyLeasesItCouldAcquireAndLeavesOtherFilesAlone() throws IOException {
        String free = DiskLease.md5Hex("/a");
        String busy = DiskLease.md5Hex("/b");
        Files.writeString(dir.resolve(free), "");
        Files.writeString(dir.resolve(busy), "");
        Files.writeString(dir.resolve(DiskLease.AUTO_DISK_LOCKSPACE), "");
        Files.writeString(dir.resolve("notes.txt"), "");
        List<String> acquired = new ArrayList<>();

        var results = new StaleLeaseCleaner(fakeSanlock(Set.of(busy), acquired)).cleanup(dir);

        assertThat(results).extracting(StaleLeaseCleaner.Result::outcome)
                .containsExactlyInAnyOrder(StaleLeaseCleaner.Outcome.REMOVED, StaleLeaseCleaner.Outcome.IN_USE);
        assertThat(dir.resolve(free)).doesNotExist();
        assertThat(dir.resolve(busy)).exists();
        assertThat(dir.resolve(DiskLease.AUTO_DISK_LOCKSPACE)).exists();
        assertThat(dir.resolve("notes.txt")).exists();
        assertThat(acquired).containsExactly("__LIBVIRT__DISKS__:" + free + ":" + dir.resolve(free) + ":0");
    }

    @Test
    void aMissingDirectoryIsTyped() {
        assertThatThrownBy(() -> new StaleLeaseCleaner((l, c) -> null).cleanup(dir.resolve("nope")))
                .isInstanceOf(LockConfigException.class);
    }
}
