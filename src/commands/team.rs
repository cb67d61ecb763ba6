//! `callcoach team …`: the team database (set up, sync, status) and
//! `callcoach report --team`.

use crate::cli::{ReportArgs, TeamCommand};
use crate::store::{self, Store};
use crate::team::{self, conn, sync};
use std::path::PathBuf;
use std::process::ExitCode;

/// Runs a `team` subcommand.
pub fn run(data_dir: Option<PathBuf>, cmd: TeamCommand) -> anyhow::Result<ExitCode> {
    match cmd {
        TeamCommand::Init => init(),
        TeamCommand::Sync { quiet } => sync_now(data_dir, quiet),
        TeamCommand::Status => status(data_dir),
        TeamCommand::Publish { file } => publish(&file),
        TeamCommand::Live => live(&crate::config::Settings::default()),
    }
}

/// The configured URL, or an error saying how to configure one.
fn require_url() -> anyhow::Result<String> {
    team::configured()?.ok_or_else(|| {
        anyhow::anyhow!(
            "no team database is configured: set {} to its URL, or `team: {{url: …}}` in the \
             settings file, e.g. postgresql://ann@db.example/callcoach?sslmode=verify-full \
             (see the README, \"Working as a team\")",
            team::URL_VAR
        )
    })
}

fn init() -> anyhow::Result<ExitCode> {
    let url = require_url()?;
    let mut client = conn::connect(&url)?;
    let (before, after) = team::schema::migrate(&mut client)?;
    if before == after {
        crate::outln!(
            "The team database {} is up to date (schema version {after}).",
            conn::redact(&url)
        );
    } else {
        crate::outln!(
            "The team database {} is set up: schema version {before} → {after}.",
            conn::redact(&url)
        );
    }
    crate::outln!(
        "Give each agent a login role in {agent} and each team lead one in {lead}, e.g.\n  \
         CREATE ROLE ann LOGIN IN ROLE {agent};\n  CREATE ROLE lee LOGIN IN ROLE {lead};",
        agent = team::schema::AGENT_ROLE,
        lead = team::schema::LEAD_ROLE
    );
    Ok(ExitCode::SUCCESS)
}

