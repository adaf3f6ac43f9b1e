package dev.novalibvirt.conformance.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.novalibvirt.conformance.rbd.RbdLab;
import dev.novalibvirt.rbd.RbdDriver;
import dev.novalibvirt.rbd.RbdLocation;
import dev.novalibvirt.rbd.SparseImporter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code ./lab bench rbd}: (1) clone+resize+remove cycles per second through the library against the same
 * cycle done with the rbd CLI, (2) our sparse import of a 256 MiB sparse raw file against {@code rbd import}
 * of the same file, in the same run. Images are uuid-named in the vms pool and removed.
 */
public final class RbdBench {

    static final long MIB = 1024 * 1024;
    static final int CYCLES = 30;
    static final int CLI_CYCLES = 5;
    static final int IMPORT_RUNS = 5;

    public static void main(String[] args) throws Exception {
        RbdLab lab = RbdLab.load();
        RbdLocation base = RbdLocation.parse(lab.baseLocation());
        Path dir = Files.createTempDirectory("rbd-bench");
        Path raw = dir.resolve("sparse-256m.raw");
        List<String> created = new ArrayList<>();
        try (RbdDriver driver = lab.driver()) {
            driver.fsid(); // connect outside the timings

            // 1. clone + resize + remove
            warmCycle(driver, base);
            long t0 = System.nanoTime();
            for (int i = 0; i < CYCLES; i++) {
                String name = RbdLab.freshUuid() + "_disk";
                created.add(name);
                driver.clone(base, "vms", name);
                driver.resize("vms", name, 1024 * MIB);
                driver.destroyVolume("vms", name);
                created.remove(name);
            }
            double libSeconds = (System.nanoTime() - t0) / 1e9;
            long t1 = System.nanoTime();
            for (int i = 0; i < CLI_CYCLES; i++) {
                String name = RbdLab.freshUuid() + "_disk";
                created.add(name);
                lab.cli("rbd", "clone", base.pool() + "/" + base.image() + "@" + base.snapshot(), "vms/" + name);
                lab.cli("rbd", "resize", "--no-progress", "--size", "1024", "vms/" + name);
                lab.cli("rbd", "rm", "--no-progress", "vms/" + name);
                created.remove(name);
            }
            double cliSeconds = (System.nanoTime() - t1) / 1e9;
            double libRate = CYCLES / libSeconds;
            double cliRate = CLI_CYCLES / cliSeconds;

            // 2. sparse import of 256 MiB
            long dataBytes = writeSparseFile(raw, Path.of(lab.get("BASE_IMAGE_RAW")));
            // one unmeasured import each, so the JIT and the page cache are warm for both sides
            String warmA = RbdLab.freshUuid() + "_disk";
            String warmB = RbdLab.freshUuid() + "_disk";
            created.add(warmA);
            created.add(warmB);
            driver.importFile(raw, "vms", warmA);
            lab.cli("rbd", "import", "--no-progress", "--image-format", "2", raw.toString(), "vms/" + warmB);
            driver.destroyVolume("vms", warmA);
            driver.destroyVolume("vms", warmB);
            created.remove(warmA);
            created.remove(warmB);
            long[] ours = new long[IMPORT_RUNS];
            long[] theirs = new long[IMPORT_RUNS];
            SparseImporter.Stats stats = null;
            long oursUsed = 0;
            long theirsUsed = 0;
            for (int r = 0; r < IMPORT_RUNS; r++) {
                String a = RbdLab.freshUuid() + "_disk";
                String b = RbdLab.freshUuid() + "_disk";
                created.add(a);
                created.add(b);
                long s = System.nanoTime();
                stats = driver.importFile(raw, "vms", a);
                ours[r] = (System.nanoTime() - s) / 1_000_000;
                s = System.nanoTime();
                lab.cli("rbd", "import", "--no-progress", "--image-format", "2", raw.toString(), "vms/" + b);
                theirs[r] = (System.nanoTime() - s) / 1_000_000;
                if (r == IMPORT_RUNS - 1) {
                    oursUsed = usedBytes(lab, a);
                    theirsUsed = usedBytes(lab, b);
                }
                driver.destroyVolume("vms", a);
                driver.destroyVolume("vms", b);
                created.remove(a);
                created.remove(b);
            }
            long oursMs = median(ours);
            long theirsMs = median(theirs);

            BenchReport r = new BenchReport("rbd", "measure", "library", "rbd CLI");
            r.row("clone+resize(1 GiB)+remove cycles", CYCLES, CLI_CYCLES);
            r.row("cycles per second", libRate, cliRate);
            r.row("ms per cycle", 1000 / libRate, 1000 / cliRate);
            r.row("import 256 MiB sparse file, median ms of " + IMPORT_RUNS, oursMs, theirsMs);
            r.row("import runs ms", join(ours), join(theirs));
            r.row("import MiB/s (virtual size)", 256_000.0 / oursMs, 256_000.0 / theirsMs);
            r.row("bytes with data in the file", dataBytes, dataBytes);
            r.row("bytes written (zero blocks skipped)", stats.writtenBytes(), "-");
            r.row("image used bytes (rbd du)", oursUsed, theirsUsed);
            r.result("cycles_per_s", round(libRate)).result("cli_cycles_per_s", round(cliRate))
                    .result("cycle_speedup", round(libRate / cliRate))
                    .result("import_ms", oursMs).result("rbd_import_ms", theirsMs)
                    .result("import_time_ratio", round((double) oursMs / theirsMs))
                    .result("used_bytes", oursUsed).result("rbd_import_used_bytes", theirsUsed);
            r.print(System.out);
        } finally {
            try (RbdDriver cleanup = lab.driver()) {
                for (String n : created) {
                    cleanup.destroyVolume("vms", n);
                }
            }
            Files.deleteIfExists(raw);
            Files.deleteIfExists(dir);
        }
    }

