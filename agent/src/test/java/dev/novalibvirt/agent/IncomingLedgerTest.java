package dev.novalibvirt.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.novalibvirt.core.driver.Instance;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's own record of incoming migrations it prepared: one file per instance, under its host's name. */
class IncomingLedgerTest {
    private static final Instance VOLUME_BACKED = new Instance("11111111-2222-4333-8444-555555555555",
            "instance-0000002b", 256, 2, 0, null);

    @TempDir
    Path instances;

    @Test
    void aRecordRoundTripsAndGoesWhenSettled() {
        IncomingLedger ledger = new IncomingLedger(instances, "host-b");
        Instant at = Instant.parse("2026-12-01T20:59:59.123Z");
        ledger.prepared(VOLUME_BACKED, at, false);
        assertThat(ledger.dir()).isEqualTo(instances.resolve("_agent/host-b/incoming"));
        assertThat(ledger.entries()).containsExactly(new IncomingLedger.Entry(VOLUME_BACKED, at, false));
        assertThat(new IncomingLedger(instances, "host-a").entries()).as("another host's, on a shared path").isEmpty();
        assertThat(ledger.settled(VOLUME_BACKED.uuid())).isTrue();
        assertThat(ledger.settled(VOLUME_BACKED.uuid())).as("once").isFalse();
        assertThat(ledger.entries()).isEmpty();
    }

    @Test
    void aTornOrForeignRecordIsSkippedAndLeftInPlace() throws Exception {
        IncomingLedger ledger = new IncomingLedger(instances, "host-b");
        Files.createDirectories(ledger.dir());
        Path torn = Files.writeString(ledger.dir().resolve(VOLUME_BACKED.uuid()), "instance.uuid=11111111-22");
        Files.writeString(ledger.dir().resolve(VOLUME_BACKED.uuid() + ".tmp"), "half");
        assertThat(ledger.entries()).isEmpty();
        assertThat(torn).exists();
    }
}