fn sync_now(data_dir: Option<PathBuf>, quiet: bool) -> anyhow::Result<ExitCode> {
    let url = match team::configured() {
        Ok(u) => u,
        // The background sync has no one to tell; `team status` will.
        Err(_) if quiet => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(e),
    };
    let Some(url) = url else {
        if quiet {
            return Ok(ExitCode::SUCCESS);
        }
        require_url()?;
        return Ok(ExitCode::FAILURE);
    };
    let dir = store::resolve_data_dir(data_dir)?;
    let mut st = Store::open(&dir)?;
    let Some(_lock) = sync::try_lock(&dir)? else {
        if !quiet {
            crate::outln!(
                "Another sync of this data directory is running; it sends everything pending."
            );
        }
        return Ok(ExitCode::SUCCESS);
    };
    let mut client = match conn::connect(&url) {
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
        crate::outln!(
            "Published playbooks and scenarios: {} updated{}.",
            fetched.updated,
            if fetched.refused > 0 {
                format!(
                    ", {} refused (their text does not check out)",
                    fetched.refused
                )
            } else {
                String::new()
            }
        );
    }
    let report = sync::run(&mut st, &mut client, &mut |_| {})?;
    // The retention policy reaches the team database with each sync (the
    // agent's own rows; a failure here is retried by the next sync).
    let retained = team::privacy::retain_own(&mut client);
    if !quiet && let Ok(Some(n)) = retained.as_ref().map(|n| n.filter(|n| *n > 0)) {
        crate::outln!("Retention: removed {n} old row(s) of yours from the team database.");
    }
    if !quiet {
        crate::outln!(
            "Sent {} call(s) and {} practice result(s) to {}; {} pending.",
            report.calls,
            report.practice,
            conn::redact(&url),
            report.pending
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn status(data_dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let dir = store::resolve_data_dir(data_dir)?;
    let mut st = Store::open(&dir)?;
    let Some(url) = team::configured()? else {
        crate::outln!(
            "Local only: no team database is configured ({} is not set, nor team.url in the \
             settings file); nothing is sent.",
            team::URL_VAR
        );
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
            .unwrap_or_else(|| "never".to_owned())
    };
    crate::outln!("Team database: {}", conn::redact(&url));
    crate::outln!(
        "Pending: {} call(s), {} practice result(s); sent: {}",
        s.pending_calls,
        s.pending_practice,
        s.sent
    );
    crate::outln!("Last sync: {}", when(s.last_attempt));
    crate::outln!("Last successful sync: {}", when(s.last_success));
    match &s.last_error {
        Some(e) => crate::outln!("Last error: {}", crate::text::sanitize_line(e)),
        None => crate::outln!("Last error: none"),
    }
    if team::live::enabled() {
        crate::outln!(
            "Live status of calls in progress: sent to `team live` (stage, times, flags; never \
             notes); `team: {{live: false}}` in the settings file switches it off"
        );
    } else {
        crate::outln!(
            "Live status of calls in progress: off (`team.live: false` in the settings file)"
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `callcoach team live`: the team's calls in progress, on screen.
pub fn live(settings: &crate::config::Settings) -> anyhow::Result<ExitCode> {
    use std::io::IsTerminal as _;
    let url = require_url()?;
    if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
        anyhow::bail!("`callcoach team live` needs a terminal");
    }
    let theme = crate::tui::theme::Theme::from_env();
    let mut view = crate::tui::live::LiveView::new(settings.cli_lang(), theme, store::now_ms());
    crate::tui::live::run(&mut view, url)?;
    Ok(ExitCode::SUCCESS)
}

/// `callcoach team publish FILE`
fn publish(file: &std::path::Path) -> anyhow::Result<ExitCode> {
    let p = match team::publish::prepare_file(file) {
        Ok(p) => p,
        Err(diags) => {
            crate::errln!(
                "{}",
                crate::diagnostic::render_all(&diags, crate::output::stderr_color())
            );
            anyhow::bail!(
                "{} is not published: fix the problems above first",
                crate::text::sanitize_line(&file.display().to_string())
            );
        }
    };
    let url = require_url()?;
    let mut client = conn::connect(&url)?;
    team::schema::require_current(&mut client)?;
    let what = match p.kind {
        crate::load::names::Kind::Playbook => "playbook",
        crate::load::names::Kind::Scenario => "scenario",
    };
    let version = if p.version.is_empty() {
        String::new()
    } else {
        format!(" version {}", crate::text::sanitize_line(&p.version))
    };
    let id = crate::text::sanitize_line(&p.id);
    match team::publish::publish(&mut client, &p)? {
        team::publish::Published::New => crate::outln!(
            "Published {what} `{id}` ({}){version} ({}) to {}; agents get it with their next sync.",
            p.language,
            p.hash,
            conn::redact(&url)
        ),
        team::publish::Published::AlreadyCurrent => crate::outln!(
            "{what} `{id}` ({}){version} is already published with exactly this text ({}).",
            p.language,
            p.hash
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// `callcoach report --team …`
pub fn report(args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let url = require_url()?;
    let since = match &args.since {
        Some(d) => Some(team::report::date_start_ms(d)?),
        None => None,
    };
    let mut client = conn::connect(&url)?;
    team::schema::require_current(&mut client)?;
    let today = jiff::Zoned::now().date().to_string();
    let rep = team::report::build(&mut client, since, args.only_agent.as_deref(), &today)?;
    let text = match args.format {
        crate::cli::ReportFormat::Json => format!("{}\n", serde_json::to_string_pretty(&rep)?),
        crate::cli::ReportFormat::Csv => team::report::csv(&rep),
        crate::cli::ReportFormat::Table => team::report::table(&rep),
    };
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}
