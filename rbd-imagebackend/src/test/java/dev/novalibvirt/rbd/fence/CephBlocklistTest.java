package dev.novalibvirt.rbd.fence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CephBlocklistTest {
    private final FakeMon mon = new FakeMon();
    private final CephBlocklist blocklist = new CephBlocklist(mon);

    @Test
    void addSendsTheMonCommandWithExpiry() {
        assertThat(blocklist.add("198.18.0.13", Duration.ofMinutes(10))).isEqualTo("198.18.0.13:0/0");
        assertThat(mon.commands).containsExactly(
                "{\"prefix\":\"osd blocklist\",\"blocklistop\":\"add\",\"addr\":\"198.18.0.13:0/0\",\"expire\":600.0}");
    }

    @Test
    void wholeHostEntriesCoverEveryClientOfThatIpOnly() {
        CephBlocklist.Entry host = new CephBlocklist.Entry("198.18.0.13:0/0", "");
        assertThat(host.covers("198.18.0.13:0/123")).isTrue();
        assertThat(host.covers("v2:198.18.0.13:0/123")).isTrue();
        assertThat(host.covers("198.18.0.131:0/123")).isFalse();
        CephBlocklist.Entry client = new CephBlocklist.Entry("198.18.0.13:0/123", "");
        assertThat(client.covers("198.18.0.13:0/123")).isTrue();
        assertThat(client.covers("198.18.0.13:0/124")).isFalse();
    }

    @Test
    void parsesOsdBlocklistLs() {
        var entries = CephBlocklist.parseList("[{\"addr\":\"198.18.0.13:0/0\",\"until\":\"2026-11-21T09:13:09.123+0000\"}]");
        assertThat(entries).containsExactly(new CephBlocklist.Entry("198.18.0.13:0/0", "2026-11-21T09:13:09.123+0000"));
        assertThat(CephBlocklist.parseList("")).isEmpty();
        assertThatThrownBy(() -> CephBlocklist.parseList("listed 1 entries")).isInstanceOf(FenceException.class);
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> blocklist.add("host-a", Duration.ofHours(1))).isInstanceOf(FenceException.class);
        assertThatThrownBy(() -> blocklist.add("198.18.0.13", Duration.ZERO)).isInstanceOf(FenceException.class);
        assertThat(mon.commands).isEmpty();
    }

    @Test
    void unfenceRemovesEveryEntryOnTheRepairedHostsIp() {
        HostFencer fencer = new HostFencer(blocklist);
        fencer.fenceHost("198.18.0.13", Duration.ofHours(1));
        fencer.fenceClients(java.util.List.of(new ImageHolder(ImageHolder.Kind.WATCHER, "198.18.0.13:0/77", "")), Duration.ofHours(1));
        blocklist.add("198.18.0.12:0/5", Duration.ofHours(1));
        assertThat(fencer.unfenceHost("198.18.0.13")).containsExactlyInAnyOrder("198.18.0.13:0/0", "198.18.0.13:0/77");
        assertThat(mon.blocklist).containsOnlyKeys("198.18.0.12:0/5");
    }
}
