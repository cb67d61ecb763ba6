#!/usr/bin/env python3
"""Live transcript speed, black box: the release binary in a pseudo-terminal.

Two figures from issue 15, item 6:

* tick latency: `callcoach call --transcript FIFO` runs in a 120x40
  pseudo-terminal on the Dutch playbook. A final agent line that says one
  listen item's cue is written to the FIFO, timed from the write to the
  arrival of the terminal output that draws the item's spoken mark (the `s`
  of `[s]`, drawn at column 5 of its row). Each run ticks the three listen
  items that have cues; `--runs` fresh processes (default 10) give 30
  samples. Target: under 50 ms.
* feed cost: one process is fed `--rate` lines a second (default 20: a mix
  of partial and final lines, agent and customer, as a recogniser writes
  them) for `--seconds` (default 30); its CPU time (utime + stime from
  /proc/PID/stat) over the wall time is the share of one core. Measured with
  the transcript pane hidden and shown (F12), and idle (no feed) for
  comparison. Target: under 5 % of a core.

Needs Python 3.8+ (standard library only), Linux and a release build
(`cargo build --release`). Prints Markdown tables.

    python3 tools/transcript_bench.py                 # the full run, about 2 minutes
    python3 tools/transcript_bench.py --runs 3 --seconds 10   # a quick look
"""

import argparse
import datetime
import fcntl
import json
import os
import platform
import pty
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time

ROWS, COLS = 40, 120
BIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "release", "callcoach")
ESCAPES = re.compile(
    rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|P[^\x1b]*\x1b\\|[()*+].|.)",
    re.DOTALL,
)
# The spoken mark drawn: a cursor move to column 5, maybe a style, then `s`.
SPOKEN_MARK = re.compile(rb"\x1b\[(\d+);5H(?:\x1b\[[0-9;]*m)*s")
# Agent lines that each say the cue of one listen item of `klachtgesprek`.
TICK_LINES = [
    "Ik heb u eerst laten uitpraten.",
    "Dan heb ik nu alle feiten op een rij.",
    "Ik hoor dat u daar echt ongerust over bent.",
]
# What a recogniser writes meanwhile: partials growing into a final line.
FEED = [
    ("partial", "customer", "ik bel"),
    ("partial", "customer", "ik bel over de"),
    ("final", "customer", "Ik bel over de jas die ik vorige week kocht."),
    ("partial", "agent", "dat is"),
    ("final", "agent", "Dat is vervelend om te horen, vertelt u verder."),
    ("partial", "customer", "de rits"),
    ("partial", "customer", "de rits is na"),
    ("final", "customer", "De rits is na twee dagen al kapot gegaan."),
    ("partial", "agent", "mag ik"),
    ("final", "agent", "Mag ik uw ordernummer straks even noteren?"),
]
TIMEOUT = 10.0


def line(kind, speaker, text):
    return (json.dumps({"v": 1, "type": kind, "speaker": speaker, "text": text}) + "\n").encode()


class Call:
    """callcoach's call screen in a pseudo-terminal, reading a FIFO."""

    def __init__(self, tmp, name):
        self.data = os.path.join(tmp, name + "-data")
        self.fifo = os.path.join(tmp, name + ".feed")
        os.mkfifo(self.fifo, 0o600)
        env = dict(os.environ)
        env.update(
            TERM="xterm-256color",
            NO_COLOR="1",
            LANG="C.UTF-8",
            CALLCOACH_CONFIG=os.path.join(tmp, "none.yaml"),
            CALLCOACH_RETENTION="off",
        )
        for k in ("CALLCOACH_DATA_DIR", "CALLCOACH_AGENT", "CALLCOACH_LANG"):
            env.pop(k, None)
        args = [BIN, "--data-dir", self.data, "call", "--lang", "nl", "--playbook", "klachtgesprek",
                "--customer", "K-BENCH", "--transcript", self.fifo]
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            # The terminal's size before the program asks for it.
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
            os.execve(BIN, args, env)
        self.out = b""
        self.wait_text(b"Checklist")
        # Opening for writing waits for the reader thread to open the FIFO.
        self.writer = os.open(self.fifo, os.O_WRONLY)

    def read(self, timeout):
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return b""
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            return b""
        self.out += chunk
        return chunk

    def wait_text(self, text):
        end = time.monotonic() + TIMEOUT
        while text not in ESCAPES.sub(b"", self.out):
            if time.monotonic() > end:
                raise SystemExit("timed out waiting for %r" % text)
            self.read(0.05)

    def drain(self, quiet):
        while self.read(quiet):
            pass

    def cpu_seconds(self):
        with open("/proc/%d/stat" % self.pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        # utime and stime are fields 14 and 15 (1-based) of the whole line.
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self):
        os.close(self.writer)
        os.kill(self.pid, signal.SIGTERM)
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        os.close(self.fd)


