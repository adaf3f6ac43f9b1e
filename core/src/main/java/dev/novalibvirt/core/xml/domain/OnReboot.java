package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlRootElement;

/** {@code <on_reboot>}: destroy, restart, preserve, rename-restart. */
@XmlRootElement(name = "on_reboot")
public class OnReboot extends TextNode {
    public OnReboot() {
    }

    public OnReboot(String value) {
        super(value);
    }
}
