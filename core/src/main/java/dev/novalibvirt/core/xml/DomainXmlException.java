package dev.novalibvirt.core.xml;

import dev.novalibvirt.core.exception.NovaException;

/**
 * libvirt XML that cannot be read or a model/builder input that cannot be written: not well-formed, wrong root
 * element, unknown disk type, missing required value. The message names the problem (and the line, when known).
 */
public class DomainXmlException extends NovaException {
    private static final long serialVersionUID = 1L;

    public DomainXmlException(String message) {
        super(message);
    }

    public DomainXmlException(String message, Throwable cause) {
        super(message, cause);
    }
}
