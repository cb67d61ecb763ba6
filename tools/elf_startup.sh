#!/usr/bin/env bash
# What a release binary costs the dynamic loader at every start: its size,
# the relative relocations it applies (RELACOUNT), the size of the pointer
# tables they patch (.data.rel.ro, copied on write page by page), and
# `perf stat` of `--version` (page faults, task-clock; 100 runs).
#
#   tools/elf_startup.sh [BINARY…]   (default: target/release/callcoach)
#
# Needs readelf (binutils) and perf. Used for BENCHMARKS.md, "TLS without
# OpenSSL (session 5)"; copy a binary that may be rebuilt meanwhile first.
set -euo pipefail
[ $# -gt 0 ] || set -- target/release/callcoach
for bin in "$@"; do
    echo "== $bin"
    echo "size: $(stat -c %s "$bin") bytes"
    readelf -d "$bin" | awk '/RELACOUNT/ {print "RELACOUNT: " $3}'
    hex=$(readelf -SW "$bin" | awk '$2 == ".data.rel.ro" {print $6}')
    echo ".data.rel.ro: $((16#$hex)) bytes"
    echo "symbols naming OpenSSL: $(nm "$bin" 2>/dev/null | grep -ci openssl || true)"
    perf stat -e page-faults,task-clock -r 100 "$bin" --version 2>&1 >/dev/null |
        grep -E "page-faults|task-clock|elapsed"
done
