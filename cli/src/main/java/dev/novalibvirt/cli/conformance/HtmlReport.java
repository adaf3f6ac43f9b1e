package dev.novalibvirt.cli.conformance;

import com.google.common.html.HtmlEscapers;
import dev.novalibvirt.cli.output.Redactor;
import java.util.Locale;

/** The run as one plain HTML page (no script, no external resource), every value escaped. */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(ConformanceResult r) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>nova-libvirt conformance: ").append(e(r.site())).append("</title>\n<style>"
                + "body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #999;"
                + "padding:2px 6px;text-align:left;vertical-align:top}.passed{color:#060}.failed{color:#b00;"
                + "font-weight:bold}.skipped{color:#666}</style></head><body>\n");
        sb.append("<h1>nova-libvirt conformance: ").append(e(r.site())).append("</h1>\n");
        sb.append("<p class=\"").append(r.passed() ? "passed" : "failed").append("\">").append(e(r.summary()))
                .append("</p>\n<p>Config <code>").append(e(r.config())).append("</code>, started ")
                .append(e(r.started().toString())).append(", guest <code>").append(e(r.guestName()))
                .append("</code> (").append(e(r.guestUuid())).append(")</p>\n");
        sb.append("<table><tr><th>host</th><th>role</th><th>libvirt URI</th><th>libvirt</th><th>QEMU</th>"
                + "<th>reached through</th></tr>\n");
        r.hosts().forEach(h -> sb.append("<tr><td>").append(e(h.name())).append("</td><td>").append(e(h.role()))
                .append("</td><td>").append(h.uri() == null ? "none" : "<code>" + e(h.uri()) + "</code>")
                .append("</td><td>").append(e(known(h.libvirt()))).append("</td><td>").append(e(known(h.qemu())))
                .append("</td><td>").append(e(h.reachedBy())).append("</td></tr>\n"));
        sb.append("</table>\n");
        if (r.broker() != null) {
            sb.append("<p>Agents: topic compute, exchange nova on <code>").append(e(r.broker()))
                    .append("</code></p>\n");
        }
        sb.append("<p>Ceph: cluster ").append(e(known(r.cephCluster()))).append(", client libraries ")
                .append(e(known(r.cephClient()))).append("</p>\n");
        sb.append("<table><tr><th>check</th><th>kind</th><th>proves</th><th>result</th><th>time</th>"
                + "<th>detail</th></tr>\n");
        for (CheckResult c : r.checks()) {
            String status = c.status().name().toLowerCase(Locale.ROOT);
            sb.append("<tr class=\"").append(status).append("\"><td><code>").append(e(c.id())).append("</code></td><td>")
                    .append(c.kind().name().toLowerCase(Locale.ROOT)).append("</td><td>").append(e(c.proves()))
                    .append("</td><td class=\"").append(status).append("\">").append(status.toUpperCase(Locale.ROOT))
                    .append("</td><td>").append(e(MarkdownReport.time(c.duration()))).append("</td><td>")
                    .append(e(c.detail())).append("</td></tr>\n");
        }
        return sb.append("</table>\n</body></html>\n").toString();
    }

    private static String known(String v) {
        return v == null ? "unknown" : v;
    }

    private static String e(String v) {
        return HtmlEscapers.htmlEscaper().escape(Redactor.clean(v == null ? "" : v));
    }
}
