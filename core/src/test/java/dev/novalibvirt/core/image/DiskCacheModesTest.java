package dev.novalibvirt.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.exception.InvalidInput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiskCacheModesTest {

    @Test
    void networkEntryDecidesTheModeOfRbdDisks() {
        DiskCacheModes modes = DiskCacheModes.parse("file=directsync, block=none,network=writeback");
        assertThat(modes.forSourceType("network", "none")).isEqualTo("writeback");
        assertThat(modes.forSourceType("file")).contains("directsync");
        assertThat(modes.forSourceType("mount", "none")).isEqualTo("none");
    }

    @Test
    void emptyOptionMeansNoOverrides() {
        assertThat(DiskCacheModes.parse("").bySourceType()).isEmpty();
        assertThat(DiskCacheModes.parse(null).bySourceType()).isEmpty();
    }

    @Test
    void novaConfSkipsAnInvalidModeLikeNovaButRefusesAnEntryWithoutEquals() {
        DiskCacheModes modes = DiskCacheModes.fromNovaConf(List.of("network=writeback", "file=bogus", "block=none"));
        assertThat(modes.bySourceType()).isEqualTo(Map.of("network", "writeback", "block", "none"));
        assertThat(DiskCacheModes.fromNovaConf(List.of()).bySourceType()).isEmpty();
        assertThatThrownBy(() -> DiskCacheModes.fromNovaConf(List.of("writeback")))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("type=mode");
    }

    @Test
    void invalidEntriesAreRefused() {
        assertThatThrownBy(() -> DiskCacheModes.parse("network=fast")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> DiskCacheModes.parse("writeback")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> DiskCacheModes.parse("network=")).isInstanceOf(InvalidInput.class);
    }
}
