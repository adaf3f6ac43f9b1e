package dev.novalibvirt.libvirt.host;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.libvirt.Error.ErrorDomain;
import org.libvirt.Error.ErrorNumber;

/** Which libvirt errors mean "the connection broke" (Nova's is_connection_error), and which do not. */
class ConnectionErrorsTest {
    @Test
    void eofAndKeepaliveFromTheRpcLayerAndNoConnectionAreConnectionErrors() {
        assertThat(ConnectionErrors.lost(ErrorNumber.VIR_ERR_SYSTEM_ERROR, ErrorDomain.VIR_FROM_RPC)).isTrue();
        assertThat(ConnectionErrors.lost(ErrorNumber.VIR_ERR_INTERNAL_ERROR, ErrorDomain.VIR_FROM_RPC)).isTrue();
        assertThat(ConnectionErrors.lost(ErrorNumber.VIR_ERR_SYSTEM_ERROR, ErrorDomain.VIR_FROM_REMOTE)).isTrue();
        assertThat(ConnectionErrors.lost(ErrorNumber.VIR_ERR_INVALID_CONN, ErrorDomain.VIR_FROM_NONE)).isTrue();
        assertThat(ConnectionErrors.lost(ErrorNumber.VIR_ERR_NO_CONNECT, ErrorDomain.VIR_FROM_NONE)).isTrue();
    }

    @Test
    void aRefusedCallOnALiveConnectionIsNot() {
        assertThat(ConnectionErrors.lost(ErrorNumber.VIR_ERR_NO_DOMAIN, ErrorDomain.VIR_FROM_QEMU)).isFalse();
        assertThat(ConnectionErrors.lost(ErrorNumber.VIR_ERR_INTERNAL_ERROR, ErrorDomain.VIR_FROM_QEMU)).isFalse();
        assertThat(ConnectionErrors.lost(ErrorNumber.VIR_ERR_OPERATION_INVALID, ErrorDomain.VIR_FROM_RPC)).isFalse();
    }
}
