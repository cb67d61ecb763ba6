//! What every screen's key table is made of: a [`Binding`] names the keys
//! (code and exact modifiers) that trigger an action in a context, and what
//! the action does in both languages. Labels are generated from the keys
//! themselves ([`label`]), so the footer, the help and the hint lines can
//! never leave out a key that is bound.
//!
//! This module and the screens' `keys` modules are the only places that
//! name key codes (a test in `tests/it/house_keys.rs` checks it).

use crate::i18n::Tr;
use crate::playbook::Language;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// One key: code and exact modifiers.
pub type Key = (KeyCode, KeyModifiers);

/// No modifier.
pub const NONE: KeyModifiers = KeyModifiers::NONE;
/// Alt.
pub const ALT: KeyModifiers = KeyModifiers::ALT;
/// Ctrl.
pub const CTRL: KeyModifiers = KeyModifiers::CONTROL;
/// Shift.
pub const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

/// A character key.
pub const fn c(ch: char) -> KeyCode {
    KeyCode::Char(ch)
}

/// The digit keys 1…9 with modifiers `m`.
pub const fn digits(m: KeyModifiers) -> [Key; 9] {
    [
        (c('1'), m),
        (c('2'), m),
        (c('3'), m),
        (c('4'), m),
        (c('5'), m),
        (c('6'), m),
        (c('7'), m),
        (c('8'), m),
        (c('9'), m),
    ]
}

/// A row of a key table.
#[derive(Debug)]
pub struct Binding<C: 'static, A: 'static> {
    /// Where it applies.
    pub context: C,
    /// The keys that trigger it (empty: described in help only).
    pub keys: &'static [Key],
    /// What it asks for.
    pub action: A,
    /// What it does (help, README).
    pub desc: Tr,
    /// The footer's short text; `None` keeps it out of the footer.
    pub footer: Option<Tr>,
}

impl<C, A> Binding<C, A> {
    /// The keys, written for people: `F2/Alt-←`, `Alt-1…9`.
    pub fn label(&self) -> String {
        label(self.keys)
    }

    /// The first key only, or the first run of digits (the footer's short
    /// form: `F2`, `Alt-1…9`).
    pub fn first_label(&self) -> String {
        label_parts(self.keys)
            .into_iter()
            .next()
            .unwrap_or_default()
    }

    /// What it does, in `lang`.
    pub fn describe(&self, lang: Language) -> &'static str {
        self.desc.get(lang)
    }
}

/// Normalises a key event for matching: `Shift` on a character is
/// dropped unless the character is an upper-case letter, and Ctrl chords
/// match whatever case the terminal sends.
pub fn normalise(key: &KeyEvent) -> Key {
    let mut mods = key.modifiers & (ALT | CTRL | SHIFT);
    if let KeyCode::Char(ch) = key.code {
        if !ch.is_ascii_uppercase() {
            mods.remove(SHIFT);
        }
        // A Ctrl or Alt chord does not depend on case: Caps Lock (which
        // sends the capital without Shift) or Shift must not change it.
        if mods.intersects(CTRL | ALT) && ch.is_ascii_uppercase() {
            return (KeyCode::Char(ch.to_ascii_lowercase()), mods - SHIFT);
        }
    }
    (key.code, mods)
}

/// True for a key that types text (a character without a Ctrl or Alt
/// chord; AltGr arrives as Ctrl+Alt+char on some terminals and types too).
pub fn is_typing(key: &KeyEvent) -> bool {
    match key.code {
        KeyCode::Char(_) => {
            let m = key.modifiers;
            !(m.contains(CTRL) ^ m.contains(ALT))
        }
        _ => false,
    }
}

/// The character a typing key types.
pub fn typed_char(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(ch) if is_typing(key) => Some(ch),
        _ => None,
    }
}

/// True for a key release (ignored everywhere).
pub fn is_release(key: &KeyEvent) -> bool {
    key.kind == KeyEventKind::Release
}

/// The binding of `key` among `table`'s rows for `context`.
pub fn lookup<C: PartialEq + Copy, A>(
    table: &'static [Binding<C, A>],
    context: C,
    key: &KeyEvent,
) -> Option<&'static Binding<C, A>> {
    if is_release(key) {
        return None;
    }
    let k = normalise(key);
    table
        .iter()
        .filter(|b| b.context == context)
        .find(|b| b.keys.contains(&k))
}

/// The digit 1…9 of a key (for actions numbered by their key).
pub fn digit(key: &KeyEvent) -> Option<usize> {
    match key.code {
        KeyCode::Char(ch @ '1'..='9') => ch.to_digit(10).map(|d| d as usize),
        _ => None,
    }
}

