package dev.novalibvirt.cli.output;

/**
 * What a command found or did: serialised as JSON (its record components, snake_case, in declaration order) under
 * {@code result}, or rendered for people by {@link #toText()}.
 */
public interface Report {
    /** The human-readable form (tables), ending with a newline. */
    String toText();

    /** 0, or 1 when the report itself names a failure (a domain that could not be refreshed, a disk not read). */
    int exitCode();
}
