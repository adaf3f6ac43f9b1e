package dev.novalibvirt.conformance.agent;

import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.image.InstanceDisk;
import dev.novalibvirt.rbd.RbdImageBackend;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.Locale;
import java.util.Optional;

/**
 * What a guest looks like on one lab host, seen without the library: {@code virsh domstate} against the host's
 * libvirtd, the instance dir on the host's instances_path, the RBD image's id from the {@code rbd} tool. The
 * agent tests check the library's word against this.
 *
 * @param host     the host letter
 * @param state    virsh's domain state ({@code running}, {@code shut off}, ...), or empty when no such domain
 * @param dir      the instance dir exists
 */
public record VirshLook(String host, Optional<String> state, boolean dir) {

    /** Looks at {@code instance} on lab host {@code letter} now. */
    public static VirshLook of(ContractLab lab, String letter, Instance instance) {
        return new VirshLook(letter, domstate(lab, letter, instance.name()),
                Files.isDirectory(lab.instancesPath(letter).resolve(instance.uuid()), LinkOption.NOFOLLOW_LINKS));
    }

    /** virsh says the domain runs here. */
    public boolean running() {
        return state.filter("running"::equals).isPresent();
    }

    /** virsh knows the domain here in any state. */
    public boolean defined() {
        return state.isPresent();
    }

    /** Nothing of the guest here: no domain, no instance dir. */
    public boolean clean() {
        return state.isEmpty() && !dir;
    }

    /**
     * {@code virsh -c URI domstate NAME}: the state, empty when the host has no such domain.
     *
     * @throws IllegalStateException when virsh fails for another reason (libvirtd unreachable...)
     */
    public static Optional<String> domstate(ContractLab lab, String letter, String domain) {
        ContractLab.Run r = ContractLab.run("virsh", "-q", "-c", lab.hostValue(letter, "URI"), "domstate", domain);
        if (r.exitCode() == 0) {
            return Optional.of(r.output().strip().toLowerCase(Locale.ROOT));
        }
        if (r.output().contains("failed to get domain") || r.output().contains("Domain not found")) {
            return Optional.empty();
        }
        throw new IllegalStateException("virsh domstate " + domain + " on host-" + letter + " failed: "
                + r.output().strip());
    }

    /** The id of the guest's root disk image in the lab's vms pool (null when there is none). */
    public static String rootDiskId(ContractLab lab, Instance instance) {
        return lab.rbdImageId(RbdImageBackend.rbdName(InstanceDisk.root(instance.uuid())));
    }
}
