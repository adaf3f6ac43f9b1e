package dev.novalibvirt.examples;

import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ComputeDriver;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.MigrationError;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.migration.task.journal.FileMigrationJournal;
import dev.novalibvirt.rbd.RbdLocation;
import dev.novalibvirt.rpc.compute.RemoteCompute;
import dev.novalibvirt.rpc.config.RpcOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The README's "Running an agent per host" example as a program: the controller's side of the remote mode. Every
 * host runs its own agent ({@code AgentMain}, from that host's nova.conf); this program holds nothing but the
 * broker's address, spawns a small RBD-backed instance through one host's agent, live-migrates it to another through
 * both agents, checks where it runs, and destroys it again. The region between the README markers is what the README
 * shows, character for character ({@code ReadmeExampleTest}).
 */
public final class MigrateThroughAgents {
    static final String USAGE = "usage: MigrateThroughAgents CONTROLLER_NOVA_CONF SOURCE_HOST DESTINATION_HOST "
            + "IMAGE_LOCATION JOURNAL\n"
            + "  e.g. /etc/nova/controller.conf compute-1 compute-2 rbd://<fsid>/images/<glance image id>/snap "
            + "/var/lib/controller/migrations.journal";

    private MigrateThroughAgents() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** The program without the exit: 0 after a checked migration, 2 for wrong arguments; failures throw. */
    static int run(String[] args, PrintStream out) {
        if (args.length != 5) {
            out.println(USAGE);
            return 2;
        }
        String uuid = UUID.randomUUID().toString();
        String name = "example-" + uuid.substring(0, 8);
        LiveMigrationResult result = migrateOnce(Path.of(args[0]), args[1], args[2], args[3], Path.of(args[4]), uuid,
                name, () -> out.println("instance " + name + " runs on " + args[2] + "; removing it"));
        out.println("instance " + uuid + " migrated through the agents and removed; the migration took "
                + result.total().toMillis() + " ms");
        return 0;
    }

    /**
     * Spawns instance {@code instanceName} on {@code sourceHost} through its agent, live-migrates it to
     * {@code destinationHost}, checks that it runs there alone, runs {@code beforeCleanup}, and in any case destroys
     * it (guest, RBD disk, instance directory) through the agent of the host that has it.
     *
     * @param controllerNovaConf the controller's nova.conf: {@code [DEFAULT] transport_url} (the agents' broker),
     *                           {@code rpc_response_timeout}, {@code long_rpc_timeout}
     * @param journal            where the migration is journalled, so that a controller that dies mid-migration
     *                           can recover it on restart ({@code MigrationRecovery})
     * @return the checked result
     * @throws MigrationError when the check fails (the instance has been destroyed all the same)
     */
    // README:begin
    public static LiveMigrationResult migrateOnce(Path controllerNovaConf, String sourceHost, String destinationHost,
                                                  String imageLocation, Path journal, String instanceUuid,
                                                  String instanceName, Runnable beforeCleanup) {
        ImageMeta image = new ImageMeta(RbdLocation.parse(imageLocation).image(), "raw", imageLocation);
        Instance instance = new Instance(instanceUuid, instanceName, 64, 1, 1, image.id());
        // One broker connection for the controller; each host is the [DEFAULT] host its agent serves as.
        try (RemoteCompute compute = RemoteCompute.connect(RpcOptions.fromFile(controllerNovaConf))) {
            ComputeDriver source = compute.host(sourceHost);
            ComputeDriver destination = compute.host(destinationHost);
            source.spawn(instance, image, NetworkInfo.none(), BlockDeviceInfo.none(), true);
            try {
                // The same task as in-process: each step runs on the agent of the host it concerns.
                LiveMigrationResult result = LiveMigrationTask.builder(source, destination)
                        .journal(new FileMigrationJournal(journal))
                        .build().run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
                if (!result.completed() || source.instanceExists(instance) || !destination.instanceExists(instance)
                        || destination.getInfo(instance).state() != PowerState.RUNNING) {
                    throw new MigrationError("live migration of " + instanceUuid + " to " + destinationHost
                            + " did not leave it running there alone: outcome " + result.outcome());
                }
                beforeCleanup.run(); // the caller's turn with the migrated guest
                return result;
            } finally {
                ComputeDriver holder = destination.instanceExists(instance) ? destination : source;
                holder.destroy(instance, NetworkInfo.none(), BlockDeviceInfo.none(), true, false);
            }
        }
    }
    // README:end
}
