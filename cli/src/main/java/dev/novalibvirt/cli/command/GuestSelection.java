package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.port.GuestDefinition;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.InstanceNotFound;
import dev.novalibvirt.core.exception.MigrationPreCheckError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The guests of a host that a host-wide command ({@code drain}, {@code evacuate}) acts on, as Nova's
 * {@code host-evacuate-live} and {@code host-evacuate} take every server of the host: the host's domains, or with
 * {@code --only NAME[,NAME...]} those named there (a domain name or uuid; every name must be found, before anything
 * is done), in the host's listing order; of those each running domain, read as {@link MigratingInstance} reads one.
 * One this CLI cannot act on (Cinder volumes, whose connection info is Nova's; a domain that could not be read) is
 * refused here, before anything starts, and the others still go; a domain that does not run is left alone (its
 * definition stays on the host).
 *
 * @param chosen     the instances to act on, in the host's listing order
 * @param refused    the running domains refused here, in the host's listing order
 * @param notRunning the names of the domains that do not run
 * @param names      domain name per instance uuid, of the chosen instances
 */
record GuestSelection(List<Instance> chosen, List<Refusal> refused, List<String> notRunning,
                      Map<String, String> names) {

    /**
     * A running domain this CLI does not act on.
     *
     * @param why the exception's class and message, or why the domain could not be read
     */
    record Refusal(String name, String uuid, String why) {
    }

    GuestSelection {
        chosen = List.copyOf(chosen);
        refused = List.copyOf(refused);
        notRunning = List.copyOf(notRunning);
        names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
    }

    /**
     * @param domains    every domain of the host, in its listing order
     * @param only       the names {@code --only} gave; empty keeps every domain
     * @param host       the host's name, for the refusal of an unknown name
     * @param imagesPool nova.conf's {@code [libvirt] images_rbd_pool}
     * @throws InstanceNotFound naming the first {@code --only} name the host has no domain for
     */
    static GuestSelection of(List<GuestDefinition> domains, List<String> only, String host, String imagesPool) {
        List<Instance> chosen = new ArrayList<>();
        List<Refusal> refused = new ArrayList<>();
        List<String> notRunning = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (GuestDefinition g : named(domains, only, host)) {
            if (!g.active()) {
                notRunning.add(g.name());
                continue;
            }
            String why = g.error();
            if (why == null) {
                try {
                    Instance instance = MigratingInstance.of(g, imagesPool);
                    chosen.add(instance);
                    names.put(instance.uuid(), g.name());
                    continue;
                } catch (MigrationPreCheckError e) {
                    why = "MigrationPreCheckError: " + e.getMessage();
                }
            }
            refused.add(new Refusal(g.name(), g.uuid(), why));
        }
        return new GuestSelection(chosen, refused, notRunning, names);
    }

    private static List<GuestDefinition> named(List<GuestDefinition> domains, List<String> only, String host) {
        if (only.isEmpty()) {
            return domains;
        }
        Set<String> wanted = only.stream().map(String::strip).collect(Collectors.toSet());
        for (String name : wanted) {
            if (domains.stream().noneMatch(d -> MigratingInstance.isNamed(d, name))) {
                throw new InstanceNotFound(name + " on " + host + " (--only)");
            }
        }
        return domains.stream().filter(d -> wanted.stream().anyMatch(n -> MigratingInstance.isNamed(d, n))).toList();
    }
}
