//! The user's settings: a small YAML file in the XDG config directory
//! (`~/.config/callcoach/config.yaml`, or the file `CALLCOACH_CONFIG`
//! names), merged with the command line and the environment.
//!
//! ```yaml
//! agent: Eva de Vries      # signs e-mails, fills {agent}; stored with every call
//! playbook: klachtgesprek  # built-in name, a file in the playbook directory, or a path
//! language: nl             # interface language: nl or en
//! channel: phone           # phone or in_person
//! retention: 90d           # how long ended calls are kept, or `off`
//! team:                    # optional: the team database (see README, "A team")
//!   url: "host=db.example.org dbname=callcoach user=eva sslmode=verify-full"
//!   live: true             # send the small call status to `team live`
//! transcript:              # optional: a live speech-to-text feed
//!   source: /run/user/1000/callcoach.fifo
//!   format: jsonl          # jsonl, vosk or whisper-stream
//!   store: false           # keep the transcript with the call
//! ```
//!
//! Every key is optional and a missing file means no settings. A broken
//! file is an error that names the file, line and column (the same located
//! diagnostics as playbooks: unknown keys with did-you-mean, wrong values).
//! Precedence: command-line flag, then environment (`CALLCOACH_AGENT`), then
//! this file, then the built-in default.

use crate::diagnostic::{Diagnostic, Problem};
use crate::playbook::{Channel, Language};
use crate::text::{find_forbidden, sanitize_line};
use serde::Deserialize;
use std::path::PathBuf;

/// Longest agent name accepted.
pub const MAX_AGENT_CHARS: usize = 80;

/// The settings file's content.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The agent's name.
    #[serde(default)]
    pub agent: Option<String>,
    /// The default playbook: a built-in name, a file in the playbook
    /// directory, or a path.
    #[serde(default)]
    pub playbook: Option<String>,
    /// The interface language.
    #[serde(default)]
    pub language: Option<Language>,
    /// The usual contact channel.
    #[serde(default)]
    pub channel: Option<Channel>,
    /// How long ended calls are kept (e.g. `90d`, `off`); read and applied
    /// by `store::retention`, accepted here so the file has one schema.
    #[serde(default)]
    pub retention: Option<String>,
    /// The team database, if this agent belongs to one.
    #[serde(default)]
    pub team: Option<TeamConfig>,
    /// The default live transcript feed for calls.
    #[serde(default)]
    pub transcript: Option<TranscriptConfig>,
}

/// The `team:` section of the settings file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamConfig {
    /// libpq-style connection string or URL of the team database
    /// (`CALLCOACH_TEAM_URL` wins over it). Passwords belong in `~/.pgpass`
    /// or `PGPASSWORD`, not here.
    #[serde(default)]
    pub url: Option<String>,
    /// Whether a call in progress sends its status (stage, times, flags —
    /// never notes) to the team's live view; on when absent.
    #[serde(default)]
    pub live: Option<bool>,
}

/// The `transcript:` section of the settings file: defaults for
/// `call --transcript`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranscriptConfig {
    /// FIFO, followed file or Unix socket path to read the feed from.
    #[serde(default)]
    pub source: Option<String>,
    /// The feed's format: `jsonl`, `vosk` or `whisper-stream`.
    #[serde(default)]
    pub format: Option<String>,
    /// Whether the transcript is stored with the call (default: not).
    #[serde(default)]
    pub store: Option<bool>,
}

/// Where the settings file is: `CALLCOACH_CONFIG`, else
/// `$XDG_CONFIG_HOME/callcoach/config.yaml`.
pub fn path() -> Option<PathBuf> {
    use etcetera::BaseStrategy;
    match std::env::var_os("CALLCOACH_CONFIG").filter(|p| !p.is_empty()) {
        Some(p) => Some(PathBuf::from(p)),
        None => etcetera::choose_base_strategy()
            .ok()
            .map(|s| s.config_dir().join("callcoach").join("config.yaml")),
    }
}

