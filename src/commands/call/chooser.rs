//! The resume chooser shown before the call screen opens when an
//! unfinished call exists: which call it is (customer, start, stage, last
//! note line) and one key each to resume it, start a new call or stop.
//!
//! It takes only the keys it shows (its key table,
//! [`crate::tui::chooser::keys`], is both what it matches and what it
//! prints), and none of them types text: every other key is ignored, so
//! typing meant for the notes never picks an answer. The card and the key
//! matching are pure;
//! [`ask`] adds the terminal (raw mode for single keys).

use crate::engine::Timestamp;
use crate::i18n::cli::words;
use crate::playbook::Language;
use crate::store::{StoredCall, VersionFacts};
use crate::text::sanitize_line;
use crate::tui::chooser::keys;
use crate::tui::widgets::truncate;
use crossterm::event::Event;
use std::io::Write;

pub use crate::tui::chooser::keys::{Choice, choice_for};

/// What the chooser shows about the unfinished call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    /// Customer reference, with the form of address when there is one.
    pub customer: Option<String>,
    /// When it started (ms since the epoch).
    pub started_at: Timestamp,
    /// The stage it is in, by the playbook's title.
    pub stage: String,
    /// The last non-empty line of its notes, shortened.
    pub last_note: Option<String>,
    /// How many other unfinished calls there are.
    pub others: usize,
}

/// Longest note line shown.
const NOTE_CHARS: usize = 70;

impl Card {
    /// The card of a stored call: the stage titles of `facts` (of the
    /// version the call ran on, as the resumed screen shows it), else of
    /// the installed playbook of its id.
    pub fn of(
        call: &StoredCall,
        facts: Option<&VersionFacts>,
        others: usize,
        lang: Language,
    ) -> Card {
        let state = call.state();
        let stage = state
            .as_ref()
            .map_or(crate::stage::StageId::Listen, |s| s.stage);
        let installed;
        let facts = match facts {
            Some(f) => Some(f),
            None => {
                installed = crate::export::playbook_for(&call.info.playbook_id)
                    .ok()
                    .map(|(pb, _)| VersionFacts::of(&pb));
                installed.as_ref()
            }
        };
        let title = facts
            .and_then(|f| f.title(stage))
            .map(sanitize_line)
            .unwrap_or_else(|| crate::i18n::stage_name(stage, lang).to_owned());
        let address = state.as_ref().and_then(|s| s.address.clone());
        let customer = match (&call.info.customer, address) {
            (Some(c), Some(a)) => Some(format!("{} ({})", sanitize_line(c), sanitize_line(&a))),
            (Some(c), None) => Some(sanitize_line(c)),
            (None, Some(a)) => Some(format!("({})", sanitize_line(&a))),
            (None, None) => None,
        };
        let last_note = call
            .notes
            .lines()
            .rev()
            .map(|l| sanitize_line(l).trim().to_owned())
            .find(|l| !l.is_empty())
            .map(|l| truncate(&l, NOTE_CHARS));
        Card {
            customer,
            started_at: call.info.started_at,
            stage: title,
            last_note,
            others,
        }
    }

    /// The lines to print, in `lang`, ending with the keys.
    pub fn lines(&self, lang: Language) -> Vec<String> {
        let w = words(lang);
        let labels = w.unfinished_labels;
        let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0) + 2;
        let row = |label: &str, value: &str| format!("  {label:<width$}{value}");
        let mut out = vec![
            w.unfinished_title.to_owned(),
            row(labels[0], self.customer.as_deref().unwrap_or(w.no_customer)),
            row(labels[1], &crate::export::local_time(self.started_at)),
            row(labels[2], &self.stage),
            row(labels[3], self.last_note.as_deref().unwrap_or(w.no_notes)),
        ];
        if self.others > 0 {
            out.push(format!(
                "  {}",
                w.more_unfinished.replace("{n}", &self.others.to_string())
            ));
        }
        out.push(String::new());
        let key_width = keys::bindings(lang)
            .map(|b| b.label().chars().count())
            .max()
            .unwrap_or(0)
            + 2;
        for b in keys::bindings(lang) {
            out.push(format!("  {:<key_width$}{}", b.label(), b.describe(lang)));
        }
        out
    }
}

