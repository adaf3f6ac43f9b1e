package dev.novalibvirt.core.xml;

import static dev.novalibvirt.core.xml.XmlAssert.assertSameXml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.image.DiskCacheModes;
import dev.novalibvirt.core.xml.domain.DiskHost;
import dev.novalibvirt.core.xml.domain.Domain;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several rewrites on one working model: the same outcome as one copy per rewrite, without the copies. */
class DomainRewriteTest {
    private final String original = Fixtures.xml("nova-rbd-guest.xml");
    private static final List<DiskHost> MONS = List.of(DiskHost.of("198.18.0.21", 3300));

    @Test
    void aChainOnOneModelEqualsTheSameRewritesEachOnItsOwnCopy() {
        Domain chained = DomainRewrite.of(original).graphicsListen("vnc", "198.18.0.12")
                .tcpCharListen("198.18.0.12", List.of(20000)).imageRbdHosts(MONS)
                .cacheModes(DiskCacheModes.parse("network=writeback"))
                .instanceDir("/var/lib/nova/instances", "/srv/b/instances").result();

        Domain oneByOne = DomainXml.parse(original);
        oneByOne = Domains.withGraphicsListen(oneByOne, "vnc", "198.18.0.12");
        oneByOne = Domains.withTcpCharListen(oneByOne, "198.18.0.12", List.of(20000));
        oneByOne = Domains.withImageRbdHosts(oneByOne, MONS);
        oneByOne = Domains.withCacheModes(oneByOne, DiskCacheModes.parse("network=writeback"));
        oneByOne = Domains.withInstanceDir(oneByOne, "/var/lib/nova/instances", "/srv/b/instances");

        assertSameXml(DomainXml.write(oneByOne), DomainXml.write(chained));
        assertThat(DomainXml.write(chained)).contains("/srv/b/instances/4f1c6a1e/console.log")
                .contains("198.18.0.21");
    }

    @Test
    void whatNoStepTouchesIsWrittenBackAsItWasUnknownElementsIncluded() {
        String rewritten = DomainXml.write(DomainRewrite.of(original).graphicsListen("spice", "198.18.0.12")
                .result());
        assertThat(XmlDiff.differences(original, rewritten)).isNotEmpty()
                .allMatch(diff -> diff.contains("/graphics[") && diff.contains("address"));
        assertThat(rewritten).contains("<futurechild mode=\"x\"/>").contains("newattr=\"kept\"");
    }

    @Test
    void aCopiedDomainIsNeverChanged() {
        Domain source = DomainXml.parse(original);
        Domain rewritten = DomainRewrite.copyOf(source).imageRbdHosts(MONS).graphicsListen(null, "198.18.0.12")
                .result();
        assertSameXml(original, DomainXml.write(source));
        assertThat(rewritten).isNotSameAs(source);
    }

    @Test
    void theResultIsHandedOverOnceAndTheRewriteRefusesFurtherSteps() {
        DomainRewrite rewrite = DomainRewrite.of(original).imageRbdHosts(MONS);
        Domain result = rewrite.result();
        assertThat(result.getName()).isNotBlank();
        assertThatThrownBy(() -> rewrite.graphicsListen("vnc", "198.18.0.13"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("handed over");
        assertThatThrownBy(rewrite::result).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDomainWithoutDevicesGetsNoEmptyDevicesElement() {
        String bare = "<domain type='kvm'><name>bare</name></domain>";
        Domain d = DomainRewrite.of(bare).graphicsListen(null, "198.18.0.12").tcpCharListen("198.18.0.12", List.of())
                .instanceDir("/a", "/b").imageRbdHosts(MONS).cacheModes(DiskCacheModes.none()).result();
        assertSameXml(bare, DomainXml.write(d));
    }

    @Test
    void aStepNamingAMissingDiskFails() {
        assertThatThrownBy(() -> DomainRewrite.of(original).diskHosts("vdz", MONS))
                .isInstanceOf(DomainXmlException.class).hasMessageContaining("no disk with target 'vdz'");
    }
}
