package dev.novalibvirt.conformance.guest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.conformance.agent.VirshLook;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a guest is after a hop, as virsh, the instance dirs and rbd show it, judged and worded. */
class HopLookTest {
    private static final VirshLook RUNNING_ON_B = new VirshLook("b", Optional.of("running"), true);
    private static final VirshLook NOTHING_ON_A = new VirshLook("a", Optional.empty(), false);

    @Test
    void aGuestOnTheDestinationOnlyWithItsImageIsRight() {
        HopLook look = new HopLook(RUNNING_ON_B, NOTHING_ON_A, "10f2a3b4c5d6");

        assertThat(look.problems("10f2a3b4c5d6")).isEmpty();
        assertThat(look.summary("10f2a3b4c5d6")).containsExactly("running on host-b only",
                "nothing left on host-a (no domain, no instance dir)", "RBD image id 10f2a3b4c5d6 unchanged");
    }

    @Test
    void aDomainOrAnInstanceDirLeftOnTheSourceAndAnotherImageAreNamed() {
        HopLook look = new HopLook(RUNNING_ON_B, new VirshLook("a", Optional.of("shut off"), false), "99");

        assertThat(look.problems("10f2a3b4c5d6")).containsExactly("left on host-a (host-a: shut off, no instance dir)",
                "RBD image id 99, was 10f2a3b4c5d6");
        assertThat(look.summary("10f2a3b4c5d6")).containsExactly("running on host-b",
                "LEFT on host-a (host-a: shut off, no instance dir)", "RBD image id CHANGED: 10f2a3b4c5d6 -> 99");
    }

    @Test
    void aGuestThatDoesNotRunOnTheDestinationIsNamed() {
        HopLook look = new HopLook(new VirshLook("b", Optional.empty(), true), new VirshLook("a", Optional.empty(),
                true), null);

        assertThat(look.problems("10f2a3b4c5d6")).containsExactly(
                "not running on host-b (host-b: no domain, instance dir)",
                "left on host-a (host-a: no domain, instance dir)", "RBD image id null, was 10f2a3b4c5d6");
        assertThat(look.summary("10f2a3b4c5d6").get(0)).isEqualTo("NOT RUNNING on host-b (host-b: no domain, instance dir)");
    }
}
