package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlRootElement;

/** libvirt's {@code <serial>}, a serial port. See {@link CharDevice}. */
@XmlRootElement(name = "serial")
public class Serial extends CharDevice<Serial> {
    public Serial() {
    }

    public Serial(String type) {
        super(type);
    }
}
