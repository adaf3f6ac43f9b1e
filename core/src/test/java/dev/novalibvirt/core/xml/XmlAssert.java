package dev.novalibvirt.core.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Round-trip assertions on top of {@link XmlDiff}; shared with the conformance ITs through core's test-jar. */
public final class XmlAssert {
    private XmlAssert() {
    }

    /** Asserts both documents are semantically equal (elements in order, attributes as sets, trimmed text). */
    public static void assertSameXml(String expected, String actual) {
        List<String> diffs = XmlDiff.differences(expected, actual);
        assertThat(diffs).as("semantic XML differences; actual:%n%s", actual).isEmpty();
    }

    /** Asserts every element, attribute and text of {@code expected} is present in {@code actual}. */
    public static void assertContainedXml(String expected, String actual) {
        List<String> diffs = XmlDiff.contained(expected, actual);
        assertThat(diffs).as("missing from actual:%n%s", actual).isEmpty();
    }

    /** Parses, writes and compares a domain document; returns the written text. */
    public static String assertDomainRoundTrips(String xml) {
        String written = DomainXml.write(DomainXml.parse(xml));
        assertSameXml(xml, written);
        // A second pass must be byte-stable: writing is deterministic.
        assertThat(DomainXml.write(DomainXml.parse(written))).isEqualTo(written);
        return written;
    }
}
