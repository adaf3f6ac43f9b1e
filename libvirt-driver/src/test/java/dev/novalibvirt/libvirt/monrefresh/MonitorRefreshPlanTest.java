package dev.novalibvirt.libvirt.monrefresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.migration.xml.MonitorAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonitorRefreshPlanTest {
    private static final List<MonitorAddress> MOVED = List.of(new MonitorAddress("198.18.0.2", "6789"));

    private static String domain(String vdaHosts, String vdbHosts) {
        return """
                <domain type='kvm'>
                  <name>field-guest</name>
                  <devices>
                    <disk type='network' device='disk'>
                      <driver name='qemu' type='raw' cache='writeback'/>
                      <auth username='nova'><secret type='ceph' uuid='5ec7e700-0000-4000-8000-000000000001'/></auth>
                      <source protocol='rbd' name='vms/abc_disk'>%s</source>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                    <disk type='network' device='disk'>
                      <source protocol='rbd' name='vms/abc_disk.eph0'>%s<config file='/etc/ceph/x.conf'/></source>
                      <target dev='vdb' bus='virtio'/>
                    </disk>
                    <disk type='network' device='disk'>
                      <source protocol='rbd' name='volumes/cinder-1'><host name='10.0.0.9' port='6789'/></source>
                      <target dev='vdc' bus='virtio'/>
                      <alias name='ua-cinder-1'/>
                    </disk>
                    <disk type='network' device='disk'>
                      <source protocol='rbd' name='volumes/cinder-2'><host name='10.0.0.9' port='6789'/></source>
                      <target dev='vde' bus='virtio'/>
                      <serial>cinder-2</serial>
                    </disk>
                    <disk type='file' device='disk'><source file='/var/lib/x.raw'/><target dev='vdd'/></disk>
                  </devices>
                </domain>""".formatted(vdaHosts, vdbHosts);
    }

    @Test
    void staleDisksAreRewrittenAndEverythingElseIsKept() {
        MonitorRefreshPlan plan = MonitorRefreshPlan.of(domain("<host name='198.18.0.1' port='6789'/>",
                "<host name='198.18.0.2' port='6789'/>"), MOVED);

        assertThat(plan.rbdDisks()).isEqualTo(2);
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.target()).isEqualTo("vda");
            assertThat(c.image()).isEqualTo("vms/abc_disk");
            assertThat(c.toString()).isEqualTo("vda (vms/abc_disk): 198.18.0.1:6789 -> 198.18.0.2:6789");
        });
        String xml = plan.newXml().orElseThrow();
        assertThat(xml).doesNotContain("198.18.0.1").contains("<host name=\"198.18.0.2\" port=\"6789\"/>")
                .contains("cache=\"writeback\"").contains("5ec7e700-0000-4000-8000-000000000001")
                .contains("<config file=\"/etc/ceph/x.conf\"/>")
                .contains("/var/lib/x.raw");
        // volumes (a ua- alias, or only a <serial> as libvirt's older definitions have) keep their own cluster
        assertThat(xml.split("10.0.0.9", -1)).as("both volumes keep 10.0.0.9").hasSize(3);
    }

    @Test
    void currentDisksNeedNothingWhateverTheOrderOrAnOmittedDefaultPort() {
        List<MonitorAddress> two = List.of(new MonitorAddress("198.18.0.1", "6789"), new MonitorAddress("198.18.0.2", "6789"));
        MonitorRefreshPlan plan = MonitorRefreshPlan.of(domain(
                "<host name='198.18.0.2' port='6789'/><host name='198.18.0.1'/>",
                "<host name='198.18.0.1' port='6789'/><host name='198.18.0.2' port='6789'/>"), two);
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.newXml()).isEmpty();
    }

    @Test
    void aDiskWithoutHostsIsStale() {
        assertThat(MonitorRefreshPlan.of(domain("", "<host name='198.18.0.2' port='6789'/>"), MOVED).changes())
                .extracting(DiskMonitorChange::target).containsExactly("vda");
    }

    @Test
    void noMonitorsMeansNoRewrite() {
        assertThatThrownBy(() -> MonitorRefreshPlan.of(domain("", ""), List.of()))
                .isInstanceOf(MonitorRefreshException.class);
    }
}
