#!/usr/bin/env python3
"""Writes hostile practice scenarios (graphs that are large, wide or full of
loops, each under the 1 MiB size limit) for timing `callcoach scenario check`
and `callcoach practice FILE --answers 1`.

    python3 benches/hostile_scenarios.py OUTDIR

Shapes (the ones issue 10 measured, plus the largest a file can hold):
  wide.yaml    1,100 beats x 9 options, every option to a later beat
  chain.yaml   a 5,000-beat chain; every beat also jumps back (5,000 back edges)
  dense.yaml   1,500 beats x 9 options pointing all over the graph (loops)
  many.yaml    as many one-line beats as fit under 1 MiB, each with 3 options
"""
import os
import sys

MOVES = ["listen", "acknowledge", "ask", "propose_solution", "make_agreement",
         "plan_follow_up", "interrupt", "explain_too_early", "defend",
         "blame_customer", "lecture_customer", "join_hysteria", "overpromise"]
ENDINGS = ["resolved", "resolved_with_follow_up", "parted_respectfully", "customer_lost"]

HEAD = """id: hostile
language: en
title: Hostile graph
playbook: complaint-call
persona: {name: Pat, situation: "A parcel is late.", wants: "The parcel."}
mood: 6
sources:
  - {id: s, title: Source, author: Someone, summary: Something.}
endings:
  resolved: {says: "Thanks."}
  resolved_with_follow_up: {says: "Thanks, talk Friday."}
  parted_respectfully: {says: "Goodbye."}
  customer_lost: {says: "Bye."}
start: b0
beats:
"""


def option(move, mood, target=None, end=None):
    to = f"next: b{target}" if end is None else f"end: {end}"
    return f"{{text: x,move: {move},mood: {mood},{to},feedback: f,source: s}}"


def beat(i, options):
    return f"  - id: b{i}\n    says: [x]\n    options: [{','.join(options)}]\n"


def wide(n=1100, k=9):
    out = [HEAD]
    for i in range(n):
        opts = []
        for j in range(k):
            if i == n - 1 or (j == 0 and i % 7 == 6):
                opts.append(option(MOVES[(i + j) % 13], (j % 11) - 5, end=ENDINGS[(i + j) % 4]))
            else:
                opts.append(option(MOVES[(i * 3 + j) % 13], (j % 11) - 5,
                                   target=min(n - 1, i + 1 + j * (i % 13 + 1))))
        out.append(beat(i, opts))
    return "".join(out)


def chain(n=5000):
    out = [HEAD]
    for i in range(n):
        opts = [option(MOVES[i % 13], (i % 11) - 5,
                       target=i + 1) if i < n - 1 else option("plan_follow_up", -1, end="resolved_with_follow_up"),
                option(MOVES[(i + 5) % 13], ((i * 7) % 11) - 5, target=(i * 31) % (i + 1))]
        out.append(beat(i, opts))
    return "".join(out)


def dense(n=1500, k=9):
    out = [HEAD]
    for i in range(n):
        opts = []
        for j in range(k):
            if j == 0 and i % 5 == 4:
                opts.append(option(MOVES[(i + j) % 13], (j % 11) - 5, end=ENDINGS[i % 4]))
            else:
                opts.append(option(MOVES[(i + j) % 13], ((i + j) % 11) - 5,
                                   target=(i * 7 + j * 3 + 1) % n))
        out.append(beat(i, opts))
    return "".join(out)


def many(limit=1024 * 1024 - 4096):
    out = [HEAD]
    size = len(HEAD)
    i = 0
    while True:
        opts = [option(MOVES[i % 13], (i % 11) - 5, target=i + 1),
                option(MOVES[(i + 4) % 13], 1, target=i // 2),
                option(MOVES[(i + 8) % 13], -1, end=ENDINGS[i % 4])]
        b = beat(i, opts)
        if size + len(b) + 200 > limit:
            break
        out.append(b)
        size += len(b)
        i += 1
    out.append(beat(i, [option("plan_follow_up", -1, end="resolved_with_follow_up")]))
    return "".join(out)


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(outdir, exist_ok=True)
    for name, gen in [("wide", wide), ("chain", chain), ("dense", dense), ("many", many)]:
        text = gen()
        assert len(text.encode()) < 1024 * 1024, name
        with open(os.path.join(outdir, name + ".yaml"), "w") as f:
            f.write(text)
        print(f"{name}.yaml {len(text.encode())} bytes")


if __name__ == "__main__":
    main()
