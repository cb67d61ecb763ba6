#!/usr/bin/env python3
"""Speech to callcoach's transcript feed with PocketSphinx, all on this machine.

Turns WAV files or live microphone audio into callcoach's JSON Lines feed
(`callcoach schema transcript`): a `partial` line now and then while someone
speaks, a `final` line when they stop. Uses the `pocketsphinx` package from
PyPI (`pip install pocketsphinx`), which ships its US English model: nothing
is downloaded at run time and no audio leaves the machine.

    # WAV files (any rate, 16-bit, mono or stereo), one speaker per run:
    python3 pocketsphinx_feed.py --speaker customer customer.wav > /tmp/callcoach.feed

    # Live: 16 kHz mono 16-bit little-endian raw audio on standard input,
    # e.g. the microphone (the agent) and the line's loopback (the customer):
    arecord -q -f S16_LE -r 16000 -c 1 -t raw \\
        | python3 pocketsphinx_feed.py --raw --speaker agent --out /tmp/mic.feed

Speech is cut into utterances by PocketSphinx's voice activity detector
(`Endpointer`), so a WAV file with several sentences gives several lines.
`--pace` plays a WAV file in real time (as if it were live). Diagnostics go
to standard error; the feed is flushed after every line, so a FIFO reader
sees each line at once.
"""

import argparse
import array
import json
import sys
import time
import wave

try:
    from pocketsphinx import Decoder, Endpointer
except ImportError:  # pragma: no cover - shown to the user
    sys.exit("pocketsphinx_feed: the pocketsphinx package is missing: pip install pocketsphinx")

# Seconds between partial lines while someone speaks.
PARTIAL_EVERY = 0.5


def to_mono_16k(raw, rate, channels):
    """16-bit samples at `rate` with `channels` → 16 kHz mono bytes
    (channels averaged, linear interpolation; good enough for speech)."""
    s = array.array("h", raw)
    if sys.byteorder == "big":
        s.byteswap()
    if channels > 1:
        s = array.array("h", (sum(s[i:i + channels]) // channels for i in range(0, len(s), channels)))
    if rate != 16000 and len(s) > 1:
        n = int(len(s) * 16000 / rate)
        step = rate / 16000
        out = array.array("h", bytes(2 * n))
        for i in range(n):
            x = i * step
            j = int(x)
            k = min(j + 1, len(s) - 1)
            out[i] = int(s[j] + (s[k] - s[j]) * (x - j))
        s = out
    if sys.byteorder == "big":
        s.byteswap()
    return s.tobytes()


class Feed:
    """Writes JSON lines for one speaker to `out`, flushing each."""

    def __init__(self, out, speaker):
        self.out, self.speaker = out, speaker

    def emit(self, kind, text, start=None, end=None):
        text = " ".join(text.split())
        if not text:
            return
        line = {"v": 1, "type": kind, "speaker": self.speaker, "text": text}
        if start is not None:
            line["start"] = round(start, 2)
        if end is not None:
            line["end"] = round(end, 2)
        self.out.write(json.dumps(line, ensure_ascii=False) + "\n")
        self.out.flush()


def transcribe(frames, feed, pace=False):
    """Reads audio frames (16 kHz mono, the endpointer's frame size) and
    writes the feed: partials during speech, a final line at its end."""
    ep = Endpointer()
    decoder = Decoder(samprate=ep.sample_rate, loglevel="FATAL")
    frame_secs = ep.frame_bytes / 2 / ep.sample_rate
    last_partial = 0.0
    utterance = bytearray()
    started = time.monotonic()
    n = 0
    for frame in frames(ep.frame_bytes):
        if pace:
            n += 1
            ahead = started + n * frame_secs - time.monotonic()
            if ahead > 0:
                time.sleep(ahead)
        was = ep.in_speech
        if len(frame) < ep.frame_bytes:
            speech = ep.end_stream(frame)
        else:
            speech = ep.process(frame)
        if speech is None:
            continue
        if not was:
            decoder.start_utt()
            last_partial = time.monotonic()
            utterance = bytearray()
        utterance += speech
        decoder.process_raw(speech, False, False)
        if ep.in_speech:
            if time.monotonic() - last_partial >= PARTIAL_EVERY:
                last_partial = time.monotonic()
                hyp = decoder.hyp()
                if hyp is not None:
                    feed.emit("partial", hyp.hypstr)
        else:
            feed.emit("final", final(decoder, utterance), ep.speech_start, ep.speech_end)
    if ep.in_speech:
        # The stream ended mid-speech.
        feed.emit("final", final(decoder, utterance), ep.speech_start)


def final(decoder, utterance):
    """The settled text of an utterance: decoded again as a whole
    (`full_utt`), which normalises over all of it and hears noticeably
    better than the running decode that gave the partials."""
    decoder.end_utt()
    decoder.start_utt()
    decoder.process_raw(bytes(utterance), False, True)
    decoder.end_utt()
    hyp = decoder.hyp()
    return hyp.hypstr if hyp is not None else ""


def wav_frames(path):
    with wave.open(path, "rb") as w:
        if w.getsampwidth() != 2:
            sys.exit("pocketsphinx_feed: %s: only 16-bit WAV files are read" % path)
        pcm = to_mono_16k(w.readframes(w.getnframes()), w.getframerate(), w.getnchannels())
    # Half a second of silence after the speech lets the endpointer close it.
    pcm += bytes(16000)

    def frames(size):
        for i in range(0, len(pcm), size):
            yield pcm[i:i + size]

    return frames


def raw_frames(stream, rate):
    def frames(size):
        want = size if rate == 16000 else int(size * rate / 16000) & ~1
        while True:
            chunk = stream.read(want)
            if not chunk:
                return
            yield chunk if rate == 16000 else to_mono_16k(chunk, rate, 1)

    return frames


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("wav", nargs="*", help="WAV files, transcribed in order")
    ap.add_argument("--raw", action="store_true", help="read raw 16-bit mono audio from standard input")
    ap.add_argument("--rate", type=int, default=16000, help="sample rate of --raw input (default 16000)")
    ap.add_argument("--speaker", default="agent", help="agent, customer or another label (default agent)")
    ap.add_argument("--out", help="write the feed here (a FIFO or file; default standard output)")
    ap.add_argument("--append", action="store_true", help="append to --out instead of truncating it")
    ap.add_argument("--pace", action="store_true", help="play WAV files in real time, as if live")
    a = ap.parse_args()
    if a.raw == bool(a.wav):
        ap.error("give WAV files or --raw, not both or neither")
    out = open(a.out, "a" if a.append else "w", encoding="utf-8") if a.out else sys.stdout
    feed = Feed(out, a.speaker)
    try:
        if a.raw:
            transcribe(raw_frames(sys.stdin.buffer, a.rate), feed)
        for path in a.wav:
            transcribe(wav_frames(path), feed, pace=a.pace)
    except BrokenPipeError:
        pass  # the reader went away
    except KeyboardInterrupt:
        pass
    finally:
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    main()
