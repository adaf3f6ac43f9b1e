/* busyguest.c - the lab's busy Linux guest workload (static; started by /init of the initramfs).
 *
 * Knobs come from the kernel command line (/proc/cmdline), overridable by "key=value" arguments:
 *   dirty_mb=N         MiB of memory to keep dirty (0 = idle guest)                           default 0
 *   dirty_rate_mbps=R  dirty rate in MiB/s (one byte written per 4 KiB page); 0 = as fast as it can   default 0
 *   hb_ms=M            heartbeat period in ms                                                 default 1000
 *   io=1               disk I/O mode: every io_ms write a counter to io_dev, read it back     default 0
 *   io_ms=M            I/O period in ms                                                       default 1000
 *   io_dev=PATH        the disk                                                               default /dev/vda
 *   marker=TOKEN       fill marker_mb MiB with TOKEN repeated, never touched again (the capture proof looks
 *                      for it in the migration stream: plain it is there, with native TLS it is not)
 *   marker_mb=N        MiB of marker                                                          default 16
 * Serial console lines (stdout = /dev/console = ttyS0):
 *   "hb=<n> up=<s> passes=<p> dirty=<MiB/s>[ io_ok=<k> io_err=<e> io_busy_ms=<ms>]" every hb_ms
 *   "io=<counter> OK" or "io=<counter> ERR <what>" after every I/O round (io=1)
 * The dirtied byte changes on every pass over the buffer (1..255, never 0: zero pages would be cheap to send).
 * The I/O runs in its own thread so that a hung disk (a fenced client) shows as a growing io_busy_ms while the
 * heartbeat goes on. The counter continues from the value found on the disk, so a second writer shows. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

static void sleep_until(double t) {
  double d = t - now();
  if (d <= 0) return;
  struct timespec ts = { (time_t)d, (long)((d - (time_t)d) * 1e9) };
  nanosleep(&ts, NULL);
}

/* value of "key=" in a space-separated string, or NULL */
static const char *find(const char *src, const char *key) {
  size_t kl = strlen(key);
  for (const char *p = src; p && *p;) {
    while (*p == ' ' || *p == '\n') p++;
    if (!strncmp(p, key, kl) && p[kl] == '=') return p + kl + 1;
    p = strchr(p, ' ');
  }
  return NULL;
}

static char cmdline[4096];
static int nargs; static char **args;

static long knob(const char *key, long def) {
  long v = def; const char *s = find(cmdline, key);
  if (s) v = strtol(s, NULL, 10);
  for (int i = 0; i < nargs; i++) if ((s = find(args[i], key))) v = strtol(s, NULL, 10);
  return v;
}

static void knob_str(const char *key, char *out, size_t n, const char *def) {
  const char *s = find(cmdline, key);
  for (int i = 0; i < nargs; i++) { const char *a = find(args[i], key); if (a) s = a; }
  if (!s) s = def;
  size_t i = 0;
  while (s[i] && s[i] != ' ' && s[i] != '\n' && i + 1 < n) { out[i] = s[i]; i++; }
  out[i] = 0;
}

/* one line to the console in one write(2), so the two threads' lines never interleave */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...) {
  char line[256]; va_list ap; va_start(ap, fmt);
  int n = vsnprintf(line, sizeof line - 1, fmt, ap); va_end(ap);
  if (n < 0) return;
  if (n > (int)sizeof line - 2) n = sizeof line - 2;
  line[n++] = '\n';
  ssize_t w = write(1, line, n); (void)w;
}

/* ---- I/O mode ---- */
static char io_dev[128];
static long io_ms = 1000;
static volatile long io_ok, io_err;
static volatile double io_started;        /* start of the I/O in flight, 0 when idle */

static void *io_loop(void *unused) {
  (void)unused;
  unsigned char *blk;
  if (posix_memalign((void **)&blk, 4096, 4096)) { say("io=0 ERR no memory"); return NULL; }
  int fd = -1;
  for (int i = 0; i < 100 && fd < 0; i++) {       /* virtio_blk may still be probing */
    fd = open(io_dev, O_RDWR | O_DIRECT | O_DSYNC);
    if (fd < 0) usleep(100000);
  }
  if (fd < 0) { say("io=0 ERR open %s: %s", io_dev, strerror(errno)); io_err++; return NULL; }
  unsigned long counter = 0;
  if (pread(fd, blk, 4096, 0) == 4096 && !strncmp((char *)blk, "nlab-io ", 8)) counter = strtoul((char *)blk + 8, NULL, 10);
  say("io: %s opened, counter on disk %lu", io_dev, counter);
  double next = now();
  for (;;) {
    counter++;
    memset(blk, 0, 4096);
    int len = snprintf((char *)blk, 64, "nlab-io %lu\n", counter);
    io_started = now();
    ssize_t w = pwrite(fd, blk, 4096, 0);
    const char *err = NULL; int e = 0;
    if (w != 4096) { err = "write"; e = errno; }
    else {
      memset(blk, 0, 4096);
      ssize_t r = pread(fd, blk, 4096, 0);
      char want[64]; snprintf(want, sizeof want, "nlab-io %lu\n", counter);
      if (r != 4096) { err = "read"; e = errno; }
      else if (memcmp(blk, want, len)) { err = "readback mismatch"; e = 0; }
    }
    io_started = 0;
    if (err) { io_err++; say("io=%lu ERR %s%s%s", counter, err, e ? ": " : "", e ? strerror(e) : ""); }
    else { io_ok++; say("io=%lu OK", counter); }
    next += io_ms / 1000.0;
    if (next < now()) next = now() + io_ms / 1000.0;
    sleep_until(next);
  }
  return NULL;
}

