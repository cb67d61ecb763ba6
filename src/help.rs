//! Help beyond the list of options, in one place for `--help` and the man
//! pages: examples for the main commands, and the environment variables,
//! files and exit statuses every page documents.

use crate::cli::Cli;
use clap::CommandFactory;

/// An example: the command line and what it does.
pub type Example = (&'static str, &'static str);

/// Examples per command, by the command's path below `callcoach` (the
/// empty path is `callcoach` itself).
pub const EXAMPLES: &[(&[&str], &[Example])] = &[
    (
        &[],
        &[
            (
                "callcoach",
                "open the live call screen on the built-in Dutch playbook",
            ),
            (
                "callcoach call --playbook team --customer T-1042",
                "a call with your own playbook, for ticket T-1042",
            ),
            (
                "callcoach playbook check team.yaml",
                "check a playbook you edited",
            ),
            (
                "callcoach man --dir ~/.local/share/man/man1",
                "install the manual pages",
            ),
        ],
    ),
    (
        &["call"],
        &[
            (
                "callcoach call",
                "the built-in Dutch playbook, on the phone",
            ),
            (
                "callcoach call --playbook complaint-call --lang en",
                "the built-in English playbook",
            ),
            (
                "callcoach call --playbook ~/team.yaml --customer T-1042 --channel in-person",
                "your own playbook (reloaded when you save it), a customer at the counter",
            ),
            (
                "callcoach call --plain --customer T-1042",
                "plain lines for a screen reader; /help lists the commands",
            ),
        ],
    ),
    (
        &["playbook", "check"],
        &[
            ("callcoach playbook check team.yaml", "check one file"),
            (
                "callcoach playbook check ~/.config/callcoach/playbooks/*.yaml",
                "check all your playbooks; exit status 1 when any is invalid",
            ),
        ],
    ),
    (
        &["playbook", "new"],
        &[
            (
                "callcoach playbook new team",
                "copy the Dutch playbook to your playbook directory as team.yaml",
            ),
            (
                "callcoach playbook new team-en --from complaint-call --dir .",
                "copy the English one into the current directory",
            ),
        ],
    ),
    (
        &["playbook", "show"],
        &[
            (
                "callcoach playbook show team",
                "print your playbook `team` readably",
            ),
            (
                "callcoach playbook show --sources",
                "which elements were compiled from which source",
            ),
        ],
    ),
    (
        &["calls", "export"],
        &[
            (
                "callcoach calls export last",
                "the last call's summary as Markdown",
            ),
            (
                "callcoach calls export last --format eml -o confirm.eml",
                "the confirmation e-mail, to open in a mail program",
            ),
        ],
    ),
    (
        &["followups"],
        &[
            ("callcoach followups", "due and overdue follow-ups"),
            (
                "callcoach followups --ics -o followups.ics",
                "the same as calendar to-dos",
            ),
        ],
    ),
    (
        &["practice"],
        &[
            ("callcoach practice", "pick a scenario from a list"),
            (
                "callcoach practice sweat-stains --exam --trainee sam",
                "an exam: no coaching, feedback at the end",
            ),
        ],
    ),
    (
        &["scenario", "check"],
        &[(
            "callcoach scenario check my-scenario.yaml",
            "check a scenario and print its best and worst reachable score",
        )],
    ),
    (
        &["report"],
        &[
            (
                "callcoach report",
                "practice results and real calls as a table",
            ),
            (
                "callcoach report --trainee sam --format csv > sam.csv",
                "one trainee's results for a spreadsheet",
            ),
        ],
    ),
    (
        &["man"],
        &[
            ("callcoach man | man -l -", "read the main page"),
            (
                "callcoach man --dir ~/.local/share/man/man1",
                "write one page per command where man(1) finds them",
            ),
        ],
    ),
];

/// An environment variable and what it does; `commands` are the command
/// paths it matters to (empty: every command).
pub struct EnvVar {
    /// The name.
    pub name: &'static str,
    /// What it does.
    pub what: &'static str,
    /// The first words of the commands it concerns; empty for all.
    pub commands: &'static [&'static str],
}

/// The environment variables callcoach reads.
pub const ENVIRONMENT: &[EnvVar] = &[
    EnvVar {
        name: "CALLCOACH_DATA_DIR",
        what: "Directory of the local store, as --data-dir (the option wins).",
        commands: &[],
    },
    EnvVar {
        name: "CALLCOACH_AGENT",
        what: "Your name, for {agent} in phrases and the e-mail, as --agent.",
        commands: &["call", "calls"],
    },
    EnvVar {
        name: "CALLCOACH_TRAINEE",
        what: "Trainee name stored with practice results, as --trainee; USER when unset.",
        commands: &["practice"],
    },
    EnvVar {
        name: "NO_COLOR",
        what: "When set and not empty, no colours (unless --color always).",
        commands: &[],
    },
    EnvVar {
        name: "CLICOLOR_FORCE",
        what: "When set and not empty, colours even into a pipe or file (unless NO_COLOR or --color never).",
        commands: &[],
    },
    EnvVar {
        name: "CLICOLOR",
        what: "0 turns colours off.",
        commands: &[],
    },
    EnvVar {
        name: "TERM",
        what: "dumb turns colours off, and runs the call as plain lines (as call --plain).",
        commands: &[],
    },
    EnvVar {
        name: "XDG_DATA_HOME",
        what: "Base of the default store directory (default ~/.local/share).",
        commands: &[],
    },
    EnvVar {
        name: "XDG_CONFIG_HOME",
        what: "Base of your playbook directory (default ~/.config).",
        commands: &["call", "playbook"],
    },
];

