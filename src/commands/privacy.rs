//! `callcoach purge|erase|privacy` and `calls export --customer`: removing
//! records, the retention policy, and everything stored about one customer.

use crate::cli::ExportFormat;
use crate::commands::calls::{open_store, write_output};
use crate::export::{self, json::CallExport};
use crate::store::retention::{self, Policy, Source};
use crate::store::{self, Age, CallFilter, CallId, CallInfo, Selection, Store};
use crate::text::sanitize_line;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A customer reference as the store keeps it: one line, no control
/// characters, trimmed (as the call screen stores it), so `erase
/// --customer` and `--customer` filters match what was typed at the call.
pub fn customer_ref(s: &str) -> String {
    sanitize_line(s).trim().to_owned()
}

/// Opens the store for writing, printing its notices.
fn open_for_writing(data_dir: Option<PathBuf>) -> anyhow::Result<Store> {
    let dir = store::resolve_data_dir(data_dir)?;
    let store = Store::open(&dir)?;
    for n in store.notices() {
        crate::errln!("callcoach: {}", sanitize_line(n));
    }
    Ok(store)
}

/// `callcoach purge …`
pub fn purge(
    data_dir: Option<PathBuf>,
    older_than: &str,
    dry_run: bool,
) -> anyhow::Result<ExitCode> {
    let age = Age::parse(older_than).map_err(anyhow::Error::msg)?;
    let cutoff = age.before(&jiff::Zoned::now())?;
    let mut store = open_for_writing(data_dir)?;
    let sel = store.select_older_than(cutoff)?;
    let code = remove(
        &mut store,
        &sel,
        dry_run,
        &format!("with no activity since {}", export::local_time(cutoff)),
    )?;
    if !dry_run {
        // `purge` speaks English throughout so far; its team line follows.
        let en = crate::playbook::Language::En;
        crate::team::privacy::report(crate::team::privacy::purge_before(cutoff, en), en)?;
    }
    Ok(code)
}

/// `callcoach erase …`
pub fn erase(data_dir: Option<PathBuf>, customer: &str, dry_run: bool) -> anyhow::Result<ExitCode> {
    let customer = customer_ref(customer);
    if customer.is_empty() {
        anyhow::bail!("give the customer reference to erase");
    }
    let mut store = open_for_writing(data_dir)?;
    let sel = store.select_customer(&customer)?;
    let code = remove(
        &mut store,
        &sel,
        dry_run,
        &format!("of customer {customer}"),
    )?;
    if !dry_run {
        // `erase` speaks English throughout so far; its team line follows.
        let en = crate::playbook::Language::En;
        crate::team::privacy::report(crate::team::privacy::erase_customer(&customer, en), en)?;
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
        crate::errln!(
            "callcoach: call {id} is open in another callcoach window and was left alone; \
             finish it and run this again"
        );
    }
    if dry_run {
        crate::outln!(
            "Would remove {} call(s) {what}, {} fallback journal(s) and {} saved export(s):",
            sel.calls.len(),
            sel.journals.len(),
            sel.exports.len()
        );
        for c in &sel.calls {
            crate::outln!(
                "  {}  {}  {}",
                c.id,
                export::local_time(c.started_at),
                sanitize_line(c.customer.as_deref().unwrap_or("-"))
            );
        }
        for f in sel.journals.iter().chain(&sel.exports) {
            crate::outln!("  {}", f.display());
        }
        print_outside(&store::exports::distinct_paths(&sel.outside));
        return Ok(ExitCode::SUCCESS);
    }
    let report = store.erase(sel)?;
    crate::outln!(
        "Removed {} call(s) {what}, {} fallback journal(s) and {} saved export(s); the \
         database was rebuilt so nothing of them remains in its files.",
        report.calls,
        report.journals,
        report.exports
    );
    print_outside(&report.outside);
    for w in &report.warnings {
        crate::errln!("callcoach: warning: {w}");
    }
    if report.warnings.is_empty() && sel.live.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::FAILURE)
    }
}

/// Names the files written outside the data directory that held the calls.
fn print_outside(outside: &[(PathBuf, bool, i64)]) {
    if outside.is_empty() {
        return;
    }
    crate::outln!(
        "Exports written outside the data directory hold these calls too; callcoach does not \
         delete files outside its data directory, so delete them yourself:"
    );
    for (path, exists, at) in outside {
        crate::outln!(
            "  {}  (written {}{})",
            sanitize_line(&path.display().to_string()),
            export::local_time(*at),
            if *exists { "" } else { "; no longer there" }
        );
    }
}

/// Remembers an export written to `path` outside the data directory, so
/// `erase` and `purge` can name it; says so when the store cannot.
pub fn note_export(store: &Store, path: &Path, calls: &[&CallInfo]) {
    let ids: Vec<(CallId, Option<String>)> = calls
        .iter()
        .map(|c| (c.id.clone(), c.customer.clone()))
        .collect();
    note_export_ids(store, path, &ids);
}

/// [`note_export`] with call ids and customers.
pub fn note_export_ids(store: &Store, path: &Path, calls: &[(CallId, Option<String>)]) {
    if !store.record_export(path, calls, store::now_ms()) {
        crate::errln!(
            "callcoach: the store is read-only, so this export is not recorded: `erase` and \
             `purge` will not be able to remind you of {}",
            path.display()
        );
    }
}