    private static void warmCycle(RbdDriver driver, RbdLocation base) {
        String name = RbdLab.freshUuid() + "_disk";
        try {
            driver.clone(base, "vms", name);
        } finally {
            driver.destroyVolume("vms", name);
        }
    }

    /** 256 MiB sparse file: the lab's base image at 0, then 8 random 2 MiB extents spread over the rest. */
    private static long writeSparseFile(Path raw, Path baseRaw) throws IOException {
        byte[] baseBytes = Files.readAllBytes(baseRaw);
        Random rnd = new Random(42);
        byte[] chunk = new byte[(int) (2 * MIB)];
        long data = 0;
        try (RandomAccessFile f = new RandomAccessFile(raw.toFile(), "rw")) {
            f.setLength(256 * MIB);
            f.seek(0);
            f.write(baseBytes);
            data += nonZero(baseBytes);
            for (int i = 0; i < 8; i++) {
                rnd.nextBytes(chunk);
                f.seek((80 + 20L * i) * MIB);
                f.write(chunk);
                data += chunk.length;
            }
        }
        return data;
    }

    private static long nonZero(byte[] b) {
        long n = 0;
        for (int i = 0; i < b.length; i += 4096) {
            for (int j = i; j < Math.min(b.length, i + 4096); j++) {
                if (b[j] != 0) {
                    n += Math.min(4096, b.length - i);
                    break;
                }
            }
        }
        return n;
    }

    private static long usedBytes(RbdLab lab, String name) throws IOException, InterruptedException {
        JsonNode du = new ObjectMapper().readTree(lab.cli("rbd", "du", "--format", "json", "vms/" + name));
        long used = 0;
        for (JsonNode img : du.path("images")) {
            used += img.path("used_size").asLong();
        }
        return used;
    }

    private static long median(long[] v) {
        long[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static String round(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static String join(long[] v) {
        return Arrays.stream(v).mapToObj(Long::toString).collect(java.util.stream.Collectors.joining("/"));
    }
}