/// Reads the settings file; no file (or no home directory) means no
/// settings. An unreadable or broken file gives located diagnostics.
pub fn load() -> Result<Config, Vec<Diagnostic>> {
    match path() {
        Some(p) if p.exists() => crate::load::load_yaml(&p, rules),
        _ => Ok(Config::default()),
    }
}

/// What the settings file may not contain beyond its shape.
pub fn rules(c: &Config) -> Vec<Problem> {
    let mut out = Vec::new();
    if let Some(a) = &c.agent {
        if a.trim().is_empty() {
            out.push(
                Problem::new("agent", "empty agent name")
                    .expected("your name as customers should read it, e.g. `Eva de Vries`")
                    .hint("write your name, or remove the line"),
            );
        } else if let Some((i, ch)) = find_forbidden(a) {
            out.push(
                Problem::new(
                    "agent",
                    format!(
                        "control character U+{:04X} at character {}",
                        ch as u32,
                        i + 1
                    ),
                )
                .expected("plain text on one line")
                .hint("retype the name; it may have come in with copy-and-paste"),
            );
        } else if a.chars().count() > MAX_AGENT_CHARS {
            out.push(
                Problem::new("agent", "agent name too long")
                    .expected(format!("at most {MAX_AGENT_CHARS} characters"))
                    .hint("use the name you sign e-mails with"),
            );
        }
    }
    if let Some(p) = &c.playbook
        && (p.trim().is_empty() || find_forbidden(p).is_some())
    {
        out.push(
            Problem::new("playbook", "no usable playbook name")
                .expected("a built-in name (`klachtgesprek`, `complaint-call`), a name from your playbook directory, or a path")
                .hint("`callcoach playbook list` shows the playbooks available"),
        );
    }
    if let Some(f) = c.transcript.as_ref().and_then(|t| t.format.as_deref())
        && crate::transcript::Format::parse(f).is_none()
    {
        out.push(
            Problem::new("transcript.format", "unknown transcript format")
                .expected("`jsonl`, `vosk` or `whisper-stream`")
                .hint("the format your speech-to-text program writes (see the README, \"Live transcript feed\")"),
        );
    }
    out
}

/// The settings in effect for one run: command line and environment over
/// the file.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The data directory given (flag or `CALLCOACH_DATA_DIR`).
    pub data_dir: Option<PathBuf>,
    /// `--agent` or `CALLCOACH_AGENT`.
    pub agent_arg: Option<String>,
    /// `--lang`.
    pub lang_arg: Option<Language>,
    /// The settings file.
    pub file: Config,
}

impl Settings {
    /// The agent's name: flag or environment, else the file; one clean line.
    pub fn agent(&self) -> Option<String> {
        self.agent_arg
            .as_deref()
            .or(self.file.agent.as_deref())
            .map(|a| sanitize_line(a).trim().to_owned())
            .filter(|a| !a.is_empty())
    }

    /// The interface language asked for (flag, else the file), if any.
    pub fn lang(&self) -> Option<Language> {
        self.lang_arg.or(self.file.language)
    }

    /// The language of command-line output: the one asked for, else the
    /// default playbook's (Dutch for the built-in default).
    pub fn cli_lang(&self) -> Language {
        self.lang().unwrap_or_else(|| {
            self.file
                .playbook
                .as_deref()
                .and_then(|p| crate::load::resolve(p).ok())
                .map_or(Language::Nl, |(pb, _)| pb.language)
        })
    }

    /// The playbook to use when none is given on the command line: the
    /// file's, else the built-in one in the language asked for.
    pub fn default_playbook(&self) -> Option<String> {
        self.file.playbook.clone().or_else(|| {
            self.lang().map(|l| {
                let name = match l {
                    Language::Nl => "klachtgesprek",
                    Language::En => "complaint-call",
                };
                name.to_owned()
            })
        })
    }

