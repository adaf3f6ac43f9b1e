package dev.novalibvirt.migration.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.novalibvirt.core.exception.InvalidConfiguration;
import dev.novalibvirt.core.exception.InvalidHostname;
import org.junit.jupiter.api.Test;

/** A drain that cannot work is refused when it is built, before any host is called. */
class HostDrainValidationTest {
    private final Concurrency concurrency = new Concurrency();
    private final FakeHost a = new FakeHost("host-a", concurrency);
    private final FakeHost b = new FakeHost("host-b", concurrency);

    @Test
    void aNegativeCapIsRefusedNamingNovasOption() {
        assertThatThrownBy(() -> HostDrain.builder(a).destination(b).maxPerSource(-1))
                .isInstanceOf(InvalidConfiguration.class)
                .hasMessageContaining("maxPerSource (max_concurrent_live_migrations) is -1")
                .hasMessageContaining("0 (unlimited) or a positive number");
        assertThatThrownBy(() -> new DrainCaps(1, -5, 0)).isInstanceOf(InvalidConfiguration.class)
                .hasMessageContaining("maxPerCluster is -5");
        assertThatThrownBy(() -> DrainCaps.defaults().withMaxInboundPerDestination(-2))
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("maxInboundPerDestination");
    }

    @Test
    void withoutADestinationTheBuilderSaysWhatToCall() {
        assertThatThrownBy(() -> HostDrain.builder(a).build()).isInstanceOf(InvalidConfiguration.class)
                .hasMessage("HostDrain.builder(source): destination is required: "
                        + "call .destination(driver) for each host the guests may go to");
    }

    @Test
    void theSourceIsNotADestination() {
        assertThatThrownBy(() -> HostDrain.builder(a).destination(new FakeHost("host-a", concurrency)).build())
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("is the source itself");
    }

    @Test
    void aDestinationOrAGuestGivenTwiceIsRefused() {
        assertThatThrownBy(() -> HostDrain.builder(a).destination(b).destination(b).build())
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("host-b is given twice");
        assertThatThrownBy(() -> HostDrain.builder(a).destination(b).guest(HostDrainTest.guest(1), null, null)
                .guest(HostDrainTest.guest(1), null, null).build())
                .isInstanceOf(InvalidConfiguration.class)
                .hasMessageContaining("guest " + HostDrainTest.guest(1).uuid() + " is given twice");
    }

    @Test
    void aDestinationThatIsNotAPlainHostNameIsRefused() {
        assertThatThrownBy(() -> HostDrain.builder(a).destination(new FakeHost("host-b;reboot", concurrency))
                .build()).isInstanceOf(InvalidHostname.class);
    }

    @Test
    void capsGoEitherToTheDrainOrToTheSharedSlots() {
        MigrationSlots cluster = MigrationSlots.create(DrainCaps.defaults());
        assertThatThrownBy(() -> HostDrain.builder(a).destination(b).slots(cluster).maxPerSource(2).build())
                .isInstanceOf(InvalidConfiguration.class).hasMessageContaining("not both");
        assertThat(HostDrain.builder(a).destination(b).slots(cluster).build().slots()).isSameAs(cluster);
    }

    @Test
    void theDefaultsAreNovasPerSourceAndKubeVirtsPerCluster() {
        assertThat(DrainCaps.defaults()).isEqualTo(new DrainCaps(1, 5, 0));
    }
}
