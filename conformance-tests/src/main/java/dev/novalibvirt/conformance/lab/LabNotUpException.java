package dev.novalibvirt.conformance.lab;

/** The lab is absent or unreachable: lab-backed tests fail with this, telling the reader to run {@code ./lab up}. */
public final class LabNotUpException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public LabNotUpException(String reason) {
        super("lab is not up: run ./lab up (" + reason + ")");
    }

    public LabNotUpException(String reason, Throwable cause) {
        super("lab is not up: run ./lab up (" + reason + ")", cause);
    }
}
