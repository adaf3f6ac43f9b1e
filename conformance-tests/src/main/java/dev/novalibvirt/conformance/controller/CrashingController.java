package dev.novalibvirt.conformance.controller;

import dev.novalibvirt.conformance.controller.ControllerLine.Mark;
import dev.novalibvirt.conformance.lab.LabEnv;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.task.LiveMigrationHandle;
import dev.novalibvirt.migration.task.LiveMigrationListener;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.Step;
import dev.novalibvirt.migration.task.journal.FileMigrationJournal;
import java.util.Map;

/**
 * The controller that is killed -9 in the middle of a migration (issue 11; {@code ControllerCrashIT}, the fault
 * matrix's {@code controller-kill}): a separate JVM that migrates an already running guest host-a -> host-b through
 * {@code LiveMigrationTask} with a file journal, as an embedder would, and says how far it got in
 * {@link ControllerLine}s on stdout: {@code LIVE_MIGRATION} as that step starts, {@code STARTED} once the task runs,
 * {@code JOB_RUNNING} when the source's migration monitor sees libvirt's job, {@code OUTCOME} if the task ends before
 * the kill. Then it only waits to be killed. Arguments: {@link ControllerArgs}. Run it with
 * {@link ControllerProcess}.
 */
public final class CrashingController {
    private CrashingController() {
    }

    public static void main(String[] args) throws Exception {
        ControllerArgs a = ControllerArgs.parse(args);
        ContractLab lab = ContractLab.of(LabEnv.load());
        // the bandwidth cap is the only knob: everything else as lab.driver() builds it
        String extra = a.bandwidthMibs() == 0 ? null
                : "[libvirt]\nlive_migration_bandwidth = " + a.bandwidthMibs() + "\n";
        LibvirtDriver src = lab.host("a", lab.instancesPath("a"), extra, lab.cephxKeys(), false,
                lab.migrationTls("a"), d -> d.migrationListener(event -> {
                    if (event instanceof MigrationEvent.Started) {
                        say(ControllerLine.now(Mark.JOB_RUNNING));
                    }
                })).driver();
        LibvirtDriver dst = lab.driver("b");
        LiveMigrationListener steps = new LiveMigrationListener() {
            @Override
            public void stepStarted(Step step, String host) {
                if (step == Step.LIVE_MIGRATION) {
                    say(ControllerLine.now(Mark.LIVE_MIGRATION));
                }
            }
        };
        LiveMigrationHandle h = LiveMigrationTask.builder(src, dst).journal(new FileMigrationJournal(a.journal()))
                .listener(steps).build().start(a.instance(), NetworkInfo.none(), BlockDeviceInfo.none());
        say(new ControllerLine(Mark.STARTED, System.nanoTime(), Map.of("migration", h.migrationId())));
        try {
            LiveMigrationResult r = h.await();
            say(ControllerLine.outcome(r));
        } catch (RuntimeException e) {
            say(ControllerLine.threw(e));
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    /** One line at a time, flushed at once: the parent times a kill from it. */
    private static synchronized void say(ControllerLine line) {
        System.out.println(line.format());
        System.out.flush();
    }
}
