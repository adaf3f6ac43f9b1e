package dev.novalibvirt.libvirt.driver;

import dev.novalibvirt.core.exception.InternalError;
import dev.novalibvirt.libvirt.host.CpuComparison;
import dev.novalibvirt.libvirt.host.Guest;
import dev.novalibvirt.libvirt.host.Host;
import dev.novalibvirt.libvirt.host.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An in-memory {@link Host} for the steps' unit tests: domains and secrets in maps, the CPU answer settable. */
final class FakeHost implements Host {
    final Map<String, FakeGuest> guests = new LinkedHashMap<>();
    final Map<String, FakeSecret> secrets = new LinkedHashMap<>();
    CpuComparison cpu = CpuComparison.IDENTICAL;
    /** When set, {@link #defineCephSecret} fails with it (libvirt refusing). */
    RuntimeException secretDefineFailure;
    /** When set, reading any secret's value fails with it (libvirt erring, not a mismatch). */
    RuntimeException secretValueFailure;
    final List<String> cpuComparedWith = new ArrayList<>();
    boolean open = true;

    FakeGuest add(FakeGuest guest) {
        guests.put(guest.name(), guest);
        return guest;
    }

    @Override public String uri() { return "fake:///system"; }
    @Override public boolean isOpen() { return open; }

    @Override
    public Optional<Guest> findGuest(String domainName) {
        FakeGuest g = guests.get(domainName);
        return g == null || g.undefined ? Optional.empty() : Optional.of(g);
    }

    @Override
    public Guest define(String domainName, String xml) {
        return add(new FakeGuest(domainName, xml));
    }

    @Override
    public Optional<Secret> findSecret(String uuid) {
        return Optional.ofNullable(secrets.get(uuid));
    }

    @Override
    public Secret defineCephSecret(String uuid, String usageName, byte[] value) {
        if (secretDefineFailure != null) {
            throw secretDefineFailure;
        }
        FakeSecret s = new FakeSecret(uuid, value.clone());
        secrets.put(uuid, s);
        return s;
    }

    @Override public List<String> secretUuids() { return List.copyOf(secrets.keySet()); }
    @Override public String capabilities() { return "<capabilities><host><cpu><arch>x86_64</arch></cpu></host></capabilities>"; }
    @Override public long hypervisorVersion() { return 7_002_000; }
    @Override public String hypervisorType() { return "QEMU"; }

    @Override
    public CpuComparison compareCpu(String cpuXml) {
        cpuComparedWith.add(cpuXml);
        if (cpu == null) {
            throw new InternalError("compareCPU: internal error");
        }
        return cpu;
    }

    @Override public void close() { open = false; }

    /** A secret whose value is kept as given; {@code null} = defined without a value. */
    final class FakeSecret implements Secret {
        private final String uuid;
        private final byte[] value;

        FakeSecret(String uuid, byte[] value) {
            this.uuid = uuid;
            this.value = value;
        }

        @Override public String uuid() { return uuid; }
        @Override public Optional<byte[]> value() {
            if (secretValueFailure != null) {
                throw secretValueFailure;
            }
            return Optional.ofNullable(value).map(byte[]::clone);
        }
        @Override public void undefine() { secrets.remove(uuid); }
    }
}
