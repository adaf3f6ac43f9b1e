package dev.novalibvirt.cli.conformance;

import com.google.common.xml.XmlEscapers;
import dev.novalibvirt.cli.output.Redactor;
import java.time.Duration;
import java.util.Locale;

/**
 * The run as one JUnit XML test suite, as Surefire writes them (so CI shows it and {@code conformance report DIR}
 * reads it): one test case per check, class name {@code conformance.<kind>}, the versions as properties, a failed
 * check a {@code <failure>} with its detail, a skipped one {@code <skipped>}.
 */
public final class JUnitXmlReport {
    /** The file name, matching what {@code conformance report} looks for ({@code TEST-*.xml}). */
    public static final String FILE = "TEST-nova-libvirt-conformance.xml";

    private JUnitXmlReport() {
    }

    public static String render(ConformanceResult r) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuite name=\"").append(a("nova-libvirt conformance " + r.site())).append("\" tests=\"")
                .append(r.checks().size()).append("\" failures=\"").append(r.count(CheckResult.Status.FAILED))
                .append("\" errors=\"0\" skipped=\"").append(r.count(CheckResult.Status.SKIPPED)).append("\" time=\"")
                .append(seconds(r.duration())).append("\" timestamp=\"").append(a(r.started().toString()))
                .append("\">\n  <properties>\n");
        property(sb, "config", r.config());
        property(sb, "guest", r.guestName() + " " + r.guestUuid());
        r.hosts().forEach(h -> {
            property(sb, h.role() + ".name", h.name());
            property(sb, h.role() + ".uri", h.uri());
            property(sb, h.role() + ".libvirt", h.libvirt());
            property(sb, h.role() + ".qemu", h.qemu());
            property(sb, h.role() + ".reached", h.reachedBy());
        });
        if (r.broker() != null) {
            property(sb, "agents.broker", r.broker());
        }
        property(sb, "ceph.cluster", r.cephCluster());
        property(sb, "ceph.client", r.cephClient());
        sb.append("  </properties>\n");
        for (CheckResult c : r.checks()) {
            sb.append("  <testcase name=\"").append(a(c.id())).append("\" classname=\"conformance.")
                    .append(c.kind().name().toLowerCase(Locale.ROOT)).append("\" time=\"").append(seconds(c.duration()))
                    .append('"');
            switch (c.status()) {
                case PASSED -> sb.append("/>\n");
                case FAILED -> sb.append(">\n    <failure message=\"").append(a(c.detail()))
                        .append("\" type=\"ConformanceCheckFailed\">").append(t(c.proves() + ": " + c.detail()))
                        .append("</failure>\n  </testcase>\n");
                case SKIPPED -> sb.append(">\n    <skipped message=\"").append(a(c.detail())).append("\"/>\n"
                        + "  </testcase>\n");
            }
        }
        return sb.append("</testsuite>\n").toString();
    }

    private static void property(StringBuilder sb, String name, String value) {
        sb.append("    <property name=\"").append(a(name)).append("\" value=\"")
                .append(a(value == null ? "unknown" : value)).append("\"/>\n");
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toMillis() / 1000.0);
    }

    private static String a(String v) {
        return XmlEscapers.xmlAttributeEscaper().escape(Redactor.clean(v == null ? "" : v));
    }

    private static String t(String v) {
        return XmlEscapers.xmlContentEscaper().escape(Redactor.clean(v == null ? "" : v));
    }
}
