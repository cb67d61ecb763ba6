//! Command-line interface definitions (clap derive). Dispatch lives in
//! `main.rs`; each command's work lives in its own module.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// callcoach — a terminal coach for complaint calls.
///
/// With no command it opens the live call screen on the built-in Dutch playbook.
#[derive(Debug, Parser)]
#[command(name = "callcoach", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Directory of the local store (default: the XDG data directory,
    /// e.g. ~/.local/share/callcoach).
    #[arg(long, global = true, env = "CALLCOACH_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// When to use colour: auto (on a terminal, unless NO_COLOR is set or
    /// TERM=dumb; CLICOLOR=0 and CLICOLOR_FORCE=1 are honoured), always or
    /// never.
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t)]
    pub color: crate::output::ColorWhen,
    /// Your name: fills `{agent}`, signs e-mails, and is stored with every
    /// call you take (default: `agent` in the config file).
    #[arg(long, global = true, env = "CALLCOACH_AGENT", value_name = "NAME")]
    pub agent: Option<String>,

    /// Interface language (default: `language` in the config file, else the
    /// playbook's; Dutch for listings and reports).
    #[arg(long, global = true, env = "CALLCOACH_LANG", value_enum)]
    pub lang: Option<LangArg>,

    /// What to do; the live call screen when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the live call screen.
    Call(CallArgs),
    /// Check, show, list or create playbooks.
    #[command(subcommand)]
    Playbook(PlaybookCommand),
    /// Print a JSON Schema for editors (yaml-language-server).
    Schema {
        /// Which file format.
        #[arg(value_enum)]
        kind: SchemaKind,
    },
    /// Print the script that makes your shell complete callcoach's
    /// commands, options and playbook and scenario names (ask each time, so
    /// new ones are offered at once), e.g. `source <(callcoach completions bash)`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), or write one page per command to a directory.
    Man {
        /// Write `callcoach.1`, `callcoach-call.1` … (one per command and
        /// subcommand) into this directory, e.g. ~/.local/share/man/man1.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Stored calls: list, show, export.
    #[command(subcommand)]
    Calls(CallsCommand),
    /// Due and overdue follow-ups.
    Followups(FollowupsArgs),
    /// Delete calls older than a given age.
    Purge {
        /// Age, e.g. `90d`, `12w`, `6m`.
        #[arg(long, value_name = "AGE", value_parser = age_arg)]
        older_than: String,
        /// Only say what would be deleted.
        #[arg(long)]
        dry_run: bool,
    },
    /// Delete everything stored about one customer.
    Erase {
        /// The customer reference.
        #[arg(long, value_name = "REF")]
        customer: String,
        /// Only say what would be deleted.
        #[arg(long)]
        dry_run: bool,
    },
    /// The privacy policy in effect: retention period, when it last ran, what it removed.
    Privacy,
    /// Practise with a scripted customer.
    Practice(PracticeArgs),
    /// Check practice scenarios.
    #[command(subcommand)]
    Scenario(ScenarioCommand),
    /// Results of practice sessions and real calls.
    Report(ReportArgs),
    /// The team database: set up, sync, status, publish (needs CALLCOACH_TEAM_URL
    /// or team.url in the settings file).
    #[command(subcommand)]
    Team(TeamCommand),
}

/// `callcoach team …`
#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Create or update the team database's schema, roles and access rules (administrator).
    Init,
    /// Send ended calls and finished practice sessions to the team database now.
    Sync {
        /// Print nothing (used by the background sync after a call).
        #[arg(long)]
        quiet: bool,
    },
    /// Show what is waiting to be sent and the last error.
    Status,
    /// Publish a playbook or scenario file to the team (team leads); agents
    /// get it with the next sync and use it by id, also offline.
    Publish {
        /// The playbook or scenario file (checked first).
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Watch the team's calls in progress, updated as they change (team lead).
    Live,
}