/// Everything stored about one customer, in one JSON document.
#[derive(Debug, serde::Serialize)]
struct CustomerExport {
    /// Always `callcoach-customer`.
    format: &'static str,
    /// `1`.
    format_version: u32,
    /// When the export was made.
    exported_at: i64,
    /// The customer reference.
    customer: String,
    /// Every call of the customer, each as `calls export --format json` gives it.
    calls: Vec<CallExport>,
    /// Files written outside the data directory with the customer's calls.
    exports_outside: Vec<store::ExportRecord>,
}

/// `callcoach calls export --customer REF --format json [--output FILE]`.
pub fn export_customer(
    store: &Store,
    customer: &str,
    format: ExportFormat,
    output: Option<PathBuf>,
    w: &crate::i18n::cli::CliWords,
) -> anyhow::Result<ExitCode> {
    if format != ExportFormat::Json {
        use clap::CommandFactory as _;
        crate::cli::Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                "--customer exports everything stored about a customer as one JSON file: use \
                 --format json",
            )
            .exit();
    }
    let customer = customer_ref(customer);
    let infos = store.calls(&CallFilter {
        customer: Some(customer.clone()),
        since: None,
    })?;
    let now = store::now_ms();
    let mut calls = Vec::new();
    for info in infos.iter().rev() {
        let call = store.load_call(&info.id)?;
        let (pb, notice) = export::playbook_of_call(store, &call)?;
        if let Some(n) = notice {
            crate::errln!("callcoach: {n}");
        }
        let summary = export::summarize(&call, &pb, None)?;
        calls.push(CallExport::new(&call, summary, now)?);
    }
    let ids: Vec<CallId> = infos.iter().map(|c| c.id.clone()).collect();
    let doc = CustomerExport {
        format: "callcoach-customer",
        format_version: 1,
        exported_at: now,
        customer: customer.clone(),
        calls,
        exports_outside: store.exports_of(&ids, Some(&customer))?,
    };
    let mut text = serde_json::to_string_pretty(&doc)?;
    text.push('\n');
    write_output(output.as_deref(), text.as_bytes(), w)?;
    crate::errln!(
        "callcoach: {} call(s) of customer {customer}",
        doc.calls.len()
    );
    if let Some(p) = output.as_deref() {
        let refs: Vec<&CallInfo> = infos.iter().collect();
        note_export(store, p, &refs);
    }
    Ok(ExitCode::SUCCESS)
}

/// Applies the retention policy when the call screen starts: removes ended
/// calls older than the period (see `store::retention`). Returns one-line
/// notices for the screen; a problem never stops the call screen.
pub fn apply_retention(dir: &Path) -> Vec<String> {
    let policy = match retention::configured() {
        Ok((p, _)) => p,
        Err(e) => {
            return vec![sanitize_line(&format!(
                "retention policy not applied: {e:#}"
            ))];
        }
    };
    let Ok(mut store) = Store::open(dir) else {
        return Vec::new();
    };
    match store.apply_retention(policy, &jiff::Zoned::now()) {
        Ok((run, report)) if run.calls > 0 => {
            let mut s = format!(
                "retention ({}): {} ended call(s) older than {} removed",
                run.policy,
                run.calls,
                run.cutoff.map(export::local_time).unwrap_or_default()
            );
            if !report.outside.is_empty() {
                s.push_str(&format!(
                    "; {} export(s) outside the data directory still hold some — see `callcoach privacy`",
                    report.outside.len()
                ));
            }
            vec![s]
        }
        Ok(_) => Vec::new(),
        Err(e) => vec![sanitize_line(&format!(
            "retention policy not applied: {e:#}"
        ))],
    }
}

/// `callcoach privacy`: the policy in effect, when it last ran and what it
/// removed, and what is stored now.
pub fn privacy(data_dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let (policy, source) = retention::configured()?;
    let store = open_store(data_dir)?;
    let from = match &source {
        Source::Environment => "from CALLCOACH_RETENTION".to_owned(),
        Source::File(f) => format!("from `retention` in {}", f.display()),
        Source::Default => format!(
            "the default; set `retention` in {} to change it",
            retention::settings_file().map_or_else(
                || "the settings file".to_owned(),
                |f| f.display().to_string()
            )
        ),
    };
    crate::outln!("Data directory: {}", store.dir().display());
    match policy {
        Policy::Keep(_) => crate::outln!(
            "Retention: {} ({from}). Ended calls are removed completely when the call screen \
             starts, once their last activity is older than that; a call whose follow-up has \
             not been checked yet is kept until it has.",
            policy.label()
        ),
        Policy::Off => crate::outln!(
            "Retention: off ({from}). Calls are kept until you remove them with `callcoach purge` \
             or `callcoach erase`."
        ),
    }
    crate::outln!(
        "Masked before anything is stored: payment card numbers, card security codes, IBANs, \
         BSNs, and a playbook's own `redact` patterns."
    );
    let (calls, ended) = store.call_counts()?;
    crate::outln!("Stored now: {calls} call(s), {ended} of them ended.");
    let runs = store.retention_runs(5)?;
    match runs.first() {
        None => crate::outln!("Last run: never."),
        Some(_) => crate::outln!("Last runs:"),
    }
    for r in &runs {
        let cutoff = r
            .cutoff
            .map(|c| format!(", older than {}", export::local_time(c)))
            .unwrap_or_default();
        crate::outln!(
            "  {}  policy {}{cutoff}: removed {} call(s), {} fallback journal(s), {} saved \
             export(s){}",
            export::local_time(r.at),
            r.policy,
            r.calls,
            r.journals,
            r.exports,
            if r.outside > 0 {
                format!("; {} export(s) outside the data directory named", r.outside)
            } else {
                String::new()
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}
