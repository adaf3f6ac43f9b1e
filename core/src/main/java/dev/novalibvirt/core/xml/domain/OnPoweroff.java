package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlRootElement;

/** {@code <on_poweroff>}: destroy, restart, preserve, rename-restart. */
@XmlRootElement(name = "on_poweroff")
public class OnPoweroff extends TextNode {
    public OnPoweroff() {
    }

    public OnPoweroff(String value) {
        super(value);
    }
}