/// Options of the live call screen.
#[derive(Debug, Args, Default, Clone)]
pub struct CallArgs {
    /// Playbook: a file (watched and reloaded when it changes), or a name —
    /// your playbook directory's, the team's published ones, the built-ins.
    #[arg(long, value_name = "FILE|NAME", add = crate::load::complete::playbooks())]
    pub playbook: Option<String>,
    /// Customer reference (a ticket or account number, for the record; not
    /// a name). Only an unfinished call of this customer is offered to resume.
    #[arg(long, value_name = "REF")]
    pub customer: Option<String>,
    /// How to address the customer in phrases and the e-mail (a name or
    /// salutation, e.g. "mevrouw Jansen"); changeable during the call.
    #[arg(long, value_name = "NAME")]
    pub address: Option<String>,
    /// How the customer is in contact (default: `channel` in the config file, else phone).
    #[arg(long, value_enum)]
    pub channel: Option<ChannelArg>,
    /// Set from the global `--lang`.
    #[arg(skip)]
    pub lang: Option<LangArg>,
    /// Set from the global `--agent` (or the config file).
    #[arg(skip)]
    pub agent: Option<String>,
    /// Live transcript from a speech-to-text program: a FIFO, a file being
    /// appended to, or `unix:PATH` (a socket to listen on). Repeat for one
    /// source per audio channel. Never standard input. Default:
    /// `transcript.source` in the config file.
    #[arg(long = "transcript", value_name = "SOURCE")]
    pub transcript: Vec<String>,
    /// Format of the transcript sources (default: `transcript.format` in
    /// the config file, else jsonl).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub transcript_format: Option<TranscriptFormatArg>,
    /// Who speaks in each `vosk`/`whisper-stream` source, in the order of
    /// `--transcript` (default: agent). `jsonl` lines name their speaker.
    #[arg(long = "transcript-speaker", value_enum, value_name = "WHO")]
    pub transcript_speaker: Vec<SpeakerArg>,
    /// Set from the config file's `transcript.store`.
    #[arg(skip)]
    pub transcript_store: Option<bool>,
    /// Accessible line mode for screen readers: nothing drawn, the stage,
    /// checklist and nudges announced as lines, every typed line saved to
    /// the notes, commands start with `/` (`/help`). Also when TERM=dumb.
    #[arg(long)]
    pub plain: bool,
}

/// A transcript format on the command line.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum TranscriptFormatArg {
    /// callcoach's JSON Lines (`callcoach schema transcript`).
    Jsonl,
    /// Vosk's result objects.
    Vosk,
    /// whisper.cpp's `whisper-stream --step 0` output.
    WhisperStream,
}

/// A transcript speaker on the command line.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SpeakerArg {
    /// The agent (you).
    Agent,
    /// The customer.
    Customer,
}

/// A contact channel on the command line.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ChannelArg {
    /// On the telephone.
    Phone,
    /// Face to face.
    InPerson,
}

impl LangArg {
    /// The language it names.
    pub fn language(self) -> crate::playbook::Language {
        match self {
            LangArg::Nl => crate::playbook::Language::Nl,
            LangArg::En => crate::playbook::Language::En,
        }
    }

    /// The flag value for `lang`.
    pub fn of(lang: crate::playbook::Language) -> LangArg {
        match lang {
            crate::playbook::Language::Nl => LangArg::Nl,
            crate::playbook::Language::En => LangArg::En,
        }
    }
}

impl ChannelArg {
    /// The channel it names.
    pub fn channel(self) -> crate::playbook::Channel {
        match self {
            ChannelArg::Phone => crate::playbook::Channel::Phone,
            ChannelArg::InPerson => crate::playbook::Channel::InPerson,
        }
    }
}

/// An interface language on the command line.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum LangArg {
    /// Dutch.
    Nl,
    /// English.
    En,
}

