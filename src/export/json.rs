//! The JSON export: everything stored about a call, with stable field
//! names (documented in the README, "JSON export"). Moments are RFC 3339
//! UTC date-times with milliseconds (`2026-11-22T13:30:05.000Z`); durations
//! stay milliseconds (`*_ms`). It round-trips: reading the file back gives
//! the same [`CallExport`]. Many calls are JSON Lines: one compact export a
//! line. [`schema`] is its JSON Schema (`callcoach schema export`).

use crate::engine::{Event, Timestamp};
use crate::store::{CallInfo, StoredCall};
use crate::summary::CallSummary;
use serde::{Deserialize, Serialize};

/// Identifies the document kind.
pub const FORMAT: &str = "callcoach-call";
/// Version of the document layout; bumped only for incompatible changes.
/// Version 2: moments became RFC 3339 strings (they were milliseconds).
pub const FORMAT_VERSION: u32 = 2;

/// The keys whose values are moments: milliseconds inside the program,
/// RFC 3339 strings in the document.
const MOMENT_KEYS: &[&str] = &[
    "at",
    "exported_at",
    "started_at",
    "ended_at",
    "last_activity",
    "notes_saved_at",
];

/// A call as exported to JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
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

    /// The document as a JSON value (moments as RFC 3339).
    pub fn to_value(&self) -> anyhow::Result<serde_json::Value> {
        let mut v = serde_json::to_value(self)?;
        moments(&mut v, &|m| match m {
            serde_json::Value::Number(n) => n.as_i64().map(|ms| rfc3339(ms).into()),
            _ => None,
        });
        Ok(v)
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> anyhow::Result<String> {
        let mut s = serde_json::to_string_pretty(&self.to_value()?)?;
        s.push('\n');
        Ok(s)
    }

    /// One line of JSON Lines (compact, with its newline).
    pub fn to_json_line(&self) -> anyhow::Result<String> {
        let mut s = serde_json::to_string(&self.to_value()?)?;
        s.push('\n');
        Ok(s)
    }

    /// Reads an export back.
    pub fn from_json(s: &str) -> anyhow::Result<Self> {
        let mut v: serde_json::Value = serde_json::from_str(s)?;
        if v.get("format").and_then(serde_json::Value::as_str) != Some(FORMAT) {
            anyhow::bail!("not a callcoach call export");
        }
        let version = v.get("format_version").and_then(serde_json::Value::as_u64);
        if version != Some(u64::from(FORMAT_VERSION)) {
            anyhow::bail!(
                "callcoach call export version {} is not readable here (this is version {FORMAT_VERSION})",
                version.map_or_else(|| "?".into(), |n| n.to_string())
            );
        }
        moments(&mut v, &|m| {
            m.as_str()
                .and_then(|s| s.parse::<jiff::Timestamp>().ok())
                .map(|t| t.as_millisecond().into())
        });
        Ok(serde_json::from_value(v)?)
    }
}

/// Any record as a sanitised JSON value with its moments as RFC 3339 (for
/// `calls list --json`).
pub fn document<T: Serialize>(x: &T) -> anyhow::Result<serde_json::Value> {
    let mut v = serde_json::to_value(x)?;
    sanitize_value(&mut v);
    moments(&mut v, &|m| match m {
        serde_json::Value::Number(n) => n.as_i64().map(|ms| rfc3339(ms).into()),
        _ => None,
    });
    Ok(v)
}

/// The open follow-ups as JSON (`followups --json`): call, customer,
/// playbook, when the call started (RFC 3339), due date, what to check and
/// every agreement (from the form and from `A:` lines, with deadlines).
pub fn followups(entries: &[crate::store::FollowUpEntry]) -> serde_json::Value {
    let list = entries.iter().map(|e| {
        let form = e
            .agreements
            .iter()
            .map(|a| (&a.who, &a.what, a.by_when, false));
        let notes = e
            .note_agreements
            .iter()
            .map(|a| (&a.who, &a.what, a.by_when, true));
        let agreements: Vec<_> = form
            .chain(notes)
            .map(|(who, what, by, from_notes)| {
                serde_json::json!({
                    "who": who, "what": what,
                    "by_when": by.map(|d| d.to_string()),
                    "from_notes": from_notes,
                })
            })
            .collect();
        serde_json::json!({
            "call": e.call.as_str(),
            "customer": e.customer,
            "playbook_id": e.playbook_id,
            "started_at": rfc3339(e.call_started_at),
            "due": e.due.to_string(),
            "what": e.what,
            "agreements": agreements,
        })
    });
    let mut v = serde_json::Value::Array(list.collect());
    sanitize_value(&mut v);
    v
}

/// `2026-11-22T13:30:05.000Z`: a moment as RFC 3339 UTC with milliseconds.
pub fn rfc3339(ms: Timestamp) -> String {
    jiff::Timestamp::from_millisecond(ms).map_or_else(|_| ms.to_string(), |t| format!("{t:.3}"))
}

/// Rewrites the value of every moment key (at any depth) with `f`, leaving
/// it unchanged where `f` gives `None` (e.g. `null`).
fn moments(v: &mut serde_json::Value, f: &dyn Fn(&serde_json::Value) -> Option<serde_json::Value>) {
    use serde_json::Value;
    match v {
        Value::Array(a) => a.iter_mut().for_each(|x| moments(x, f)),
        Value::Object(m) => {
            for (k, val) in m.iter_mut() {
                if MOMENT_KEYS.contains(&k.as_str()) {
                    if let Some(new) = f(val) {
                        *val = new;
                    }
                } else {
                    moments(val, f);
                }
            }
        }
        _ => {}
    }
}

/// Fits the schema generated from [`CallExport`] to the document: in every
/// `properties` map, a moment key's schema becomes an RFC 3339 date-time
/// string (nullable when it was).
pub fn moment_schemas(v: &mut serde_json::Value) {
    use serde_json::{Value, json};
    match v {
        Value::Array(a) => a.iter_mut().for_each(moment_schemas),
        Value::Object(m) => {
            if let Some(Value::Object(props)) = m.get_mut("properties") {
                for (k, p) in props.iter_mut() {
                    if MOMENT_KEYS.contains(&k.as_str()) {
                        let nullable = p.to_string().contains("\"null\"");
                        let desc = p.get("description").cloned();
                        *p = if nullable {
                            json!({"type": ["string", "null"], "format": "date-time"})
                        } else {
                            json!({"type": "string", "format": "date-time"})
                        };
                        if let (Some(d), Value::Object(o)) = (desc, &mut *p) {
                            o.insert("description".into(), d);
                        }
                    }
                }
            }
            m.values_mut().for_each(moment_schemas);
        }
        _ => {}
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
