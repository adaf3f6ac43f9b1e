package dev.novalibvirt.agent;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.core.validation.Checks;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's own record of what {@code pre_live_migration} prepared on this host for an incoming guest, so that a
 * restarted agent tells its own leftovers from anything else in instances_path: one small file per instance,
 * {@code <instances_path>/_agent/<host>/incoming/<uuid>} (under instances_path, where Nova keeps its own host files
 * such as {@code compute_nodes} and {@code _base}; the host's name in the path keeps hosts apart on a shared
 * instances_path). Written when the step returned, removed when the migration ended on this host
 * ({@code post_live_migration_at_destination}, {@code rollback_live_migration_at_destination}, {@code destroy},
 * {@code cleanup}). It holds the instance's identity, when and whether the dir was created; no migrate data, no
 * connection info, nothing secret.
 */
final class IncomingLedger {
    private static final Logger LOG = LoggerFactory.getLogger(IncomingLedger.class);

    /**
     * One incoming migration this host prepared.
     *
     * @param instance   the instance
     * @param preparedAt when pre_live_migration returned
     * @param dirCreated the instance dir did not exist before the step (it was this host's doing)
     */
    record Entry(Instance instance, Instant preparedAt, boolean dirCreated) {
    }

    private final Path dir;

    IncomingLedger(Path instancesPath, String host) {
        this.dir = instancesPath.resolve("_agent").resolve(Checks.simpleName(host, "[DEFAULT] host"))
                .resolve("incoming");
    }

    Path dir() {
        return dir;
    }

    /** Records that pre_live_migration prepared {@code instance} here; atomic (a crash leaves the old or new file). */
    void prepared(Instance instance, Instant at, boolean dirCreated) {
        Properties p = new Properties();
        p.setProperty("instance.uuid", instance.uuid());
        p.setProperty("instance.name", instance.name());
        p.setProperty("instance.memory_mib", Integer.toString(instance.memoryMib()));
        p.setProperty("instance.vcpus", Integer.toString(instance.vcpus()));
        p.setProperty("instance.root_gb", Integer.toString(instance.rootGb()));
        if (instance.imageRef() != null) {
            p.setProperty("instance.image_ref", instance.imageRef());
        }
        p.setProperty("prepared_at", at.toString());
        p.setProperty("dir_created", Boolean.toString(dirCreated));
        Path file = dir.resolve(instance.uuid());
        Path tmp = dir.resolve(instance.uuid() + ".tmp");
        try {
            Files.createDirectories(dir);
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "pre_live_migration prepared this host for an incoming guest");
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new NovaException("cannot record the incoming migration of " + instance.uuid() + " in " + dir
                    + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
    }

    /** The migration of {@code uuid} ended on this host; nothing to remember. Returns whether there was a record. */
    boolean settled(String uuid) {
        try {
            return Files.deleteIfExists(dir.resolve(Checks.uuid(uuid, "instance uuid")));
        } catch (IOException e) {
            throw new NovaException("cannot remove the incoming record of " + uuid + " in " + dir + ": "
                    + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
    }

    /** Every record that can be read; one that cannot (torn, foreign) is logged and left in place. */
    List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                if (f.getFileName().toString().endsWith(".tmp")) {
                    continue; // a write the crash interrupted: the step had not returned yet
                }
                try {
                    out.add(read(f));
                } catch (IOException | RuntimeException e) {
                    LOG.warn("incoming record {} cannot be read ({}); left in place", f, e.getClass().getSimpleName());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list the incoming records in {}: {}", dir, e.getMessage());
        }
        return out;
    }

    private static Entry read(Path f) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Instance instance = new Instance(p.getProperty("instance.uuid"), p.getProperty("instance.name"),
                Integer.parseInt(p.getProperty("instance.memory_mib")), Integer.parseInt(p.getProperty("instance.vcpus")),
                Integer.parseInt(p.getProperty("instance.root_gb")), p.getProperty("instance.image_ref"));
        if (!f.getFileName().toString().equals(instance.uuid())) {
            throw new IllegalStateException("record named after another instance");
        }
        return new Entry(instance, Instant.parse(p.getProperty("prepared_at")),
                Boolean.parseBoolean(p.getProperty("dir_created")));
    }
}