/// Shows `card` on standard error and waits for one of its keys (raw
/// mode, so a single key answers). A closed input stops.
pub fn ask(card: &Card, lang: Language) -> anyhow::Result<Choice> {
    show(card, lang)?;
    wait(lang)
}

/// The first half of [`ask`]: shows `card` and puts the terminal in raw
/// mode. The caller may prepare what any answer needs, then [`wait`]s.
pub fn show(card: &Card, lang: Language) -> anyhow::Result<()> {
    // A line longer than the terminal would wrap into the next one.
    let cols = crossterm::terminal::size().map_or(usize::MAX, |(c, _)| usize::from(c.max(20)));
    let mut text = String::new();
    for line in card.lines(lang) {
        text.push_str(&truncate(&line, cols));
        text.push('\n');
    }
    // One write: standard error is unbuffered, and a write per line made
    // the question appear piece by piece (26 writes to the terminal).
    let mut err = std::io::stderr().lock();
    err.write_all(text.as_bytes())?;
    err.flush()?;
    crossterm::terminal::enable_raw_mode()?;
    Ok(())
}

/// The second half of [`ask`]: waits for one of the card's keys (a closed
/// input stops) and leaves raw mode.
pub fn wait(lang: Language) -> anyhow::Result<Choice> {
    let mut err = std::io::stderr();
    let choice = loop {
        match crossterm::event::read() {
            Ok(Event::Key(k)) => {
                if let Some(c) = choice_for(lang, &k) {
                    break c;
                }
            }
            Ok(_) => {}
            Err(_) => break Choice::Stop,
        }
    };
    let _ = crossterm::terminal::disable_raw_mode();
    writeln!(err)?;
    Ok(choice)
}

/// Line mode's [`ask`]: prints `card` (without the keys) and reads typed
/// lines until one answers (`/resume`, `/new`, `/quit` or their Dutch
/// names; see [`crate::tui::plain::resume`]). End of input stops.
pub fn ask_plain(card: &Card, lang: Language) -> anyhow::Result<Choice> {
    use std::io::BufRead;
    let mut out = std::io::stdout();
    for line in card.lines(lang).iter().take_while(|l| !l.is_empty()) {
        writeln!(out, "{line}")?;
    }
    let stdin = std::io::stdin();
    loop {
        writeln!(out, "{}", crate::i18n::plain::words(lang).resume_prompt)?;
        out.flush()?;
        let mut line = String::new();
        if stdin.lock().read_line(&mut line)? == 0 {
            return Ok(Choice::Stop);
        }
        if let Some(c) = crate::tui::plain::resume::choice(&line) {
            return Ok(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_cut_to_the_terminal_with_an_ellipsis() {
        let line = format!("  laatste notitie  {}", "de klant is boos ".repeat(5));
        let cut = truncate(&line, 80);
        assert_eq!(cut.chars().count(), 80);
        assert!(cut.ends_with('…'));
        assert_eq!(truncate("kort", 80), "kort");
        // Cut by the columns a line takes, so wide characters do not wrap it.
        let wide = truncate(&format!("  klant  {}", "犬".repeat(60)), 80);
        assert_eq!(unicode_width::UnicodeWidthStr::width(wide.as_str()), 80);
    }

    #[test]
    fn every_key_is_shown_and_the_card_says_which_call() {
        let card = Card {
            customer: Some("KL-10442 (mevrouw Jansen)".into()),
            started_at: 0,
            stage: "Vragen stellen".into(),
            last_note: Some("klant wil creditnota".into()),
            others: 2,
        };
        for lang in [Language::Nl, Language::En] {
            let text = card.lines(lang).join("\n");
            for b in keys::bindings(lang) {
                let label = b.label();
                assert!(
                    text.contains(&format!("  {label} ")),
                    "{label} missing:\n{text}"
                );
            }
            for part in [
                "KL-10442 (mevrouw Jansen)",
                "Vragen stellen",
                "klant wil creditnota",
                "2",
            ] {
                assert!(text.contains(part), "{part} missing:\n{text}");
            }
        }
        let nl = card.lines(Language::Nl).join("\n");
        assert!(nl.contains("hervatten") && !nl.contains("resume"), "{nl}");
        assert_eq!(truncate(&"x".repeat(80), 10).chars().count(), 10);
    }
}
