package dev.novalibvirt.libvirt.lock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Removes stale automatic disk lease files, like libvirt's virt-sanlock-cleanup: a file in
 * {@code disk_lease_dir} is removed only while its lease is held by us, so a lease in use by a running guest
 * on any host is never removed (acquiring it fails).
 *
 * <p>Only files whose name is an automatic-lease key (32 hex digits) are considered; the lockspace file
 * {@value DiskLease#AUTO_DISK_LOCKSPACE} and anything else in the directory are left alone.
 */
public final class StaleLeaseCleaner {
    private static final Pattern AUTO_KEY = Pattern.compile("[0-9a-f]{32}");

    private final SanlockClient sanlock;

    public StaleLeaseCleaner(SanlockClient sanlock) {
        this.sanlock = Objects.requireNonNull(sanlock, "sanlock");
    }

    /** One lease file and what happened to it. */
    public record Result(Path file, Outcome outcome, String detail) {
    }

    public enum Outcome {
        /** The lease was free: acquired, file removed while held, lease released. */
        REMOVED,
        /** The lease could not be acquired: in use (or the lockspace is not joined); file kept. */
        IN_USE
    }

    /** Cleans {@code leaseDir}; returns one result per candidate lease file. */
    public List<Result> cleanup(Path leaseDir) {
        if (!Files.isDirectory(leaseDir)) {
            throw new LockConfigException("disk lease directory does not exist: " + leaseDir);
        }
        List<Path> candidates;
        try (Stream<Path> files = Files.list(leaseDir)) {
            candidates = files.filter(p -> AUTO_KEY.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new LockConfigException("cannot list " + leaseDir + ": " + e.getMessage());
        }
        List<Result> results = new ArrayList<>();
        for (Path file : candidates) {
            DiskLease lease = new DiskLease(DiskLease.AUTO_DISK_LOCKSPACE, file.getFileName().toString(), file, 0);
            SanlockClient.Outcome r = sanlock.runWhileHolding(lease, List.of("/bin/rm", "-f", file.toString()));
            results.add(r.success() && !Files.exists(file)
                    ? new Result(file, Outcome.REMOVED, "lease acquired, file removed")
                    : new Result(file, Outcome.IN_USE, r.detail()));
        }
        return List.copyOf(results);
    }
}