    /// The channel: flag, else the file, else the phone.
    pub fn channel(&self, arg: Option<Channel>) -> Channel {
        arg.or(self.file.channel).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> Result<Config, Vec<Diagnostic>> {
        crate::yaml::load_str("config.yaml", yaml.as_bytes(), rules)
    }

    #[test]
    fn every_key_is_optional_and_read() {
        assert_eq!(parse("{}\n"), Ok(Config::default()));
        let c = parse(
            "agent: Eva de Vries\nplaybook: complaint-call\nlanguage: en\nchannel: in_person\n",
        );
        assert_eq!(
            c,
            Ok(Config {
                agent: Some("Eva de Vries".into()),
                playbook: Some("complaint-call".into()),
                language: Some(Language::En),
                channel: Some(Channel::InPerson),
                ..Config::default()
            })
        );
    }

    #[test]
    fn team_and_transcript_sections_are_read_and_checked() {
        let c = parse(
            "team:\n  url: host=/tmp dbname=cc\n  live: false\ntranscript:\n  source: /tmp/feed\n  format: vosk\n  store: true\n",
        );
        let Ok(c) = c else { panic!("{c:?}") };
        assert_eq!(
            c.team,
            Some(TeamConfig {
                url: Some("host=/tmp dbname=cc".into()),
                live: Some(false),
            })
        );
        let t = c.transcript.unwrap_or_default();
        assert_eq!(t.source.as_deref(), Some("/tmp/feed"));
        assert_eq!(t.format.as_deref(), Some("vosk"));
        assert_eq!(t.store, Some(true));
        let e = parse("transcript:\n  source: /tmp/feed\n  format: wisper\n").unwrap_err();
        assert!(e[0].to_string().contains("config.yaml:3:"), "{}", e[0]);
        assert!(e[0].to_string().contains("whisper-stream"), "{}", e[0]);
        let e = parse("team:\n  urll: x\n").unwrap_err();
        assert!(e[0].to_string().contains("config.yaml:2:"), "{}", e[0]);
    }

    #[test]
    fn a_broken_file_names_line_and_column() {
        let e = parse("agent: Eva\nlanguag: en\n").unwrap_err();
        let text = e[0].to_string();
        assert!(text.contains("config.yaml:2:1"), "{text}");
        assert!(text.contains("language"), "did-you-mean missing: {text}");
        let e = parse("agent: Eva\nlanguage: fr\n").unwrap_err();
        assert!(e[0].to_string().contains("config.yaml:2:"), "{}", e[0]);
        let e = parse("agent: \"\\e[2J\"\n").unwrap_err();
        assert!(e[0].to_string().contains("control character"), "{}", e[0]);
        let e = parse("agent: [a\n").unwrap_err();
        assert!(e[0].to_string().contains("--> config.yaml:"), "{}", e[0]);
    }

    #[test]
    fn flags_win_over_the_file() {
        let file = Config {
            agent: Some("Eva".into()),
            language: Some(Language::En),
            ..Config::default()
        };
        let mut s = Settings {
            file,
            ..Settings::default()
        };
        assert_eq!(s.agent().as_deref(), Some("Eva"));
        assert_eq!(s.cli_lang(), Language::En);
        assert_eq!(s.default_playbook().as_deref(), Some("complaint-call"));
        s.agent_arg = Some(" Bob\x1b[2J ".into());
        s.lang_arg = Some(Language::Nl);
        assert_eq!(s.agent().as_deref(), Some("Bob[2J"));
        assert_eq!(s.cli_lang(), Language::Nl);
        assert_eq!(s.default_playbook().as_deref(), Some("klachtgesprek"));
        assert_eq!(Settings::default().cli_lang(), Language::Nl);
        assert_eq!(Settings::default().default_playbook(), None);
        assert_eq!(Settings::default().channel(None), Channel::Phone);
    }
}
