package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.exception.DestinationDiskExists;
import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.exception.InvalidInput;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.core.exception.NovaException;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.validation.SafeText;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

    /**
     * @throws InvalidConfiguration for a null, relative or unnormalised {@code instances_path}, or one with control
     *                              characters (a relative one would land under whatever the working directory is)
     */
    public InstanceDirs(Path instancesPath) {
        if (instancesPath == null) {
            throw new InvalidConfiguration("[DEFAULT] instances_path is required (got null)");
        }
        try {
            Checks.absolutePath(instancesPath.toString(), "[DEFAULT] instances_path");
        } catch (InvalidInput e) {
            throw new InvalidConfiguration(e.getMessage());
        }
        this.instancesPath = instancesPath.normalize();
    }

    public Path instancesPath() {
        return instancesPath;
    }

    /**
     * {@code instances_path/<relative>}; the relative part must be a single plain path element (the uuid, or an
     * instance name), and an existing dir must really be inside instances_path: one that is a symlink leading out
     * of it (a planted link, a careless mount) is refused, so nothing is written or removed through it.
     *
     * @throws InvalidInput for a name with '/', '..', control characters, or a dir resolving outside instances_path
     */
    public Path instanceDir(String relative) {
        Checks.simpleName(relative, "instance dir name");
        Path p = instancesPath.resolve(relative);
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            requireInside(p);
        }
        return p;
    }

    /** The realpath check: {@code p} (which exists) resolves to a direct child of the real instances_path. */
    private void requireInside(Path p) {
        try {
            Path real = p.toRealPath();
            if (!real.equals(instancesPath.toRealPath().resolve(p.getFileName()))) {
                throw new InvalidInput("instance dir " + p + " resolves to " + SafeText.printable(real.toString())
                        + ", outside instances_path " + instancesPath + " (a symlink?): refused");
            }
        } catch (IOException e) {
            throw new InvalidInput("instance dir " + p + " cannot be resolved inside instances_path " + instancesPath
                    + " (a dangling symlink?): " + e.getClass().getSimpleName());
        }
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
            throw failed("create instance dir " + dir, e);
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
            throw failed("create destination instance dir " + dir, e);
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
            throw failed("create " + log, e);
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
            throw failed("touch instances_path " + instancesPath, e);
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
            throw failed("remove the shared-storage test file " + filename, e);
        }
    }

    /** An I/O failure of this host's own file system, typed (the path is ours, not a caller's text). */
    private static NovaException failed(String what, IOException e) {
        return new NovaException("cannot " + what + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
    }

    /** Only a name {@link #createSharedStorageTestFile} could have made: a peer's filename names nothing else. */
    private static void requirePlainName(String filename) {
        if (filename == null || !LibvirtLiveMigrateData.TEST_FILE_NAME.matcher(filename).matches()) {
            throw new MigrationPreCheckError("migrate data filename " + SafeText.quote("filename", filename)
                    + " is not a shared-storage test file name (tmp followed by 1-64 of [A-Za-z0-9_])");
        }
    }
}
