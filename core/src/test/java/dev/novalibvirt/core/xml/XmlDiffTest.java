package dev.novalibvirt.core.xml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class XmlDiffTest {

    @Test
    void attributeOrderQuotesAndIndentationDoNotMatter() {
        assertThat(XmlDiff.differences("<a x='1' y='2'>\n  <b>t</b>\n</a>", "<a y=\"2\" x=\"1\"><b> t </b></a>"))
                .isEmpty();
    }

    @Test
    void elementOrderMatters() {
        assertThat(XmlDiff.differences("<os><boot dev='hd'/><boot dev='cdrom'/></os>",
                "<os><boot dev='cdrom'/><boot dev='hd'/></os>"))
                .containsExactly("/os/boot[1]/@dev: expected 'hd' but was 'cdrom'",
                        "/os/boot[2]/@dev: expected 'cdrom' but was 'hd'");
    }

    @Test
    void missingAndExtraElementsAttributesAndTextAreNamed() {
        assertThat(XmlDiff.differences("<a n='1'><b/><c>x</c></a>", "<a m='2'><b/></a>"))
                .containsExactly("/a/@n: missing (expected '1')", "/a/@m: unexpected (was '2')",
                        "/a/c[2]: missing");
        assertThat(XmlDiff.differences("<a><c>x</c></a>", "<a><c>y</c><d/></a>"))
                .containsExactly("/a/c[1]/text(): expected 'x' but was 'y'", "/a/d[2]: unexpected");
    }

    @Test
    void namespacesCompareByUriNotPrefix() {
        assertThat(XmlDiff.differences("<d xmlns:q='urn:q'><q:x/></d>", "<d><p:x xmlns:p='urn:q'/></d>")).isEmpty();
        assertThat(XmlDiff.differences("<d xmlns:q='urn:q'><q:x/></d>", "<d><p:x xmlns:p='urn:other'/></d>"))
                .hasSize(1);
    }

    @Test
    void containmentAllowsExtrasButNotChanges() {
        String expected = "<disk type='network'><source name='vms/a'><host name='m1'/></source><target dev='vda'/></disk>";
        String normalised = "<disk type='network' device='disk'><driver name='qemu'/><source name='vms/a' index='1'>"
                + "<host name='m1'/></source><target dev='vda' bus='virtio'/><alias name='virtio-disk0'/></disk>";
        assertThat(XmlDiff.contained(expected, normalised)).isEmpty();
        assertThat(XmlDiff.contained(expected, normalised.replace("m1", "m2"))).isNotEmpty();
        assertThat(XmlDiff.contained(expected, normalised.replace("<target dev='vda' bus='virtio'/>", "")))
                .containsExactly("/disk/target: missing");
    }
}
