package dev.novalibvirt.cli.port;

import java.time.Duration;
import java.util.List;

/** Fencing as the operator's admin identity does it ({@code HostFencer}). */
public interface Fencing extends AutoCloseable {
    /** Blocklists every Ceph client of {@code ip} for {@code expiry}; the entry added ({@code IP:0/0}). */
    String fenceHost(String ip, Duration expiry);

    /** Removes every blocklist entry on {@code ip}; the entries removed. */
    List<String> unfenceHost(String ip);

    @Override
    void close();
}
