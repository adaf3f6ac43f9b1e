package dev.novalibvirt.cli.port;

/**
 * One domain of a host as the commands read it. The XML is read without {@code VIR_DOMAIN_XML_SECURE}, so it holds
 * no VNC/SPICE password.
 *
 * @param name          domain name
 * @param uuid          domain uuid
 * @param persistent    whether it has a persistent definition
 * @param active        whether it runs
 * @param definitionXml the persistent (inactive) definition, or the live XML of a transient domain
 * @param liveXml       the running domain's XML, {@code null} when it does not run
 * @param error         why the domain could not be read (it vanished meanwhile...), else {@code null}
 */
public record GuestDefinition(String name, String uuid, boolean persistent, boolean active, String definitionXml,
                              String liveXml, String error) {

    /** The XML that decides what QEMU does: the live one when running, else the definition of the next boot. */
    public String effectiveXml() {
        return active && liveXml != null ? liveXml : definitionXml;
    }

    /** {@code running} or {@code shut off}, as virsh says it. */
    public String state() {
        return active ? "running" : "shut off";
    }
}
