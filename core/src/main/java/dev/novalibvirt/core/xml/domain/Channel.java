package dev.novalibvirt.core.xml.domain;

import jakarta.xml.bind.annotation.XmlRootElement;

/** libvirt's {@code <channel>}, a channel (virtio/guestfwd; target name, e.g. org.qemu.guest_agent.0). See {@link CharDevice}. */
@XmlRootElement(name = "channel")
public class Channel extends CharDevice<Channel> {
    public Channel() {
    }

    public Channel(String type) {
        super(type);
    }
}
