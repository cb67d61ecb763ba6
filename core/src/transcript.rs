//! The live transcript feed: bytes from a speech-to-text program in,
//! [`Utterance`]s out, and what they mean for the call ([`heard`]).
//!
//! Our own format is JSON Lines ([`Line`], `callcoach schema transcript`):
//! one object per line,
//! `{"v":1,"type":"final","speaker":"agent","text":"…","start":1.2,"end":2.5,"conf":0.9}`.
//! Two adapters read what common recognisers print as they are:
//! [`Format::Vosk`] (Vosk's `{"partial": …}` and `{"result": […], "text": …}`
//! objects, one line or pretty-printed over several) and
//! [`Format::WhisperStream`] (whisper.cpp's `whisper-stream --step 0`
//! blocks of `[t0 --> t1] text` lines). Their speaker is the one given for
//! the source (one recogniser per audio channel).
//!
//! A [`Feed`] is fed raw bytes as they arrive. It never fails and never
//! panics: a line that cannot be read is counted in [`Stats::malformed`]; a
//! line over [`MAX_LINE_BYTES`] is dropped whole and counted; more than
//! [`RATE_PER_SEC`] lines a second (after a burst of [`RATE_BURST`]) are
//! dropped and counted in [`Stats::dropped`], so a runaway source cannot
//! swamp the call screen.

mod heard_impl;
mod vosk;
mod whisper;

use crate::engine::Timestamp;
use crate::text;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use heard_impl::{Heard, heard};

/// Longest line read (bytes, without the newline); longer lines are dropped.
pub const MAX_LINE_BYTES: usize = 8 * 1024;
/// Lines per second a feed accepts on average…
pub const RATE_PER_SEC: u32 = 50;
/// …after a burst of this many lines.
pub const RATE_BURST: u32 = 100;
/// Longest text kept of one utterance (characters).
pub const MAX_TEXT_CHARS: usize = 1000;

/// Whether a recogniser may still revise the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A hypothesis for speech still going on; later lines replace it.
    Partial,
    /// The recogniser's settled text for a stretch of speech.
    Final,
}

/// Who spoke.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Speaker {
    /// The agent (the user of callcoach).
    Agent,
    /// The customer.
    Customer,
    /// Any other label (e.g. a diarisation label); shown, drives nothing.
    Other(String),
}

impl Speaker {
    /// The label stored with a transcript line: `agent`, `customer`, or
    /// the other label.
    pub fn label(&self) -> &str {
        match self {
            Speaker::Agent => "agent",
            Speaker::Customer => "customer",
            Speaker::Other(l) => l,
        }
    }

    /// Reads a speaker label: `agent`, `customer`, or any other label.
    pub fn parse(label: &str) -> Speaker {
        let clean = text::sanitize_line(label.trim());
        match clean.to_lowercase().as_str() {
            "agent" => Speaker::Agent,
            "customer" => Speaker::Customer,
            _ => Speaker::Other(clean.chars().take(24).collect()),
        }
    }
}

/// One line of our JSON Lines format (the `jsonl` format). Other keys are
/// ignored, so a producer may add its own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(title = "callcoach transcript line")]
pub struct Line {
    /// Format version; always `1`.
    #[schemars(range(min = 1, max = 1))]
    pub v: u32,
    /// `partial` (may still change) or `final`.
    #[serde(rename = "type")]
    pub kind: Kind,
    /// `agent`, `customer`, or any other label (shown, drives nothing).
    pub speaker: String,
    /// What was said.
    pub text: String,
    /// Start of the speech in seconds from the recogniser's start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<f64>,
    /// End of the speech in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<f64>,
    /// The recogniser's confidence, 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub conf: Option<f64>,
}

/// What was said, as the feed understood it. Text is sanitised (no control
/// characters) and at most [`MAX_TEXT_CHARS`] long.
#[derive(Clone, Debug, PartialEq)]
pub struct Utterance {
    /// Partial or final.
    pub kind: Kind,
    /// Who said it.
    pub speaker: Speaker,
    /// What was said.
    pub text: String,
    /// Start in seconds, when given.
    pub start: Option<f64>,
    /// End in seconds, when given.
    pub end: Option<f64>,
    /// Confidence 0..1, when given.
    pub conf: Option<f64>,
}

impl Utterance {
    fn new(kind: Kind, speaker: Speaker, raw: &str) -> Option<Utterance> {
        let clean = text::sanitize_line(raw);
        let trimmed = clean.trim();
        if trimmed.is_empty() {
            return None;
        }
        Some(Utterance {
            kind,
            speaker,
            text: trimmed.chars().take(MAX_TEXT_CHARS).collect(),
            start: None,
            end: None,
            conf: None,
        })
    }
}

/// How a source writes its transcript.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// Our JSON Lines ([`Line`]).
    #[default]
    Jsonl,
    /// Vosk's result objects.
    Vosk,
    /// whisper.cpp's `whisper-stream --step 0` output.
    WhisperStream,
}

impl Format {
    /// Reads a name used on the command line and in the settings file.
    pub fn parse(name: &str) -> Option<Format> {
        [Format::Jsonl, Format::Vosk, Format::WhisperStream]
            .into_iter()
            .find(|f| f.as_str() == name.trim())
    }

    /// The name used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Vosk => "vosk",
            Format::WhisperStream => "whisper-stream",
        }
    }
}

