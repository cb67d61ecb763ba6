//! The JSON export: everything stored about a call, with stable field
//! names (documented in the README, "JSON export"). It round-trips: reading
//! the file back gives the same [`CallExport`].

use crate::engine::{Event, Timestamp};
use crate::store::{CallInfo, StoredCall};
use crate::summary::CallSummary;
use serde::{Deserialize, Serialize};

/// Identifies the document kind.
pub const FORMAT: &str = "callcoach-call";
/// Version of the document layout; bumped only for incompatible changes.
pub const FORMAT_VERSION: u32 = 1;

/// A call as exported to JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CallExport {
    /// Always [`FORMAT`].
    pub format: String,
    /// [`FORMAT_VERSION`].
    pub format_version: u32,
    /// When the export was made (ms since the epoch).
    pub exported_at: Timestamp,
    /// The call's stored facts (id, playbook, customer, times, outcome…).
    pub call: CallInfo,
    /// The readable summary (stages, agreements, decision, follow-up…).
    pub summary: CallSummary,
    /// The full event log in order.
    pub events: Vec<Event>,
    /// When the notes were last saved (the text is `summary.notes`).
    pub notes_saved_at: Option<Timestamp>,
}

impl CallExport {
    /// Builds the export of `call` with its summary. Every string in it is
    /// sanitised (control characters and bidi overrides removed).
    pub fn new(call: &StoredCall, summary: CallSummary, now: Timestamp) -> anyhow::Result<Self> {
        let raw = CallExport {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            exported_at: now,
            call: call.info.clone(),
            summary,
            events: call.events.clone(),
            notes_saved_at: call.notes_saved_at,
        };
        let mut v = serde_json::to_value(&raw)?;
        sanitize_value(&mut v);
        Ok(serde_json::from_value(v)?)
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> anyhow::Result<String> {
        let mut s = serde_json::to_string_pretty(self)?;
        s.push('\n');
        Ok(s)
    }

    /// Reads an export back.
    pub fn from_json(s: &str) -> anyhow::Result<Self> {
        let e: CallExport = serde_json::from_str(s)?;
        if e.format != FORMAT {
            anyhow::bail!("not a callcoach call export");
        }
        Ok(e)
    }
}

/// Strips control characters from every string in a JSON value (keys too).
fn sanitize_value(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::String(s) if s.chars().any(crate::text::is_forbidden_char) => {
            *s = crate::text::sanitize(s);
        }
        Value::Array(a) => a.iter_mut().for_each(sanitize_value),
        Value::Object(m) => {
            let old = std::mem::take(m);
            for (k, mut val) in old {
                sanitize_value(&mut val);
                m.insert(crate::text::sanitize(&k), val);
            }
        }
        _ => {}
    }
}
