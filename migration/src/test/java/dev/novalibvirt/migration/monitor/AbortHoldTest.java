package dev.novalibvirt.migration.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** When an abort goes to libvirt, when it is held, and what a held one does at the running looks (issue 11). */
class AbortHoldTest {
    private final FakeGuest guest = new FakeGuest();
    private final AbortHold hold = new AbortHold(guest);

    private long abortCalls() {
        return guest.calls.stream().filter("abortJob"::equals).count();
    }

    @Test
    void anAbortGoesToLibvirtAtOnceEvenBeforeAnyLookSawTheJob() {
        assertThat(hold.request()).as("libvirt took it").isTrue();
        assertThat(abortCalls()).isEqualTo(1);
        assertThat(hold.isHeld()).isFalse();
        assertThat(hold.jobRunning()).as("nothing held: the running look sends nothing").isFalse();
        assertThat(abortCalls()).isEqualTo(1);
    }

    @Test
    void libvirtsNoJobBeforeTheFirstRunningLookHoldsItAndThatLookSendsIt() {
        guest.noJobYet = 1;
        assertThat(hold.request()).as("held, not refused").isFalse();
        assertThat(hold.isHeld()).isTrue();

        assertThat(hold.jobRunning()).as("sent at the first running look, and taken").isTrue();
        assertThat(abortCalls()).isEqualTo(2);
        assertThat(hold.isHeld()).isFalse();
        assertThat(hold.jobRunning()).as("sent once only").isFalse();
        assertThat(abortCalls()).isEqualTo(2);
    }

    @Test
    void aHeldAbortLibvirtRefusesStaysHeldAndIsSentAgainAtTheNextLook() {
        guest.noJobYet = 2; // the job is seen running, but libvirt still answers "no job is active" once more
        assertThat(hold.request()).isFalse();
        assertThat(hold.jobRunning()).as("refused at the first running look").isFalse();
        assertThat(hold.isHeld()).as("the caller was told it is taken: kept").isTrue();
        assertThat(hold.jobRunning()).as("sent again, and taken").isTrue();
        assertThat(abortCalls()).isEqualTo(3);
    }

    @Test
    void noJobAfterALookSawItRunningIsARefusalForTheCaller() {
        hold.jobRunning();
        guest.noJobYet = 1; // the job has ended meanwhile
        assertThatThrownBy(hold::request).isInstanceOf(MigrationGuestException.class)
                .hasMessageContaining("no job is active");
        assertThat(hold.isHeld()).isFalse();
    }

    @Test
    void anyOtherRefusalIsTheCallersEvenBeforeTheJobRuns() {
        guest.failAbort = true;
        assertThatThrownBy(hold::request).isInstanceOf(MigrationGuestException.class)
                .hasMessageContaining("operation not valid");
        assertThat(hold.isHeld()).isFalse();
    }

    @Test
    void onlyLibvirtsNoJobMessageCountsAsNoJobYet() {
        assertThat(AbortHold.noJobYet(new MigrationGuestException("virDomainAbortJob: Requested operation is not "
                + "valid: no job is active on the domain", null))).isTrue();
        assertThat(AbortHold.noJobYet(new MigrationGuestException("virDomainAbortJob: operation not valid", null)))
                .isFalse();
        assertThat(AbortHold.noJobYet(new MigrationGuestException(null, null))).isFalse();
    }

    /** libvirt's code decides when the exception carries it; the text only without it (issue 11 review). */
    @Test
    void libvirtsNoJobIsKnownByItsErrorCode() {
        Object[][] rows = {
            {"Requested operation is not valid: no job is active on the domain", "VIR_ERR_OPERATION_INVALID", true},
            {"Operation non valide : aucune tache active (a translated libvirt)", "VIR_ERR_OPERATION_INVALID", true},
            {"no job is active (but an internal error)", "VIR_ERR_INTERNAL_ERROR", false},
            {"Timed out during operation: cannot acquire state change lock", "VIR_ERR_OPERATION_TIMEOUT", false},
            {"virDomainAbortJob: Requested operation is not valid: no job is active on the domain", null, true},
            {"virDomainAbortJob: operation not valid", null, false},
        };
        for (Object[] r : rows) {
            MigrationGuestException e = new MigrationGuestException((String) r[0], (String) r[1], null);
            assertThat(AbortHold.noJobYet(e)).as("%s (%s)", r[0], r[1]).isEqualTo(r[2]);
        }
    }
}
