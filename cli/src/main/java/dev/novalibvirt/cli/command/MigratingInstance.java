package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.port.GuestDefinition;
import dev.novalibvirt.cli.port.GuestInventory;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.Domains;
import dev.novalibvirt.core.xml.domain.Domain;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@link Instance} {@code migrate} hands the task, read from the source host's domain (the CLI has no Nova
 * database): uuid, name, memory and vCPUs as libvirt has them; image-backed when an RBD disk is the image backend's
 * {@code <images_rbd_pool>/<uuid>_disk}.
 */
final class MigratingInstance {
    /**
     * Stands in for the Glance image id, which only Nova's database knows: the live-migration path reads only
     * whether there is one (volume-backed or not), the journal records it.
     */
    static final String IMAGE_UNKNOWN = "unknown";

    private MigratingInstance() {
    }

    /**
     * The domain named {@code nameOrUuid} (a domain name or its uuid) on the source host.
     *
     * @throws InstanceNotFound when the host has no such domain
     */
    static GuestDefinition find(GuestInventory inventory, String nameOrUuid, String host) {
        Optional<GuestDefinition> found = inventory.guests(Optional.empty()).stream()
                .filter(g -> isNamed(g, nameOrUuid)).findFirst();
        // Nova's message, "Instance X could not be found.", with the host it was looked for on
        return found.orElseThrow(() -> new InstanceNotFound(nameOrUuid + " on " + host + " (" + inventory.uri() + ")"));
    }

    /** Whether {@code nameOrUuid} names {@code guest}: its domain name, or its uuid in either case. */
    static boolean isNamed(GuestDefinition guest, String nameOrUuid) {
        return guest.name().equals(nameOrUuid)
                || guest.uuid().toLowerCase(Locale.ROOT).equals(nameOrUuid.toLowerCase(Locale.ROOT));
    }

    /**
     * The instance of a running domain.
     *
     * @throws MigrationPreCheckError when it does not run, or has Cinder volumes attached (their connection info
     *                                is Nova's; this CLI migrates image-backed RBD guests only)
     */
    static Instance of(GuestDefinition guest, String imagesPool) {
        if (!guest.active()) {
            throw new MigrationPreCheckError("instance " + guest.name() + " is " + guest.state()
                    + "; only a running guest can be live-migrated");
        }
        Domain d = DomainXml.parse(guest.effectiveXml());
        if (d.getDisks().stream().anyMatch(Domains::isUserAttached)) {
            throw new MigrationPreCheckError("instance " + guest.name() + " has Cinder volumes attached; their "
                    + "connection info lives in Nova's database, migrate it through Nova");
        }
        String uuid = guest.uuid().toLowerCase(Locale.ROOT);
        String rootDisk = imagesPool + "/" + uuid + "_disk";
        boolean imageBacked = Domains.rbdImages(d).contains(rootDisk);
        int memoryMib = d.getMemory() == null ? 1 : (int) Math.max(1, d.getMemory().toKiB() / 1024);
        int vcpus = d.getVcpu() == null ? 1 : d.getVcpu().getCount();
        return new Instance(uuid, guest.name(), memoryMib, vcpus, 0, imageBacked ? IMAGE_UNKNOWN : null);
    }
}