/// The files callcoach reads and writes.
pub const FILES: &[(&str, &str)] = &[
    (
        "~/.local/share/callcoach/callcoach.db",
        "The store: calls, their events and notes, follow-ups and practice results (SQLite; with -wal and -shm beside it). The directory is 0700, the files 0600.",
    ),
    (
        "~/.local/share/callcoach/journal-*.jsonl",
        "Fallback journals of calls recorded while the database could not be written; imported and removed when it can be again.",
    ),
    (
        "~/.local/share/callcoach/locks/",
        "One lock per call being recorded.",
    ),
    (
        "~/.config/callcoach/playbooks/*.yaml",
        "Your playbooks, found by name (team for team.yaml); playbook new writes here, with playbook.schema.json for editors.",
    ),
];

/// The exit statuses.
pub const EXIT_STATUS: &[(&str, &str)] = &[
    ("0", "Success."),
    (
        "1",
        "Failure: an invalid playbook or scenario, a call or file not found, a store that cannot be opened.",
    ),
    (
        "2",
        "A usage error: an unknown option, a missing or invalid argument.",
    ),
];

/// The examples of the command at `path`.
pub fn examples(path: &[&str]) -> &'static [Example] {
    EXAMPLES
        .iter()
        .find(|(p, _)| *p == path)
        .map_or(&[], |(_, e)| *e)
}

/// The environment variables that matter to the command at `path`.
pub fn environment(path: &[&str]) -> impl Iterator<Item = &'static EnvVar> {
    let first = path.first().copied();
    ENVIRONMENT
        .iter()
        .filter(move |v| v.commands.is_empty() || first.is_none_or(|f| v.commands.contains(&f)))
}

/// The examples as `--help` shows them, after the options.
fn examples_text(examples: &[Example]) -> String {
    let mut out = String::from("Examples:\n");
    for (line, what) in examples {
        out.push_str(&format!("  {line}\n      {what}\n"));
    }
    out.trim_end().to_owned()
}

/// The command line definition with the examples added to `--help` of
/// the commands that have them: what `main` parses and the man pages
/// describe.
pub fn command() -> clap::Command {
    let mut cmd = Cli::command();
    for (path, examples) in EXAMPLES {
        cmd = with_examples(cmd, path, examples);
    }
    cmd
}

fn with_examples(cmd: clap::Command, path: &[&str], examples: &[Example]) -> clap::Command {
    match path.split_first() {
        None => cmd.after_long_help(examples_text(examples)),
        Some((first, rest)) => cmd.mut_subcommand(*first, |sub| with_examples(sub, rest, examples)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The command at `path`, if it exists.
    fn find<'a>(cmd: &'a clap::Command, path: &[&str]) -> Option<&'a clap::Command> {
        path.iter().try_fold(cmd, |c, name| c.find_subcommand(name))
    }

    #[test]
    fn every_example_belongs_to_a_command_and_parses() {
        let cmd = command();
        for (path, examples) in EXAMPLES {
            let sub = find(&cmd, path).unwrap_or_else(|| panic!("no command {path:?}"));
            assert!(sub.get_after_long_help().is_some(), "{path:?}");
            for (line, _) in *examples {
                let words: Vec<&str> = line
                    .split(" |")
                    .next()
                    .unwrap()
                    .split(" >")
                    .next()
                    .unwrap()
                    .split_whitespace()
                    .collect();
                assert!(line.starts_with(format!("callcoach {}", path.join(" ")).trim_end()));
                command()
                    .try_get_matches_from(&words)
                    .unwrap_or_else(|e| panic!("{line}: {e}"));
            }
        }
    }

    #[test]
    fn environment_is_chosen_per_command() {
        let names = |path: &[&str]| environment(path).map(|v| v.name).collect::<Vec<_>>();
        assert!(names(&["practice"]).contains(&"CALLCOACH_TRAINEE"));
        assert!(!names(&["report"]).contains(&"CALLCOACH_TRAINEE"));
        assert!(names(&["report"]).contains(&"NO_COLOR"));
        assert_eq!(names(&[]).len(), ENVIRONMENT.len());
    }
}
