package dev.novalibvirt.conformance.migration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.NoActiveMigrationForInstance;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Without a running migration, live_migration_abort and live_migration_force_complete raise
 * NoActiveMigrationForInstance. (Aborting a stuck migration runs on a host of the contract's own:
 * {@link OwnDestinationIT}.)
 */
@ExtendWith({LabExtension.class, MigrationScenarioExtension.class})
class AbortIT {
    private LibvirtDriver a;
    private Instance instance;

    @BeforeEach
    void guestOnHostA(MigrationScenario scenario) {
        a = scenario.source();
        scenario.destination();
        instance = scenario.newInstance("abt");
        scenario.spawn(a, instance);
    }

    @Test
    void withoutAMigrationAbortAndForceCompleteRaise() {
        assertThatThrownBy(() -> a.liveMigrationAbort(instance)).isInstanceOf(NoActiveMigrationForInstance.class);
        assertThatThrownBy(() -> a.liveMigrationForceComplete(instance))
                .isInstanceOf(NoActiveMigrationForInstance.class);
    }
}
