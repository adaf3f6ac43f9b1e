package dev.novalibvirt.conformance.guest;

import dev.novalibvirt.conformance.agent.VirshLook;
import dev.novalibvirt.conformance.migration.ContractLab;
import dev.novalibvirt.core.driver.Instance;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a guest is after a completed hop, seen without the library: {@code virsh domstate} and the instance dir on
 * the destination and on the source ({@link VirshLook}), and the id of its root disk's RBD image ({@code rbd info}).
 *
 * @param destination the destination host as virsh and the filesystem show it
 * @param source      the source host as virsh and the filesystem show it
 * @param imageId     the root disk's RBD image id now, null when {@code rbd info} found none
 */
public record HopLook(VirshLook destination, VirshLook source, String imageId) {

    /**
     * Looks at {@code instance} on host {@code to} and host {@code from} (letters) and at its root disk, each look
     * {@link Retried}.
     *
     * @throws RuntimeException when virsh keeps failing on either host
     */
    public static HopLook of(ContractLab lab, Instance instance, String from, String to) {
        VirshLook there = Retried.look(() -> VirshLook.of(lab, to, instance));
        VirshLook here = Retried.look(() -> VirshLook.of(lab, from, instance));
        String id = Retried.lookOr(() -> Objects.requireNonNull(VirshLook.rootDiskId(lab, instance), "no rbd info"),
                null);
        return new HopLook(there, here, id);
    }

    /** What is wrong for a guest that should run on the destination only, on the RBD image {@code imageId}. */
    public List<String> problems(String expectedImageId) {
        List<String> problems = new ArrayList<>();
        if (!destination.running()) {
            problems.add("not running on host-" + destination.host() + " (" + describe(destination) + ")");
        }
        if (!source.clean()) {
            problems.add("left on host-" + source.host() + " (" + describe(source) + ")");
        }
        if (!Objects.equals(expectedImageId, imageId)) {
            problems.add("RBD image id " + imageId + ", was " + expectedImageId);
        }
        return problems;
    }

    /**
     * The same as phrases for the demo: {@code running on host-b only}, {@code nothing left on host-a (no domain, no
     * instance dir)}, {@code RBD image id 1f2e3d unchanged}; what is wrong in capitals.
     */
    public List<String> summary(String expectedImageId) {
        List<String> phrases = new ArrayList<>();
        phrases.add(destination.running() ? "running on host-" + destination.host() + (source.defined() ? "" : " only")
                : "NOT RUNNING on host-" + destination.host() + " (" + describe(destination) + ")");
        phrases.add(source.clean() ? "nothing left on host-" + source.host() + " (no domain, no instance dir)"
                : "LEFT on host-" + source.host() + " (" + describe(source) + ")");
        phrases.add(Objects.equals(expectedImageId, imageId) ? "RBD image id " + imageId + " unchanged"
                : "RBD image id CHANGED: " + expectedImageId + " -> " + imageId);
        return phrases;
    }

    /** {@code host-b: running, instance dir}. */
    public static String describe(VirshLook look) {
        return "host-" + look.host() + ": " + look.state().orElse("no domain") + ", "
                + (look.dir() ? "instance dir" : "no instance dir");
    }
}
