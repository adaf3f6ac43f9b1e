package dev.novalibvirt.rbd.jna;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The librados C functions we call directly. The cluster handle's whole life (create, configure, connect,
 * IoCtx create/destroy, shutdown) is ours, not rados-java's: its {@code Rados} shuts leaked handles down from
 * the finalizer thread, next to live calls, and nothing native may run there. {@code rados_mon_command} is
 * here with {@code rados_buffer_free} because rados-java's own wrapper never frees the returned buffers.
 */
public interface LibRados extends Library {

    LibRados INSTANCE = Native.load("rados", LibRados.class);

    int rados_create(PointerByReference cluster, String id);

    int rados_conf_read_file(Pointer cluster, String path);

    int rados_conf_set(Pointer cluster, String option, String value);

    int rados_connect(Pointer cluster);

    void rados_shutdown(Pointer cluster);

    int rados_ioctx_create(Pointer cluster, String pool, PointerByReference ioctx);

    void rados_ioctx_destroy(Pointer ioctx);

    int rados_cluster_fsid(Pointer cluster, byte[] buf, long len);

    int rados_pool_list(Pointer cluster, byte[] buf, long len);

    int rados_mon_command(Pointer cluster, String[] cmd, long cmdlen, byte[] inbuf, long inbuflen,
                          PointerByReference outbuf, LongByReference outbuflen,
                          PointerByReference outs, LongByReference outslen);

    void rados_buffer_free(Pointer buf);
}
