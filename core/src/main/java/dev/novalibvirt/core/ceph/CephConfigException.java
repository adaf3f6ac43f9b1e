package dev.novalibvirt.core.ceph;

import dev.novalibvirt.core.exception.NovaException;

/** A ceph.conf text, a Ceph option value or a version string that cannot be understood. */
public class CephConfigException extends NovaException {
    private static final long serialVersionUID = 1L;

    public CephConfigException(String message) {
        super(message);
    }
}
