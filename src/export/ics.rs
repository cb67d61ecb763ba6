//! Follow-ups as an iCalendar file (RFC 5545): one all-day VEVENT per
//! follow-up on its due date, with what to check and the agreements. CRLF
//! line ends, lines folded at 75 octets, text escaped and sanitised. The
//! notes are never included.

use crate::engine::Timestamp;
use crate::store::FollowUpEntry;
use crate::text::sanitize_line;

/// Renders the follow-ups; `now` is the DTSTAMP; `lang_of` gives the
/// language of a playbook id (for the few words the file adds).
pub fn render(
    entries: &[FollowUpEntry],
    now: Timestamp,
    lang_of: impl Fn(&str) -> crate::playbook::Language,
) -> String {
    let stamp = jiff::Timestamp::from_millisecond(now)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//callcoach//follow-ups//EN".to_owned(),
        "CALSCALE:GREGORIAN".to_owned(),
    ];
    for e in entries {
        let (follow_up, customer, agreements) = match lang_of(&e.playbook_id) {
            crate::playbook::Language::Nl => ("Nabellen", "Klant", "Afspraken"),
            crate::playbook::Language::En => ("Follow up", "Customer", "Agreements"),
        };
        let day = e.due.strftime("%Y%m%d").to_string();
        let next = e
            .due
            .tomorrow()
            .map_or_else(|_| day.clone(), |d| d.strftime("%Y%m%d").to_string());
        let mut summary = format!("{follow_up}: {}", sanitize_line(&e.what));
        if let Some(c) = &e.customer {
            summary.push_str(&format!(" ({})", sanitize_line(c)));
        }
        let mut desc = vec![sanitize_line(&e.what)];
        if let Some(c) = &e.customer {
            desc.push(format!("{customer}: {}", sanitize_line(c)));
        }
        let form = e.agreements.iter().map(|a| (&a.who, &a.what));
        let all: Vec<_> = form
            .chain(e.note_agreements.iter().map(|a| (&a.who, &a.what)))
            .collect();
        if !all.is_empty() {
            desc.push(format!("{agreements}:"));
            for (who, what) in all {
                desc.push(format!("- {}", super::agreement_line(who, what)));
            }
        }
        desc.push(format!("callcoach followups open {}", e.call));
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:followup-{}@callcoach.invalid", e.call));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!("DTSTART;VALUE=DATE:{day}"));
        lines.push(format!("DTEND;VALUE=DATE:{next}"));
        lines.push(format!("SUMMARY:{}", escape(&summary)));
        lines.push(format!("DESCRIPTION:{}", escape(&desc.join("\n"))));
        lines.push("TRANSP:TRANSPARENT".into());
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|l| fold(l)).collect()
}

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (never inside a character) and ends it with CRLF.
fn fold(line: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if len + n > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += n;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_respects_octets_and_characters() {
        let line = format!("DESCRIPTION:{}", "é".repeat(100));
        let folded = fold(&line);
        for l in folded.trim_end_matches("\r\n").split("\r\n") {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
