package dev.novalibvirt.libvirt.jna;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.libvirt.TypedIntParameter;
import org.libvirt.TypedLongParameter;
import org.libvirt.TypedParameter;
import org.libvirt.TypedStringParameter;

/**
 * virDomainListGetStats' result laid out by hand as libvirt does on 64-bit Linux (a NULL-terminated array of
 * virDomainStatsRecord pointers; each record: dom, params, nparams; each parameter 96 bytes), read back.
 */
class TypedParamsTest {
    private final Memory mode = new Memory(16);

    private static void param(Memory params, int i, String field, int type, long value) {
        long base = i * 96L;
        byte[] name = field.getBytes(StandardCharsets.UTF_8);
        params.write(base, name, 0, name.length);
        params.setByte(base + name.length, (byte) 0);
        params.setInt(base + 80, type);
        params.setLong(base + 88, value);
    }

    @Test
    void aDirtyRateStatsRecordIsCopied() {
        Memory params = new Memory(4 * 96L);
        params.clear();
        param(params, 0, "dirtyrate.calc_status", 1, 2);               // VIR_TYPED_PARAM_INT
        param(params, 1, "dirtyrate.megabytes_per_second", 3, 400);    // VIR_TYPED_PARAM_LLONG
        param(params, 2, "dirtyrate.calc_period", 1, 1);
        mode.setString(0, "page-sampling");
        param(params, 3, "dirtyrate.calc_mode", 7, 0);                 // VIR_TYPED_PARAM_STRING
        params.setPointer(3 * 96L + 88, mode);
        Memory record = new Memory(24);
        record.setPointer(0, Pointer.NULL);
        record.setPointer(8, params);
        record.setInt(16, 4);
        Memory records = new Memory(2L * Native.POINTER_SIZE);
        records.setPointer(0, record);
        records.setPointer(Native.POINTER_SIZE, Pointer.NULL);

        List<TypedParameter[]> all = TypedParams.copyStatsRecords(records);

        assertThat(all).hasSize(1);
        TypedParameter[] p = all.get(0);
        assertThat(p).hasSize(4);
        assertThat(p[0]).isInstanceOf(TypedIntParameter.class).extracting(x -> x.field).isEqualTo("dirtyrate.calc_status");
        assertThat(((TypedIntParameter) p[0]).value).isEqualTo(2);
        assertThat(((TypedLongParameter) p[1]).value).isEqualTo(400);
        assertThat(((TypedStringParameter) p[3]).value).isEqualTo("page-sampling");
    }

    @Test
    void noRecordsIsAnEmptyList() {
        Memory records = new Memory(Native.POINTER_SIZE);
        records.setPointer(0, Pointer.NULL);
        assertThat(TypedParams.copyStatsRecords(records)).isEmpty();
        assertThat(TypedParams.copyStatsRecords(null)).isEmpty();
    }
}
