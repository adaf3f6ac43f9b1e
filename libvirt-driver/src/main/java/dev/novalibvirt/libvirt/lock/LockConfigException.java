package dev.novalibvirt.libvirt.lock;

import dev.novalibvirt.core.exception.NovaException;

/** Lock-manager settings or lease definitions that libvirt would reject or misuse. */
public class LockConfigException extends NovaException {
    private static final long serialVersionUID = 1L;

    public LockConfigException(String message) {
        super(message);
    }
}
