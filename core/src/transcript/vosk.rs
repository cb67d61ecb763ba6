//! The `vosk` adapter: Vosk's recogniser results as its examples print
//! them — `{"partial": "…"}` while speech goes on, `{"result": [words…],
//! "text": "…"}` when it settles (or `{"alternatives": […]}` with
//! `SetMaxAlternatives`). Vosk pretty-prints these over several lines; a
//! one-line object (e.g. through `jq -c`) is read as well.

use super::{Kind, Malformed, Speaker, Utterance};
use serde_json::Value;

/// Longest object read over several lines (bytes).
const MAX_OBJECT_BYTES: usize = 64 * 1024;

/// An object being collected over several lines.
#[derive(Clone, Debug, Default)]
pub(super) struct State {
    buf: String,
    depth: usize,
    in_string: bool,
    escape: bool,
}

impl State {
    /// True while an object is half read.
    pub(super) fn pending(&self) -> bool {
        !self.buf.is_empty()
    }

    pub(super) fn line(
        &mut self,
        s: &str,
        speaker: &Speaker,
    ) -> Result<Option<Utterance>, Malformed> {
        if self.buf.is_empty() && !s.trim_start().starts_with('{') {
            return Err(Malformed);
        }
        if self.buf.len() + s.len() > MAX_OBJECT_BYTES {
            *self = State::default();
            return Err(Malformed);
        }
        self.buf.push_str(s);
        self.buf.push('\n');
        let closed = self.scan(s)?;
        if !closed {
            return Ok(None);
        }
        let object = std::mem::take(&mut self.buf);
        *self = State::default();
        let value: Value = serde_json::from_str(&object).map_err(|_| Malformed)?;
        result(&value, speaker)
    }

    /// Follows the braces of `s`; true when the object closed.
    fn scan(&mut self, s: &str) -> Result<bool, Malformed> {
        for c in s.chars() {
            if self.in_string {
                match (self.escape, c) {
                    (true, _) => self.escape = false,
                    (false, '\\') => self.escape = true,
                    (false, '"') => self.in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => self.in_string = true,
                '{' | '[' => self.depth += 1,
                '}' | ']' => {
                    self.depth = self.depth.checked_sub(1).ok_or(Malformed)?;
                    if self.depth == 0 {
                        return Ok(true);
                    }
                }
                _ => {}
            }
        }
        Ok(false)
    }
}

/// Reads one complete Vosk result object.
fn result(v: &Value, speaker: &Speaker) -> Result<Option<Utterance>, Malformed> {
    let obj = v.as_object().ok_or(Malformed)?;
    if let Some(p) = obj.get("partial") {
        let text = p.as_str().ok_or(Malformed)?;
        return Ok(Utterance::new(Kind::Partial, speaker.clone(), text));
    }
    let (text, words) = if let Some(alts) = obj.get("alternatives") {
        let first = alts.as_array().and_then(|a| a.first()).ok_or(Malformed)?;
        (first.get("text"), first.get("result"))
    } else {
        (obj.get("text"), obj.get("result"))
    };
    let text = text.and_then(Value::as_str).ok_or(Malformed)?;
    let Some(u) = Utterance::new(Kind::Final, speaker.clone(), text) else {
        return Ok(None);
    };
    let words: &[Value] = words.and_then(Value::as_array).map_or(&[], Vec::as_slice);
    let num = |w: &Value, k: &str| w.get(k).and_then(Value::as_f64).filter(|x| x.is_finite());
    let confs: Vec<f64> = words
        .iter()
        .filter_map(|w| num(w, "conf"))
        .filter(|c| (0.0..=1.0).contains(c))
        .collect();
    let conf = (!confs.is_empty()).then(|| confs.iter().sum::<f64>() / confs.len() as f64);
    Ok(Some(Utterance {
        start: words.first().and_then(|w| num(w, "start")),
        end: words.last().and_then(|w| num(w, "end")),
        conf,
        ..u
    }))
}
