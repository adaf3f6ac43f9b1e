package dev.novalibvirt.libvirt.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.libvirt.TypedIntParameter;
import org.libvirt.TypedParameter;

/**
 * The migrateToURI3 parameters as Nova's {@code Guest.migrate} builds its {@code params} dict (test_driver.py's
 * {@code _live_migration_operation} cases assert that dict); named after the Nova test where one exists.
 */
class MigrateParametersTest {
    private static final int LIVE_P2P_PERSIST_UNDEFINE = 1 | 2 | 8 | 16;
    private static final int PARALLEL = 1 << 17;

    private static Map<String, String> params(MigrationParams p) {
        Map<String, String> out = new LinkedHashMap<>();
        for (TypedParameter t : MigrateParameters.of(p)) {
            out.put(t.field, t.getTypeAsString() + " " + t.getValueAsString());
        }
        return out;
    }

    @Test
    void test_block_live_parallel_connections() {
        // Nova: live_migration_parallel_connections=5 puts 'parallel.connections': 5 next to bandwidth
        MigrationParams p = new MigrationParams("qemu+tcp://dest/system", null, "<domain/>", "<domain/>", 0,
                LIVE_P2P_PERSIST_UNDEFINE | PARALLEL, 5);
        Map<String, String> params = params(p);
        assertThat(params).containsKeys("bandwidth", "destination_xml", "persistent_xml");
        assertThat(params.get("parallel.connections")).endsWith(" 5");
        List<TypedParameter> typed = MigrateParameters.of(p);
        assertThat(typed).filteredOn(t -> t.field.equals("parallel.connections"))
                .singleElement().as("libvirt declares it VIR_TYPED_PARAM_INT").isInstanceOf(TypedIntParameter.class);
    }

    @Test
    void test_live_migration_uses_migrateToURI3() {
        // the default one connection: no parallel.connections, as in Nova's params for this case
        MigrationParams p = new MigrationParams("qemu+tcp://127.0.0.2/system", "tcp://127.0.0.2", "<domain/>",
                "<domain/>", 0, LIVE_P2P_PERSIST_UNDEFINE);
        assertThat(params(p)).containsOnlyKeys("migrate_uri", "destination_xml", "persistent_xml", "bandwidth");
    }

    @Test
    void oneConnectionAsOptionValueStillPassesNoParameter() {
        MigrationParams p = new MigrationParams("qemu+tcp://dest/system", null, "<domain/>", "<domain/>", 10,
                LIVE_P2P_PERSIST_UNDEFINE, 1);
        assertThat(params(p)).doesNotContainKey("parallel.connections").doesNotContainKey("migrate_uri");
        assertThat(p.passesParallelConnections()).isFalse();
    }
}
