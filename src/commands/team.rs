//! `callcoach team …`: the team database (set up, sync, status) and
//! `callcoach report --team`.

use crate::cli::{ReportArgs, TeamCommand};
use crate::i18n::team::{fill, words};
use crate::playbook::Language;
use crate::store::{self, Store};
use crate::team::{self, conn, sync};
use std::path::PathBuf;
use std::process::ExitCode;

/// Runs a `team` subcommand; everything it says is in `lang`.
pub fn run(
    data_dir: Option<PathBuf>,
    cmd: TeamCommand,
    lang: Language,
) -> anyhow::Result<ExitCode> {
    match cmd {
        TeamCommand::Init => init(lang),
        TeamCommand::Sync { quiet } => sync_now(data_dir, quiet, lang),
        TeamCommand::Status => status(data_dir, lang),
        TeamCommand::Publish { file } => publish(&file, lang),
        TeamCommand::Live => live(&crate::config::Settings::default()),
    }
}

/// The configured URL, or an error saying how to configure one.
fn require_url(lang: Language) -> anyhow::Result<String> {
    team::configured(lang)?
        .ok_or_else(|| anyhow::anyhow!(fill(words(lang).no_url, &[("var", team::URL_VAR)])))
}

fn init(lang: Language) -> anyhow::Result<ExitCode> {
    let w = words(lang);
    let url = require_url(lang)?;
    let mut client = conn::connect(&url, lang)?;
    let (before, after) = team::schema::migrate(&mut client)?;
    let shown = conn::redact(&url);
    if before == after {
        let version = after.to_string();
        crate::outln!(
            "{}",
            fill(w.init_current, &[("url", &shown), ("version", &version)])
        );
    } else {
        let (b, a) = (before.to_string(), after.to_string());
        crate::outln!(
            "{}",
            fill(
                w.init_done,
                &[("url", &shown), ("before", &b), ("after", &a)]
            )
        );
    }
    crate::outln!(
        "{}",
        fill(
            w.init_roles,
            &[
                ("agent", team::schema::AGENT_ROLE),
                ("lead", team::schema::LEAD_ROLE)
            ]
        )
    );
    Ok(ExitCode::SUCCESS)
}

