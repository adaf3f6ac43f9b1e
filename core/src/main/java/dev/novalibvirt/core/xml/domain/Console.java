package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlRootElement;

/** libvirt's {@code <console>}, a console (tty attribute; mirrors serial 0 for target type serial). See {@link CharDevice}. */
@XmlRootElement(name = "console")
public class Console extends CharDevice<Console> {
    @jakarta.xml.bind.annotation.XmlAttribute private String tty;

    public String getTty() { return tty; }
    public Console setTty(String tty) { this.tty = tty; return this; }

    public Console() {
    }

    public Console(String type) {
        super(type);
    }
}