int main(int argc, char **argv) {
  FILE *f = fopen("/proc/cmdline", "r");
  if (f) { size_t n = fread(cmdline, 1, sizeof cmdline - 1, f); cmdline[n] = 0; fclose(f); }
  nargs = argc - 1; args = argv + 1;
  long mb = knob("dirty_mb", 0), rate = knob("dirty_rate_mbps", 0), hb_ms = knob("hb_ms", 1000);
  long io = knob("io", 0);
  io_ms = knob("io_ms", 1000); if (io_ms < 10) io_ms = 10;
  knob_str("io_dev", io_dev, sizeof io_dev, "/dev/vda");
  if (hb_ms < 10) hb_ms = 10;
  char marker[72];
  knob_str("marker", marker, sizeof marker, "");
  long marker_mb = knob("marker_mb", 16);
  if (marker[0] && marker_mb > 0) {
    size_t n = (size_t)marker_mb << 20, ml = strlen(marker);
    char *m = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (m == MAP_FAILED) say("busyguest: mmap %ld MiB for the marker failed: %s", marker_mb, strerror(errno));
    else { for (size_t i = 0; i + ml <= n; i += ml) memcpy(m + i, marker, ml); say("busyguest: %ld MiB of marker", marker_mb); }
  }
  size_t pages = (size_t)(mb > 0 ? mb : 0) * 256; unsigned char *buf = NULL;
  if (pages) {
    buf = mmap(NULL, pages * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (buf == MAP_FAILED) { say("busyguest: mmap %ld MiB failed: %s", mb, strerror(errno)); buf = NULL; pages = 0; }
  }
  say("busyguest: dirty_mb=%ld dirty_rate_mbps=%ld (%s) hb_ms=%ld io=%ld io_ms=%ld io_dev=%s", mb, rate,
      !pages ? "idle" : rate > 0 ? "throttled" : "unthrottled", hb_ms, io, io_ms, io_dev);
  if (io) { pthread_t t; if (pthread_create(&t, NULL, io_loop, NULL)) say("io=0 ERR no thread"); }

  const double slice = 0.01;                                  /* throttle granularity: 10 ms */
  const long per_slice = rate > 0 ? (long)(rate * 256 * slice) + 1 : 4096;
  uint64_t hb = 0, passes = 0, touched = 0, touched_last = 0; size_t idx = 0; unsigned char val = 1;
  double t0 = now(), last_hb = t0, next_hb = t0 + hb_ms / 1000.0, next_slice = t0;
  for (;;) {
    if (pages) {
      for (long i = 0; i < per_slice; i++) {
        buf[idx * 4096] = val;
        if (++idx == pages) { idx = 0; passes++; val = val == 255 ? 1 : val + 1; }
      }
      touched += per_slice;
      if (rate > 0) { next_slice += slice; if (now() - next_slice > 1.0) next_slice = now(); sleep_until(next_slice); }
    } else {
      sleep_until(next_hb);
    }
    double t = now();
    if (t >= next_hb) {
      hb++;
      double dirty = (touched - touched_last) / 256.0 / (t - last_hb);
      if (io) {
        double busy = io_started > 0 ? (t - io_started) * 1000 : 0;
        say("hb=%llu up=%.1f passes=%llu dirty=%.0fMiB/s io_ok=%ld io_err=%ld io_busy_ms=%.0f",
            (unsigned long long)hb, t - t0, (unsigned long long)passes, dirty, io_ok, io_err, busy);
      } else {
        say("hb=%llu up=%.1f passes=%llu dirty=%.0fMiB/s", (unsigned long long)hb, t - t0,
            (unsigned long long)passes, dirty);
      }
      touched_last = touched; last_hb = t;
      next_hb += hb_ms / 1000.0; if (next_hb < t) next_hb = t + hb_ms / 1000.0;
    }
  }
}
