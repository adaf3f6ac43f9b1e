package dev.novalibvirt.conformance.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What this JVM holds after a hop, read from Linux's view of the process, not the JVM's: its threads and resident
 * set ({@code /proc/self/status} {@code Threads}, {@code VmRSS}, so native threads and malloc'd memory of libvirt,
 * librados and JNA count) and open file descriptors ({@code /proc/self/fd}); beside them the Java heap in use after
 * a full GC (a leak of Java objects, which RSS hides when the heap is fixed).
 *
 * @param hop      the hop it was taken after (0: before the first)
 * @param threads  threads of the process
 * @param fds      open file descriptors
 * @param rssKib   resident set, KiB
 * @param heapKib  heap in use after {@link System#gc()}, KiB
 */
record ProcessSample(int hop, long threads, long fds, long rssKib, long heapKib) {

    /** Takes a sample now; a GC first, so that finalized libvirt handles and freed JNA memory are gone. */
    static ProcessSample take(int hop) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        String status;
        try {
            status = Files.readString(Path.of("/proc/self/status"));
        } catch (IOException e) {
            status = "";
        }
        return new ProcessSample(hop, statusField(status, "Threads"), openFds(), statusField(status, "VmRSS"),
                heap / 1024);
    }

    /** A numeric field of {@code /proc/PID/status} ({@code VmRSS:   123456 kB} gives 123456); -1 when absent. */
    static long statusField(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key + ":")) {
                String[] words = line.substring(key.length() + 1).trim().split("\\s+");
                try {
                    return Long.parseLong(words[0]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static long openFds() {
        // the listing's own descriptor is counted too: the same one in every sample
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            return -1;
        }
    }

    long rssMib() {
        return rssKib / 1024;
    }

    long heapMib() {
        return heapKib / 1024;
    }
}