fn sync_now(data_dir: Option<PathBuf>, quiet: bool, lang: Language) -> anyhow::Result<ExitCode> {
    let w = words(lang);
    let url = match team::configured(lang) {
        Ok(u) => u,
        // The background sync has no one to tell; `team status` will.
        Err(_) if quiet => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(e),
    };
    let Some(url) = url else {
        if quiet {
            return Ok(ExitCode::SUCCESS);
        }
        require_url(lang)?;
        return Ok(ExitCode::FAILURE);
    };
    let dir = store::resolve_data_dir(data_dir)?;
    let mut st = Store::open(&dir)?;
    let Some(_lock) = sync::try_lock(&dir)? else {
        if !quiet {
            crate::outln!("{}", w.sync_busy);
        }
        return Ok(ExitCode::SUCCESS);
    };
    let mut client = match conn::connect(&url, lang) {
        Ok(c) => c,
        Err(e) => {
            sync::record_failure(&mut st, &e);
            return Err(e);
        }
    };
    // The team's published playbooks and scenarios first: small, and what
    // the next call needs offline.
    let fetched = match team::publish::refresh(&mut client, &dir) {
        Ok(f) => f,
        Err(e) => {
            sync::record_failure(&mut st, &e);
            return Err(e);
        }
    };
    if !quiet && fetched.updated + fetched.refused > 0 {
        let refused = if fetched.refused > 0 {
            fill(w.refused, &[("n", &fetched.refused.to_string())])
        } else {
            String::new()
        };
        let updated = fill(w.fetched, &[("n", &fetched.updated.to_string())]);
        crate::outln!("{updated}{refused}.");
    }
    let report = sync::run(&mut st, &mut client, &mut |_| {})?;
    // The retention policy reaches the team database with each sync (the
    // agent's own rows; a failure here is retried by the next sync).
    let retained = team::privacy::retain_own(&mut client);
    if !quiet && let Ok(Some(n)) = retained.as_ref().map(|n| n.filter(|n| *n > 0)) {
        crate::outln!("{}", fill(w.retention, &[("n", &n.to_string())]));
    }
    if !quiet {
        crate::outln!(
            "{}",
            fill(
                w.sent,
                &[
                    ("calls", &report.calls.to_string()),
                    ("practice", &report.practice.to_string()),
                    ("url", &conn::redact(&url)),
                    ("pending", &report.pending.to_string()),
                ]
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn status(data_dir: Option<PathBuf>, lang: Language) -> anyhow::Result<ExitCode> {
    let w = words(lang);
    let dir = store::resolve_data_dir(data_dir)?;
    let mut st = Store::open(&dir)?;
    let Some(url) = team::configured(lang)? else {
        crate::outln!("{}", fill(w.local_only, &[("var", team::URL_VAR)]));
        return Ok(ExitCode::SUCCESS);
    };
    st.outbox_ready()?;
    st.outbox_enqueue(store::now_ms())?;
    let s = st.outbox_status()?;
    let when = |t: Option<i64>| {
        t.and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok())
            .map(|ts| {
                ts.to_zoned(jiff::tz::TimeZone::system())
                    .strftime("%Y-%m-%d %H:%M:%S")
                    .to_string()
            })
            .unwrap_or_else(|| w.never.to_owned())
    };
    crate::outln!("{}", fill(w.status_db, &[("url", &conn::redact(&url))]));
    crate::outln!(
        "{}",
        fill(
            w.status_pending,
            &[
                ("calls", &s.pending_calls.to_string()),
                ("practice", &s.pending_practice.to_string()),
                ("sent", &s.sent.to_string()),
            ]
        )
    );
    let last = when(s.last_attempt);
    crate::outln!("{}", fill(w.status_last_sync, &[("when", &last)]));
    let last = when(s.last_success);
    crate::outln!("{}", fill(w.status_last_success, &[("when", &last)]));
    let error = match &s.last_error {
        Some(e) => crate::text::sanitize_line(e),
        None => w.no_error.to_owned(),
    };
    crate::outln!("{}", fill(w.status_last_error, &[("error", &error)]));
    if team::live::enabled() {
        crate::outln!("{}", w.live_on);
    } else {
        crate::outln!("{}", w.live_off);
    }
    Ok(ExitCode::SUCCESS)
}

/// `callcoach team live`: the team's calls in progress, on screen.
pub fn live(settings: &crate::config::Settings) -> anyhow::Result<ExitCode> {
    use std::io::IsTerminal as _;
    let lang = settings.cli_lang();
    let url = require_url(lang)?;
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        anyhow::bail!(words(lang).live_needs_terminal);
    }
    let theme = crate::tui::theme::Theme::from_env();
    let mut view = crate::tui::live::LiveView::new(lang, theme, store::now_ms());
    crate::tui::live::run(&mut view, url)?;
    Ok(ExitCode::SUCCESS)
}

/// `callcoach team publish FILE`
fn publish(file: &std::path::Path, lang: Language) -> anyhow::Result<ExitCode> {
    let w = words(lang);
    let p = match team::publish::prepare_file(file) {
        Ok(p) => p,
        Err(diags) => {
            crate::errln!(
                "{}",
                crate::diagnostic::render_all(&diags, crate::output::stderr_color())
            );
            anyhow::bail!(fill(
                w.not_published,
                &[(
                    "file",
                    &crate::text::sanitize_line(&file.display().to_string())
                )]
            ));
        }
    };
    let url = require_url(lang)?;
    let mut client = conn::connect(&url, lang)?;
    team::schema::require_current(&mut client)?;
    let what = match p.kind {
        crate::load::names::Kind::Playbook => w.playbook,
        crate::load::names::Kind::Scenario => w.scenario,
    };
    let version = if p.version.is_empty() {
        String::new()
    } else {
        fill(
            w.version,
            &[("version", &crate::text::sanitize_line(&p.version))],
        )
    };
    let id = crate::text::sanitize_line(&p.id);
    let language = p.language.to_string();
    let shown = conn::redact(&url);
    let values = [
        ("what", what),
        ("id", id.as_str()),
        ("language", language.as_str()),
        ("version", version.as_str()),
        ("hash", p.hash.as_str()),
        ("url", shown.as_str()),
    ];
    let sentence = match team::publish::publish(&mut client, &p, lang)? {
        team::publish::Published::New => fill(w.published, &values),
        team::publish::Published::AlreadyCurrent => fill(w.already_published, &values),
    };
    crate::outln!("{}", capitalize(&sentence));
    Ok(ExitCode::SUCCESS)
}

/// The sentence with its first letter upper-case ("playbook `x` …" at
/// the start of a line).
fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `callcoach report --team …`, its table headed in `lang`.
pub fn report(args: &ReportArgs, lang: Language) -> anyhow::Result<ExitCode> {
    let url = require_url(lang)?;
    let since = match &args.since {
        Some(d) => Some(team::report::date_start_ms(d)?),
        None => None,
    };
    let mut client = conn::connect(&url, lang)?;
    team::schema::require_current(&mut client)?;
    let today = jiff::Zoned::now().date().to_string();
    let rep = team::report::build(&mut client, since, args.only_agent.as_deref(), &today)?;
    let text = match args.format {
        crate::cli::ReportFormat::Json => format!("{}\n", serde_json::to_string_pretty(&rep)?),
        crate::cli::ReportFormat::Csv => team::report::csv(&rep),
        crate::cli::ReportFormat::Table => team::report::table(
            &rep,
            lang,
            &team::report::Names::from_playbooks(&crate::load::all_playbooks(), lang),
        ),
    };
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}
