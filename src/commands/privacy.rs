//! `callcoach purge|erase|privacy` and `calls export --customer`: removing
//! records, the retention policy, and everything stored about one customer.

use crate::cli::ExportFormat;
use crate::commands::calls::{open_store, write_output};
use crate::commands::say;
use crate::export::{self, json::CallExport};
use crate::i18n::privacy::{PrivacyWords, privacy_words};
use crate::playbook::Language;
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
    lang: Language,
) -> anyhow::Result<ExitCode> {
    let w = privacy_words(lang);
    let age = Age::parse(older_than).map_err(anyhow::Error::msg)?;
    let cutoff = age.before(&jiff::Zoned::now())?;
    let mut store = open_for_writing(data_dir)?;
    let sel = store.select_older_than(cutoff)?;
    let code = remove(
        &mut store,
        &sel,
        dry_run,
        &say(w.what_older, &[("date", &export::local_time(cutoff))]),
        w,
    )?;
    if !dry_run {
        crate::team::privacy::report(crate::team::privacy::purge_before(cutoff, lang), lang)?;
    }
    Ok(code)
}

/// `callcoach erase …`
pub fn erase(
    data_dir: Option<PathBuf>,
    customer: &str,
    dry_run: bool,
    lang: Language,
) -> anyhow::Result<ExitCode> {
    let w = privacy_words(lang);
    let customer = customer_ref(customer);
    if customer.is_empty() {
        anyhow::bail!("{}", w.erase_needs_customer);
    }
    let mut store = open_for_writing(data_dir)?;
    let sel = store.select_customer(&customer)?;
    let code = remove(
        &mut store,
        &sel,
        dry_run,
        &say(w.what_customer, &[("customer", &customer)]),
        w,
    )?;
    if !dry_run {
        crate::team::privacy::report(crate::team::privacy::erase_customer(&customer, lang), lang)?;
    }
    Ok(code)
}

fn remove(
    store: &mut Store,
    sel: &Selection,
    dry_run: bool,
    what: &str,
    w: &PrivacyWords,
) -> anyhow::Result<ExitCode> {
    for id in &sel.live {
        crate::errln!("callcoach: {}", say(w.left_alone, &[("id", id)]));
    }
    let counts = |calls: usize, journals: usize, exports: usize, template: &str| {
        say(
            template,
            &[
                ("calls", &calls),
                ("what", &what),
                ("journals", &journals),
                ("exports", &exports),
            ],
        )
    };
    if dry_run {
        crate::outln!(
            "{}",
            counts(
                sel.calls.len(),
                sel.journals.len(),
                sel.exports.len(),
                w.would_remove
            )
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
        print_outside(&store::exports::distinct_paths(&sel.outside), w);
        return Ok(ExitCode::SUCCESS);
    }
    let report = store.erase(sel)?;
    crate::outln!(
        "{}",
        counts(report.calls, report.journals, report.exports, w.removed)
    );
    print_outside(&report.outside, w);
    for warning in &report.warnings {
        crate::errln!("callcoach: {}", say(w.warning, &[("w", warning)]));
    }
    if report.warnings.is_empty() && sel.live.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::FAILURE)
    }
}

/// Names the files written outside the data directory that held the calls.
fn print_outside(outside: &[(PathBuf, bool, i64)], w: &PrivacyWords) {
    if outside.is_empty() {
        return;
    }
    crate::outln!("{}", w.outside_intro);
    for (path, exists, at) in outside {
        let gone = if *exists { "" } else { w.outside_gone };
        crate::outln!(
            "{}",
            say(
                w.outside_file,
                &[
                    ("path", &sanitize_line(&path.display().to_string())),
                    ("date", &export::local_time(*at)),
                    ("gone", &gone),
                ],
            )
        );
    }
}

/// Remembers an export written to `path` outside the data directory, so
/// `erase` and `purge` can name it; says so when the store cannot.
pub fn note_export(store: &Store, path: &Path, calls: &[&CallInfo], lang: Language) {
    let ids: Vec<(CallId, Option<String>)> = calls
        .iter()
        .map(|c| (c.id.clone(), c.customer.clone()))
        .collect();
    note_export_ids(store, path, &ids, lang);
}

