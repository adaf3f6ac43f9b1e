package dev.novalibvirt.libvirt.lock;

import java.nio.file.Path;

/**
 * libvirt's sanlock lock manager for one host: the {@code lock_manager = "sanlock"} line of qemu.conf and the
 * contents of qemu-sanlock.conf ({@code auto_disk_leases}, {@code disk_lease_dir}, {@code host_id},
 * {@code require_lease_for_disks}, {@code user}/{@code group}).
 *
 * <p>sanlock protects file and block disks on shared storage (it does not cover RBD; see the fence package).
 * With {@code auto_disk_leases} libvirt creates one lease file per disk in {@code disk_lease_dir}, which must
 * be the same shared directory on every host, while {@code host_id} must be unique per host (1..2000).
 *
 * @param diskLeaseDir          absolute directory on shared storage holding the lease files
 * @param hostId                this host's id in the {@code __LIBVIRT__DISKS__} lockspace, 1..2000
 * @param autoDiskLeases        let libvirt create and take a lease per disk (else only explicit {@code <lease>})
 * @param requireLeaseForDisks  refuse disks without a lease (libvirt's default follows autoDiskLeases)
 * @param user                  owner of the lease files libvirt creates
 * @param group                 group of the lease files libvirt creates
 */
public record SanlockSettings(Path diskLeaseDir, int hostId, boolean autoDiskLeases, boolean requireLeaseForDisks,
        String user, String group) {
    /** sanlock's largest host id. */
    public static final int MAX_HOST_ID = 2000;

    public SanlockSettings {
        required("disk_lease_dir", diskLeaseDir);
        if (!diskLeaseDir.isAbsolute()) {
            throw new LockConfigException("disk_lease_dir must be absolute: " + diskLeaseDir);
        }
        if (hostId < 1 || hostId > MAX_HOST_ID) {
            throw new LockConfigException("host_id must be between 1 and " + MAX_HOST_ID + ", got " + hostId);
        }
        checkConfString("disk_lease_dir", diskLeaseDir.toString());
        checkConfString("user", required("user", user));
        checkConfString("group", required("group", group));
    }

    /** Automatic disk leases in {@code diskLeaseDir}, required for every disk, files owned by root. */
    public static SanlockSettings autoLeases(Path diskLeaseDir, int hostId) {
        return new SanlockSettings(diskLeaseDir, hostId, true, true, "root", "root");
    }

    /** The qemu.conf line that turns the sanlock plugin on. */
    public static String qemuConfLockManager() {
        return "lock_manager = \"sanlock\"\n";
    }

    /** The whole of qemu-sanlock.conf (libvirt reads it from its config dir, next to qemu.conf). */
    public String qemuSanlockConf() {
        return "# written by nova-libvirt-java: libvirt's sanlock lock manager\n"
                + "auto_disk_leases = " + (autoDiskLeases ? 1 : 0) + "\n"
                + "disk_lease_dir = \"" + diskLeaseDir + "\"\n"
                + "host_id = " + hostId + "\n"
                + "require_lease_for_disks = " + (requireLeaseForDisks ? 1 : 0) + "\n"
                + "user = \"" + user + "\"\n"
                + "group = \"" + group + "\"\n";
    }

    /** The automatic lease libvirt takes for a disk at {@code diskPath} under these settings. */
    public DiskLease autoLeaseFor(String diskPath) {
        return DiskLease.auto(diskLeaseDir, diskPath);
    }

    private static <T> T required(String name, T value) {
        if (value == null) {
            throw new LockConfigException(name + " is required (got null)");
        }
        return value;
    }

    // libvirt's config parser has no escapes inside "..."; a quote or line break would end the value early, and
    // a CR or NUL would make the file mean something else to another reader
    private static void checkConfString(String name, String value) {
        if (value.isEmpty() || value.contains("\"") || value.contains("\\")
                || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new LockConfigException(name + " must be non-empty without quotes, backslashes or control "
                    + "characters (CR, LF, NUL, ...)");
        }
    }
}
