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
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Nova's cases for {@code _parse_migration_flags} and the per-migration flags of {@code _live_migration_operation}
 * / {@code Guest.migrate} (nova/tests/unit/virt/libvirt/test_driver.py), one method per Nova test, named after it.
 */
class NovaMigrationFlagsCasesTest {
    private static final Set<MigrationFlag> BASE = EnumSet.of(LIVE, PEER2PEER, UNDEFINE_SOURCE, PERSIST_DEST);

    private static LibvirtOptions libvirt(String options) {
        return NovaConfig.parse("[libvirt]\n" + options).libvirt();
    }

    private static Set<MigrationFlag> base(MigrationFlag... more) {
        EnumSet<MigrationFlag> f = EnumSet.copyOf(BASE);
        f.addAll(java.util.List.of(more));
        return f;
    }

    /** Asserts the host-wide live and block sets of {@code _do_test_parse_migration_flags}. */
    private static void assertParsed(String options, Set<MigrationFlag> live, Set<MigrationFlag> block) {
        assertThat(MigrationFlags.forHost(libvirt(options), false).flags()).isEqualTo(live);
        assertThat(MigrationFlags.forHost(libvirt(options), true).flags()).isEqualTo(block);
    }

    @Test
    void test_parse_live_migration_flags_default() {
        assertThat(MigrationFlags.forHost(libvirt(""), false).flags()).isEqualTo(BASE);
        assertThat(MigrationFlags.forHost(libvirt(""), false).bits()).isEqualTo(1 | 2 | 8 | 16);
    }

    @Test
    void test_parse_live_migration_flags() {
        assertThat(MigrationFlags.forHost(libvirt(""), false).flags()).isEqualTo(BASE);
    }

    @Test
    void test_parse_block_migration_flags_default() {
        assertThat(MigrationFlags.forHost(libvirt(""), true).flags()).isEqualTo(base(NON_SHARED_INC));
        assertThat(MigrationFlags.forHost(libvirt(""), true).bits()).isEqualTo(1 | 2 | 8 | 16 | 128);
    }

    @Test
    void test_parse_block_migration_flags() {
        assertThat(MigrationFlags.forHost(libvirt(""), true).flags()).isEqualTo(base(NON_SHARED_INC));
    }

    @Test
    void test_live_migration_tunnelled_true() {
        assertParsed("live_migration_tunnelled = true", base(TUNNELLED), base(NON_SHARED_INC, TUNNELLED));
    }

    @Test
    void test_live_migration_with_native_tls() {
        assertParsed("live_migration_with_native_tls = true", base(TLS), base(NON_SHARED_INC, TLS));
    }

    @Test
    void test_live_migration_permit_postcopy_true() {
        assertParsed("live_migration_permit_post_copy = true", base(POSTCOPY), base(NON_SHARED_INC, POSTCOPY));
    }

    @Test
    void test_live_migration_permit_auto_converge_true() {
        assertParsed("live_migration_permit_auto_converge = true", base(AUTO_CONVERGE),
                base(NON_SHARED_INC, AUTO_CONVERGE));
    }

    @Test
    void test_live_migration_parallel_connections_enabled() {
        assertParsed("live_migration_parallel_connections = 2", base(PARALLEL), base(NON_SHARED_INC, PARALLEL));
    }

    @Test
    void test_live_migration_permit_auto_converge_and_post_copy_true() {
        assertParsed("live_migration_permit_auto_converge = true\nlive_migration_permit_post_copy = true",
                base(POSTCOPY), base(NON_SHARED_INC, POSTCOPY));
    }

    @Test
    void test_live_migration_permit_postcopy_false() {
        assertParsed("", BASE, base(NON_SHARED_INC));
    }

    @Test
    void test_live_migration_permit_autoconverge_false() {
        assertParsed("", BASE, base(NON_SHARED_INC));
    }

    @Test
    void test_live_migration_block_migration_with_devices() {
        assertThat(MigrationFlags.forMigration(libvirt(""), true, false, true).flags())
                .isEqualTo(base(NON_SHARED_INC));
    }

    @Test
    void test_live_migration_block_migration_all_filtered() {
        assertThat(MigrationFlags.forMigration(libvirt(""), true, false, false).flags()).isEqualTo(BASE);
    }

    /** The issue-14 mismatch: with TUNNELLED, Nova empties device_names, so NON_SHARED_INC goes. */
    @Test
    void test_block_live_migration_tunnelled_migrateToURI3() {
        MigrationFlags f = MigrationFlags.forMigration(libvirt("live_migration_tunnelled = true"), true, false, true);
        assertThat(f.flags()).isEqualTo(base(TUNNELLED));
        assertThat(f.bits()).isEqualTo(1 | 2 | 4 | 8 | 16);
    }

    @Test
    void test_block_live_parallel_connections() {
        assertThat(MigrationFlags.forMigration(libvirt("live_migration_parallel_connections = 5"), true, false,
                true).flags()).isEqualTo(base(NON_SHARED_INC, PARALLEL));
    }

    @Test
    void test_live_migration_paused_instance_postcopy() {
        assertThat(MigrationFlags.forMigration(libvirt("live_migration_permit_post_copy = true"), false, true,
                false).flags()).isEqualTo(BASE);
    }

    @Test
    void test_block_live_migration_native_tls() {
        assertThat(MigrationFlags.forMigration(libvirt("live_migration_with_native_tls = true"), true, false,
                true).flags()).isEqualTo(base(NON_SHARED_INC, TLS));
    }
}
