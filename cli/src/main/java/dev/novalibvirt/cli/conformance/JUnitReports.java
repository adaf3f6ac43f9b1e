package dev.novalibvirt.cli.conformance;

import dev.novalibvirt.cli.config.CliUsageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the JUnit XML reports Surefire and Failsafe write ({@code target/surefire-reports/TEST-*.xml},
 * {@code target/failsafe-reports/TEST-*.xml}), the files {@code conformance-tests/lab/lib/summary.sh} sums: one
 * {@code <testsuite>} per test class, one {@code <testcase>} per test with a {@code <failure>}, {@code <error>} or
 * {@code <skipped>} child when it did not pass. Rerun children ({@code <flakyFailure>}, {@code <rerunFailure>}) are
 * not the end and are ignored. The parser refuses DTDs, so no entity or external file is read.
 */
public final class JUnitReports {
    /** How deep under a directory the reports are looked for: a repository's {@code module/target/x-reports/}. */
    static final int MAX_DEPTH = 4;

    /** The default handler prints "[Fatal Error]" lines on stderr before the parser throws; this one only throws. */
    private static final ErrorHandler THROWING = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // a warning does not stop the report
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private JUnitReports() {
    }

    /**
     * The test cases of every {@code TEST-*.xml} at or under {@code paths}, file by file in path order.
     *
     * @throws CliUsageException when a path does not exist, none holds a report, or a report is not JUnit XML
     */
    public static List<TestCase> read(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            files.addAll(reportsAt(p));
        }
        if (files.isEmpty()) {
            throw new CliUsageException("no JUnit XML report (TEST-*.xml) at or under " + paths
                    + "; give a surefire-reports or failsafe-reports directory, or a repository with built modules");
        }
        DocumentBuilder parser = parser();
        List<TestCase> cases = new ArrayList<>();
        for (Path f : files) {
            cases.addAll(cases(parse(parser, f), f));
        }
        return cases;
    }

    private static List<Path> reportsAt(Path p) {
        if (Files.isRegularFile(p)) {
            return List.of(p);
        }
        if (!Files.isDirectory(p)) {
            throw new CliUsageException("report directory " + p + " does not exist");
        }
        try (Stream<Path> walk = Files.walk(p, MAX_DEPTH)) {
            return walk.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches("TEST-.+\\.xml")).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CliUsageException("cannot list " + p + ": " + e.getMessage());
        }
    }

    private static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(THROWING); // errors are thrown, not also printed on stderr
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser refuses its secure settings: " + e.getMessage(), e);
        }
    }

    private static Document parse(DocumentBuilder parser, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parser.parse(in);
        } catch (SAXException e) {
            throw new CliUsageException("report " + file + " is not well-formed XML: " + e.getMessage());
        } catch (IOException e) {
            throw new CliUsageException("cannot read report " + file + ": " + e.getMessage());
        }
    }

    private static List<TestCase> cases(Document doc, Path file) {
        Element root = doc.getDocumentElement();
        List<Element> suites = new ArrayList<>();
        if ("testsuite".equals(root.getTagName())) {
            suites.add(root);
        } else if ("testsuites".equals(root.getTagName())) {
            suites.addAll(children(root, "testsuite"));
        } else {
            throw new CliUsageException("report " + file + " is not JUnit XML: its root is <" + root.getTagName()
                    + ">, expected <testsuite> or <testsuites>");
        }
        List<TestCase> cases = new ArrayList<>();
        for (Element suite : suites) {
            for (Element c : children(suite, "testcase")) {
                cases.add(testCase(suite.getAttribute("name"), c));
            }
        }
        return cases;
    }

    private static TestCase testCase(String suiteName, Element c) {
        String suite = c.getAttribute("classname").isEmpty() ? suiteName : c.getAttribute("classname");
        double seconds = seconds(c.getAttribute("time"));
        for (String[] kind : new String[][] {{"failure", "FAILED"}, {"error", "ERROR"}, {"skipped", "SKIPPED"}}) {
            List<Element> found = children(c, kind[0]);
            if (!found.isEmpty()) {
                Element e = found.get(0);
                String type = e.getAttribute("type").isEmpty() ? null : e.getAttribute("type");
                return new TestCase(suite, c.getAttribute("name"), TestCase.Outcome.valueOf(kind[1]), seconds, type,
                        firstLine(e.getAttribute("message")));
            }
        }
        return new TestCase(suite, c.getAttribute("name"), TestCase.Outcome.PASSED, seconds, null, null);
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    private static double seconds(String time) {
        try {
            // Surefire writes "1.234"; some writers group thousands ("1,234.5")
            return time.isEmpty() ? 0 : Double.parseDouble(time.replace(",", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return null;
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 199) + "~" : line;
    }
}
