package dev.novalibvirt.cli.progress;

import dev.novalibvirt.migration.monitor.MigrationEvent;
import dev.novalibvirt.migration.monitor.MigrationListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link MigrationFigures} per domain for a drain: the source's one monitor listener hears every guest's
 * migration, each event naming its domain. Written on the monitors' threads, read once the drain is over.
 */
public final class DrainFigures implements MigrationListener {
    private final Map<String, MigrationFigures> byDomain = new ConcurrentHashMap<>();

    @Override
    public void onEvent(MigrationEvent event) {
        byDomain.computeIfAbsent(event.domain(), d -> new MigrationFigures()).onEvent(event);
    }

    /** The figures of {@code domain}'s migration; empty figures (everything unknown) when it sent none. */
    public MigrationFigures of(String domain) {
        return byDomain.getOrDefault(domain, new MigrationFigures());
    }
}
