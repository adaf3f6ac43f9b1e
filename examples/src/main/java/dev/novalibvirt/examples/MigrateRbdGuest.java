package dev.novalibvirt.examples;

import dev.novalibvirt.core.config.NovaConfig;
import dev.novalibvirt.core.driver.BlockDeviceInfo;
import dev.novalibvirt.core.driver.ImageMeta;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.driver.NetworkInfo;
import dev.novalibvirt.core.driver.PowerState;
import dev.novalibvirt.core.exception.MigrationError;
import dev.novalibvirt.libvirt.driver.LibvirtDriver;
import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.task.LiveMigrationListener;
import dev.novalibvirt.migration.task.LiveMigrationResult;
import dev.novalibvirt.migration.task.LiveMigrationTask;
import dev.novalibvirt.rbd.RbdLocation;
import dev.novalibvirt.rbdlibvirt.RbdLibvirt;
import dev.novalibvirt.rbdlibvirt.RbdLibvirtDriver;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The README's "Embedding it" example as a program: spawns a small RBD-backed instance on one compute host,
 * live-migrates it to another, checks where it runs, and destroys it again. The region between the README markers
 * is what the README shows, character for character ({@code ReadmeExampleTest}).
 *
 * <p>Each host is given by its own nova.conf and the libvirt URI this program reaches it at. Nova's compute service
 * runs on the host and uses {@code [libvirt] connection_uri} (usually {@code qemu:///system}); a controller
 * embedding this library connects from elsewhere, hence the separate URI.
 */
public final class MigrateRbdGuest {
    static final String USAGE = "usage: MigrateRbdGuest SOURCE_NOVA_CONF SOURCE_LIBVIRT_URI DESTINATION_NOVA_CONF "
            + "DESTINATION_LIBVIRT_URI IMAGE_LOCATION\n"
            + "  e.g. /etc/nova/compute-1.conf qemu+tcp://compute-1/system /etc/nova/compute-2.conf "
            + "qemu+tcp://compute-2/system rbd://<fsid>/images/<glance image id>/snap";

    private MigrateRbdGuest() {
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
        LiveMigrationResult result = migrateOnce(Path.of(args[0]), args[1], Path.of(args[2]), args[3], args[4],
                uuid, name, () -> out.println("instance " + name + " runs on the destination; removing it"));
        out.println("instance " + uuid + " migrated and removed; the migration took " + result.total().toMillis()
                + " ms");
        return 0;
    }

    /**
     * Spawns instance {@code instanceName} ({@code instanceUuid}; its root disk is
     * {@code <images_rbd_pool>/<instanceUuid>_disk}, a clone of {@code imageLocation}) on the source host,
     * live-migrates it to the destination host, checks that the migration completed and that the guest now runs on
     * the destination and is gone from the source, runs {@code beforeCleanup}, and in any case destroys it (guest,
     * RBD disk, instance directory) on whichever host has it. Drivers and backends are closed on return.
     *
     * @param beforeCleanup run once the migration is checked, before the instance is destroyed (the program prints
     *                      a line; {@code ReadmeExampleIT} looks at both hosts); what it throws is rethrown
     * @return the checked result
     * @throws MigrationError when the check fails (the instance has been destroyed all the same)
     */
    // README:begin
    public static LiveMigrationResult migrateOnce(Path sourceNovaConf, String sourceUri, Path destinationNovaConf,
                                                  String destinationUri, String imageLocation, String instanceUuid,
                                                  String instanceName, Runnable beforeCleanup) {
        // The Glance image (in the same Ceph cluster) the root disk is cloned from: its id and its rbd:// location.
        ImageMeta image = new ImageMeta(RbdLocation.parse(imageLocation).image(), "raw", imageLocation);
        // 64 MiB of RAM, 1 vCPU, a 1 GiB root disk (root_gb 0 would keep the image's size).
        Instance instance = new Instance(instanceUuid, instanceName, 64, 1, 1, image.id());
        // Each host's driver from its own nova.conf alone, reaching its libvirtd at the URI given. [DEFAULT] host,
        // instances_path and [libvirt] live_migration_inbound_addr are each host's; the RBD options are shared.
        try (RbdLibvirtDriver sourceHost = RbdLibvirt.builder(NovaConfig.fromFile(sourceNovaConf)).connect(sourceUri)
                     // byte progress of each migration from this host, from the driver's migration monitor
                     .migrationListener(event -> {
                         if (event instanceof MigrationEvent.Progress p) {
                             System.out.printf("%s: %d%% of memory sent%n", p.domain(), p.percent());
                         }
                     })
                     .build();
             RbdLibvirtDriver destinationHost = RbdLibvirt.builder(NovaConfig.fromFile(destinationNovaConf))
                     .connect(destinationUri).build()) {
            LibvirtDriver source = sourceHost.driver();
            LibvirtDriver destination = destinationHost.driver();
            source.spawn(instance, image, NetworkInfo.none(), BlockDeviceInfo.none(), true);
            try {
                // Nova's steps (checks, pre_live_migration, live_migration, post or rollback), one line per step.
                LiveMigrationResult result = LiveMigrationTask.builder(source, destination)
                        .listener(LiveMigrationListener.onStepFinished(step -> System.out.printf("%s on %s: %d ms%s%n",
                                step.step(), step.host(), step.duration().toMillis(),
                                step.succeeded() ? "" : " FAILED " + step.error())))
                        .build().run(instance, NetworkInfo.none(), BlockDeviceInfo.none());
                // Completed means libvirt's job finished and the post steps ran; the guest must now run on the
                // destination and be gone from the source.
                if (!result.completed() || source.instanceExists(instance) || !destination.instanceExists(instance)
                        || destination.getInfo(instance).state() != PowerState.RUNNING) {
                    throw new MigrationError("live migration of " + instanceUuid + " to " + destination.host()
                            + " did not leave it running there alone: completed=" + result.completed()
                            + ", status=" + result.status());
                }
                beforeCleanup.run(); // the caller's turn with the migrated guest
                return result;
            } finally {
                // Nova's destroy, with cleanup: guest, RBD disk and instance directory, where the guest is now.
                LibvirtDriver holder = destination.instanceExists(instance) ? destination : source;
                holder.destroy(instance, NetworkInfo.none(), BlockDeviceInfo.none(), true, false);
            }
        }
    }
    // README:end
}
