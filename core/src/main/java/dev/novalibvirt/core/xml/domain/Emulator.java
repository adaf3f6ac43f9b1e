package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlRootElement;

/** {@code <devices><emulator>/usr/bin/qemu-system-x86_64</emulator>}. */
@XmlRootElement(name = "emulator")
public class Emulator extends TextNode {
    public Emulator() {
    }

    public Emulator(String path) {
        super(path);
    }
}
