package dev.novalibvirt.rbdlibvirt;

import dev.novalibvirt.libvirt.host.CpuComparison;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.libvirt.host.Secret;
import java.util.List;
import java.util.Optional;

/** A Host with no guests and no secrets that remembers being closed: enough to build a driver over. */
final class NoHost implements Host {
    private final String uri;
    private boolean open = true;
    RuntimeException closeFailure;

    NoHost(String uri) {
        this.uri = uri;
    }

    @Override public String uri() { return uri; }
    @Override public boolean isOpen() { return open; }
    @Override public Optional<Guest> findGuest(String domainName) { return Optional.empty(); }
    @Override public Guest define(String domainName, String xml) { throw new UnsupportedOperationException(); }
    @Override public Optional<Secret> findSecret(String uuid) { return Optional.empty(); }
    @Override public Secret defineCephSecret(String uuid, String usageName, byte[] value) {
        throw new UnsupportedOperationException();
    }
    @Override public List<String> secretUuids() { return List.of(); }
    @Override public String capabilities() { throw new UnsupportedOperationException(); }
    @Override public long hypervisorVersion() { return 8_002_000; }
    @Override public String hypervisorType() { return "QEMU"; }
    @Override public CpuComparison compareCpu(String cpuXml) { return CpuComparison.IDENTICAL; }

    @Override
    public void close() {
        open = false;
        if (closeFailure != null) {
            throw closeFailure;
        }
    }
}
