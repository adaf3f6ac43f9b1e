package dev.novalibvirt.core.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.xml.domain.Domain;
import org.junit.jupiter.api.Test;

/** libvirt indents by two spaces per level, at every depth (JAXB's writer went back to column 0 at depth 8). */
class IndentationTest {

    /** Depth 0 to 11: domain, devices, disk, source, and an unknown subtree kept by UnknownElements below it. */
    private static final String DEEP = """
            <domain type='kvm'>
              <name>deep</name>
              <devices>
                <disk type='network' device='disk'>
                  <source protocol='rbd' name='vms/deep'>
                    <host name='198.18.0.1' port='6789'/>
                    <future level='4'>
                      <l5>
                        <l6>
                          <l7>
                            <l8 at='8'>
                              <l9>
                                <l10>text at depth 10</l10>
                                <l10b/>
                              </l9>
                            </l8>
                          </l7>
                        </l6>
                      </l5>
                    </future>
                  </source>
                  <target dev='vda' bus='virtio'/>
                </disk>
              </devices>
            </domain>
            """.replace('\'', '"');

    @Test
    void elementsBelowDepthEightAreIndentedByTheirDepth() {
        assertThat(DomainXml.write(DomainXml.parse(DEEP))).isEqualTo(DEEP);
    }

    @Test
    void theJaxbWriterIndentsTheSameAtEveryDepth() {
        Domain d = XmlCodec.parseJaxb(DEEP, "domain", Domain.class, "domain");
        assertThat(XmlCodec.writeJaxb(d, "domain")).isEqualTo(DEEP);
    }

    @Test
    void aNamespacedDeepSubtreeThatOnlyJaxbWritesIsIndentedToo() {
        // a default namespace gives the fast writer no prefix, so JAXB writes it (as ns prefixes of its own)
        String xml = DEEP.replace("<future level=\"4\">", "<future xmlns=\"urn:x\" level=\"4\">");
        String expected = DEEP.replace("<future level", "<ns2:future xmlns:ns2=\"urn:x\" level")
                .replace("</future>", "</ns2:future>").replace("<l", "<ns2:l").replace("</l", "</ns2:l");
        assertThat(DomainXml.write(DomainXml.parse(xml))).isEqualTo(expected);
    }
}
