package dev.novalibvirt.libvirt.host;

import dev.novalibvirt.core.exception.InternalError;
import java.util.Optional;
import org.libvirt.Error.ErrorNumber;
import org.libvirt.LibvirtException;

/** The {@link Secret} port over libvirt-java's {@link org.libvirt.Secret}. */
final class LibvirtSecret implements Secret {
    private final org.libvirt.Secret secret;
    private final String uuid;

    LibvirtSecret(org.libvirt.Secret secret, String uuid) {
        this.secret = secret;
        this.uuid = uuid;
    }

    @Override
    public String uuid() {
        return uuid;
    }

    @Override
    public Optional<byte[]> value() {
        try {
            return Optional.ofNullable(secret.getByteValue());
        } catch (LibvirtException e) {
            if (LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_SECRET)) {
                return Optional.empty(); // defined without a value
            }
            // the message is libvirt's and carries no value
            throw new InternalError("reading secret " + uuid + " failed: " + LibvirtErrors.message(e), e);
        }
    }

    @Override
    public void undefine() {
        try {
            secret.undefine();
        } catch (LibvirtException e) {
            if (!LibvirtErrors.is(e, ErrorNumber.VIR_ERR_NO_SECRET)) {
                throw new InternalError("undefining secret " + uuid + " failed: " + LibvirtErrors.message(e), e);
            }
        }
    }
}
