package dev.novalibvirt.rpc;

/**
 * The broker was reached but TLS with it failed: its certificate is not trusted or not for its address, it wants
 * a client certificate that was not given or that it does not trust, or no protocol is common. A
 * {@link MessageDeliveryFailure}, as oslo reports it; the text names the broker (password masked) and JSSE's
 * reason, which carries no key material.
 */
public class TlsHandshakeFailure extends MessageDeliveryFailure {
    private static final long serialVersionUID = 1L;

    public TlsHandshakeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
