package dev.novalibvirt.conformance.guest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The busy guest's serial output in disk-I/O mode ({@code conformance-tests/lab/guest/busyguest.c}, {@code io=1}) as
 * one stream over every host it ran on: its heartbeat lines {@code hb=<n> ...} must count up by one, and so must its
 * I/O lines {@code io=<n> OK} (the counter it writes to block 0 of its RBD disk and reads back, continued from what
 * it finds there, so a lost write or a second writer shows as a jump); an {@code io=<n> ERR} line or a second
 * {@code io: ... opened} (the guest booted again) is a problem too.
 *
 * <p>Fed in the order the guest wrote it, in pieces: the tail of the source's console.log, then the destination's.
 * A line can be split between the two (the switch-over may stop the guest mid-line), so only complete lines are
 * judged and the rest waits for the next piece. Not thread-safe; its owner synchronizes.
 */
final class GuestLog {
    private static final Pattern HB = Pattern.compile("^hb=(\\d+) ");
    private static final Pattern IO = Pattern.compile("^io=(\\d+) (OK|ERR)\\b(.*)$");
    private static final Pattern OPENED = Pattern.compile("^io: \\S+ opened");
    /** Problems kept word for word; beyond that only counted. */
    private static final int KEEP = 20;

    private final StringBuilder partial = new StringBuilder();
    private final List<String> problems = new ArrayList<>();
    private int problemCount;
    private long lastHb = -1;
    private long lastIo = -1;
    private long lastIoOk = -1;
    private int opened;

    /** Takes the next piece of the stream. */
    void feed(String text) {
        partial.append(text);
        int start = 0;
        for (int nl = partial.indexOf("\n"); nl >= 0; nl = partial.indexOf("\n", start)) {
            line(partial.substring(start, nl));
            start = nl + 1;
        }
        partial.delete(0, start);
    }

    private void line(String raw) {
        // the guest's tty turns \n into \r\n
        String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
        Matcher hb = HB.matcher(line);
        if (hb.find()) {
            lastHb = next("heartbeat", lastHb, Long.parseLong(hb.group(1)));
            return;
        }
        Matcher io = IO.matcher(line);
        if (io.find()) {
            lastIo = next("disk counter", lastIo, Long.parseLong(io.group(1)));
            if (io.group(2).equals("OK")) {
                lastIoOk = lastIo;
            } else {
                problem("disk I/O error: " + line.strip());
            }
            return;
        }
        if (OPENED.matcher(line).find() && ++opened > 1) {
            problem("the guest booted again: " + line.strip());
        }
    }

    /** {@code value} after {@code last}: one more, else a gap or a step back. */
    private long next(String what, long last, long value) {
        if (last >= 0 && value != last + 1) {
            problem(what + (value <= last ? " stepped back" : " has a gap") + ": " + last + " -> " + value);
        }
        return value;
    }

    private void problem(String text) {
        problemCount++;
        if (problems.size() < KEEP) {
            problems.add(text);
        }
    }

    /** The last heartbeat number seen, -1 before the first. */
    long lastHeartbeat() {
        return lastHb;
    }

    /** The last disk counter written and read back correctly, -1 before the first. */
    long lastIoOk() {
        return lastIoOk;
    }

    /** How many problems were seen (every one, also beyond those kept). */
    int problemCount() {
        return problemCount;
    }

    /** The first problems, word for word. */
    List<String> problems() {
        return List.copyOf(problems);
    }
}
