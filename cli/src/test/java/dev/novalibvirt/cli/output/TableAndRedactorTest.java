package dev.novalibvirt.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableAndRedactorTest {
    @Test
    void columnsArePaddedToTheWidestCellTwoSpacesApartWithoutTrailingSpaces() {
        String t = Table.of("DOMAIN", "STATUS", "DETAIL")
                .row("instance-00000001", "REWRITTEN", "running guest untouched")
                .row("b", "UNCHANGED", null)
                .render();

        assertThat(t).isEqualTo("""
                DOMAIN             STATUS     DETAIL
                instance-00000001  REWRITTEN  running guest untouched
                b                  UNCHANGED  -
                """);
    }

    @Test
    void aRowOfTheWrongWidthIsRefused() {
        assertThatThrownBy(() -> Table.of("A", "B").row("x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Table.of("A").isEmpty()).isTrue();
    }

    @Test
    void cephxKeysAndKeyAssignmentsAreMasked() {
        assertThat(Redactor.clean("key = AQBzbvhlAAAAABAAb1x7oZ7K0Kz6v3nYtQ6w8Q== for client.nova"))
                .isEqualTo("key = <redacted> for client.nova");
        assertThat(Redactor.clean("secret: hunter2, password=\"x\"")).isEqualTo("secret: <redacted>, password=\"<redacted>\"");
        assertThat(Redactor.clean("vms/0a1b_disk 198.18.0.11:0/1234")).isEqualTo("vms/0a1b_disk 198.18.0.11:0/1234");
        assertThat(Redactor.clean(null)).isNull();
    }

    @Test
    void theJsonEnvelope() {
        Report r = new Report() {
            @Override
            public String toText() {
                return "";
            }

            @Override
            public int exitCode() {
                return 0;
            }
        };
        assertThat(Json.failure("fence", 2, "CliUsageException", "bad")).isEqualTo("""
                {
                  "command" : "fence",
                  "exit_code" : 2,
                  "error" : {
                    "type" : "CliUsageException",
                    "message" : "bad"
                  }
                }
                """);
        assertThat(Json.success("x", r)).startsWith("{\n  \"command\" : \"x\",\n  \"exit_code\" : 0,\n  \"result\" : ");
    }
}
