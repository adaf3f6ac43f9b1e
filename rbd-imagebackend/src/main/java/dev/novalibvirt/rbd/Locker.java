package dev.novalibvirt.rbd;

/**
 * A holder of an advisory (cls) lock ({@code rbd_list_lockers}; {@code rbd lock ls}): the client entity
 * ({@code client.4235}), the cookie it chose, and its address.
 */
public record Locker(String client, String cookie, String address) {
}
