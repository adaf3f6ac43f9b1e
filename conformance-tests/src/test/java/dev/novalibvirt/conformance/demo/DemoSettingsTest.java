package dev.novalibvirt.conformance.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** ./lab demo's arguments, checked before the lab is touched. */
class DemoSettingsTest {

    @Test
    void withoutArgumentsFourHopsOfA128MibGuest() {
        DemoSettings s = DemoSettings.parse();

        assertThat(s.hops()).isEqualTo(4);
        assertThat(s.memoryMib()).isEqualTo(128);
        assertThat(DemoSettings.parse("-", "256").hops()).isEqualTo(4);
        assertThat(DemoSettings.parse("2", "256").memoryMib()).isEqualTo(256);
    }

    @Test
    void badArgumentsAreNamedWithWhatTheyMustBe() {
        assertThatThrownBy(() -> DemoSettings.parse("four")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HOPS must be a whole number, got 'four'");
        assertThatThrownBy(() -> DemoSettings.parse("0")).hasMessage("HOPS must be 1..100, got 0");
        assertThatThrownBy(() -> DemoSettings.parse("4", "32")).hasMessage("MEM_MIB must be 64..4096, got 32");
    }

    @Test
    void theWidthIsColumnsWhenItIsANumberElseTheFallback() {
        assertThat(DemoSettings.columns(null, 80)).isEqualTo(80);
        assertThat(DemoSettings.columns("132 ", 80)).isEqualTo(132);
        assertThat(DemoSettings.columns("wide", 120)).isEqualTo(120);
        assertThat(DemoSettings.columns("10", 80)).isEqualTo(40);
    }
}
