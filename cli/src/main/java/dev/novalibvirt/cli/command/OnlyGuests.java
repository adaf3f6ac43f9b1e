package dev.novalibvirt.cli.command;

import dev.novalibvirt.cli.port.GuestDefinition;
import dev.novalibvirt.core.exception.InstanceNotFound;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code --only NAME[,NAME...]} of {@code drain} and {@code evacuate}: the host's domains named there (a domain name
 * or uuid), in the host's listing order; every name must be found, before anything is done.
 */
final class OnlyGuests {
    private OnlyGuests() {
    }

    /**
     * @param only the names given; empty keeps every domain
     * @throws InstanceNotFound naming the first name the host has no domain for
     */
    static List<GuestDefinition> filter(List<GuestDefinition> domains, List<String> only, String host) {
        if (only.isEmpty()) {
            return domains;
        }
        Set<String> wanted = only.stream().map(String::strip).collect(Collectors.toSet());
        for (String name : wanted) {
            if (domains.stream().noneMatch(d -> matches(d, name))) {
                throw new InstanceNotFound(name + " on " + host + " (--only)");
            }
        }
        return domains.stream().filter(d -> wanted.stream().anyMatch(n -> matches(d, n))).toList();
    }

    private static boolean matches(GuestDefinition d, String name) {
        return d.name().equals(name) || d.uuid().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
    }
}
