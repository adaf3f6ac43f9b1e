package dev.novalibvirt.migration.xml;

import dev.novalibvirt.core.exception.Invalid;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.DomainXmlException;
import dev.novalibvirt.core.xml.Domains;
import dev.novalibvirt.core.xml.domain.DiskHost;
import dev.novalibvirt.core.xml.domain.Domain;

/**
 * Mirrors Nova's {@code migration.get_updated_guest_xml}: from the source's migratable XML
 * ({@code VIR_DOMAIN_XML_MIGRATABLE}) to the XML the destination defines and starts ({@code destination_xml} and
 * {@code persistent_xml}). Pure: no libvirt, no Ceph; the live inputs (monmap, destination data) come in the
 * {@link MigrationXmlContext}. Order as in Nova: graphics, serial, RBD hosts, then cache modes and paths. Works on
 * core.xml's lossless model, so whatever no rewriter touches reaches the destination as it was.
 */
public final class GuestXmlUpdater {
    private GuestXmlUpdater() {
    }

    /** @throws Invalid when {@code migratableXml} is not a domain libvirt could have written */
    public static String update(String migratableXml, MigrationXmlContext ctx) {
        Domain d;
        try {
            d = DomainXml.parse(migratableXml);
        } catch (DomainXmlException e) {
            throw new Invalid("domain XML cannot be parsed: " + e.getMessage(), e);
        }
        if (ctx.graphicsListenAddrVnc() != null) {
            d = Domains.withGraphicsListen(d, "vnc", ctx.graphicsListenAddrVnc());
        }
        if (ctx.graphicsListenAddrSpice() != null) {
            d = Domains.withGraphicsListen(d, "spice", ctx.graphicsListenAddrSpice());
        }
        if (ctx.serialListenAddr() != null) {
            d = Domains.withTcpCharListen(d, ctx.serialListenAddr(), ctx.serialListenPorts());
        }
        if (ctx.rbdMonitors() != null && !ctx.rbdMonitors().isEmpty()) {
            d = Domains.withImageRbdHosts(d,
                    ctx.rbdMonitors().stream().map(m -> new DiskHost(m.host(), m.port())).toList());
        }
        d = Domains.withCacheModes(d, ctx.diskCacheModes());
        String from = ctx.sourceInstanceDir();
        String to = ctx.destinationInstanceDir();
        if (from != null && to != null && !from.equals(to)) {
            d = Domains.withInstanceDir(d, from, to);
        }
        return DomainXml.write(d);
    }
}
