package dev.novalibvirt.rbd;

/**
 * A client watching an image ({@code rbd_image_watcher_t}): every process with the image open read-write,
 * e.g. a running QEMU, holds a watch. {@code address} is the client's entity address
 * ({@code 198.18.0.11:0/123456}); fencing blocklists it.
 */
public record Watcher(String address, long clientId, long cookie) {
}
