package dev.novalibvirt.conformance.migration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.CephxKeySource;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.task.LiveMigrationHandle;
import dev.novalibvirt.migration.task.Step;
import dev.novalibvirt.rbdlibvirt.RbdLibvirtDriver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One migration test's lab scenario, handed to a test (and its {@code @BeforeEach}) by
 * {@link MigrationScenarioExtension}: the source and destination drivers (host-a and host-b unless
 * {@link #between} says otherwise), more drivers when a test needs a fresh or a differently configured one, the
 * test's guests and bounded waits for a migration job. After the test, whatever it did, the extension removes
 * every guest from every host and instances_path the scenario's drivers used and checks that with virsh, the
 * filesystem and rbd ({@code ScenarioCleanup}); then it runs the test's own closers and closes the drivers.
 *
 * <p>Nothing is opened before the test asks for it: a test that first takes a lab-wide lock (the field tests)
 * opens no libvirt connection before it holds it.
 */
public final class MigrationScenario {
    private final ContractLab lab;
    private String sourceLetter = "a";
    private String destinationLetter = "b";
    private LibvirtDriver source;
    private LibvirtDriver destination;
    private final List<RbdLibvirtDriver> drivers = new ArrayList<>();
    private final Set<ScenarioCleanup.Place> places = new LinkedHashSet<>();
    private final List<Instance> instances = new ArrayList<>();
    private final List<AutoCloseable> afterCleanup = new ArrayList<>();
    private final List<AutoCloseable> last = new ArrayList<>();

    MigrationScenario(ContractLab lab) {
        this.lab = lab;
    }

    /** The lab as the contract sees it. */
    public ContractLab lab() {
        return lab;
    }

    /** Migrates between other hosts than host-a and host-b (letters); before the first {@link #source()} only. */
    public MigrationScenario between(String sourceHost, String destinationHost) {
        if (source != null || destination != null) {
            throw new IllegalStateException("the scenario's hosts are chosen before its drivers are built");
        }
        this.sourceLetter = sourceHost;
        this.destinationLetter = destinationHost;
        return this;
    }

    /** The source host's driver (host-a's by default), built on first use with the host's own instances_path. */
    public LibvirtDriver source() {
        if (source == null) {
            source = driver(sourceLetter);
        }
        return source;
    }

    /** The destination host's driver (host-b's by default), built on first use. */
    public LibvirtDriver destination() {
        if (destination == null) {
            destination = driver(destinationLetter);
        }
        return destination;
    }

    /** A new driver for lab host {@code letter} (e.g. a new controller's), closed after the test. */
    public LibvirtDriver driver(String letter) {
        return driver(letter, lab.instancesPath(letter), null, lab.cephxKeys(), false);
    }

    /** A new driver with every knob of {@link ContractLab#driver(String, Path, String, CephxKeySource, boolean)}. */
    public LibvirtDriver driver(String letter, Path instancesPath, String extraNovaConf, CephxKeySource keys,
                                boolean allowSecretDefine) {
        RbdLibvirtDriver host = lab.host(letter, instancesPath, extraNovaConf, keys, allowSecretDefine);
        drivers.add(host);
        places.add(new ScenarioCleanup.Place(letter, instancesPath));
        return host.driver();
    }

    /** A fresh instance of the base image ({@code contract-<prefix>-<8 hex>}), removed everywhere after the test. */
    public Instance newInstance(String prefix) {
        Instance instance = lab.newInstance(prefix);
        instances.add(instance);
        return instance;
    }

    /** Spawns {@code instance} on {@code host} through the contract, powered on, without network or volumes. */
    public void spawn(LibvirtDriver host, Instance instance) {
        spawn(host, instance, NetworkInfo.none());
    }

    /** Spawns {@code instance} on {@code host} through the contract, powered on, with {@code network}. */
    public void spawn(LibvirtDriver host, Instance instance, NetworkInfo network) {
        host.spawn(instance, lab.baseImage(), network, BlockDeviceInfo.none(), true);
    }

    /**
     * Closed after the guests were removed and checked, in reverse order of registration, while the drivers are
     * still open: the test's own leftovers that a guest used (a secret, a bridge).
     */
    public void closeAfterCleanup(AutoCloseable closer) {
        afterCleanup.add(closer);
    }

    /** Closed at the very end, after the drivers, in reverse order: a lab-wide lock the whole test holds. */
    public void closeLast(AutoCloseable closer) {
        last.add(closer);
    }

    /**
     * Until {@code host}'s libvirt reports a running ({@code Unbounded}) job for {@code instance}, asked with virsh,
     * not the library; an AssertionError when there is none within {@code within}.
     */
    public void awaitLibvirtJob(LibvirtDriver host, Instance instance, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            ContractLab.Run job = ContractLab.run(Duration.ofSeconds(10), "virsh", "-c",
                    host.libvirtHost().uri(), "domjobinfo", instance.name());
            if (job.exitCode() == 0 && job.output().contains("Unbounded")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no migration job on " + host.host() + " within " + within.toSeconds() + " s");
    }

    /**
     * Until the task's progress reaches {@code step}; an AssertionError when it ends before or does not get there
     * within {@code within}.
     */
    public static void awaitStep(LiveMigrationHandle handle, Step step, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (handle.progress().current() != step) {
            assertThat(System.nanoTime()).as("%s reached", step).isLessThan(deadline);
            assertThat(handle.isDone()).as("ended before %s", step).isFalse();
            Thread.sleep(50);
        }
    }

    /** The cleanup after the test; see the class comment. Every step runs, the first failure is rethrown. */
    void cleanUp() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        if (!instances.isEmpty()) {
            try {
                new ScenarioCleanup(lab, places).removeAndCheck(instances);
            } catch (Exception | AssertionError e) {
                failures.add(e);
            }
        }
        closeAll(afterCleanup, failures);
        for (RbdLibvirtDriver d : drivers) {
            try {
                d.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        closeAll(last, failures);
        if (!failures.isEmpty()) {
            Throwable first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            if (first instanceof Exception e) {
                throw e;
            }
            throw (Error) first;
        }
    }

    private static void closeAll(List<AutoCloseable> closers, List<Throwable> failures) {
        for (int i = closers.size() - 1; i >= 0; i--) {
            try {
                closers.get(i).close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
    }
}
