package dev.novalibvirt.conformance.bench;

import dev.novalibvirt.conformance.xml.ModelGuests;
import dev.novalibvirt.conformance.xml.XmlLab;
import dev.novalibvirt.core.xml.DomainXml;
import dev.novalibvirt.core.xml.XmlDiff;
import dev.novalibvirt.core.xml.domain.Domain;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * {@code ./lab bench xml}: parse+write round trips per second, on one thread, of a real domain XML that the lab's
 * libvirtd emits for a running RBD guest, for the JAXB model ({@link DomainXml}) and for plain JDK DOM
 * (DocumentBuilder parse + identity Transformer serialize, both reused), measured in the same run after a
 * warm-up, alternating rounds. Rates are per second of the benchmark thread's CPU time (the lab machine is shared
 * by several builds, so wall time mostly measures waiting); wall-time rates are printed too. Prints a table and,
 * last, {@code RESULT xml jaxb_rt_per_s=... dom_rt_per_s=... ratio=...}. Figures, not assertions.
 */
public final class XmlBench {
    private static final int ROUNDS = 9;
    private static final long ROUND_NANOS = 1_000_000_000L;
    private static final long WARMUP_NANOS = 10_000_000_000L;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private XmlBench() {
    }

    public static void main(String[] args) throws Exception {
        String xml = args.length > 0 ? java.nio.file.Files.readString(java.nio.file.Path.of(args[0])) : labXml();
        int bytes = xml.getBytes(StandardCharsets.UTF_8).length;

        // Both must be correct before they are fast.
        String jaxbOut = DomainXml.write(DomainXml.parse(xml));
        if (!XmlDiff.equivalent(xml, jaxbOut)) {
            throw new IllegalStateException("JAXB round trip is not lossless: " + XmlDiff.differences(xml, jaxbOut));
        }
        Dom dom = new Dom();
        if (!XmlDiff.equivalent(xml, dom.roundTrip(xml))) {
            throw new IllegalStateException("DOM round trip differs");
        }

        UnaryOperator<String> jaxb = s -> DomainXml.write(DomainXml.parse(s));
        UnaryOperator<String> plain = dom::roundTrip;
        run(jaxb, xml, WARMUP_NANOS);
        run(plain, xml, WARMUP_NANOS);
        List<double[]> jaxbRates = new ArrayList<>();
        List<double[]> domRates = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            jaxbRates.add(run(jaxb, xml, ROUND_NANOS));
            domRates.add(run(plain, xml, ROUND_NANOS));
        }
        double jCpu = median(jaxbRates, 1);
        double dCpu = median(domRates, 1);
        double jWall = median(jaxbRates, 0);
        double dWall = median(domRates, 0);

        System.out.printf(Locale.ROOT, "XML round trip (parse + write), one thread, %d-byte domain XML of a running"
                + " lab guest; medians of %d alternating rounds of %d ms after %d ms warm-up each.%n"
                + "Rates are per second of this thread's CPU time: the machine is shared, so wall time also counts"
                + " waiting for a core (wall rates shown too).%n",
                bytes, ROUNDS, ROUND_NANOS / 1_000_000, WARMUP_NANOS / 1_000_000);
        new BenchReport("xml", "implementation", "rt/s (cpu)", "us/rt (cpu)", "rt/s (wall)")
                .row("JAXB model (DomainXml)", Math.round(jCpu), 1e6 / jCpu, Math.round(jWall))
                .row("JDK DOM + identity Transformer", Math.round(dCpu), 1e6 / dCpu, Math.round(dWall))
                .result("jaxb_rt_per_s", Math.round(jCpu))
                .result("dom_rt_per_s", Math.round(dCpu))
                .result("ratio", Math.round(jCpu / dCpu * 100) / 100.0)
                .result("jaxb_wall_rt_per_s", Math.round(jWall))
                .result("dom_wall_rt_per_s", Math.round(dWall))
                .result("xml_bytes", bytes)
                .print(System.out);
    }

    /** Round trips per second of wall time [0] and of this thread's CPU time [1], for about {@code nanos}. */
    private static double[] run(UnaryOperator<String> roundTrip, String xml, long nanos) {
        long n = 0;
        int sink = 0;
        long cpuStart = CPU.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long end = start + nanos;
        long now;
        do {
            for (int i = 0; i < 64; i++) {
                sink += roundTrip.apply(xml).length();
            }
            n += 64;
            now = System.nanoTime();
        } while (now < end);
        long cpu = CPU.getCurrentThreadCpuTime() - cpuStart;
        if (sink == 42) {
            System.out.print("");
        }
        return new double[] {n * 1e9 / (now - start), n * 1e9 / cpu};
    }

    private static double median(List<double[]> values, int index) {
        List<Double> sorted = new ArrayList<>();
        for (double[] v : values) {
            sorted.add(v[index]);
        }
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** The XML of a running RBD guest on host-a (defined, started, read, and removed again). */
    private static String labXml() {
        try (XmlLab lab = XmlLab.open()) {
            String name = XmlLab.name("bench");
            String image = lab.cloneBaseImage();
            try {
                Domain guest = ModelGuests.benchGuest(lab, name, image);
                org.libvirt.Domain dom = lab.hostA().domainDefineXML(DomainXml.write(guest));
                dom.create();
                return dom.getXMLDesc(0);
            } catch (org.libvirt.LibvirtException e) {
                throw new IllegalStateException("cannot start the bench guest on host-a: " + e.getMessage(), e);
            } finally {
                lab.removeDomain(name);
                lab.removeImage(image);
            }
        }
    }

    /** Plain JDK DOM: a reused namespace-aware DocumentBuilder and a reused identity Transformer. */
    private static final class Dom {
        private final DocumentBuilder builder;
        private final Transformer transformer;

        Dom() throws Exception {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            builder = f.newDocumentBuilder();
            transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        }

        String roundTrip(String xml) {
            try {
                Document doc = builder.parse(new InputSource(new StringReader(xml)));
                StringWriter out = new StringWriter(xml.length() + 256);
                transformer.transform(new DOMSource(doc), new StreamResult(out));
                return out.toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
