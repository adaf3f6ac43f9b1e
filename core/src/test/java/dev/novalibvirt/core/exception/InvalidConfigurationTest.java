package dev.novalibvirt.core.exception;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidConfigurationTest {

    @Test
    void aMissingBuilderPartNamesTheBuilderThePartAndHowToSupplyIt() {
        InvalidConfiguration e = InvalidConfiguration.missingPart("Thing.builder()", "host", "call .host(...)");
        assertThat(e).isInstanceOf(Invalid.class);
        assertThat(e.getMessage()).isEqualTo("Thing.builder(): host is required: call .host(...)");
    }
}
