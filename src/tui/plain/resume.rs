//! The unfinished-call question in line mode: the same card as the full
//! screen's chooser (printed by `commands::call::chooser::ask_plain`),
//! answered with a typed line. Only `/resume`, `/new` or
//! `/quit` (or their Dutch names) answer; any other line — a note typed
//! too early — asks again, so typing never picks an answer by accident.

use crate::i18n::plain::{EN, NL};
use crate::tui::chooser::keys::Choice;

/// The answer a typed line gives, if any.
pub fn choice(line: &str) -> Option<Choice> {
    let name = line.trim_end().strip_prefix('/')?.to_lowercase();
    let i = [&NL, &EN]
        .iter()
        .find_map(|w| w.resume_names.iter().position(|n| *n == name))?;
    [Choice::Resume, Choice::New, Choice::Stop].get(i).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_three_commands_answer() {
        assert_eq!(choice("/resume\n"), Some(Choice::Resume));
        assert_eq!(choice("/hervatten"), Some(Choice::Resume));
        assert_eq!(choice("/nieuw"), Some(Choice::New));
        assert_eq!(choice("/NEW"), Some(Choice::New));
        assert_eq!(choice("/stoppen"), Some(Choice::Stop));
        assert_eq!(choice("/quit"), Some(Choice::Stop));
        for line in [
            "resume",
            "nieuw",
            "h",
            "",
            "klant belt terug",
            "//resume",
            " /new",
        ] {
            assert_eq!(choice(line), None, "{line}");
        }
    }
}
