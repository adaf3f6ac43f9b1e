package dev.novalibvirt.core.exception;

/** Mirrors {@code nova.exception.InvalidBDM} ("Block Device Mapping is Invalid."), with what is wrong. */
public class InvalidBDM extends Invalid {
    private static final long serialVersionUID = 1L;

    public InvalidBDM(String details) {
        super("Block Device Mapping is Invalid: " + details);
    }
}
