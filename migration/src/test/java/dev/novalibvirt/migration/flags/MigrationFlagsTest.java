package dev.novalibvirt.migration.flags;

import static dev.novalibvirt.migration.flags.MigrationFlag.AUTO_CONVERGE;
import static dev.novalibvirt.migration.flags.MigrationFlag.LIVE;
import static dev.novalibvirt.migration.flags.MigrationFlag.NON_SHARED_INC;
import static dev.novalibvirt.migration.flags.MigrationFlag.PARALLEL;
import static dev.novalibvirt.migration.flags.MigrationFlag.PEER2PEER;
import static dev.novalibvirt.migration.flags.MigrationFlag.PERSIST_DEST;
import static dev.novalibvirt.migration.flags.MigrationFlag.POSTCOPY;
import static dev.novalibvirt.migration.flags.MigrationFlag.TLS;
import static dev.novalibvirt.migration.flags.MigrationFlag.TUNNELLED;
import static dev.novalibvirt.migration.flags.MigrationFlag.UNDEFINE_SOURCE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.config.LibvirtOptions;
import dev.novalibvirt.core.config.NovaConfig;
import org.junit.jupiter.api.Test;

class MigrationFlagsTest {

    private static LibvirtOptions libvirt(String options) {
        return NovaConfig.parse("[libvirt]\n" + options).libvirt();
    }

    @Test
    void defaultsAreLivePeerToPeerPersistentUndefiningTheSource() {
        MigrationFlags f = MigrationFlags.forMigration(libvirt(""), false, false, false);
        assertThat(f.flags()).containsExactlyInAnyOrder(LIVE, PEER2PEER, UNDEFINE_SOURCE, PERSIST_DEST);
        assertThat(f.bits()).isEqualTo(1 | 2 | 8 | 16);
    }

    @Test
    void blockMigrationAddsNonSharedIncOnlyWhenDisksAreCopied() {
        assertThat(MigrationFlags.forMigration(libvirt(""), true, false, true).has(NON_SHARED_INC)).isTrue();
        assertThat(MigrationFlags.forMigration(libvirt(""), true, false, false).has(NON_SHARED_INC)).isFalse();
    }

    @Test
    void optionsAddTunnelledTlsAndParallel() {
        assertThat(MigrationFlags.forHost(libvirt("live_migration_tunnelled = true"), false).has(TUNNELLED)).isTrue();
        assertThat(MigrationFlags.forHost(libvirt("live_migration_with_native_tls = true"), false).has(TLS)).isTrue();
        assertThat(MigrationFlags.forHost(libvirt("live_migration_parallel_connections = 4"), false).has(PARALLEL))
                .isTrue();
    }

    @Test
    void postCopyWinsOverAutoConverge() {
        MigrationFlags both = MigrationFlags.forHost(libvirt(
                "live_migration_permit_post_copy = true\nlive_migration_permit_auto_converge = true"), false);
        assertThat(both.has(POSTCOPY)).isTrue();
        assertThat(both.has(AUTO_CONVERGE)).isFalse();
        assertThat(MigrationFlags.forHost(libvirt("live_migration_permit_auto_converge = true"), false)
                .has(AUTO_CONVERGE)).isTrue();
    }

    @Test
    void aPausedGuestMigratesWithoutPostCopy() {
        LibvirtOptions postCopy = libvirt("live_migration_permit_post_copy = true");
        assertThat(MigrationFlags.forMigration(postCopy, false, true, false).has(POSTCOPY)).isFalse();
        assertThat(MigrationFlags.forMigration(postCopy, false, false, false).has(POSTCOPY)).isTrue();
    }
}
