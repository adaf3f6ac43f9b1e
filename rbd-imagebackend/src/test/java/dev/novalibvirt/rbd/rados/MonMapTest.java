package dev.novalibvirt.rbd.rados;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.StorageError;
import org.junit.jupiter.api.Test;

class MonMapTest {

    /** Shape of Ceph 16's {@code mon dump -f json}: three mons, one IPv6, one legacy-only. */
    static final String DUMP = """
            {"epoch":3,"fsid":"fde933eb-1f2e-4d6b-9a51-0123456789ab","min_mon_release_name":"pacific",
             "mons":[
              {"rank":0,"name":"a","public_addrs":{"addrvec":[
                 {"type":"v2","addr":"198.18.0.1:3300","nonce":0},{"type":"v1","addr":"198.18.0.1:6789","nonce":0}]},
               "addr":"198.18.0.1:6789/0","public_addr":"198.18.0.1:6789/0"},
              {"rank":1,"name":"b","public_addrs":{"addrvec":[
                 {"type":"v2","addr":"[fd00::2]:3300","nonce":0},{"type":"v1","addr":"[fd00::2]:6789","nonce":0}]},
               "addr":"[fd00::2]:6789/0","public_addr":"[fd00::2]:6789/0"},
              {"rank":2,"name":"c","addr":"198.18.0.3:6790/0","public_addr":"198.18.0.3:6790/0"}],
             "quorum":[0,1,2]}""";

    @Test
    void v1AddressesOnePerMonWithBracketsStripped() {
        MonMap map = MonMap.parse(DUMP);
        assertThat(map.epoch()).isEqualTo(3);
        assertThat(map.addresses(MonProtocol.V1)).containsExactly(
                new MonAddress("198.18.0.1", 6789, MonProtocol.V1),
                new MonAddress("fd00::2", 6789, MonProtocol.V1),
                new MonAddress("198.18.0.3", 6790, MonProtocol.V1));
    }

    @Test
    void v2AddressesFallBackToV1ForALegacyOnlyMon() {
        assertThat(MonMap.parse(DUMP).addresses(MonProtocol.V2)).containsExactly(
                new MonAddress("198.18.0.1", 3300, MonProtocol.V2),
                new MonAddress("fd00::2", 3300, MonProtocol.V2),
                new MonAddress("198.18.0.3", 6790, MonProtocol.V1));
    }

    @Test
    void aLeadingDumpedMonmapLineIsSkipped() {
        assertThat(MonMap.parse("dumped monmap epoch 3\n" + DUMP).mons()).hasSize(3);
    }

    @Test
    void ipv6HostPortKeepsBracketsForUris() {
        assertThat(new MonAddress("fd00::2", 3300, MonProtocol.V2).hostPort()).isEqualTo("[fd00::2]:3300");
        assertThat(MonAddress.parse("v2:[::1]:3300/0", MonProtocol.V2)).isEqualTo(new MonAddress("::1", 3300, MonProtocol.V2));
    }

    @Test
    void garbageIsAStorageError() {
        assertThatThrownBy(() -> MonMap.parse("error")).isInstanceOf(StorageError.class);
        assertThatThrownBy(() -> MonMap.parse("{\"epoch\":1}")).isInstanceOf(StorageError.class);
        assertThatThrownBy(() -> MonMap.parse("{\"mons\":[{\"addr\":\"1.2.3.4\"}]}")).isInstanceOf(StorageError.class);
    }
}
