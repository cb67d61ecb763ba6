#!/usr/bin/env python3
"""Keystroke echo and start-up of callcoach against nano (and vim), black box.

Every editor runs in its own 120x40 pseudo-terminal, as a terminal emulator
would run it. For each size of notes (0, 100 KB and 1 MB by default):

* start-up: the editor is started `--starts` times (editors shuffled in each
  round) and timed from the spawn to the last byte of its first complete
  frame: the first burst of output that reaches the bottom row, until the
  output has been quiet for 30 ms. callcoach resumes a call holding the notes
  (seeded by pasting them into a first run and quitting with Ctrl-Q, the call
  left open); nano and vim open a file holding the same text. callcoach first
  asks whether to resume the unfinished call: its start-up is the time until
  that question is out (quiet for 30 ms) plus the time from the answer (F2)
  to the call screen's first frame.
* keystroke echo: all editors run side by side with the cursor at the end of
  the notes; in each of `--keys` rounds the editors are shuffled and each is
  sent one letter, timed from the write to the arrival of the output that
  draws it (escape sequences stripped), then drained until its output has
  been quiet for 15 ms. So each editor gets a key about every 100-150 ms, a
  brisk typist's pace, and every editor sees the same machine load. The first
  10 keys of each editor are not counted (warm-up).
* with `--typing SECONDS`: steady typing, 20 keys a second for that long into
  each editor in turn, reporting the echo's median, p99 and maximum — callcoach
  saves the notes while the agent types, and this tail shows whether a save
  stalls the typing.
* RSS (VmRSS from /proc) of each editor after its keys.

Needs Python 3.8+ (standard library only), Linux, a release build
(`cargo build --release`) and nano; vim is used when installed (--no-vim to
leave it out). Prints Markdown tables with the ratios callcoach / nano.

    python3 tools/latency.py                      # the full run, 1-2 minutes
    python3 tools/latency.py --sizes 0 --keys 60  # a quick look
"""

import argparse
import datetime
import os
import platform
import pty
import random
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

ROWS, COLS = 40, 120
KEYS = b"abcdefghijklmnopqrstuvwxyz"
WARMUP_KEYS = 10
QUIET_AFTER_KEY = 0.015
QUIET_AFTER_FRAME = 0.030
TIMEOUT = 30.0

# Escape sequences (CSI, OSC, DCS, charset designations, two-byte escapes).
ESCAPES = re.compile(
    rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|P[^\x1b]*\x1b\\|[()*+].|.)",
    re.DOTALL,
)
# The cursor moved to the bottom row: CUP `ESC[40;xH` or VPA `ESC[40d`.
BOTTOM_ROW = re.compile(rb"\x1b\[%d(?:;\d+)?[Hdf]" % ROWS)


def text_of(data):
    return ESCAPES.sub(b"", data)


