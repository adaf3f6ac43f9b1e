package dev.novalibvirt.libvirt.jna;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import java.lang.reflect.Field;
import org.libvirt.Connect;
import org.libvirt.Domain;

/**
 * The native {@code virDomainPtr}/{@code virConnectPtr} behind libvirt-java's objects. libvirt-java keeps them in
 * non-public fields ({@code Domain.vdp}, {@code Connect.vcp}); we read them once per call by reflection, which
 * works from the class path. The libvirt-java object must stay reachable while the pointer is used: its
 * finalizer frees the native object.
 */
public final class LibvirtPointers {
    private static final Field DOMAIN_PTR = field(Domain.class, "vdp");
    private static final Field CONNECT_PTR = field(Connect.class, "vcp");

    private LibvirtPointers() {
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("libvirt-java " + type.getName() + " has no field " + name
                    + " (unsupported libvirt-java version?)", e);
        }
    }

    public static Pointer of(Domain domain) {
        return read(DOMAIN_PTR, domain);
    }

    public static Pointer of(Connect connect) {
        return read(CONNECT_PTR, connect);
    }

    private static Pointer read(Field f, Object owner) {
        try {
            PointerType p = (PointerType) f.get(owner);
            if (p == null || p.getPointer() == null) {
                throw new IllegalStateException(owner.getClass().getSimpleName() + " is closed");
            }
            return p.getPointer();
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
