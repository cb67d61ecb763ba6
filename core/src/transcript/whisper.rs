//! The `whisper-stream` adapter: whisper.cpp's `whisper-stream --step 0`
//! (voice-activity mode) prints, for each stretch of speech,
//!
//! ```text
//! ### Transcription 3 START | t0 = 12000 ms | t1 = 15400 ms
//!
//! [00:00:00.000 --> 00:00:03.400]   Hello, how can I help you?
//!
//! ### Transcription 3 END
//! ```
//!
//! Each timestamped line is a final utterance (with `-nt`, each plain line
//! inside a block). Non-speech markers (`[BLANK_AUDIO]`, `(music)`,
//! `[Start speaking]`) are skipped; a ` [SPEAKER_TURN]` suffix is dropped.
//! A line redrawn in place (`ESC[2K` and carriage returns, as the sliding
//! window mode prints) counts by its last version.

use super::{Kind, Malformed, Speaker, Utterance};

/// Whether a `START … END` block is open.
#[derive(Clone, Debug, Default)]
pub(super) struct State {
    in_block: bool,
}

impl State {
    pub(super) fn line(
        &mut self,
        s: &str,
        speaker: &Speaker,
    ) -> Result<Option<Utterance>, Malformed> {
        // The last redrawn version of the line, without the erase sequence.
        let s = s.rsplit('\r').next().unwrap_or(s);
        let s = s.trim_start_matches("\u{1b}[2K").trim();
        if let Some(rest) = s.strip_prefix("### Transcription ") {
            let mut parts = rest.split_whitespace();
            let n = parts.next().and_then(|n| n.parse::<u64>().ok());
            return match (n, parts.next()) {
                (Some(_), Some("START")) => {
                    self.in_block = true;
                    Ok(None)
                }
                (Some(_), Some("END")) => {
                    self.in_block = false;
                    Ok(None)
                }
                _ => Err(Malformed),
            };
        }
        if let Some((start, end, text)) = timestamped(s) {
            return Ok(said(text, speaker).map(|u| Utterance {
                start: Some(start),
                end: Some(end),
                ..u
            }));
        }
        if non_speech(s) {
            return Ok(None);
        }
        if self.in_block {
            return Ok(said(s, speaker));
        }
        Err(Malformed)
    }
}

fn said(text: &str, speaker: &Speaker) -> Option<Utterance> {
    let text = text.trim();
    let text = text.strip_suffix("[SPEAKER_TURN]").unwrap_or(text).trim();
    if non_speech(text) {
        return None;
    }
    Utterance::new(Kind::Final, speaker.clone(), text)
}

/// `[BLANK_AUDIO]`, `(music)`, `*laughs*`: the recogniser's notes, not words.
fn non_speech(s: &str) -> bool {
    let s = s.trim();
    [('[', ']'), ('(', ')'), ('*', '*')]
        .iter()
        .any(|&(open, close)| {
            s.len() >= 2
                && s.starts_with(open)
                && s.ends_with(close)
                && !s[1..s.len() - 1].contains([open, close])
        })
}

/// `[00:00:01.240 --> 00:00:03.900]  text` → (1.24, 3.9, "text").
fn timestamped(s: &str) -> Option<(f64, f64, &str)> {
    let rest = s.strip_prefix('[')?;
    let (stamps, text) = rest.split_once(']')?;
    let (a, b) = stamps.split_once("-->")?;
    Some((clock(a.trim())?, clock(b.trim())?, text))
}

/// `hh:mm:ss.mmm` (or `mm:ss.mmm`) in seconds.
fn clock(s: &str) -> Option<f64> {
    let mut secs = 0.0;
    let parts: Vec<&str> = s.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    for p in &parts {
        if p.is_empty() || !p.chars().all(|c| c.is_ascii_digit() || c == '.') {
            return None;
        }
        let v: f64 = p.parse().ok()?;
        secs = secs * 60.0 + v;
    }
    Some(secs)
}