class Term:
    """One program in a pseudo-terminal of ROWS x COLS."""

    def __init__(self, argv, env, cwd):
        self.t0 = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size its terminal, then become the program
            try:
                import fcntl
                import termios

                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
                os.chdir(cwd)
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.alive = True

    def read(self, timeout):
        """Bytes that arrive within `timeout` (b"" if none), and their arrival time."""
        r, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not r:
            return b"", None
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:  # EIO: the program has gone
            data = b""
        if not data:
            self.alive = False
            time.sleep(min(timeout, 0.01))
        return data, time.perf_counter()

    def drain(self, quiet, limit=TIMEOUT):
        """Read until nothing has arrived for `quiet` seconds; the time of the last byte."""
        last = None
        end = time.perf_counter() + limit
        while time.perf_counter() < end and self.alive:
            data, at = self.read(quiet)
            if not data:
                break
            last = at
        return last

    def chooser(self, key):
        """Seconds from the spawn until a question printed before the screen (callcoach's choice
        of resuming the unfinished call) has been quiet for QUIET_AFTER_FRAME; then answers it
        with `key`. The screen's start is timed from that key (see `first_frame`)."""
        data, at = self.read(TIMEOUT)
        if not data:
            raise RuntimeError("no question within %.0f s" % TIMEOUT)
        last = self.drain(QUIET_AFTER_FRAME) or at
        asked = last - self.t0
        self.t0 = time.perf_counter()
        os.write(self.fd, key)
        return asked

    def first_frame(self):
        """Seconds from the spawn (or the answer to the question before the screen) to the last
        byte of the first frame that reaches the bottom row."""
        seen = b""
        end = self.t0 + TIMEOUT
        while time.perf_counter() < end and self.alive:
            data, at = self.read(end - time.perf_counter())
            seen += data
            if BOTTOM_ROW.search(seen):
                last = self.drain(QUIET_AFTER_FRAME)
                return (last or at) - self.t0
        raise RuntimeError("no complete first frame within %.0f s" % TIMEOUT)

    def write(self, data):
        """Write all of `data` while reading (and dropping) the output, so neither side blocks."""
        view = memoryview(data)
        while view:
            r, w, _ = select.select([self.fd], [self.fd], [], TIMEOUT)
            if r:
                self.read(0)
            if w:
                view = view[os.write(self.fd, view[:4096]) :]

    def echo(self, key):
        """Seconds from writing the letter `key` until output drawing it has arrived."""
        start = time.perf_counter()
        os.write(self.fd, key)
        seen = b""
        while time.perf_counter() - start < TIMEOUT and self.alive:
            data, at = self.read(TIMEOUT)
            seen += data
            if key in text_of(seen):
                self.drain(QUIET_AFTER_KEY)
                return at - start
        raise RuntimeError("no echo of %r within %.0f s" % (key, TIMEOUT))

    def rss_mb(self):
        try:
            with open("/proc/%d/status" % self.pid) as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return float("nan")

    def quit(self, keys=None, limit=10.0):
        """Send `keys` and wait for the exit (SIGKILL when none are given or it takes too long)."""
        if keys and self.alive:
            self.write(keys)
            end = time.perf_counter() + limit
            while time.perf_counter() < end:
                self.drain(0.05, limit=0.2)
                pid, _ = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    os.close(self.fd)
                    return
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def notes_text(size):
    """About `size` bytes of realistic notes (the lines of benches/call_screen.rs)."""
    lines = [
        "Klant belt over een jas die na één week kapot is gegaan, rits los.",
        "! kern: voelt zich niet serieus genomen door de winkel",
        "A: wij | nieuwe jas opsturen | 2026-12-01",
        "? bon nog nodig, vraagt of het via de mail kan",
        "Ze is boos omdat ze twee keer heeft gebeld zonder antwoord.",
    ]
    out, n, i = [], 0, 0
    while n < size:
        line = lines[i % len(lines)] + "\n"
        out.append(line)
        n += len(line.encode())
        i += 1
    return "".join(out)


class Editor:
    def __init__(self, name, argv, quit_keys, env, cwd):
        self.name, self.argv, self.quit_keys, self.env, self.cwd = name, argv, quit_keys, env, cwd
        # A key answering a question the program asks before its screen.
        self.answer = None

    def start(self):
        return Term(self.argv, self.env, self.cwd)

    def ready(self, term):
        """Seconds the program kept the user waiting until its first complete frame: with a
        question first, the time until it was asked plus the time from the answer to the frame
        (the user's own time to answer is not counted)."""
        asked = term.chooser(self.answer) if self.answer else 0.0
        return asked + term.first_frame()


