package dev.novalibvirt.migration.evacuate;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.DiskNotFound;
import dev.novalibvirt.core.exception.NovaException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fencing and disk holders from memory: each host has one IP ({@code host-a} 198.18.0.11...); a disk's holders are
 * addresses, live unless their host is fenced; a disk is missing when listed in {@link #missingDisks}.
 */
final class FakeStorage implements EvacuationStorage {
    final Set<String> fenced = new HashSet<>();
    final Map<String, List<String>> holders = new HashMap<>();
    final Set<String> missingDisks = new HashSet<>();
    final List<String> calls = new ArrayList<>();

    static String ip(String host) {
        return "198.18.0.1" + (host.charAt(host.length() - 1) - 'a' + 1);
    }

    /** {@code instance}'s disk is open by a client on {@code host}. */
    FakeStorage heldBy(Instance instance, String host) {
        holders.computeIfAbsent(instance.uuid(), u -> new ArrayList<>()).add(ip(host) + ":0/3141");
        return this;
    }

    @Override public boolean isFenced(String host) {
        return fenced.contains(host);
    }

    @Override public List<String> fence(String host) {
        calls.add("fence " + host);
        fenced.add(host);
        return List.of(ip(host) + ":0/0");
    }

    @Override public List<String> checkCanRebuild(Instance instance) {
        calls.add("check " + instance.uuid());
        if (missingDisks.contains(instance.uuid())) {
            throw new DiskNotFound("vms/" + instance.uuid() + "_disk");
        }
        List<String> ignored = new ArrayList<>();
        for (String h : holders.getOrDefault(instance.uuid(), List.of())) {
            boolean isFenced = fenced.stream().anyMatch(host -> h.startsWith(ip(host) + ":"));
            if (!isFenced) {
                throw new NovaException("RBD image vms/" + instance.uuid() + "_disk is in use by " + h);
            }
            ignored.add(h);
        }
        return ignored;
    }

    @Override public List<String> unfence(String host) {
        calls.add("unfence " + host);
        return fenced.remove(host) ? List.of(ip(host) + ":0/0") : List.of();
    }
}
