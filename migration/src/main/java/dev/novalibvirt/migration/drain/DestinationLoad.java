package dev.novalibvirt.migration.drain;

import java.util.Objects;

/**
 * A candidate destination as a {@link DestinationChooser} sees it.
 *
 * @param host    the destination's host name
 * @param inbound migrations running into it now, counted across every drain that shares the {@link MigrationSlots}
 * @param placed  guests this drain has already sent there (started, whatever their outcome)
 */
public record DestinationLoad(String host, int inbound, int placed) {
    public DestinationLoad {
        Objects.requireNonNull(host, "host");
    }

    /** What the default chooser minimises: work arriving now plus the guests this drain put there. */
    public int load() {
        return inbound + placed;
    }
}
