//! Exports of stored calls, all built on [`CallSummary`]: Markdown for a
//! ticket, JSON with everything, the confirmation e-mail as `.eml`, and
//! follow-ups as iCalendar. All text is sanitised before it is written.

pub mod eml;
pub mod ics;
pub mod json;
pub mod markdown;

use crate::engine::Timestamp;
use crate::playbook::Playbook;
use crate::store::StoredCall;
use crate::summary::CallSummary;

/// The playbook a stored call was made with: the built-in one with its id,
/// or the user's playbook file of that name, else the default playbook
/// (with a notice saying so; a call keeps its meaning without it, only
/// titles and texts come from the playbook).
pub fn playbook_for(playbook_id: &str) -> anyhow::Result<(Playbook, Option<String>)> {
    // Only names: a stored id never makes us read an arbitrary path.
    let is_name = !playbook_id.is_empty()
        && playbook_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if is_name
        && let Ok((pb, _)) = crate::load::resolve(playbook_id)
        && pb.id == playbook_id
    {
        return Ok((pb, None));
    }
    let pb = crate::playbook::load::default_playbook().map_err(|d| {
        anyhow::anyhow!(
            "the built-in playbook does not load: {}",
            d.first().map(|d| d.message.clone()).unwrap_or_default()
        )
    })?;
    // In the language of what follows: the titles come from `pb`.
    let notice = crate::i18n::cli::words(pb.language)
        .not_builtin
        .replace("{id}", &crate::text::sanitize_line(playbook_id))
        .replace("{used}", &pb.id);
    Ok((pb, Some(notice)))
}

/// The playbook a stored call ran on: exactly the version whose content
/// hash the call recorded, read from the store's playbook versions. When
/// that version is missing (the call came from another machine's journal,
/// or the store predates versions), the installed playbook of that id is
/// used and the notice says so plainly — never silently. A call recorded
/// before hashes were kept falls back to [`playbook_for`].
pub fn playbook_of_call(
    store: &crate::store::Store,
    call: &StoredCall,
) -> anyhow::Result<(Playbook, Option<String>)> {
    let Some(meta) = call.meta() else {
        return playbook_for(&call.info.playbook_id);
    };
    let Some(hash) = meta.playbook_hash.as_deref() else {
        return playbook_for(&call.info.playbook_id);
    };
    let text = store.playbook_text(hash).ok().flatten();
    if let Some(text) = text
        && let Ok(pb) = crate::playbook::load::parse(&format!("<{hash}>"), text.as_bytes())
    {
        return Ok((pb, None));
    }
    let (pb, _) = playbook_for(&call.info.playbook_id)?;
    let short: String = hash.chars().take(7 + 12).collect();
    let notice = crate::i18n::cli::words(pb.language)
        .version_missing
        .replace("{id}", &crate::text::sanitize_line(&meta.playbook_id))
        .replace(
            "{version}",
            &crate::text::sanitize_line(&meta.playbook_version),
        )
        .replace("{hash}", &crate::text::sanitize_line(&short))
        .replace("{used}", &crate::text::sanitize_line(&pb.id))
        .replace("{used_version}", &crate::text::sanitize_line(&pb.version));
    Ok((pb, Some(notice)))
}

/// The moment a stored call's clocks are read at: its end, or its last
/// activity when it never ended (the gap since is not talk time).
pub fn as_of(call: &StoredCall) -> Timestamp {
    call.info.ended_at.unwrap_or(call.last_activity)
}

/// The summary of a stored call.
pub fn summarize(
    call: &StoredCall,
    pb: &Playbook,
    agent: Option<&str>,
) -> anyhow::Result<CallSummary> {
    let state = call
        .state()
        .ok_or_else(|| anyhow::anyhow!("call {} has no start event", call.id))?;
    Ok(CallSummary::build(
        pb,
        &state,
        &call.notes,
        as_of(call),
        agent,
    ))
}

/// A local date-time for people, e.g. `2026-11-22 14:30`.
pub fn local_time(ts: Timestamp) -> String {
    jiff::Timestamp::from_millisecond(ts)
        .map(|t| {
            t.to_zoned(crate::store::local_zone())
                .strftime("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| "?".into())
}

/// Minutes and seconds, e.g. `12:05`.
pub fn duration(ms: i64) -> String {
    let s = ms.max(0) / 1000;
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

/// An agreement on one line: `who: what`, or just `what` when nobody was
/// named. Sanitised.
pub fn agreement_line(who: &str, what: &str) -> String {
    let (who, what) = (
        crate::text::sanitize_line(who),
        crate::text::sanitize_line(what),
    );
    if who.trim().is_empty() {
        what
    } else {
        format!("{who}: {what}")
    }
}