def tick_latencies(tmp, runs):
    samples = []
    for r in range(runs):
        rows = set()
        call = Call(tmp, "tick%d" % r)
        call.drain(0.2)
        for text in TICK_LINES:
            call.out = b""
            data = line("final", "agent", text)
            t0 = time.perf_counter()
            os.write(call.writer, data)
            seen = b""
            while not SPOKEN_MARK.search(seen):
                if time.perf_counter() - t0 > TIMEOUT:
                    raise SystemExit("no spoken mark for %r" % text)
                seen += call.read(0.5)
            samples.append((time.perf_counter() - t0) * 1000)
            rows.add(SPOKEN_MARK.search(seen).group(1))
            call.drain(0.1)
        call.close()
        # Each line ticked its own item: three marks on three rows.
        if len(rows) != len(TICK_LINES):
            raise SystemExit("expected marks on %d rows, saw %s" % (len(TICK_LINES), sorted(rows)))
    return samples


def feed_cost(tmp, name, rate, seconds, pane, feed=True):
    call = Call(tmp, name)
    call.drain(0.3)
    if pane:
        os.write(call.fd, b"\x1b[24~")  # F12: show the transcript pane
        call.drain(0.3)
    cpu0, t0 = call.cpu_seconds(), time.monotonic()
    n = 0
    while time.monotonic() - t0 < seconds:
        due = t0 + n / rate
        while time.monotonic() < due:
            call.read(max(0.0, due - time.monotonic()))
        if feed:
            kind, speaker, text = FEED[n % len(FEED)]
            os.write(call.writer, line(kind, speaker, text))
        n += 1
    call.drain(0.05)
    wall = time.monotonic() - t0
    cpu = call.cpu_seconds() - cpu0
    call.close()
    return n if feed else 0, wall, cpu


def main():
    global BIN
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=10, help="processes for the tick latency (3 ticks each)")
    ap.add_argument("--rate", type=float, default=20.0, help="lines a second for the feed cost")
    ap.add_argument("--seconds", type=float, default=30.0, help="length of each feed-cost run")
    ap.add_argument("--bin", default=BIN, help="the callcoach binary (default: the release build)")
    a = ap.parse_args()
    BIN = a.bin
    if not os.access(BIN, os.X_OK):
        raise SystemExit("build the release binary first: cargo build --release")
    with tempfile.TemporaryDirectory() as tmp:
        ticks = tick_latencies(tmp, a.runs)
        costs = [
            ("idle, no feed", feed_cost(tmp, "idle", a.rate, a.seconds, False, feed=False)),
            ("%g lines/s, pane hidden" % a.rate, feed_cost(tmp, "hidden", a.rate, a.seconds, False)),
            ("%g lines/s, pane shown (F12)" % a.rate, feed_cost(tmp, "shown", a.rate, a.seconds, True)),
        ]
    ticks.sort()
    q = lambda p: ticks[min(len(ticks) - 1, int(p * len(ticks)))]
    print("%s · %s · nproc=%d · %s" % (
        datetime.date.today().isoformat(), platform.machine(), os.cpu_count() or 0, cpu_model()))
    print()
    print("| final line → spoken tick on screen | samples | median | p90 | max |")
    print("|---|---|---|---|---|")
    print("| `%s`, 120x40 pty, FIFO | %d | %.1f ms | %.1f ms | %.1f ms |" % (
        os.path.relpath(BIN), len(ticks), statistics.median(ticks), q(0.9), ticks[-1]))
    print()
    print("| feed | lines | wall | CPU (utime+stime) | share of one core |")
    print("|---|---|---|---|---|")
    for name, (n, wall, cpu) in costs:
        print("| %s | %d | %.1f s | %.2f s | %.2f %% |" % (name, n, wall, cpu, 100 * cpu / wall))


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for l in f:
                if l.startswith("model name"):
                    return l.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


if __name__ == "__main__":
    sys.exit(main())