/// [`note_export`] with call ids and customers.
pub fn note_export_ids(
    store: &Store,
    path: &Path,
    calls: &[(CallId, Option<String>)],
    lang: Language,
) {
    if !store.record_export(path, calls, store::now_ms()) {
        crate::errln!(
            "callcoach: {}",
            say(
                privacy_words(lang).export_not_recorded,
                &[("path", &sanitize_line(&path.display().to_string()))]
            )
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
    lang: Language,
) -> anyhow::Result<ExitCode> {
    let w = crate::i18n::cli::words(lang);
    let pw = privacy_words(lang);
    if format != ExportFormat::Json {
        use clap::CommandFactory as _;
        crate::cli::Cli::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                pw.customer_needs_json,
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
        "callcoach: {}",
        say(
            pw.customer_count,
            &[("n", &doc.calls.len()), ("customer", &customer)]
        )
    );
    if let Some(p) = output.as_deref() {
        let refs: Vec<&CallInfo> = infos.iter().collect();
        note_export(store, p, &refs, lang);
    }
    Ok(ExitCode::SUCCESS)
}

/// Applies the retention policy when the call screen starts: removes ended
/// calls older than the period (see `store::retention`). Returns one-line
/// notices for the screen, in `lang`; a problem never stops the call screen,
/// and a store that could not be opened for writing (`None`) is left alone.
pub fn apply_retention(store: Option<&mut Store>, lang: Language) -> Vec<String> {
    let w = privacy_words(lang);
    let failed =
        |e: &dyn std::fmt::Display| vec![sanitize_line(&say(w.retention_failed, &[("e", e)]))];
    let policy = match retention::configured() {
        Ok((p, _)) => p,
        Err(e) => return failed(&format!("{e:#}")),
    };
    let Some(store) = store else {
        return Vec::new();
    };
    let now = jiff::Timestamp::now().to_zoned(store::local_zone());
    match store.apply_retention(policy, &now) {
        Ok((run, report)) if run.calls > 0 => {
            let mut s = say(
                w.retention_removed,
                &[
                    ("policy", &run.policy),
                    ("n", &run.calls),
                    (
                        "date",
                        &run.cutoff.map(export::local_time).unwrap_or_default(),
                    ),
                ],
            );
            if !report.outside.is_empty() {
                s.push_str(&say(w.retention_outside, &[("n", &report.outside.len())]));
            }
            vec![s]
        }
        Ok(_) => Vec::new(),
        Err(e) => failed(&format!("{e:#}")),
    }
}

/// `callcoach privacy`: the policy in effect, when it last ran and what it
/// removed, and what is stored now.
pub fn privacy(data_dir: Option<PathBuf>, lang: Language) -> anyhow::Result<ExitCode> {
    let w = privacy_words(lang);
    let (policy, source) = retention::configured()?;
    let store = open_store(data_dir)?;
    let from = match &source {
        Source::Environment => w.from_env.to_owned(),
        Source::File(f) => say(w.from_file, &[("file", &f.display())]),
        Source::Default => {
            let file = retention::settings_file().map_or_else(
                || w.the_settings_file.to_owned(),
                |f| f.display().to_string(),
            );
            say(w.from_default, &[("file", &file)])
        }
    };
    crate::outln!("{}", say(w.data_dir, &[("dir", &store.dir().display())]));
    match policy {
        Policy::Keep(_) => crate::outln!(
            "{}",
            say(
                w.retention_on,
                &[("policy", &policy.label()), ("from", &from)]
            )
        ),
        Policy::Off => crate::outln!("{}", say(w.retention_off, &[("from", &from)])),
    }
    crate::outln!("{}", w.masked);
    let (calls, ended) = store.call_counts()?;
    crate::outln!(
        "{}",
        say(w.stored_now, &[("calls", &calls), ("ended", &ended)])
    );
    let runs = store.retention_runs(5)?;
    match runs.first() {
        None => crate::outln!("{}", w.last_never),
        Some(_) => crate::outln!("{}", w.last_runs),
    }
    for r in &runs {
        let cutoff = r
            .cutoff
            .map(|c| say(w.run_cutoff, &[("date", &export::local_time(c))]))
            .unwrap_or_default();
        let outside = if r.outside > 0 {
            say(w.run_outside, &[("n", &r.outside)])
        } else {
            String::new()
        };
        crate::outln!(
            "{}",
            say(
                w.run_line,
                &[
                    ("at", &export::local_time(r.at)),
                    ("policy", &r.policy),
                    ("cutoff", &cutoff),
                    ("calls", &r.calls),
                    ("journals", &r.journals),
                    ("exports", &r.exports),
                    ("outside", &outside),
                ],
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}
