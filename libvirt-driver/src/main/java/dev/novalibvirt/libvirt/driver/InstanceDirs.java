package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.exception.DestinationDiskExists;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.core.exception.NovaException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The host's {@code instances_path}: instance directories, {@code console.log} and Nova's shared-storage test file.
 * Mirrors {@code nova.virt.libvirt.utils.get_instance_path}, {@code _create_shared_storage_test_file},
 * {@code _check_shared_storage_test_file}, {@code _cleanup_shared_storage_test_file} and
 * {@code delete_instance_files}.
 */
public final class InstanceDirs {
    static final String CONSOLE_LOG = "console.log";

    private final Path instancesPath;

    public InstanceDirs(Path instancesPath) {
        this.instancesPath = instancesPath.toAbsolutePath().normalize();
    }

    public Path instancesPath() {
        return instancesPath;
    }

    /** {@code instances_path/<relative>}; the relative part must be a single path element (the uuid). */
    public Path instanceDir(String relative) {
        Path p = instancesPath.resolve(relative).normalize();
        if (!p.getParent().equals(instancesPath) || relative.contains("/")) {
            throw new NovaException("instance path '" + relative + "' escapes instances_path");
        }
        return p;
    }

    public Path consoleLog(String relative) {
        return instanceDir(relative).resolve(CONSOLE_LOG);
    }

    /** Creates the instance dir if missing; returns whether it had to be created (spawn's {@code created_instance_dir}). */
    public boolean ensureInstanceDir(String relative) {
        Path dir = instanceDir(relative);
        try {
            Files.createDirectory(dir);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * pre_live_migration's {@code os.mkdir}: create the destination dir, refusing one that exists.
     *
     * @throws DestinationDiskExists when it is already there (the old RBD back-migration bug)
     */
    public Path createDestinationDir(String relative) {
        Path dir = instanceDir(relative);
        try {
            Files.createDirectory(dir);
            return dir;
        } catch (FileAlreadyExistsException e) {
            throw new DestinationDiskExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nova's {@code _ensure_console_log_for_instance}: touch {@code console.log} so QEMU can append to it. */
    public void touchConsoleLog(String relative) {
        Path log = consoleLog(relative);
        try {
            if (!Files.exists(log)) {
                Files.createFile(log);
            }
        } catch (FileAlreadyExistsException e) {
            // created concurrently: fine
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean exists(String relative) {
        return Files.exists(instanceDir(relative));
    }

    /**
     * Nova's {@code delete_instance_files}: rename {@code <dir>} to {@code <dir>_del} (atomic, so a concurrent
     * spawn never sees half a directory), then delete it recursively. Returns whether anything was removed.
     */
    public boolean removeInstanceDir(String relative) {
        Path dir = instanceDir(relative);
        Path del = instancesPath.resolve(dir.getFileName() + "_del");
        try {
            boolean existed = Files.exists(dir);
            if (existed) {
                deleteTree(del); // a _del left by an interrupted earlier removal would block the rename
                Files.move(dir, del, StandardCopyOption.ATOMIC_MOVE);
            }
            boolean leftover = Files.exists(del);
            deleteTree(del);
            return existed || leftover;
        } catch (IOException e) {
            throw new NovaException("cannot remove instance dir " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Nova's {@code _create_shared_storage_test_file}: a temp file in instances_path; returns its basename. */
    public String createSharedStorageTestFile() {
        try {
            return Files.createTempFile(instancesPath, "tmp", "").getFileName().toString();
        } catch (IOException e) {
            throw new MigrationPreCheckError("cannot create the shared-storage test file in " + instancesPath
                    + ": " + e.getMessage());
        }
    }

    /**
     * Nova's {@code _check_shared_storage_test_file}: touch instances_path first (NFS clients then refresh their
     * attribute cache), then report whether the destination's file is visible here.
     */
    public boolean checkSharedStorageTestFile(String filename) {
        requirePlainName(filename);
        try {
            Files.setLastModifiedTime(instancesPath, FileTime.from(Instant.now()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Files.exists(instancesPath.resolve(filename));
    }

    /** Nova's {@code _cleanup_shared_storage_test_file}; an already removed file is fine here. */
    public void cleanupSharedStorageTestFile(String filename) {
        requirePlainName(filename);
        try {
            Files.deleteIfExists(instancesPath.resolve(filename));
        } catch (NoSuchFileException e) {
            // gone already
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requirePlainName(String filename) {
        if (filename == null || filename.isEmpty() || filename.contains("/") || filename.startsWith(".")) {
            throw new MigrationPreCheckError("shared-storage test file name '" + filename + "' is not a plain name");
        }
    }
}
