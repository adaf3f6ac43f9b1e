package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlRootElement;

/** {@code <on_crash>}: destroy, restart, preserve, rename-restart, coredump-destroy, coredump-restart. */
@XmlRootElement(name = "on_crash")
public class OnCrash extends TextNode {
    public OnCrash() {
    }

    public OnCrash(String value) {
        super(value);
    }
}
