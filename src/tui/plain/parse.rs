//! Reading a typed line: a note, or a command. Only a line whose very
//! first character is `/` (and not `//`) is a command, so nothing an agent
//! types as a note is ever taken for one; a note that starts with `/` is
//! typed as `//` and stored with one `/`.

use crate::i18n::plain::{EN, NL};

/// What a line asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    /// Text for the notes, as it is stored (one line).
    Note(String),
    /// A command.
    Command(Cmd),
    /// A `/word` that is no command (shown back, never stored).
    Unknown(String),
}

/// The commands of line mode, in the order of the words' tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cmd {
    /// Next stage.
    Next,
    /// Previous stage.
    Back,
    /// Next stage although required items are open.
    Skip,
    /// Tick or untick item N (1-based); `None` when no number was given.
    Tick(Option<usize>),
    /// The current stage again.
    Stage,
    /// The stage's phrases.
    Phrases,
    /// Mark phrase N (1-based) as used.
    Used(Option<usize>),
    /// Record an agreement: `who | what | date` or `what`.
    Agree(String),
    /// The customer flared up again.
    Flare,
    /// Mark the customer difficult (toggle).
    Difficult,
    /// End the call.
    End,
    /// Leave.
    Quit,
    /// The list of commands.
    Help,
}

/// Reads one typed line (without its line end).
pub fn parse(line: &str) -> Line {
    let Some(rest) = line.strip_prefix('/') else {
        return Line::Note(line.to_owned());
    };
    if rest.starts_with('/') {
        return Line::Note(rest.to_owned());
    }
    let (name, arg) = match rest.split_once(char::is_whitespace) {
        Some((n, a)) => (n, a.trim()),
        None => (rest, ""),
    };
    let name = name.to_lowercase();
    let index = [&NL, &EN]
        .iter()
        .find_map(|w| w.commands.iter().position(|c| c.name == name));
    let number = || arg.parse::<usize>().ok();
    let cmd = match index {
        Some(0) => Cmd::Next,
        Some(1) => Cmd::Back,
        Some(2) => Cmd::Skip,
        Some(3) => Cmd::Tick(number()),
        Some(4) => Cmd::Stage,
        Some(5) => Cmd::Phrases,
        Some(6) => Cmd::Used(number()),
        Some(7) => Cmd::Agree(arg.to_owned()),
        Some(8) => Cmd::Flare,
        Some(9) => Cmd::Difficult,
        Some(10) => Cmd::End,
        Some(11) => Cmd::Quit,
        Some(12) => Cmd::Help,
        _ => return Line::Unknown(line.to_owned()),
    };
    Line::Command(cmd)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn commands_in_both_languages() {
        assert_eq!(parse("/next"), Line::Command(Cmd::Next));
        assert_eq!(parse("/volgende"), Line::Command(Cmd::Next));
        assert_eq!(parse("/NEXT"), Line::Command(Cmd::Next));
        assert_eq!(parse("/tick 2"), Line::Command(Cmd::Tick(Some(2))));
        assert_eq!(parse("/vink  3 "), Line::Command(Cmd::Tick(Some(3))));
        assert_eq!(parse("/tick"), Line::Command(Cmd::Tick(None)));
        assert_eq!(parse("/tick twee"), Line::Command(Cmd::Tick(None)));
        assert_eq!(
            parse("/agree wij | jas sturen | 2026-12-01"),
            Line::Command(Cmd::Agree("wij | jas sturen | 2026-12-01".into()))
        );
        assert_eq!(parse("/einde"), Line::Command(Cmd::End));
        assert_eq!(parse("/hulp"), Line::Command(Cmd::Help));
        assert_eq!(parse("/quit"), Line::Command(Cmd::Quit));
    }

    #[test]
    fn notes_and_the_double_slash() {
        assert_eq!(parse("klant boos"), Line::Note("klant boos".into()));
        assert_eq!(parse(""), Line::Note(String::new()));
        assert_eq!(parse(" /next"), Line::Note(" /next".into()));
        assert_eq!(parse("//next"), Line::Note("/next".into()));
        assert_eq!(parse("//"), Line::Note("/".into()));
        assert_eq!(parse("///x"), Line::Note("//x".into()));
        assert_eq!(parse("A: wij | jas"), Line::Note("A: wij | jas".into()));
        // A slash word that is no command is not a note either: shown back.
        assert_eq!(parse("/etc/passwd"), Line::Unknown("/etc/passwd".into()));
        assert_eq!(parse("/"), Line::Unknown("/".into()));
    }

    proptest! {
        /// No ordinary note line — one that does not start with `/` — is
        /// ever taken as a command; it is stored exactly as typed.
        #[test]
        fn an_ordinary_line_is_always_a_note(line in "([^/].*)?") {
            prop_assert_eq!(parse(&line), Line::Note(line.clone()));
        }

        /// Whatever follows `//` is a note with one `/` in front.
        #[test]
        fn a_doubled_slash_is_always_a_note(rest in ".*") {
            prop_assert_eq!(parse(&format!("//{rest}")), Line::Note(format!("/{rest}")));
        }

        /// Any line at all is read without a panic, and a command only
        /// ever comes from a line that starts with a single `/`.
        #[test]
        fn commands_only_from_a_leading_slash(line in any::<String>()) {
            if let Line::Command(_) = parse(&line) {
                prop_assert!(line.starts_with('/') && !line.starts_with("//"));
            }
        }
    }
}
