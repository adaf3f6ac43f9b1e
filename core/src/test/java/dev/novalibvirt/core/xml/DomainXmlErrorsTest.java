package dev.novalibvirt.core.xml;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.NovaException;
import org.junit.jupiter.api.Test;

class DomainXmlErrorsTest {

    @Test
    void xmlThatIsNotWellFormedIsRejectedWithItsLine() {
        assertThatThrownBy(() -> DomainXml.parse("<domain type='kvm'>\n  <name>x</nam>\n</domain>"))
                .isInstanceOf(DomainXmlException.class)
                .isInstanceOf(NovaException.class)
                .hasMessageContaining("not well-formed")
                .hasMessageContaining("line 2");
    }

    @Test
    void aDocumentWithAnotherRootIsNotADomain() {
        assertThatThrownBy(() -> DomainXml.parse("<network><name>default</name></network>"))
                .isInstanceOf(DomainXmlException.class)
                .hasMessageContaining("expected root element <domain>")
                .hasMessageContaining("<network>");
    }

    @Test
    void aDomainInAForeignNamespaceIsNotALibvirtDomain() {
        assertThatThrownBy(() -> DomainXml.parse("<x:domain xmlns:x='urn:other'/>"))
                .isInstanceOf(DomainXmlException.class)
                .hasMessageContaining("<x:domain>");
    }

    @Test
    void anUnknownDiskTypeIsNamed() {
        String xml = """
                <domain type='kvm'><name>x</name><devices>
                  <disk type='floppydisk' device='disk'><target dev='vdz' bus='virtio'/></disk>
                </devices></domain>""";
        assertThatThrownBy(() -> DomainXml.parse(xml))
                .isInstanceOf(DomainXmlException.class)
                .hasMessageContaining("unknown disk type 'floppydisk'")
                .hasMessageContaining("'vdz'");
    }

    @Test
    void emptyInputIsRejected() {
        assertThatThrownBy(() -> DomainXml.parse("  ")).isInstanceOf(DomainXmlException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void doctypesAndEntitiesAreNotExpanded() {
        String xml = "<!DOCTYPE domain [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain><name>&x;</name></domain>";
        assertThatThrownBy(() -> DomainXml.parse(xml)).isInstanceOf(DomainXmlException.class);
        String laughs = "<!DOCTYPE domain [<!ENTITY a 'aaaaaaaa'><!ENTITY b '&a;&a;&a;&a;'>]>"
                + "<domain><name>&b;</name></domain>";
        assertThatThrownBy(() -> DomainXml.parse(laughs)).isInstanceOf(DomainXmlException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void aSecretMustBeASecret() {
        assertThatThrownBy(() -> SecretXml.parse("<domain/>")).isInstanceOf(DomainXmlException.class)
                .hasMessageContaining("expected root element <secret>");
    }
}
