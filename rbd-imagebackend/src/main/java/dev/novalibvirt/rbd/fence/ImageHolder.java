package dev.novalibvirt.rbd.fence;

import java.util.Objects;

/**
 * A Ceph client that has an RBD image open: a watcher on the image header ({@code rbd_watchers_list}), the
 * owner of its managed exclusive lock, or the holder of an advisory lock ({@code rbd_list_lockers}).
 *
 * @param kind    how the client holds the image
 * @param address the client's entity address, {@code IP:PORT/NONCE} (e.g. {@code 198.18.0.11:0/2961538724})
 * @param client  the client's global id ({@code client.4521}) when known, else empty
 */
public record ImageHolder(Kind kind, String address, String client) {
    public enum Kind {
        WATCHER("watcher"), LOCK_OWNER("exclusive-lock owner"), ADVISORY_LOCK("advisory lock");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public ImageHolder {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        client = client == null ? "" : client;
    }

    /** The IP part of the address ({@code 198.18.0.11}; IPv6 addresses keep their brackets). */
    public String ip() {
        return CephAddress.ip(address);
    }

    @Override
    public String toString() {
        return address + " (" + kind + (client.isEmpty() ? "" : ", " + client) + ")";
    }
}
