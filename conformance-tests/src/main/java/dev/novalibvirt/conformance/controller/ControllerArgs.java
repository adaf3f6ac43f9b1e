package dev.novalibvirt.conformance.controller;

import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.InvalidInput;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link CrashingController} migrates, as its command line carries it: the journal file, the already running
 * guest (host-a) and the migration bandwidth. The parent builds it, {@link #argv()} passes it, {@link #parse} reads
 * it back in the child.
 *
 * @param journal       the {@code FileMigrationJournal} file the controller writes
 * @param instance      the guest, running on host-a
 * @param bandwidthMibs nova.conf's {@code [libvirt] live_migration_bandwidth} in MiB/s; 0 leaves it unset
 *                      (unlimited), as the lab's other drivers have it
 */
public record ControllerArgs(Path journal, Instance instance, int bandwidthMibs) {
    private static final List<String> NAMES = List.of("journal", "instance uuid", "instance name", "memory MiB",
            "vcpus", "root GB", "image ref", "bandwidth MiB/s");
    /** The image ref of a volume-backed guest (it has none). */
    private static final String NO_IMAGE = "-";

    public ControllerArgs {
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(instance, "instance");
        if (bandwidthMibs < 0) {
            throw new InvalidInput("controller bandwidth " + bandwidthMibs + " MiB/s: expected 0 (unlimited) or more");
        }
    }

    /** The arguments, in the order {@link #parse} takes them. */
    public List<String> argv() {
        return List.of(journal.toString(), instance.uuid(), instance.name(), Integer.toString(instance.memoryMib()),
                Integer.toString(instance.vcpus()), Integer.toString(instance.rootGb()),
                instance.imageRef() == null ? NO_IMAGE : instance.imageRef(),
                Integer.toString(bandwidthMibs));
    }

    /** @throws InvalidInput naming the argument that is missing or not a number */
    public static ControllerArgs parse(String... args) {
        if (args.length != NAMES.size()) {
            throw new InvalidInput("the crashing controller takes " + NAMES.size() + " arguments (" + String.join(
                    ", ", NAMES) + "), got " + args.length);
        }
        Instance instance = new Instance(args[1], args[2], number(args, 3), number(args, 4), number(args, 5),
                NO_IMAGE.equals(args[6]) ? null : args[6]);
        return new ControllerArgs(Path.of(args[0]), instance, number(args, 7));
    }

    private static int number(String[] args, int i) {
        try {
            return Integer.parseInt(args[i]);
        } catch (NumberFormatException e) {
            throw new InvalidInput("crashing controller argument " + (i + 1) + " (" + NAMES.get(i) + ") '" + args[i]
                    + "': expected a whole number");
        }
    }
}