def editors_for(case_dir, notes, args):
    """The editors for one size of notes, set up in `case_dir`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("CALLCOACH_") and k not in ("TMUX", "NO_COLOR")
    }
    env.update(TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    with open(os.path.join(case_dir, "notes.txt"), "w", encoding="utf-8") as f:
        f.write(notes)

    out = []
    for name, binary in [("callcoach", args.bin)] + args.also:
        # Each callcoach has its own home, data and config directories.
        home = os.path.join(case_dir, name)
        for d in ("data", "config"):
            os.makedirs(os.path.join(home, d))
        own = dict(
            env,
            HOME=home,
            XDG_DATA_HOME=os.path.join(home, "data"),
            XDG_CONFIG_HOME=os.path.join(home, "config"),
        )
        # Ctrl-Q saves and quits; the call stays open, to be resumed.
        editor = Editor(name, [binary, "call", "--customer", "LATENCY-1"], b"\x11", own, home)
        # Seed: paste the notes into a first run and leave with the call
        # open; every later start resumes that call with its notes.
        term = editor.start()
        term.first_frame()
        if notes:
            term.write(b"\x1b[200~" + notes.encode() + b"\x1b[201~")
            term.drain(0.7)
        term.quit(editor.quit_keys, limit=60)
        # Every later start finds the call unfinished and asks whether to
        # resume it: F2 resumes.
        editor.argv = [binary]
        editor.answer = b"\x1bOQ"
        out.append(editor)

    env["HOME"] = case_dir
    out.append(Editor("nano", ["nano", "-I", "+999999999", "notes.txt"], None, env, case_dir))
    if args.vim:
        argv = ["vim", "-u", "NONE", "-i", "NONE", "-n", "-N", "-c", "normal! G$"]
        out.append(Editor("vim", argv + ["-c", "startinsert!", "notes.txt"], None, env, case_dir))
    return out


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return (xs[n // 2] + xs[(n - 1) // 2]) / 2


def p95(xs):
    xs = sorted(xs)
    return xs[max(0, -(-95 * len(xs) // 100) - 1)]


def measure(size, args, rng, tmp):
    case_dir = os.path.join(tmp, "notes-%d" % size)
    os.makedirs(case_dir)
    editors = editors_for(case_dir, notes_text(size), args)
    starts = {e.name: [] for e in editors}
    for _ in range(args.starts):
        for e in rng.sample(editors, len(editors)):
            term = e.start()
            starts[e.name].append(e.ready(term))
            term.drain(0.1, limit=1)
            term.quit(e.quit_keys)

    terms = {}
    for e in editors:
        terms[e.name] = e.start()
        e.ready(terms[e.name])
    time.sleep(0.5)
    for t in terms.values():
        t.drain(0.05, limit=2)
    echoes = {e.name: [] for e in editors}
    for i in range(WARMUP_KEYS + args.keys):
        for e in rng.sample(editors, len(editors)):
            key = KEYS[i % len(KEYS) : i % len(KEYS) + 1]
            seconds = terms[e.name].echo(key)
            if i >= WARMUP_KEYS:
                echoes[e.name].append(seconds)
    # Steady typing (20 keys a second, each editor in turn for `--typing`
    # seconds): callcoach saves the notes while the agent types (at most a
    # second after a key), so the tail of these echoes shows whether a save
    # stalls typing.
    typing = {e.name: [] for e in editors}
    for e in editors if args.typing > 0 else []:
        term = terms[e.name]
        for i in range(int(args.typing * 20)):
            start = time.perf_counter()
            typing[e.name].append(term.echo(KEYS[i % len(KEYS) : i % len(KEYS) + 1]))
            time.sleep(max(0.0, start + 0.05 - time.perf_counter()))
    rss = {name: t.rss_mb() for name, t in terms.items()}
    for e in editors:
        terms[e.name].quit(e.quit_keys, limit=60)
    return starts, echoes, rss, typing


def size_name(size):
    if size == 0:
        return "0"
    if size % 1_000_000 == 0:
        return "%d MB" % (size // 1_000_000)
    if size % 1_000 == 0:
        return "%d KB" % (size // 1_000)
    return "%d B" % size


def p99(xs):
    xs = sorted(xs)
    return xs[max(0, -(-99 * len(xs) // 100) - 1)]


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass

    def version(cmd):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, timeout=10).stdout
            return out.strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return "?"

    return (
        "%s, `nproc` = %d, CPU %s, load average %s; %s, %s"
        % (
            datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
            os.cpu_count(),
            cpu,
            " ".join("%.1f" % x for x in os.getloadavg()),
            version(["nano", "--version"]).replace("GNU nano, version", "nano"),
            platform.platform(),
        ),
        version,
    )


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bin", default=os.path.join(here, "..", "target", "release", "callcoach"))
    p.add_argument("--sizes", default="0,100000,1000000", help="notes sizes in bytes, comma-separated")
    p.add_argument("--keys", type=int, default=240, help="keys timed per editor and size")
    p.add_argument("--starts", type=int, default=10, help="start-ups timed per editor and size")
    p.add_argument("--no-vim", dest="vim", action="store_false", help="leave vim out")
    p.add_argument(
        "--typing",
        type=float,
        default=0,
        metavar="SECONDS",
        help="also type steadily (20 keys/s) this long into each editor and report the echo's tail (saving stalls)",
    )
    p.add_argument("--seed", type=int, default=None, help="seed of the shuffling")
    p.add_argument(
        "--also",
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="another callcoach binary to measure alongside (e.g. an older build)",
    )
    args = p.parse_args()
    args.bin = os.path.abspath(args.bin)
    args.also = [tuple(a.split("=", 1)) for a in args.also]
    for binary in [args.bin] + [b for _, b in args.also]:
        if not os.access(binary, os.X_OK):
            sys.exit("no %s: build it with `cargo build --release` (or pass --bin)" % binary)
    if not shutil.which("nano"):
        sys.exit("nano is not installed (e.g. `apt-get install nano`)")
    args.vim = args.vim and shutil.which("vim") is not None
    seed = args.seed if args.seed is not None else random.randrange(1 << 32)
    rng = random.Random(seed)
    sizes = [int(s) for s in args.sizes.split(",")]

    header, version = machine()
    results = []
    with tempfile.TemporaryDirectory(prefix="callcoach-latency-") as tmp:
        for size in sizes:
            print("measuring %s of notes ..." % size_name(size), file=sys.stderr, flush=True)
            results.append((size,) + measure(size, args, rng, tmp))

    ours = ["callcoach"] + [name for name, _ in args.also]
    names = ours + ["nano"] + (["vim"] if args.vim else [])
    print("Measured %s." % header)
    print(
        "`python3 tools/latency.py` (seed %d): %s; %d keys and %d start-ups per editor and size."
        % (
            seed,
            ", ".join("%s = %s" % (n, version([b, "--version"])) for n, b in [("callcoach", args.bin)] + args.also),
            args.keys,
            args.starts,
        )
    )

    def table(title, series, fmt):
        print()
        print(title)
        print()
        print("| notes | " + " | ".join(names) + " | " + " | ".join("%s / nano" % n for n in ours) + " |")
        print("|---|" + "---|" * (len(names) + len(ours)))
        for size, values in series:
            cells = [fmt % (median(values[n]) * 1e3, p95(values[n]) * 1e3) for n in names]
            ratios = ["%.1f" % (median(values[n]) / median(values["nano"])) for n in ours]
            print("| %s | %s | %s |" % (size_name(size), " | ".join(cells), " | ".join(ratios)))

    table("Keystroke echo, median (p95), ms; ratios of the medians:", [(r[0], r[2]) for r in results], "%.2f (%.2f)")
    table(
        "Start-up to the first complete frame, median (p95), ms; ratios of the medians:",
        [(r[0], r[1]) for r in results],
        "%.1f (%.1f)",
    )
    print()
    print("RSS after the keys, MB:")
    print()
    print("| notes | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for size, _, _, rss, _ in results:
        print("| %s | %s |" % (size_name(size), " | ".join("%.1f" % rss[n] for n in names)))
    if args.typing > 0:
        print()
        print("Steady typing (20 keys/s, %.0f s per editor), echo median / p99 / max, ms:" % args.typing)
        print()
        print("| notes | " + " | ".join(names) + " |")
        print("|---|" + "---|" * len(names))
        for size, _, _, _, typing in results:
            cells = [
                "%.2f / %.2f / %.2f"
                % (median(typing[n]) * 1e3, p99(typing[n]) * 1e3, max(typing[n]) * 1e3)
                for n in names
            ]
            print("| %s | %s |" % (size_name(size), " | ".join(cells)))

if __name__ == "__main__":
    main()
