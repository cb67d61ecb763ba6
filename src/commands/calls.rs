//! `callcoach calls|followups|purge|erase`: the call records in the store.

use crate::cli::{CallsCommand, ExportFormat, FollowupsAction, FollowupsArgs};
use crate::engine::Date;
use crate::export::{self, json::CallExport};
use crate::playbook::Language;
use crate::store::{self, Age, CallFilter, CallInfo, Selection, Store, files};
use crate::text::sanitize_line;
use anyhow::Context;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Opens the store in the chosen data directory, printing its notices
/// (journals imported) to standard error.
pub fn open_store(data_dir: Option<PathBuf>) -> anyhow::Result<Store> {
    let dir = store::resolve_data_dir(data_dir)?;
    let store = Store::open(&dir)?;
    for n in store.notices() {
        eprintln!("callcoach: {}", sanitize_line(n));
    }
    Ok(store)
}

/// The agent's name for exports, from `CALLCOACH_AGENT`.
fn agent() -> Option<String> {
    std::env::var("CALLCOACH_AGENT")
        .ok()
        .map(|a| sanitize_line(&a))
        .filter(|a| !a.trim().is_empty())
}

/// `callcoach calls …`
pub fn run(data_dir: Option<PathBuf>, cmd: CallsCommand) -> anyhow::Result<ExitCode> {
    let store = open_store(data_dir)?;
    match cmd {
        CallsCommand::List { customer, since } => {
            let since = since.as_deref().map(start_of_day).transpose()?;
            let calls = store.calls(&CallFilter { customer, since })?;
            print_list(store.dir(), &calls);
        }
        CallsCommand::Show { id } => {
            let id = store.find_call(&id)?;
            let call = store.load_call(&id)?;
            let (pb, notice) = export::playbook_for(&call.info.playbook_id)?;
            if let Some(n) = notice {
                eprintln!("callcoach: {n}");
            }
            let summary = export::summarize(&call, &pb, agent().as_deref())?;
            let mut text = export::markdown::render(&id, &summary);
            if call.info.is_unfinished() {
                text.push_str(&format!(
                    "\n(unfinished: run `callcoach` to resume it{})\n",
                    if store::is_live_elsewhere(store.dir(), &id) {
                        "; it is open in another window now"
                    } else {
                        ""
                    }
                ));
            }
            print!("{text}");
        }
        CallsCommand::Export { id, format, output } => {
            let id = store.find_call(&id)?;
            let call = store.load_call(&id)?;
            let (pb, notice) = export::playbook_for(&call.info.playbook_id)?;
            if let Some(n) = notice {
                eprintln!("callcoach: {n}");
            }
            let agent = agent();
            let summary = export::summarize(&call, &pb, agent.as_deref())?;
            let now = store::now_ms();
            let text = match format {
                ExportFormat::Markdown => export::markdown::render(&id, &summary),
                ExportFormat::Json => CallExport::new(&call, summary, now)?.to_json()?,
                ExportFormat::Eml => {
                    let email = summary.email(&pb);
                    eprintln!(
                        "callcoach: this is a draft: your mail client fills in the sender; add the \
                         customer's address and review it before sending"
                    );
                    export::eml::render(&id, &email, agent.as_deref(), now)
                }
            };
            write_output(output.as_deref(), text.as_bytes())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes to `path` (0600, replacing an existing file) or standard output.
fn write_output(path: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match path {
        Some(p) => {
            files::write_private(p, bytes)?;
            eprintln!("callcoach: written to {} (mode 0600)", p.display());
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

fn outcome_label(c: &CallInfo) -> String {
    match c.outcome {
        Some(o) => o.as_str().replace('_', " "),
        None if c.ended_at.is_none() => "UNFINISHED".into(),
        None => "ended".into(),
    }
}

fn print_list(dir: &Path, calls: &[CallInfo]) {
    if calls.is_empty() {
        println!("No calls stored.");
        return;
    }
    println!(
        "{:<22} {:<16} {:<16} {:<26} FOLLOW-UP",
        "ID", "STARTED", "CUSTOMER", "OUTCOME"
    );
    for c in calls {
        let mut outcome = outcome_label(c);
        if c.is_unfinished() && store::is_live_elsewhere(dir, &c.id) {
            outcome = "LIVE (open now)".into();
        }
        if c.marked_difficult {
            outcome.push_str(" (difficult)");
        }
        let follow = match (&c.follow_up_due, c.follow_up_closed) {
            (Some(d), false) => d.clone(),
            (Some(d), true) => format!("{d} done"),
            (None, _) => "-".into(),
        };
        println!(
            "{:<22} {:<16} {:<16} {:<26} {}",
            c.id,
            export::local_time(c.started_at),
            sanitize_line(c.customer.as_deref().unwrap_or("-")),
            outcome,
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
pub fn followups(data_dir: Option<PathBuf>, args: FollowupsArgs) -> anyhow::Result<ExitCode> {
    if let Some(FollowupsAction::Open { id }) = args.action {
        let store = open_store(data_dir.clone())?;
        let id = store.find_call(&id)?;
        drop(store);
        return open_at_follow_up(data_dir, id);
    }
    let store = open_store(data_dir)?;
    let entries = store.open_followups()?;
    if args.ics {
        let ics = export::ics::render(&entries, store::now_ms(), language_of);
        write_output(args.output.as_deref(), ics.as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.output.is_some() {
        anyhow::bail!("--output goes with --ics");
    }
    let today = jiff::Zoned::now().date();
    let groups: [(&str, Vec<_>); 3] = [
        ("Today", entries.iter().filter(|e| e.due == today).collect()),
        (
            "Overdue",
            entries.iter().filter(|e| e.due < today).collect(),
        ),
        (
            "Coming up",
            entries.iter().filter(|e| e.due > today).collect(),
        ),
    ];
    if entries.is_empty() {
        println!("No follow-ups planned.");
    }
    for (title, list) in groups {
        if list.is_empty() {
            continue;
        }
        println!("{title}:");
        for e in list {
            let days = (today - e.due).get_days();
            let late = if days > 0 {
                format!(" ({days} day{} late)", if days == 1 { "" } else { "s" })
            } else {
                String::new()
            };
            println!(
                "  {}  {}  {}{}",
                e.due,
                e.call,
                sanitize_line(e.customer.as_deref().unwrap_or("-")),
                late
            );
            println!("      {}", sanitize_line(&e.what));
            let form = e.agreements.iter().map(|a| (&a.who, &a.what));
            for (who, what) in form.chain(e.note_agreements.iter().map(|a| (&a.who, &a.what))) {
                println!("      - {}", export::agreement_line(who, what));
            }
        }
        println!();
    }
    if !entries.is_empty() {
        println!("Open one with `callcoach followups open ID`.");
    }
    Ok(ExitCode::SUCCESS)
}

/// Reopens a call at `follow_up` in the live call screen, with its
/// agreements to check off.
fn open_at_follow_up(data_dir: Option<PathBuf>, id: store::CallId) -> anyhow::Result<ExitCode> {
    crate::commands::call::open_existing(data_dir, id, Some(crate::stage::StageId::FollowUp))
}

/// `callcoach purge …`
pub fn purge(
    data_dir: Option<PathBuf>,
    older_than: &str,
    dry_run: bool,
) -> anyhow::Result<ExitCode> {
    let age = Age::parse(older_than).map_err(anyhow::Error::msg)?;
    let cutoff = age.before(&jiff::Zoned::now())?;
    let mut store = open_store(data_dir)?;
    let sel = store.select_older_than(cutoff)?;
    let code = remove(
        &mut store,
        &sel,
        dry_run,
        &format!("with no activity since {}", export::local_time(cutoff)),
    )?;
    if !dry_run {
        crate::team::privacy::report(crate::team::privacy::purge_before(cutoff))?;
    }
    Ok(code)
}

/// `callcoach erase …`
pub fn erase(data_dir: Option<PathBuf>, customer: &str, dry_run: bool) -> anyhow::Result<ExitCode> {
    let mut store = open_store(data_dir)?;
    let sel = store.select_customer(customer)?;
    let code = remove(
        &mut store,
        &sel,
        dry_run,
        &format!("of customer {}", sanitize_line(customer)),
    )?;
    if !dry_run {
        crate::team::privacy::report(crate::team::privacy::erase_customer(customer))?;
    }
    Ok(code)
}

fn remove(
    store: &mut Store,
    sel: &Selection,
    dry_run: bool,
    what: &str,
) -> anyhow::Result<ExitCode> {
    for id in &sel.live {
        eprintln!(
            "callcoach: call {id} is open in another callcoach window and was left alone; \
             finish it and run this again"
        );
    }
    if dry_run {
        println!(
            "Would remove {} call(s) {what}, {} fallback journal(s) and {} saved export(s):",
            sel.calls.len(),
            sel.journals.len(),
            sel.exports.len()
        );
        for c in &sel.calls {
            println!(
                "  {}  {}  {}",
                c.id,
                export::local_time(c.started_at),
                sanitize_line(c.customer.as_deref().unwrap_or("-"))
            );
        }
        for f in sel.journals.iter().chain(&sel.exports) {
            println!("  {}", f.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    let report = store.erase(sel)?;
    println!(
        "Removed {} call(s) {what}, {} fallback journal(s) and {} saved export(s); the \
         database was rebuilt so nothing of them remains in its files.",
        report.calls, report.journals, report.exports
    );
    for w in &report.warnings {
        eprintln!("callcoach: warning: {w}");
    }
    if report.warnings.is_empty() && sel.live.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::FAILURE)
    }
}
