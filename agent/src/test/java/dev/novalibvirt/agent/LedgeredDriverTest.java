package dev.novalibvirt.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.LibvirtLiveMigrateData;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.exception.DestinationDiskExists;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host's driver with the agent's ledger beside it: what pre_live_migration prepared is remembered until it ends. */
class LedgeredDriverTest {
    private static final Instance INSTANCE = new Instance("6f1c9d0a-3b2e-4c5d-8e7f-0a1b2c3d4e5f",
            "instance-0000002a", 64, 1, 1, "img");
    private static final Instant NOW = Instant.parse("2026-12-01T21:00:00Z");

    @TempDir
    Path instances;
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile boolean refusePre;

    /** A driver whose pre_live_migration makes the instance dir, as the libvirt driver's does. */
    private ComputeDriver hostDriver() {
        return (ComputeDriver) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ComputeDriver.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    switch (method.getName()) {
                        case "host":
                            return "host-b";
                        case "preLiveMigration":
                            if (refusePre) {
                                throw new DestinationDiskExists(instances.resolve(INSTANCE.uuid()));
                            }
                            if (!Files.isDirectory(instances.resolve(INSTANCE.uuid()))) {
                                Files.createDirectory(instances.resolve(INSTANCE.uuid()));
                            }
                            return args[3];
                        default:
                            return method.getReturnType() == boolean.class ? Boolean.FALSE : null;
                    }
                });
    }

    private IncomingLedger ledger() {
        return new IncomingLedger(instances, "host-b");
    }

    private LedgeredDriver driver() {
        return new LedgeredDriver(hostDriver(), ledger(), instances, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aPreparedIncomingMigrationIsRememberedUntilItEndsHere() {
        LedgeredDriver d = driver();
        d.preLiveMigration(INSTANCE, BlockDeviceInfo.none(), NetworkInfo.none(), LibvirtLiveMigrateData.empty());
        assertThat(ledger().entries()).containsExactly(new IncomingLedger.Entry(INSTANCE, NOW, true));
        d.postLiveMigrationAtDestination(INSTANCE, NetworkInfo.none(), false, BlockDeviceInfo.none());
        assertThat(ledger().entries()).isEmpty();

        d.preLiveMigration(INSTANCE, BlockDeviceInfo.none(), NetworkInfo.none(), LibvirtLiveMigrateData.empty());
        assertThat(ledger().entries()).singleElement().extracting(IncomingLedger.Entry::dirCreated)
                .as("the dir was there before this step").isEqualTo(false);
        d.rollbackLiveMigrationAtDestination(INSTANCE, NetworkInfo.none(), BlockDeviceInfo.none(), false, null);
        assertThat(ledger().entries()).isEmpty();
    }

    @Test
    void aRefusedPreLiveMigrationLeavesNoRecord() {
        refusePre = true;
        assertThatThrownBy(() -> driver().preLiveMigration(INSTANCE, BlockDeviceInfo.none(), NetworkInfo.none(),
                LibvirtLiveMigrateData.empty())).isInstanceOf(DestinationDiskExists.class);
        assertThat(ledger().entries()).isEmpty();
    }

    @Test
    void everyContractMethodReachesTheHostsDriver() throws Exception {
        LedgeredDriver d = driver();
        for (Method m : ComputeDriver.class.getMethods()) {
            Object[] args = new Object[m.getParameterCount()];
            Class<?>[] types = m.getParameterTypes();
            for (int i = 0; i < args.length; i++) {
                args[i] = types[i] == Instance.class ? INSTANCE : types[i] == boolean.class ? Boolean.FALSE
                        : types[i] == LibvirtLiveMigrateData.class ? LibvirtLiveMigrateData.empty() : null;
            }
            calls.clear();
            try {
                m.invoke(d, args);
            } catch (InvocationTargetException e) {
                throw new AssertionError(m.getName() + " failed", e.getCause());
            }
            if (m.getName().equals("preLiveMigration")) {
                Files.delete(instances.resolve(INSTANCE.uuid()));
            }
            assertThat(calls).as(m.getName()).contains(m.getName());
        }
    }
}
