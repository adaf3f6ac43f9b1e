package dev.novalibvirt.migration.xml;

import org.w3c.dom.Document;

/**
 * Mirrors Nova's {@code migration.get_updated_guest_xml}: from the source's migratable XML
 * ({@code VIR_DOMAIN_XML_MIGRATABLE}) to the XML the destination defines and starts ({@code destination_xml} and
 * {@code persistent_xml}). Pure: no libvirt, no Ceph; the live inputs (monmap, destination data) come in the
 * {@link MigrationXmlContext}. Order as in Nova: graphics, serial, RBD hosts, then cache modes and paths.
 */
public final class GuestXmlUpdater {
    private GuestXmlUpdater() {
    }

    public static String update(String migratableXml, MigrationXmlContext ctx) {
        Document doc = DomXml.parse(migratableXml);
        GraphicsXml.update(doc, ctx.graphicsListenAddrVnc(), ctx.graphicsListenAddrSpice());
        SerialXml.update(doc, ctx.serialListenAddr(), ctx.serialListenPorts());
        RbdXml.update(doc, ctx.rbdMonitors());
        CacheModeXml.update(doc, ctx.diskCacheModes().bySourceType());
        InstancePathXml.update(doc, ctx.sourceInstanceDir(), ctx.destinationInstanceDir());
        return DomXml.print(doc);
    }
}
