package dev.novalibvirt.libvirt.host;

import java.util.Optional;

/** A libvirt secret on a {@link Host}; its value is returned as a fresh array the caller wipes, never logged. */
public interface Secret {
    String uuid();

    /** The stored value; empty when the secret was defined without one. */
    Optional<byte[]> value();

    /** Mirrors {@code Host.delete_secret}; a secret already gone is not an error. */
    void undefine();
}
