//! Follow-ups as an iCalendar file (RFC 5545), written by the `icalendar`
//! crate: one VTODO per follow-up, due on its day, with a VALARM reminder at
//! 09:00 that day, what to check and the agreements (with their deadlines)
//! in the description. A closed follow-up stays in the file with
//! STATUS:COMPLETED (agreements kept, nothing left open) or
//! STATUS:CANCELLED (closed with agreements broken or something still
//! open), so a calendar that imported it before takes it off the list
//! (same UID). Text is sanitised; the notes are never included.

use crate::engine::{Date, Timestamp};
use crate::playbook::Language;
use crate::store::FollowUpEntry;
use crate::text::sanitize_line;
use icalendar::{Alarm, Calendar, Component, EventLike, Property, Todo, TodoStatus, Trigger};

/// The hour of the due day the reminder goes off (floating local time).
const REMINDER_HOUR: i64 = 9;

/// The few words the file adds, per interface language.
struct Words {
    follow_up: &'static str,
    customer: &'static str,
    agreements: &'static str,
    by: &'static str,
    still_open: &'static str,
}

fn words(lang: Language) -> Words {
    match lang {
        Language::Nl => Words {
            follow_up: "Nabellen",
            customer: "Klant",
            agreements: "Afspraken",
            by: "uiterlijk",
            still_open: "Nog open",
        },
        Language::En => Words {
            follow_up: "Follow up",
            customer: "Customer",
            agreements: "Agreements",
            by: "by",
            still_open: "Still open",
        },
    }
}

/// `20261202T143000Z`: a UTC date-time value.
fn utc(ts: Timestamp) -> String {
    jiff::Timestamp::from_millisecond(ts)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// `20261202`: a DATE value.
fn date(d: Date) -> String {
    d.strftime("%Y%m%d").to_string()
}

/// The VTODO of one follow-up.
fn todo(e: &FollowUpEntry, stamp: &str, w: &Words) -> Todo {
    let mut summary = format!("{}: {}", w.follow_up, sanitize_line(&e.what));
    if let Some(c) = &e.customer {
        summary.push_str(&format!(" ({})", sanitize_line(c)));
    }
    let mut desc = vec![sanitize_line(&e.what)];
    if let Some(c) = &e.customer {
        desc.push(format!("{}: {}", w.customer, sanitize_line(c)));
    }
    let form = e.agreements.iter().map(|a| (&a.who, &a.what, a.by_when));
    let notes = e
        .note_agreements
        .iter()
        .map(|a| (&a.who, &a.what, a.by_when));
    let all: Vec<_> = form.chain(notes).collect();
    if !all.is_empty() {
        desc.push(format!("{}:", w.agreements));
        for (who, what, by) in all {
            let line = super::agreement_line(who, what);
            desc.push(match by {
                Some(d) => format!("- {line} ({} {d})", w.by),
                None => format!("- {line}"),
            });
        }
    }
    if let Some((_, r)) = &e.closed
        && !r.still_open.trim().is_empty()
    {
        desc.push(format!(
            "{}: {}",
            w.still_open,
            sanitize_line(&r.still_open)
        ));
    }
    desc.push(format!("callcoach followups open {}", e.call));

    let mut t = Todo::new();
    t.uid(&format!("followup-{}@callcoach.invalid", e.call))
        .add_property("DTSTAMP", stamp)
        .append_property(
            Property::new("DUE", date(e.due))
                .add_parameter("VALUE", "DATE")
                .done(),
        )
        .summary(&summary)
        .description(&desc.join("\n"));
    match &e.closed {
        None => {
            let mut alarm = Alarm::display(
                &summary,
                Trigger::after_end(chrono::TimeDelta::hours(REMINDER_HOUR)),
            );
            // Stable output: the crate would stamp the alarm with a random
            // UID and the clock.
            alarm
                .uid(&format!("followup-{}-reminder@callcoach.invalid", e.call))
                .add_property("DTSTAMP", stamp);
            t.status(TodoStatus::NeedsAction).alarm(alarm.done());
        }
        Some((at, r)) => {
            let done = r.agreements_kept && r.still_open.trim().is_empty();
            t.status(if done {
                TodoStatus::Completed
            } else {
                TodoStatus::Cancelled
            });
            if done {
                t.add_property("COMPLETED", utc(*at))
                    .add_property("PERCENT-COMPLETE", "100");
            }
        }
    }
    t.done()
}

/// Renders the follow-ups (open and closed); `now` is the DTSTAMP;
/// `lang_of` gives the language of a playbook id (for the few words the
/// file adds).
pub fn render(
    entries: &[FollowUpEntry],
    now: Timestamp,
    lang_of: impl Fn(&str) -> Language,
) -> String {
    let stamp = utc(now);
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//callcoach//follow-ups//EN"))
        .append_property(("CALSCALE", "GREGORIAN"));
    for e in entries {
        cal.push(todo(e, &stamp, &words(lang_of(&e.playbook_id))));
    }
    cal.done().to_string()
}
