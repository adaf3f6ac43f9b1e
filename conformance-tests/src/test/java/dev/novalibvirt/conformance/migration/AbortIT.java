package dev.novalibvirt.conformance.migration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.lab.LabExtension;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.NoActiveMigrationForInstance;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Without a running migration, live_migration_abort and live_migration_force_complete raise
 * NoActiveMigrationForInstance. (Aborting a stuck migration runs on a host of the contract's own:
 * {@link OwnDestinationIT}.)
 */
@ExtendWith(LabExtension.class)
class AbortIT {
    private ContractLab lab;
    private LibvirtDriver a;
    private LibvirtDriver b;
    private Instance instance;

    @BeforeEach
    void guestOnHostA(LabEnv env) {
        lab = ContractLab.of(env);
        a = lab.driver("a");
        b = lab.driver("b");
        instance = lab.newInstance("abt");
        a.spawn(instance, lab.baseImage(), NetworkInfo.none(), BlockDeviceInfo.none(), true);
    }

    @AfterEach
    void cleanUp() {
        GuestProbe.purge(instance, a, b);
        a.close();
        b.close();
    }

    @Test
    void withoutAMigrationAbortAndForceCompleteRaise() {
        assertThatThrownBy(() -> a.liveMigrationAbort(instance)).isInstanceOf(NoActiveMigrationForInstance.class);
        assertThatThrownBy(() -> a.liveMigrationForceComplete(instance))
                .isInstanceOf(NoActiveMigrationForInstance.class);
    }
}
