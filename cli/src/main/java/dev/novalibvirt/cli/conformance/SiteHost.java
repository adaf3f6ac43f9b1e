package dev.novalibvirt.cli.conformance;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One of the two compute hosts a conformance run uses, and how the run reaches it: its libvirtd at {@code uri} (every
 * step in the CLI's own process), or its compute agent (server {@code name} of topic {@code compute} on the config's
 * {@code [DEFAULT] transport_url}: every step through {@code RemoteComputeDriver}), the agent optionally with a
 * {@code uri} for the checks only libvirt can answer (the secret's value, the domain XML).
 *
 * @param role          {@code host1} (the guest starts here) or {@code host2}, the config section
 * @param name          its {@code [DEFAULT] host}, as Nova names the compute service (and its agent's server)
 * @param uri           the libvirtd to reach it at, e.g. {@code qemu+tcp://198.18.0.12/system}; null for an agent
 *                      host given none
 * @param agent         whether the run's steps go through the host's agent
 * @param address       its migration address ({@code live_migration_inbound_addr}, VNC's listen address); null for an
 *                      agent host, whose own nova.conf has it
 * @param instancesPath its {@code [DEFAULT] instances_path}; null for an agent host, as {@code address}
 */
public record SiteHost(String role, String name, String uri, boolean agent, String address, Path instancesPath) {
    public SiteHost {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(name, "name");
        if (!agent) {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(instancesPath, "instancesPath");
        }
    }

    /** A host reached at its libvirtd only, as before agents. */
    public SiteHost(String role, String name, String uri, String address, Path instancesPath) {
        this(role, name, uri, false, address, instancesPath);
    }

    /** A host reached through its agent; {@code uri} (or null) serves the libvirt-only checks. */
    public static SiteHost throughAgent(String role, String name, String uri) {
        return new SiteHost(role, name, uri, true, null, null);
    }

    /** Whether the run may open this host's libvirtd itself. */
    public boolean hasLibvirtUri() {
        return uri != null;
    }

    /** How the run reaches this host. */
    public Reach reach() {
        return !agent ? Reach.LIBVIRT : uri == null ? Reach.AGENT : Reach.AGENT_AND_LIBVIRT;
    }

    /** How a host is reached, as the report names it. */
    public enum Reach {
        /** Its libvirtd at the URI: every step runs in the CLI's process. */
        LIBVIRT,
        /** Its agent: every step through RemoteComputeDriver; the libvirt-only checks are skipped. */
        AGENT,
        /** Its agent for every step, its libvirtd at the URI for the libvirt-only checks. */
        AGENT_AND_LIBVIRT;

        /** One line for the report, e.g. {@code agent (server host-b of topic compute)}. */
        public String describe(String host, String uri) {
            String agent = "agent (server " + host + " of topic compute)";
            return switch (this) {
                case LIBVIRT -> "libvirt at " + uri;
                case AGENT -> agent + "; no libvirt URI: the libvirt-only checks are skipped";
                case AGENT_AND_LIBVIRT -> agent + "; libvirt at " + uri + " for the libvirt-only checks";
            };
        }
    }
}
