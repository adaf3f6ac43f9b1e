package dev.novalibvirt.conformance.field;

import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.journal.FileMigrationJournal;
import java.nio.file.Path;

/**
 * The controller that {@link ControllerCrashIT} kills -9: a separate JVM that starts a slow a -> b migration of
 * an already running guest with a file journal and then only waits, so that the test can kill it while libvirt
 * runs the job. Arguments: journal file, instance uuid, instance name, base image id.
 */
public final class CrashingController {
    private CrashingController() {
    }

    public static void main(String[] args) throws Exception {
        Path journal = Path.of(args[0]);
        Instance instance = new Instance(args[1], args[2], 64, 1, 1, args[3]);
        ContractLab lab = ContractLab.of(LabEnv.load());
        // 1 MiB/s keeps the job running long enough to be killed in the middle of it
        LibvirtDriver a = lab.driver("a", lab.instancesPath("a"), "[libvirt]\nlive_migration_bandwidth = 1\n",
                lab.cephxKeys(), false);
        LibvirtDriver b = lab.driver("b");
        LiveMigrationTask.builder(a, b).journal(new FileMigrationJournal(journal)).build()
                .start(instance, NetworkInfo.none(), BlockDeviceInfo.none());
        System.out.println("STARTED");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
