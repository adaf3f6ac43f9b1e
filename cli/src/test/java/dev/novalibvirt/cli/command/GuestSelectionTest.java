package dev.novalibvirt.cli.command;

import static dev.novalibvirt.cli.command.DrainCommandTest.guest;
import static dev.novalibvirt.cli.command.DrainCommandTest.uuid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.novalibvirt.cli.port.GuestDefinition;
import dev.novalibvirt.core.driver.Instance;
import dev.novalibvirt.core.exception.InstanceNotFound;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * compute-1 lists four running guests (one with a Cinder volume, one that vanished while it was read) and one shut
 * off: which of them a drain or an evacuation takes, with and without {@code --only}.
 */
class GuestSelectionTest {
    static final String A = "instance-0000000a";
    static final String B = "instance-0000000b";
    static final String VOLUME = "instance-0000000c";
    static final String GONE = "instance-0000000d";
    static final String OFF = "instance-000000ff";

    final List<GuestDefinition> host = List.of(guest(A, true, false), guest(OFF, false, false),
            guest(VOLUME, true, true), guest(B, true, false),
            new GuestDefinition(GONE, uuid(GONE), true, true, null, null, "Domain not found: no domain with uuid"));

    @Test
    void everyRunningGuestIsChosenInTheHostsOrderAndTheOthersAreToldApart() {
        GuestSelection s = GuestSelection.of(host, List.of(), "compute-1", "vms");

        assertThat(s.chosen()).extracting(Instance::name).containsExactly(A, B);
        assertThat(s.chosen()).allSatisfy(i -> assertThat(i.isVolumeBacked()).as("image-backed " + i).isFalse());
        assertThat(s.names()).containsExactly(entry(A), entry(B));
        assertThat(s.notRunning()).containsExactly(OFF);
        assertThat(s.refused()).extracting(GuestSelection.Refusal::name).containsExactly(VOLUME, GONE);
        assertThat(s.refused().get(0).why()).startsWith("MigrationPreCheckError: ").contains("Cinder volumes");
        assertThat(s.refused().get(1).why()).isEqualTo("Domain not found: no domain with uuid");
    }

    @Test
    void onlyTakesTheNamedGuestsByNameOrUuidInTheHostsOrder() {
        GuestSelection s = GuestSelection.of(host, List.of(" " + B, uuid(A).toUpperCase(Locale.ROOT), OFF),
                "compute-1", "vms");

        assertThat(s.chosen()).extracting(Instance::name).containsExactly(A, B);
        assertThat(s.notRunning()).containsExactly(OFF);
        assertThat(s.refused()).isEmpty();
    }

    @Test
    void anOnlyNameTheHostDoesNotHaveIsRefusedBeforeAnythingIsChosen() {
        assertThatThrownBy(() -> GuestSelection.of(host, List.of(A, "instance-00000099"), "compute-1", "vms"))
                .isInstanceOf(InstanceNotFound.class)
                .hasMessage("Instance instance-00000099 on compute-1 (--only) could not be found.");
    }

    @Test
    void drainAndEvacuationRowsCarryTheSameSelection() {
        GuestSelection s = GuestSelection.of(host, List.of(), "compute-1", "vms");

        DrainGuests drain = DrainGuests.of(s, "compute-1");
        EvacuationGuests evacuation = EvacuationGuests.of(s);

        assertThat(drain.toMove()).extracting(g -> g.instance().name()).containsExactly(A, B);
        assertThat(evacuation.toRebuild()).extracting(g -> g.instance().name()).containsExactly(A, B);
        assertThat(evacuation.toRebuild()).allSatisfy(g -> assertThat(g.imageMeta())
                .isEqualTo(EvacuationGuests.IMAGE_UNKNOWN));
        assertThat(drain.refused()).extracting(DrainReport.Guest::instance, DrainReport.Guest::state,
                DrainReport.Guest::host).containsExactly(tuple(VOLUME, "REFUSED", "compute-1"),
                tuple(GONE, "REFUSED", "compute-1"));
        assertThat(evacuation.refused()).extracting(EvacuationReport.Guest::instance, EvacuationReport.Guest::state)
                .containsExactly(tuple(VOLUME, "REFUSED"), tuple(GONE, "REFUSED"));
        assertThat(drain.notRunning()).isEqualTo(evacuation.notRunning()).containsExactly(OFF);
        assertThat(drain.names()).isEqualTo(evacuation.names()).isEqualTo(s.names());
    }

    private static Map.Entry<String, String> entry(String name) {
        return Map.entry(uuid(name), name);
    }
}