/// `callcoach playbook …`
#[derive(Debug, Subcommand)]
pub enum PlaybookCommand {
    /// Validate playbook files; exit 1 when any is invalid.
    Check {
        /// Files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print a playbook readably (default: the built-in Dutch one).
    Show {
        /// Playbook file or name (as `call --playbook` takes).
        #[arg(value_name = "FILE|NAME", add = crate::load::complete::playbooks())]
        playbook: Option<String>,
        /// Print the traceability table: each source with every element compiled from it.
        #[arg(long)]
        sources: bool,
    },
    /// List built-in playbooks, published ones and those in your playbook directory.
    List {
        /// Print only the names a playbook can be asked for by, one a line
        /// (for scripts and shell completion).
        #[arg(long)]
        ids: bool,
    },
    /// Write an editable copy of a playbook (built-in, published, yours or
    /// a file) to your playbook directory, with a new id.
    New {
        /// Name of the new playbook (file NAME.yaml).
        name: String,
        /// Playbook to copy: a name (as `call --playbook` takes) or a file.
        #[arg(
            long,
            value_name = "NAME|FILE",
            default_value = "klachtgesprek",
            add = crate::load::complete::playbooks()
        )]
        from: String,
        /// Write here instead of the playbook directory.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// Which JSON Schema to print.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum SchemaKind {
    /// Playbook files.
    Playbook,
    /// Practice scenario files.
    Scenario,
    /// The JSON export of a call (`calls export --format json`).
    Export,
    /// Lines of the live transcript feed (JSON Lines).
    Transcript,
}

/// `callcoach calls …`
#[derive(Debug, Subcommand)]
pub enum CallsCommand {
    /// List stored calls, unfinished ones included.
    List {
        /// Only this customer.
        #[arg(long, value_name = "REF")]
        customer: Option<String>,
        /// Only calls on or after this date (YYYY-MM-DD).
        #[arg(long, value_name = "DATE", value_parser = date_arg)]
        since: Option<String>,
        /// A JSON array of the calls (moments in RFC 3339) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show one call (ID or `last`).
    Show {
        /// Call id or `last`.
        id: String,
    },
    /// Export one call, with --since every call from a date on (JSON Lines),
    /// or everything stored about one customer (`--customer REF --format json`).
    Export {
        /// Call id or `last`.
        #[arg(
            required_unless_present_any = ["since", "customer"],
            conflicts_with_all = ["since", "customer"]
        )]
        id: Option<String>,
        /// Every call started on or after this date (YYYY-MM-DD), oldest
        /// first, one JSON document a line (needs --format json).
        #[arg(long, value_name = "DATE", conflicts_with = "customer")]
        since: Option<String>,
        /// Everything stored about this customer, in one JSON file (right of access).
        #[arg(long, value_name = "REF")]
        customer: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "markdown")]
        format: ExportFormat,
        /// Write to this file (mode 0600) instead of standard output.
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

/// Export formats.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ExportFormat {
    /// Summary for a ticket.
    Markdown,
    /// Everything, machine-readable.
    Json,
    /// The confirmation e-mail (RFC 5322).
    Eml,
}

/// `callcoach followups …`
#[derive(Debug, Args)]
pub struct FollowupsArgs {
    /// Write the follow-ups as an iCalendar file.
    #[arg(long, conflicts_with = "json")]
    pub ics: bool,
    /// Print the open follow-ups as a JSON array (dates `YYYY-MM-DD`).
    #[arg(long)]
    pub json: bool,
    /// Output file for --ics (default: standard output).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Reopen a call at the follow-up stage.
    #[command(subcommand)]
    pub action: Option<FollowupsAction>,
}

/// `callcoach followups open ID`
#[derive(Debug, Subcommand)]
pub enum FollowupsAction {
    /// Reopen the call at `follow_up` to check its agreements.
    Open {
        /// Call id.
        id: String,
    },
}

/// `callcoach practice …`
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct PracticeArgs {
    /// Tools around practice (`classify`).
    #[command(subcommand)]
    pub command: Option<PracticeCommand>,
    /// Scenario id or file; omit to pick from a list.
    #[arg(add = crate::load::complete::scenarios())]
    pub scenario: Option<String>,
    /// Exam mode: no coaching, feedback at the end.
    #[arg(long)]
    pub exam: bool,
    /// Play these option numbers non-interactively, e.g. 2,1,3,1.
    #[arg(long, value_delimiter = ',', value_name = "N,N,…")]
    pub answers: Option<Vec<usize>>,
    /// Trainee name stored with the result.
    #[arg(long, env = "CALLCOACH_TRAINEE", value_name = "NAME")]
    pub trainee: Option<String>,
    /// Set from the global `--lang` (default: the scenario's language).
    #[arg(skip)]
    pub lang: Option<LangArg>,
}

