package dev.novalibvirt.core.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.xml.domain.Domain;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Without Woodstox on the class path the JDK's SAX parser is used; it must give the very same model. */
class JdkParserFallbackTest {

    @ParameterizedTest
    @ValueSource(strings = {"nova-rbd-guest.xml", "direct-kernel.xml", "lab-rbd-guest-active.xml",
        "lab-every-device-inactive.xml"})
    void theJdkParserReadsTheSameModelAsWoodstox(String fixture) {
        String xml = Fixtures.xml(fixture);
        Domain viaJdk = XmlCodec.parse(xml, "domain", Domain.class, "domain", XmlCodec.jdkReader());
        assertThat(DomainXml.write(viaJdk)).isEqualTo(DomainXml.write(DomainXml.parse(xml)));
    }

    @Test
    void theJdkParserReportsTheSameProblems() {
        assertThatThrownBy(() -> XmlCodec.parse("<domain>\n<name>x</nam></domain>", "domain", Domain.class, "domain",
                XmlCodec.jdkReader())).isInstanceOf(DomainXmlException.class).hasMessageContaining("not well-formed")
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> XmlCodec.parse("<network/>", "domain", Domain.class, "domain", XmlCodec.jdkReader()))
                .isInstanceOf(DomainXmlException.class).hasMessageContaining("expected root element <domain>");
        assertThatThrownBy(() -> XmlCodec.parse("<!DOCTYPE domain [<!ENTITY x 'y'>]><domain><name>&x;</name></domain>",
                "domain", Domain.class, "domain", XmlCodec.jdkReader())).isInstanceOf(DomainXmlException.class);
    }
}
