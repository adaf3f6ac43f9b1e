package dev.novalibvirt.migration.xml;

import dev.novalibvirt.core.exception.Invalid;
import dev.novalibvirt.core.validation.Checks;
import dev.novalibvirt.core.xml.DomainRewrite;
import dev.novalibvirt.core.xml.DomainXmlException;
import dev.novalibvirt.core.xml.domain.DiskHost;
import dev.novalibvirt.core.xml.domain.Domain;

/**
 * Mirrors Nova's {@code migration.get_updated_guest_xml}: from the source's migratable XML
 * ({@code VIR_DOMAIN_XML_MIGRATABLE}) to the domain the destination defines and starts ({@code destination_xml} and
 * {@code persistent_xml}). Pure: no libvirt, no Ceph; the live inputs (monmap, destination data) come in the
 * {@link MigrationXmlContext}. Order as in Nova: graphics, serial, RBD hosts, then cache modes and paths. The XML is
 * parsed once and every rewrite changes that one model ({@link DomainRewrite}); whatever no rewrite touches reaches
 * the destination as it was, unknown elements included.
 */
public final class GuestXmlUpdater {
    private GuestXmlUpdater() {
    }

    /**
     * The destination's domain, parsed once from {@code migratableXml}.
     *
     * @throws Invalid when {@code migratableXml} is not a domain libvirt could have written
     */
    public static Domain update(String migratableXml, MigrationXmlContext ctx) {
        Checks.required(migratableXml, "migratable domain xml");
        Checks.required(ctx, "migration XML context");
        DomainRewrite rewrite;
        try {
            rewrite = DomainRewrite.of(migratableXml);
        } catch (DomainXmlException e) {
            throw new Invalid("domain XML cannot be parsed: " + e.getMessage(), e);
        }
        return apply(rewrite, ctx).result();
    }

    /** The destination's domain as a changed copy of {@code migratable}, which is left as it was. */
    public static Domain update(Domain migratable, MigrationXmlContext ctx) {
        Checks.required(migratable, "migratable domain");
        Checks.required(ctx, "migration XML context");
        return apply(DomainRewrite.copyOf(migratable), ctx).result();
    }

    private static DomainRewrite apply(DomainRewrite r, MigrationXmlContext ctx) {
        if (ctx.graphicsListenAddrVnc() != null) {
            r.graphicsListen("vnc", ctx.graphicsListenAddrVnc());
        }
        if (ctx.graphicsListenAddrSpice() != null) {
            r.graphicsListen("spice", ctx.graphicsListenAddrSpice());
        }
        if (ctx.serialListenAddr() != null) {
            r.tcpCharListen(ctx.serialListenAddr(), ctx.serialListenPorts());
        }
        if (ctx.rbdMonitors() != null && !ctx.rbdMonitors().isEmpty()) {
            r.imageRbdHosts(ctx.rbdMonitors().stream().map(m -> new DiskHost(m.host(), m.port())).toList());
        }
        r.cacheModes(ctx.diskCacheModes());
        String from = ctx.sourceInstanceDir();
        String to = ctx.destinationInstanceDir();
        if (from != null && to != null && !from.equals(to)) {
            r.instanceDir(from, to);
        }
        return r;
    }
}
