package dev.novalibvirt.migration.flags;

import dev.novalibvirt.core.config.LibvirtOptions;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The flags of one migration, computed as Nova does: once per host from the options
 * ({@code LibvirtDriver._prepare_migration_flags} / {@code _handle_live_migration_*}), then adjusted per migration
 * ({@code _live_migration_operation}, {@code Guest.migrate}).
 *
 * @param flags the set of flags
 */
public record MigrationFlags(Set<MigrationFlag> flags) {

    public MigrationFlags {
        if (flags == null || flags.contains(null)) {
            throw new dev.novalibvirt.core.exception.InvalidInput("migration flags must be a set of flags (got "
                    + (flags == null ? "null" : "a null flag") + ")");
        }
        flags = Collections.unmodifiableSet(flags.isEmpty() ? EnumSet.noneOf(MigrationFlag.class) : EnumSet.copyOf(flags));
    }

    /**
     * The host-wide set ({@code _parse_migration_flags}): LIVE|PEER2PEER|UNDEFINE_SOURCE|PERSIST_DEST, plus
     * NON_SHARED_INC for the block-migration set, then TUNNELLED, TLS, POSTCOPY, AUTO_CONVERGE (only without
     * POSTCOPY) and PARALLEL (more than one connection) from the options.
     */
    public static MigrationFlags forHost(LibvirtOptions options, boolean blockMigration) {
        if (options == null) {
            throw new dev.novalibvirt.core.exception.InvalidInput("migration flags need the [libvirt] options (got null)");
        }
        EnumSet<MigrationFlag> f = EnumSet.of(MigrationFlag.LIVE, MigrationFlag.PEER2PEER,
                MigrationFlag.UNDEFINE_SOURCE, MigrationFlag.PERSIST_DEST);
        if (blockMigration) {
            f.add(MigrationFlag.NON_SHARED_INC);
        }
        if (options.liveMigrationTunnelled()) {
            f.add(MigrationFlag.TUNNELLED);
        }
        if (options.liveMigrationWithNativeTls()) {
            f.add(MigrationFlag.TLS);
        }
        if (options.liveMigrationPermitPostCopy()) {
            f.add(MigrationFlag.POSTCOPY);
        }
        if (options.liveMigrationPermitAutoConverge() && !f.contains(MigrationFlag.POSTCOPY)) {
            f.add(MigrationFlag.AUTO_CONVERGE);
        }
        if (options.liveMigrationParallelConnections() > 1) {
            f.add(MigrationFlag.PARALLEL);
        }
        return new MigrationFlags(f);
    }

    /**
     * The flags for one migration: the host set chosen by {@code blockMigration}, POSTCOPY dropped for a paused
     * guest, NON_SHARED_INC dropped when no disk is to be copied (libvirt would otherwise copy every disk, volumes
     * included). A tunnelled migration copies no disk list: {@code _live_migration_operation} empties
     * {@code device_names} when TUNNELLED is set (selective disk migration cannot be tunnelled), and
     * {@code Guest.migrate} then drops NON_SHARED_INC, so it is dropped here whatever {@code hasDisksToCopy} says.
     *
     * @param hasDisksToCopy whether {@code _live_migration_copy_disk_paths} found disks to copy
     */
    public static MigrationFlags forMigration(LibvirtOptions options, boolean blockMigration, boolean guestPaused,
                                              boolean hasDisksToCopy) {
        EnumSet<MigrationFlag> f = EnumSet.noneOf(MigrationFlag.class);
        f.addAll(forHost(options, blockMigration).flags());
        if (guestPaused) {
            f.remove(MigrationFlag.POSTCOPY);
        }
        if (!hasDisksToCopy || f.contains(MigrationFlag.TUNNELLED)) {
            f.remove(MigrationFlag.NON_SHARED_INC);
        }
        return new MigrationFlags(f);
    }

    public boolean has(MigrationFlag flag) {
        return flags.contains(flag);
    }

    /** The bit mask passed to {@code virDomainMigrateToURI3}. */
    public int bits() {
        int bits = 0;
        for (MigrationFlag f : flags) {
            bits |= f.bit();
        }
        return bits;
    }
}