/// What a feed has seen so far.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Lines that gave an utterance.
    pub utterances: u64,
    /// Lines that could not be read (including over-long ones).
    pub malformed: u64,
    /// Lines dropped because the source sent too many too fast.
    pub dropped: u64,
}

/// A token bucket over caller-supplied time: [`RATE_PER_SEC`] a second,
/// bursts up to [`RATE_BURST`].
#[derive(Clone, Debug)]
struct Limiter {
    /// Tokens in thousandths.
    milli: i64,
    at: Option<Timestamp>,
}

impl Limiter {
    fn new() -> Limiter {
        Limiter {
            milli: i64::from(RATE_BURST) * 1000,
            at: None,
        }
    }

    fn take(&mut self, now: Timestamp) -> bool {
        let cap = i64::from(RATE_BURST) * 1000;
        if let Some(prev) = self.at {
            // Time only moves forward here; a clock step back refills nothing.
            let elapsed = now.saturating_sub(prev).clamp(0, 3_600_000);
            self.milli = (self.milli + elapsed * i64::from(RATE_PER_SEC)).min(cap);
        }
        self.at = Some(self.at.map_or(now, |p| p.max(now)));
        if self.milli >= 1000 {
            self.milli -= 1000;
            true
        } else {
            false
        }
    }
}

/// One source's reader state: splits bytes into lines, bounds them, and
/// turns them into utterances with the source's adapter.
#[derive(Clone, Debug)]
pub struct Feed {
    format: Format,
    speaker: Speaker,
    buf: Vec<u8>,
    /// The current line grew over the limit: skip to its end.
    skipping: bool,
    limiter: Limiter,
    vosk: vosk::State,
    whisper: whisper::State,
    /// What was seen so far.
    pub stats: Stats,
}

impl Feed {
    /// A feed of `format`; `speaker` is the speaker of the adapters'
    /// lines (the `jsonl` format names its own).
    pub fn new(format: Format, speaker: Speaker) -> Feed {
        Feed {
            format,
            speaker,
            buf: Vec::new(),
            skipping: false,
            limiter: Limiter::new(),
            vosk: vosk::State::default(),
            whisper: whisper::State::default(),
            stats: Stats::default(),
        }
    }

    /// Takes the bytes that arrived at `now`; returns the utterances of the
    /// lines they completed.
    pub fn push(&mut self, bytes: &[u8], now: Timestamp) -> Vec<Utterance> {
        let mut out = Vec::new();
        let mut rest = bytes;
        while !rest.is_empty() {
            let (chunk, done) = match rest.iter().position(|&b| b == b'\n') {
                Some(i) => (&rest[..i], Some(i + 1)),
                None => (rest, None),
            };
            if !self.skipping {
                if self.buf.len() + chunk.len() > MAX_LINE_BYTES {
                    self.buf.clear();
                    self.skipping = true;
                    self.stats.malformed += 1;
                } else {
                    self.buf.extend_from_slice(chunk);
                }
            }
            match done {
                Some(n) => {
                    rest = &rest[n..];
                    if !std::mem::take(&mut self.skipping) {
                        let line = std::mem::take(&mut self.buf);
                        out.extend(self.line_bytes(&line, now));
                    }
                }
                None => rest = &[],
            }
        }
        out
    }

    /// The source closed: an unfinished last line is read as a line, and
    /// adapter state (an open block or object) is dropped.
    pub fn close(&mut self, now: Timestamp) -> Vec<Utterance> {
        let line = std::mem::take(&mut self.buf);
        let skipping = std::mem::take(&mut self.skipping);
        let out = if skipping || line.is_empty() {
            None
        } else {
            self.line_bytes(&line, now)
        };
        if self.vosk.pending() {
            self.stats.malformed += 1;
        }
        self.vosk = vosk::State::default();
        self.whisper = whisper::State::default();
        out.into_iter().collect()
    }

    fn line_bytes(&mut self, line: &[u8], now: Timestamp) -> Option<Utterance> {
        let Ok(s) = std::str::from_utf8(line) else {
            self.stats.malformed += 1;
            return None;
        };
        let s = s.strip_suffix('\r').unwrap_or(s);
        if s.trim().is_empty() {
            return None;
        }
        if !self.limiter.take(now) {
            self.stats.dropped += 1;
            return None;
        }
        let got = match self.format {
            Format::Jsonl => jsonl(s),
            Format::Vosk => self.vosk.line(s, &self.speaker),
            Format::WhisperStream => self.whisper.line(s, &self.speaker),
        };
        match got {
            Ok(Some(u)) => {
                self.stats.utterances += 1;
                Some(u)
            }
            Ok(None) => None,
            Err(Malformed) => {
                self.stats.malformed += 1;
                None
            }
        }
    }
}

/// A line the adapter could not read.
#[derive(Debug, PartialEq, Eq)]
struct Malformed;

/// One line of our JSON Lines format.
fn jsonl(s: &str) -> Result<Option<Utterance>, Malformed> {
    let line: Line = serde_json::from_str(s).map_err(|_| Malformed)?;
    let finite = |x: Option<f64>| x.filter(|v| v.is_finite());
    if line.v != 1 || line.conf.is_some_and(|c| !(0.0..=1.0).contains(&c)) {
        return Err(Malformed);
    }
    Ok(
        Utterance::new(line.kind, Speaker::parse(&line.speaker), &line.text).map(|u| Utterance {
            start: finite(line.start),
            end: finite(line.end),
            conf: line.conf,
            ..u
        }),
    )
}

#[cfg(test)]
mod tests;
