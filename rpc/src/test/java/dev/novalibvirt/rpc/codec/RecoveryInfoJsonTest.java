package dev.novalibvirt.rpc.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.novalibvirt.migration.task.truth.DomainPresence;
import dev.novalibvirt.migration.task.truth.HostView;
import dev.novalibvirt.migration.task.truth.InstanceDir;
import dev.novalibvirt.migration.task.truth.JobType;
import dev.novalibvirt.rpc.MalformedMessage;
import dev.novalibvirt.rpc.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The answer of get_live_migration_recovery_info: what recovery acts on, so it is read strictly. */
class RecoveryInfoJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<HostView> everyLook() {
        List<HostView> views = new ArrayList<>();
        for (DomainPresence p : DomainPresence.values()) {
            for (JobType j : JobType.values()) {
                for (InstanceDir d : InstanceDir.values()) {
                    views.add(HostView.of("host-b", p, p != DomainPresence.ABSENT, j, d));
                }
            }
        }
        return views.stream();
    }

    @ParameterizedTest
    @MethodSource("everyLook")
    void everyLookRoundTrips(HostView view) throws Exception {
        JsonNode wire = JSON.readTree(PythonJson.dumps(RecoveryInfoJson.encode(view)));
        assertThat(RecoveryInfoJson.decode(wire, "host-b")).isEqualTo(view);
    }

    @Test
    void anAgentWhoseLibvirtdFailedAnswersUnreachableWithItsReason() throws Exception {
        JsonNode wire = JSON.readTree(PythonJson.dumps(RecoveryInfoJson.encode(
                HostView.unreachable("host-b", "InternalError: End of file while reading data"))));
        assertThat(wire.get("reachable").booleanValue()).isFalse();
        assertThat(RecoveryInfoJson.decode(wire, "host-b")).isEqualTo(HostView.unreachable("host-b",
                "its agent cannot ask libvirt: InternalError: End of file while reading data"));
    }

    @Test
    void theAnswerHasSnakeCaseNamesAndLowerCaseValues() {
        assertThat(PythonJson.dumps(RecoveryInfoJson.encode(HostView.of("host-b", DomainPresence.PAUSED, false,
                JobType.UNBOUNDED, InstanceDir.PRESENT)))).isEqualTo("{\"host\": \"host-b\", \"reachable\": true, "
                + "\"domain\": \"paused\", \"persistent\": false, \"job_type\": \"unbounded\", "
                + "\"instance_dir\": \"present\", \"detail\": \"\"}");
    }

    @Test
    void aLibvirtErrorTravelsWithoutAKeyAndCut() {
        String detail = "InternalError: secret " + Samples.CINDER_KEY + " " + "x".repeat(5000);
        JsonNode wire = RecoveryInfoJson.encode(HostView.unreachable("host-b", detail));
        assertThat(wire.get("detail").asText()).doesNotContain(Samples.CINDER_KEY).hasSize(1024);
        SecretGuard.check(wire, "result");
    }

    @Test
    void aMissingMistypedOrUnknownFieldIsMalformedAndNotQuoted() throws Exception {
        ObjectNode good = (ObjectNode) RecoveryInfoJson.encode(HostView.of("host-b", DomainPresence.RUNNING, true,
                JobType.NONE, InstanceDir.ABSENT));
        for (String field : List.of("host", "reachable", "domain", "persistent", "job_type", "instance_dir",
                "detail")) {
            ObjectNode missing = good.deepCopy();
            missing.remove(field);
            assertThatThrownBy(() -> RecoveryInfoJson.decode(missing, "host-b")).as(field)
                    .isInstanceOf(MalformedMessage.class).hasMessageContaining("result." + field);
        }
        ObjectNode mistyped = good.deepCopy().put("persistent", "yes");
        assertThatThrownBy(() -> RecoveryInfoJson.decode(mistyped, "host-b")).isInstanceOf(MalformedMessage.class)
                .hasMessageContaining("result.persistent");
        ObjectNode unknown = good.deepCopy().put("domain", "zombie-sekrit");
        assertThatThrownBy(() -> RecoveryInfoJson.decode(unknown, "host-b")).isInstanceOf(MalformedMessage.class)
                .hasMessageContaining("result.domain").hasMessageNotContaining("zombie-sekrit");
        assertThatThrownBy(() -> RecoveryInfoJson.decode(JSON.readTree("[]"), "host-b"))
                .isInstanceOf(MalformedMessage.class);
        assertThatThrownBy(() -> RecoveryInfoJson.decode(good, "host-a")).as("another host's answer")
                .isInstanceOf(MalformedMessage.class).hasMessageContaining("not the host asked");
    }
}
