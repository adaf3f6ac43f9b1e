package dev.novalibvirt.core.xml;

import dev.novalibvirt.core.xml.domain.Domain;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.xml.sax.InputSource;

/**
 * Not a test: a main class that measures what {@code ./lab bench xml} measures without the lab, on a fixture
 * ({@code java -cp core/target/test-classes:core/target/classes:DEPS dev.novalibvirt.core.xml.RoundTripRate FILE
 * [warmupS roundS rounds [jaxb]]}). Round trips (parse + write) of the model ({@link DomainXml}) and of JDK DOM,
 * with {@code jaxb} also of the model through JAXB only (the path before the fast reader and writer; sharing the
 * JVM with it slows the fast path a little), in the same run, alternating rounds; rates per second of this
 * thread's CPU time (the machine is shared) and ratios to DOM, which survive load.
 */
public final class RoundTripRate {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private RoundTripRate() {
    }

    public static void main(String[] args) throws Exception {
        String xml = Files.readString(Path.of(args[0]));
        long warmup = (long) (Double.parseDouble(args.length > 1 ? args[1] : "8") * 1e9);
        long round = (long) (Double.parseDouble(args.length > 2 ? args[2] : "2") * 1e9);
        int rounds = Integer.parseInt(args.length > 3 ? args[3] : "5");
        boolean withJaxbOnly = args.length > 4 && "jaxb".equals(args[4]);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        DocumentBuilder builder = f.newDocumentBuilder();
        Transformer t = TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        UnaryOperator<String> jaxb = s -> DomainXml.write(DomainXml.parse(s));
        UnaryOperator<String> viaJaxb = s -> XmlCodec.writeJaxb(XmlCodec.parseJaxb(s, "domain", Domain.class, "domain"),
                "domain");
        UnaryOperator<String> dom = s -> {
            try {
                StringWriter out = new StringWriter(s.length() + 256);
                t.transform(new DOMSource(builder.parse(new InputSource(new StringReader(s)))), new StreamResult(out));
                return out.toString();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        rate(jaxb, xml, warmup);
        if (withJaxbOnly) {
            rate(viaJaxb, xml, warmup);
        }
        rate(dom, xml, warmup);
        double[] j = new double[rounds];
        double[] r = new double[rounds];
        double[] d = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            j[i] = rate(jaxb, xml, round);
            r[i] = withJaxbOnly ? rate(viaJaxb, xml, round) : Double.NaN;
            d[i] = rate(dom, xml, round);
        }
        Arrays.sort(j);
        Arrays.sort(r);
        Arrays.sort(d);
        double jm = j[rounds / 2];
        double rm = r[rounds / 2];
        double dm = d[rounds / 2];
        String jaxbOnly = withJaxbOnly ? String.format(Locale.ROOT, " jaxb_only_rt_per_s=%d jaxb_only_ratio=%.2f",
                Math.round(rm), rm / dm) : "";
        System.out.printf(Locale.ROOT, "RESULT xml jaxb_rt_per_s=%d dom_rt_per_s=%d ratio=%.2f%s (cpu-time medians of"
                + " %d rounds; model %s%s dom %s)%n", Math.round(jm), Math.round(dm), jm / dm, jaxbOnly, rounds,
                rates(j), withJaxbOnly ? " jaxb-only " + rates(r) : "", rates(d));
    }

    private static String rates(double[] values) {
        return Arrays.toString(Arrays.stream(values).mapToLong(Math::round).toArray());
    }

    /** Round trips per second of this thread's CPU time over about {@code nanos} of wall time. */
    private static double rate(UnaryOperator<String> roundTrip, String xml, long nanos) {
        long n = 0;
        int sink = 0;
        long cpu = CPU.getCurrentThreadCpuTime();
        long end = System.nanoTime() + nanos;
        do {
            for (int i = 0; i < 64; i++) {
                sink += roundTrip.apply(xml).length();
            }
            n += 64;
        } while (System.nanoTime() < end);
        cpu = CPU.getCurrentThreadCpuTime() - cpu;
        if (sink == 42) {
            System.out.print("");
        }
        return n * 1e9 / cpu;
    }
}
