package dev.novalibvirt.rbd.rados;

/** Ceph messenger protocol of a monitor address: v1 (legacy, port 6789) or v2 (msgr2, port 3300). */
public enum MonProtocol {
    V1(6789),
    V2(3300);

    private final int defaultPort;

    MonProtocol(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /** The IANA default port of this protocol. */
    public int defaultPort() {
        return defaultPort;
    }

    /** Parses the {@code type} of an addrvec entry ({@code v1}, {@code v2}); null for others ("any"). */
    static MonProtocol fromType(String type) {
        if ("v1".equals(type)) {
            return V1;
        }
        if ("v2".equals(type)) {
            return V2;
        }
        return null;
    }
}
