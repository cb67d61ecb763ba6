#!/usr/bin/env bash
# A real recogniser end to end, on this machine: espeak-ng speaks a customer
# line and an agent line, PocketSphinx (examples/pocketsphinx_feed.py)
# transcribes them into callcoach's JSON Lines feed, and a FIFO carries the
# feed into the call screen running in tmux on the English playbook
# (complaint-call). The screen is printed before and after; the agent's
# line ticks "Look for the real concern" with the spoken mark [s], and the
# customer's "ridiculous … manager" shows the flare-up suggestion (never an
# escalation).
#
# Needs: tmux, espeak-ng (apt-get install espeak-ng), python3 with
# pocketsphinx (pip install pocketsphinx; its English model ships with it),
# and a callcoach binary: $CALLCOACH, else target/release/callcoach, else
# target/debug/callcoach, else `callcoach` on the PATH.
#
#   examples/espeak_demo.sh          # run, print the screens, clean up
#   examples/espeak_demo.sh --keep   # leave the call open: tmux attach -t <session>
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
keep=false
[[ "${1:-}" == "--keep" ]] && keep=true

bin="${CALLCOACH:-}"
for b in "$root/target/release/callcoach" "$root/target/debug/callcoach" "$(command -v callcoach || true)"; do
    [[ -z "$bin" && -n "$b" && -x "$b" ]] && bin="$b"
done
[[ -n "$bin" ]] || { echo "espeak_demo: no callcoach binary; run cargo build" >&2; exit 1; }
for tool in tmux espeak-ng python3; do
    command -v "$tool" >/dev/null || { echo "espeak_demo: $tool is missing" >&2; exit 1; }
done
python3 -c 'import pocketsphinx' 2>/dev/null \
    || { echo "espeak_demo: pip install pocketsphinx" >&2; exit 1; }

work="$(mktemp -d)"
session="callcoach-demo-$$"
cleanup() {
    if ! $keep; then
        tmux kill-session -t "$session" 2>/dev/null || true
        rm -rf "$work"
    fi
}
trap cleanup EXIT

customer="This is ridiculous, I want to speak to a manager."
agent="I see your concern about the order."
echo "== espeak-ng: customer: \"$customer\"; agent: \"$agent\""
espeak-ng -v en-us -s 130 -w "$work/customer.wav" "$customer"
espeak-ng -v en-us -s 130 -w "$work/agent.wav" "$agent"

mkfifo -m 600 "$work/feed"
# A clean data directory and settings, so the demo touches nothing of yours.
tmux new-session -d -s "$session" -x 120 -y 40 \
    "env CALLCOACH_CONFIG=$work/none.yaml XDG_DATA_HOME=$work/data '$bin' --data-dir '$work/data' \
     call --lang en --playbook complaint-call --customer DEMO-1 --transcript '$work/feed'"
for _ in $(seq 50); do
    tmux capture-pane -p -t "$session" | grep -q "waiting for speech" && break
    sleep 0.2
done
echo "== the call screen, before (header and first items):"
tmux capture-pane -p -t "$session" | sed -n '1,5p'

echo "== PocketSphinx → FIFO:"
{
    python3 "$here/pocketsphinx_feed.py" --speaker customer "$work/customer.wav"
    python3 "$here/pocketsphinx_feed.py" --speaker agent "$work/agent.wav"
} | tee "$work/feed" | grep '"final"'

for _ in $(seq 50); do
    tmux capture-pane -p -t "$session" | grep -q '\[s\]' && break
    sleep 0.2
done
echo "== the call screen, after (header, suggestion, checklist):"
tmux capture-pane -p -t "$session" | sed -n '1,18p'
if tmux capture-pane -p -t "$session" | grep -q '\[s\]'; then
    echo "== ticked from speech: yes"
else
    echo "== ticked from speech: NO" >&2
    exit 1
fi
if $keep; then
    echo "== left open: tmux attach -t $session (data in $work)"
else
    tmux send-keys -t "$session" C-q 2>/dev/null || true
    sleep 0.3
    tmux send-keys -t "$session" C-q 2>/dev/null || true
fi
