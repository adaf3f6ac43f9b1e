package dev.novalibvirt.core.exception;

/**
 * Mirrors {@code nova.exception.InvalidConfiguration}: configuration options that cannot work together, rejected at
 * start-up ({@code init_host}); also a builder that is missing a part it cannot work without.
 */
public class InvalidConfiguration extends Invalid {
    private static final long serialVersionUID = 1L;

    public InvalidConfiguration(String message) {
        super(message);
    }

    public InvalidConfiguration(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A required builder part was not given, in one wording for every builder: {@code "<builder>: <part> is
     * required: <how>"}, e.g. {@code missingPart("LibvirtDriver.builder()", "host", "call
     * .host(Host.open(\"qemu+tcp://compute-1/system\"))")}.
     *
     * @param builder how the builder was obtained, e.g. {@code LibvirtDriver.builder()}
     * @param part    the missing part
     * @param how     how to supply it (a call to make, with an example)
     */
    public static InvalidConfiguration missingPart(String builder, String part, String how) {
        return new InvalidConfiguration(builder + ": " + part + " is required: " + how);
    }
}