/// `callcoach practice <tool>`
#[derive(Debug, Subcommand)]
pub enum PracticeCommand {
    /// Classify a typed reply: print the move heard and why.
    ///
    /// With --jsonl, read `{"lang": "nl"|"en", "text": "…"}` lines on
    /// standard input and write `{"move": ID or null, "confidence": 0–1,
    /// "why": […]}` lines.
    Classify(ClassifyArgs),
}

/// `callcoach practice classify …`
#[derive(Debug, Args)]
pub struct ClassifyArgs {
    /// The reply to classify (omit with --jsonl).
    #[arg(required_unless_present = "jsonl", conflicts_with = "jsonl")]
    pub text: Option<String>,
    /// Language of the reply (default: the scenario's, else nl); a JSON
    /// line's own `lang` wins.
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// Add this scenario's own cues (id or file), as during practice.
    #[arg(long, value_name = "ID|FILE", add = crate::load::complete::scenarios())]
    pub scenario: Option<String>,
    /// Read JSON lines on standard input, write JSON lines.
    #[arg(long)]
    pub jsonl: bool,
}

/// `callcoach scenario …`
#[derive(Debug, Subcommand)]
pub enum ScenarioCommand {
    /// List the scenarios: built-in, published and your own.
    List {
        /// Print only their ids, one a line (for scripts and shell completion).
        #[arg(long)]
        ids: bool,
    },
    /// Write a new scenario to your scenario directory, starting from an
    /// existing one, with the scenario schema beside it for your editor.
    New {
        /// Id of the new scenario (file NAME.LANG.yaml).
        name: String,
        /// Scenario to start from: an id or a file (default: the built-in
        /// `sweat-stains` in the language asked for).
        #[arg(
            long,
            value_name = "ID|FILE",
            default_value = "sweat-stains",
            add = crate::load::complete::scenarios()
        )]
        from: String,
        /// Write here instead of your scenario directory.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Validate scenarios and print their best and worst reachable scores.
    Check {
        /// Files to check.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

/// `callcoach report …`
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Only this trainee.
    #[arg(long, value_name = "NAME")]
    pub trainee: Option<String>,
    /// Only this scenario.
    #[arg(long, value_name = "ID")]
    pub scenario: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ReportFormat,
    /// Set from the global `--lang` and the config file: the table's language.
    #[arg(skip)]
    pub lang: Option<LangArg>,
    /// Report over the team database (all agents) instead of this machine.
    #[arg(long)]
    pub team: bool,
    /// With --team: only calls and practice from this date on (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", requires = "team")]
    pub since: Option<String>,
    /// With --team: only this agent (their database login name). Not
    /// `--agent`, which is everyone's own name (global option).
    #[arg(long = "only-agent", value_name = "NAME", requires = "team")]
    pub only_agent: Option<String>,
}

/// Report formats.
#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ReportFormat {
    /// A table (with a bar chart when interactive).
    Table,
    /// Comma-separated values.
    Csv,
    /// JSON.
    Json,
}

/// An age argument (`90d`, `12w`, `6m`, `1y`), checked while parsing the
/// command line so a mistake is a usage error (exit 2).
fn age_arg(s: &str) -> Result<String, String> {
    crate::store::Age::parse(s).map(|_| s.to_owned())
}

/// A date argument (`YYYY-MM-DD`), checked while parsing the command line
/// so a mistake is a usage error (exit 2).
fn date_arg(s: &str) -> Result<String, String> {
    s.trim()
        .parse::<jiff::civil::Date>()
        .map(|_| s.to_owned())
        .map_err(|_| {
            format!(
                "`{}` is not a date; use YYYY-MM-DD",
                crate::text::sanitize_line(s)
            )
        })
}
