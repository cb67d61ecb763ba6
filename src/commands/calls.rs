//! `callcoach calls|followups|purge|erase`: the call records in the store.

use crate::cli::{CallsCommand, ExportFormat, FollowupsAction, FollowupsArgs};
use crate::config::Settings;
use crate::engine::Date;
use crate::export::{self, json::CallExport};
use crate::i18n::cli::CliWords;
use crate::playbook::Language;
use crate::store::{self, CallFilter, CallInfo, Store, files};
use crate::text::sanitize_line;
use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Opens the store in the chosen data directory for reading (read-only
/// when it cannot be written), printing its notices (journals imported, a
/// read-only store) to standard error.
pub fn open_store(data_dir: Option<PathBuf>) -> anyhow::Result<Store> {
    let dir = store::resolve_data_dir(data_dir)?;
    let store = Store::open_read(&dir)?;
    for n in store.notices() {
        crate::errln!("callcoach: {}", sanitize_line(n));
    }
    Ok(store)
}

/// `callcoach calls …`. A call's summary and exports are signed by the
/// agent who took it; the current agent (`--agent`, `CALLCOACH_AGENT`, the
/// config file) only for calls stored before agents were recorded.
pub fn run(settings: &Settings, cmd: CallsCommand) -> anyhow::Result<ExitCode> {
    let store = open_store(settings.data_dir.clone())?;
    let agent = settings.agent();
    match cmd {
        CallsCommand::List {
            customer,
            since,
            json,
        } => {
            let since = since.as_deref().map(start_of_day).transpose()?;
            let customer = customer.map(|c| crate::commands::privacy::customer_ref(&c));
            let calls = store.calls(&CallFilter { customer, since })?;
            if json {
                let doc = export::json::document(&calls)?;
                let text = serde_json::to_string_pretty(&doc)? + "\n";
                write_output(
                    None,
                    text.as_bytes(),
                    crate::i18n::cli::words(settings.cli_lang()),
                )?;
            } else {
                print_list(store.dir(), &calls, settings.cli_lang());
            }
        }
        CallsCommand::Show { id } => {
            let id = store.find_call(&id)?;
            let call = store.load_call(&id)?;
            let (pb, notice) = export::playbook_of_call(&store, &call)?;
            if let Some(n) = notice {
                crate::errln!("callcoach: {n}");
            }
            let summary = export::summarize(&call, &pb, agent.as_deref())?;
            let mut text = export::markdown::render(&id, &summary);
            if call.info.is_unfinished() {
                let w = crate::i18n::cli::words(summary.language);
                let hint = if store::is_live_elsewhere(store.dir(), &id) {
                    w.open_elsewhere
                } else {
                    w.resume_hint
                };
                text.push_str(&format!("\n{hint}\n"));
            }
            crate::out!("{text}");
        }
        CallsCommand::Export {
            customer: Some(customer),
            format,
            output,
            ..
        } => {
            return crate::commands::privacy::export_customer(
                &store,
                &customer,
                format,
                output,
                settings.cli_lang(),
            );
        }
        CallsCommand::Export {
            id: None,
            since: Some(since),
            format,
            output,
            ..
        } => {
            if format != ExportFormat::Json {
                anyhow::bail!("--since exports many calls as JSON Lines: add --format json");
            }
            let since = start_of_day(&since)?;
            let mut calls = store.calls(&CallFilter {
                customer: None,
                since: Some(since),
            })?;
            calls.sort_by(|a, b| a.started_at.cmp(&b.started_at).then(a.id.cmp(&b.id)));
            let now = store::now_ms();
            let mut text = String::new();
            for info in &calls {
                let call = store.load_call(&info.id)?;
                let (pb, notice) = export::playbook_of_call(&store, &call)?;
                if let Some(n) = notice {
                    crate::errln!("callcoach: {}: {n}", call.id);
                }
                let summary = export::summarize(&call, &pb, agent.as_deref())?;
                text.push_str(&CallExport::new(&call, summary, now)?.to_json_line()?);
            }
            let w = crate::i18n::cli::words(settings.cli_lang());
            write_output(output.as_deref(), text.as_bytes(), w)?;
            if let Some(p) = output.as_deref() {
                let infos: Vec<&CallInfo> = calls.iter().collect();
                crate::commands::privacy::note_export(&store, p, &infos, settings.cli_lang());
            }
        }
        CallsCommand::Export {
            id, format, output, ..
        } => {
            let id = id.ok_or_else(|| anyhow::anyhow!("give a call id, `last` or --since DATE"))?;
            let id = store.find_call(&id)?;
            let call = store.load_call(&id)?;
            let (pb, notice) = export::playbook_of_call(&store, &call)?;
            if let Some(n) = notice {
                crate::errln!("callcoach: {n}");
            }
            let summary = export::summarize(&call, &pb, agent.as_deref())?;
            let summary_lang = summary.language;
            let w = crate::i18n::cli::words(summary_lang);
            let now = store::now_ms();
            let text = match format {
                ExportFormat::Markdown => export::markdown::render(&id, &summary),
                ExportFormat::Json => CallExport::new(&call, summary, now)?.to_json()?,
                ExportFormat::Eml => {
                    let email = summary.email(&pb);
                    crate::errln!("callcoach: {}", w.eml_draft);
                    export::eml::render(&id, &email, summary.agent.as_deref(), now)
                }
            };
            write_output(output.as_deref(), text.as_bytes(), w)?;
            if let Some(p) = output.as_deref() {
                crate::commands::privacy::note_export(&store, p, &[&call.info], summary_lang);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes to `path` (0600, replacing an existing file) or standard output.
pub(crate) fn write_output(path: Option<&Path>, bytes: &[u8], w: &CliWords) -> anyhow::Result<()> {
    match path {
        Some(p) => {
            files::write_private(p, bytes)?;
            crate::errln!(
                "callcoach: {}",
                w.written_to.replace("{path}", &p.display().to_string())
            );
            Ok(())
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)
                .and_then(|()| out.flush())
                .context("could not write to standard output")
        }
    }
}

/// Midnight at the start of `YYYY-MM-DD`, local time.
fn start_of_day(s: &str) -> anyhow::Result<i64> {
    let d: Date = s
        .trim()
        .parse()
        .map_err(|_| anyhow::anyhow!("`{}` is not a date; use YYYY-MM-DD", sanitize_line(s)))?;
    Ok(d.to_zoned(jiff::tz::TimeZone::system())?
        .timestamp()
        .as_millisecond())
}

fn outcome_label(c: &CallInfo, lang: Language) -> String {
    let w = crate::i18n::cli::words(lang);
    match c.outcome {
        Some(o) => crate::i18n::outcome(o, lang).to_owned(),
        None if c.ended_at.is_none() => w.unfinished.into(),
        None => w.ended.into(),
    }
}

/// Pads `s` to `width` columns (display width, so `ë` and `…` line up).
fn pad(s: &str, width: usize) -> String {
    let w = unicode_width::UnicodeWidthStr::width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn print_list(dir: &Path, calls: &[CallInfo], lang: Language) {
    let w = crate::i18n::cli::words(lang);
    if calls.is_empty() {
        crate::outln!("{}", w.no_calls);
        return;
    }
    let h = w.list_header;
    crate::outln!(
        "{} {} {} {} {}",
        pad(h[0], 22),
        pad(h[1], 16),
        pad(h[2], 16),
        pad(h[3], 30),
        h[4]
    );
    for c in calls {
        let mut outcome = outcome_label(c, lang);
        if c.is_unfinished() && store::is_live_elsewhere(dir, &c.id) {
            outcome = w.live.into();
        }
        if c.marked_difficult {
            outcome.push_str(&format!(" ({})", w.difficult));
        }
        let follow = match (&c.follow_up_due, c.follow_up_closed) {
            (Some(d), false) => d.clone(),
            (Some(d), true) => format!("{d} {}", w.done),
            (None, _) => "-".into(),
        };
        crate::outln!(
            "{} {} {} {} {}",
            pad(c.id.as_str(), 22),
            pad(&export::local_time(c.started_at), 16),
            pad(&sanitize_line(c.customer.as_deref().unwrap_or("-")), 16),
            pad(&outcome, 30),
            follow
        );
    }
}

/// The language of a playbook id (built-in ones; Dutch otherwise).
fn language_of(playbook_id: &str) -> Language {
    match crate::playbook::load::builtin(playbook_id) {
        Some(Ok(pb)) => pb.language,
        _ => Language::Nl,
    }
}

/// `callcoach followups …`
pub fn followups(settings: &Settings, args: FollowupsArgs) -> anyhow::Result<ExitCode> {
    if let Some(FollowupsAction::Open { id }) = args.action {
        let store = open_store(settings.data_dir.clone())?;
        let id = store.find_call(&id)?;
        drop(store);
        return open_at_follow_up(settings, id);
    }
    let lang = settings.cli_lang();
    let w = crate::i18n::cli::words(lang);
    let store = open_store(settings.data_dir.clone())?;
    if args.ics {
        let entries = store.all_followups()?;
        let ics = export::ics::render(&entries, store::now_ms(), language_of);
        write_output(args.output.as_deref(), ics.as_bytes(), w)?;
        if let Some(p) = args.output.as_deref() {
            let calls: Vec<(store::CallId, Option<String>)> = entries
                .iter()
                .map(|e| (e.call.clone(), e.customer.clone()))
                .collect();
            crate::commands::privacy::note_export_ids(&store, p, &calls, lang);
        }
        return Ok(ExitCode::SUCCESS);
    }
    if args.output.is_some() {
        anyhow::bail!("--output goes with --ics");
    }
    let entries = store.open_followups()?;
    if args.json {
        let text = serde_json::to_string_pretty(&export::json::followups(&entries))? + "\n";
        write_output(None, text.as_bytes(), w)?;
        return Ok(ExitCode::SUCCESS);
    }
    let today = jiff::Zoned::now().date();
    let groups: [(&str, Vec<_>); 3] = [
        (w.today, entries.iter().filter(|e| e.due == today).collect()),
        (
            w.overdue,
            entries.iter().filter(|e| e.due < today).collect(),
        ),
        (
            w.coming_up,
            entries.iter().filter(|e| e.due > today).collect(),
        ),
    ];
    if entries.is_empty() {
        crate::outln!("{}", w.no_followups);
    }
    for (title, list) in groups {
        if list.is_empty() {
            continue;
        }
        crate::outln!("{title}:");
        for e in list {
            let days = (today - e.due).get_days();
            let late = match days {
                1 => format!(" ({})", w.day_late),
                d if d > 1 => format!(" ({})", w.days_late.replace("{n}", &d.to_string())),
                _ => String::new(),
            };
            crate::outln!(
                "  {}  {}  {}{}",
                e.due,
                e.call,
                sanitize_line(e.customer.as_deref().unwrap_or("-")),
                late
            );
            crate::outln!("      {}", sanitize_line(&e.what));
            let form = e.agreements.iter().map(|a| (&a.who, &a.what));
            for (who, what) in form.chain(e.note_agreements.iter().map(|a| (&a.who, &a.what))) {
                crate::outln!("      - {}", export::agreement_line(who, what));
            }
        }
        crate::outln!();
    }
    if !entries.is_empty() {
        crate::outln!("{}", w.open_followup);
    }
    Ok(ExitCode::SUCCESS)
}

/// Reopens a call at `follow_up` in the live call screen, with its
/// agreements to check off.
fn open_at_follow_up(settings: &Settings, id: store::CallId) -> anyhow::Result<ExitCode> {
    crate::commands::call::open_existing(settings, id, Some(crate::stage::StageId::FollowUp))
}
