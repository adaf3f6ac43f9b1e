package dev.novalibvirt.libvirt.monrefresh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.migration.xml.MonitorAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.libvirt.Connect;
import org.libvirt.Domain;

/** Against libvirt's own test driver (a real XML parser and domain store, no hypervisor). */
class MonitorRefresherTest {
    private Connect conn;

    @BeforeEach
    void open() throws Exception {
        conn = new Connect("test:///default");
    }

    @AfterEach
    void close() throws Exception {
        conn.close();
    }

    private Domain define(String name, String host) throws Exception {
        return conn.domainDefineXML("""
                <domain type='test'>
                  <name>%s</name>
                  <memory>65536</memory>
                  <os><type>hvm</type></os>
                  <devices>
                    <disk type='network' device='disk'>
                      <source protocol='rbd' name='vms/%s_disk'><host name='%s' port='6789'/></source>
                      <target dev='vda' bus='virtio'/>
                    </disk>
                  </devices>
                </domain>""".formatted(name, name, host));
    }

    @Test
    void refreshHostRewritesStaleDefinitionsAndReportsEachDomain() throws Exception {
        define("field-stale", "198.18.0.1");
        define("field-current", "198.18.0.2");
        MonitorRefresher refresher = new MonitorRefresher(() -> List.of(new MonitorAddress("198.18.0.2", "6789")));

        List<DomainRefreshReport> reports = refresher.refreshHost(conn);

        assertThat(reports).filteredOn(r -> r.name().equals("field-stale")).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(DomainRefreshReport.Status.REWRITTEN))
                .satisfies(r -> assertThat(r.changes()).hasSize(1));
        assertThat(reports).filteredOn(r -> r.name().equals("field-current")).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(DomainRefreshReport.Status.UNCHANGED));
        assertThat(reports).filteredOn(r -> r.name().equals("test")).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(DomainRefreshReport.Status.NO_RBD_DISKS));
        assertThat(conn.domainLookupByName("field-stale").getXMLDesc(2)).contains("198.18.0.2").doesNotContain("198.18.0.1");
    }
}