/// A key written for people: `Ctrl-Q`, `Alt-←`, `Shift-F4`, `PgDn`.
pub fn key_name(key: &Key) -> String {
    let (code, mods) = *key;
    let mut out = String::new();
    if mods.contains(CTRL) {
        out.push_str("Ctrl-");
    }
    if mods.contains(ALT) {
        out.push_str("Alt-");
    }
    let shifted_char = matches!(code, KeyCode::Char(_) | KeyCode::BackTab);
    if mods.contains(SHIFT) && !shifted_char {
        out.push_str("Shift-");
    }
    let name = match code {
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(' ') => "Space".into(),
        KeyCode::Char(ch) if mods.contains(CTRL) => ch.to_ascii_uppercase().to_string(),
        KeyCode::Char(ch) => ch.to_string(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::Insert => "Ins".into(),
        other => format!("{other:?}"),
    };
    out.push_str(&name);
    out
}

/// The keys written for people, alternatives joined by `/`. An upper-case
/// letter beside its lower case is left out (`y`, not `y/Y`); digits with
/// the same modifiers are joined (`Alt-1…9`, `Alt-1/3/7`).
pub fn label(keys: &[Key]) -> String {
    label_parts(keys).join("/")
}

/// The alternatives of [`label`], one string each.
fn label_parts(keys: &[Key]) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let (code, mods) = keys[i];
        if let KeyCode::Char(ch) = code
            && ch.is_ascii_uppercase()
            && keys.contains(&(KeyCode::Char(ch.to_ascii_lowercase()), mods - SHIFT))
        {
            i += 1;
            continue;
        }
        // A run of digits with the same modifiers.
        let mut run = Vec::new();
        while let Some((KeyCode::Char(d @ '0'..='9'), m)) = keys.get(i + run.len())
            && *m == mods
        {
            run.push(*d);
        }
        if run.len() > 1 {
            let prefix = key_name(&(c(run[0]), mods));
            let prefix = prefix.trim_end_matches(run[0]);
            let contiguous = run.windows(2).all(|w| w[1] as u32 == w[0] as u32 + 1);
            let digits: Vec<String> = run.iter().map(char::to_string).collect();
            let joined = if contiguous && run.len() > 2 {
                format!("{}…{}", digits[0], digits[digits.len() - 1])
            } else {
                digits.join("/")
            };
            parts.push(format!("{prefix}{joined}"));
            i += run.len();
            continue;
        }
        let name = key_name(&keys[i]);
        if !parts.contains(&name) {
            parts.push(name);
        }
        i += 1;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chords_ignore_caps_lock_and_shift_but_typing_keeps_its_case() {
        let n = |code, m| normalise(&KeyEvent::new(code, m));
        // Caps Lock sends the capital without Shift; Shift sends it with.
        assert_eq!(n(c('S'), ALT), (c('s'), ALT));
        assert_eq!(n(c('S'), ALT | SHIFT), (c('s'), ALT));
        assert_eq!(n(c('Q'), CTRL | SHIFT), (c('q'), CTRL));
        assert_eq!(n(c('s'), ALT), (c('s'), ALT));
        // Plain typing is untouched: a capital stays a capital.
        assert_eq!(n(c('S'), SHIFT), (c('S'), SHIFT));
        assert_eq!(n(c('S'), NONE), (c('S'), NONE));
        assert_eq!(n(c('s'), SHIFT), (c('s'), NONE));
    }

    #[test]
    fn labels_name_every_key() {
        assert_eq!(
            label(&[(KeyCode::F(2), NONE), (KeyCode::Left, ALT)]),
            "F2/Alt-←"
        );
        assert_eq!(label(&digits(ALT)), "Alt-1…9");
        assert_eq!(
            label(&[(c('1'), ALT), (c('3'), ALT), (c('7'), ALT)]),
            "Alt-1/3/7"
        );
        assert_eq!(
            label(&[(c('y'), NONE), (c('Y'), SHIFT), (c('j'), NONE)]),
            "y/j"
        );
        assert_eq!(label(&[(c('q'), CTRL)]), "Ctrl-Q");
        assert_eq!(label(&[(KeyCode::F(4), SHIFT)]), "Shift-F4");
        assert_eq!(label(&[(KeyCode::BackTab, SHIFT)]), "Shift-Tab");
        assert_eq!(label(&[(c('1'), NONE), (c('2'), NONE)]), "1/2");
    }

    #[test]
    fn typing_keys_are_plain_characters_or_altgr() {
        assert!(is_typing(&KeyEvent::new(c('a'), NONE)));
        assert!(is_typing(&KeyEvent::new(c('A'), SHIFT)));
        assert!(is_typing(&KeyEvent::new(c('@'), CTRL | ALT)));
        assert!(!is_typing(&KeyEvent::new(c('q'), CTRL)));
        assert!(!is_typing(&KeyEvent::new(c('1'), ALT)));
        assert!(!is_typing(&KeyEvent::new(KeyCode::F(1), NONE)));
    }
}
