package dev.novalibvirt.rbd.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The librados C functions we call directly: {@code rados_mon_command} with {@code rados_buffer_free}
 * (rados-java's own wrapper never frees the returned buffers).
 */
public interface LibRados extends Library {

    LibRados INSTANCE = Native.load("rados", LibRados.class);

    int rados_mon_command(Pointer cluster, String[] cmd, long cmdlen, byte[] inbuf, long inbuflen,
                          PointerByReference outbuf, LongByReference outbuflen,
                          PointerByReference outs, LongByReference outslen);

    void rados_buffer_free(Pointer buf);
}
