package dev.novalibvirt.libvirt.jna;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.libvirt.TypedBooleanParameter;
import org.libvirt.TypedDoubleParameter;
import org.libvirt.TypedIntParameter;
import org.libvirt.TypedLongParameter;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;
import org.libvirt.TypedUintParameter;
import org.libvirt.TypedUlongParameter;

/**
 * Copies an array of libvirt's {@code virTypedParameter} that libvirt owns (an event's parameters) without
 * freeing it. libvirt-java's {@code TypedParameter.fromPointer} frees the array it reads, which is a double free
 * for event parameters ("double free or corruption" and an abort).
 *
 * <p>Layout on 64-bit Linux: {@code char field[80]; int type; union value} at offset 88, 96 bytes per entry; a
 * stats record holds its parameter pointer at offset 8 and their count at 16.
 */
final class TypedParams {
    private static final int FIELD_LENGTH = 80;
    private static final int TYPE_OFFSET = 80;
    private static final int VALUE_OFFSET = 88;
    private static final int SIZE = 96;

    private TypedParams() {
    }

    /** {@code struct _virDomainStatsRecord { virDomainPtr dom; virTypedParameterPtr params; int nparams; }}. */
    private static final int RECORD_PARAMS_OFFSET = 8;
    private static final int RECORD_NPARAMS_OFFSET = 16;

    /**
     * The parameters of every record in a NULL-terminated {@code virDomainStatsRecordPtr} array (as
     * {@code virDomainListGetStats} returns it), copied; the caller frees the array with
     * {@code virDomainStatsRecordListFree}.
     */
    static List<TypedParameter[]> copyStatsRecords(Pointer records) {
        List<TypedParameter[]> out = new ArrayList<>();
        if (records == null) {
            return out;
        }
        for (int i = 0; ; i++) {
            Pointer record = records.getPointer((long) i * Native.POINTER_SIZE);
            if (record == null) {
                return out;
            }
            out.add(copy(record.getPointer(RECORD_PARAMS_OFFSET), record.getInt(RECORD_NPARAMS_OFFSET)));
        }
    }

    static TypedParameter[] copy(Pointer params, int n) {
        if (params == null || n <= 0) {
            return new TypedParameter[0];
        }
        TypedParameter[] out = new TypedParameter[n];
        for (int i = 0; i < n; i++) {
            long base = (long) i * SIZE;
            byte[] raw = params.getByteArray(base, FIELD_LENGTH);
            int len = 0;
            while (len < raw.length && raw[len] != 0) {
                len++;
            }
            String field = new String(raw, 0, len, StandardCharsets.UTF_8);
            int type = params.getInt(base + TYPE_OFFSET);
            long v = base + VALUE_OFFSET;
            out[i] = switch (type) {
                case 1 -> new TypedIntParameter(field, params.getInt(v));
                case 2 -> new TypedUintParameter(field, params.getInt(v));
                case 3 -> new TypedLongParameter(field, params.getLong(v));
                case 4 -> new TypedUlongParameter(field, params.getLong(v));
                case 5 -> new TypedDoubleParameter(field, params.getDouble(v));
                case 6 -> new TypedBooleanParameter(field, params.getByte(v) != 0);
                case 7 -> {
                    Pointer s = params.getPointer(v);
                    yield new TypedStringParameter(field, s == null ? "" : s.getString(0, "UTF-8"));
                }
                default -> new TypedStringParameter(field, "");
            };
        }
        return out;
    }
}
