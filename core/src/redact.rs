//! Redaction of payment and identity numbers before anything is stored.
//!
//! Notes are personal data, and some numbers may never be kept at all: a
//! payment card number, the card's security code, a bank account (IBAN), a
//! Dutch citizen service number (BSN). [`redact`] finds them in a text and
//! masks them, keeping the text's length and layout:
//!
//! | what | found when | masked as |
//! |---|---|---|
//! | card number | 13–19 digits, in groups split by single spaces or dashes, passing the Luhn check | `**** **** **** 1111` (last four kept) |
//! | security code | 3–4 digits within four words of a card number on the same line | `***` |
//! | IBAN | 2 letters, 2 digits, 11–30 letters or digits (groups of four may be split by spaces), mod 97 = 1 | `NL** **** **** **** 4300` (country and last four kept) |
//! | BSN | 9 digits (alone, or in groups split by spaces, dots or dashes), passing the 11-proof | `*********` |
//! | a playbook's own pattern | its [`Shape`] | every letter and digit `*` |
//!
//! Numbers must stand on their own: a digit or letter right before or after
//! (an order code, a longer number) means it is something else. Masks never
//! contain a whole number again, so redacting twice changes nothing more.
//! Pure: text in, text out.

/// What was masked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A payment card number.
    Card,
    /// A card security code (CVC/CVV) next to a card number.
    SecurityCode,
    /// A bank account number (IBAN).
    Iban,
    /// A Dutch citizen service number (BSN).
    Bsn,
    /// The playbook's own pattern number `n` (0-based).
    Custom(usize),
}

/// A shape a playbook adds: `#` a digit, `@` a letter, `?` a letter or a
/// digit, `\x` the character `x` itself, anything else itself (letters
/// in any case). E.g. `KL-######` or `@@##-####`. At least one `#`, `@` or
/// `?`, at most [`Shape::MAX_LEN`] characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shape {
    parts: Vec<Part>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Digit,
    Letter,
    Alnum,
    Literal(char),
}

impl Shape {
    /// The longest shape accepted.
    pub const MAX_LEN: usize = 64;

    /// Parses a shape (see the type's docs); the error says what is wrong.
    pub fn parse(s: &str) -> Result<Shape, String> {
        let mut parts = Vec::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            parts.push(match c {
                '#' => Part::Digit,
                '@' => Part::Letter,
                '?' => Part::Alnum,
                '\\' => match chars.next() {
                    Some(x) => Part::Literal(x),
                    None => return Err("a shape cannot end with `\\`".into()),
                },
                c if c.is_control() => {
                    return Err("a shape cannot contain control characters".into());
                }
                c => Part::Literal(c),
            });
        }
        if parts.len() > Shape::MAX_LEN {
            return Err(format!("a shape has at most {} characters", Shape::MAX_LEN));
        }
        if !parts
            .iter()
            .any(|p| matches!(p, Part::Digit | Part::Letter | Part::Alnum))
        {
            return Err("a shape needs at least one `#` (digit), `@` (letter) or `?`".into());
        }
        Ok(Shape { parts })
    }

    /// The length in characters of a match starting at `chars[at]`.
    fn match_at(&self, chars: &[char], at: usize) -> Option<usize> {
        let end = at + self.parts.len();
        if end > chars.len() {
            return None;
        }
        let ok = self
            .parts
            .iter()
            .zip(&chars[at..end])
            .all(|(p, &c)| match p {
                Part::Digit => c.is_ascii_digit(),
                Part::Letter => c.is_alphabetic(),
                Part::Alnum => c.is_alphanumeric(),
                Part::Literal(l) => c == *l || c.to_lowercase().eq(l.to_lowercase()),
            });
        ok.then_some(self.parts.len())
    }
}

/// The result of [`redact`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redacted {
    /// The text with every number found masked.
    pub text: String,
    /// What was masked, in the order found (one entry per number).
    pub found: Vec<Kind>,
}

/// Masks every card number, security code next to one, IBAN, BSN and
/// match of `shapes` in `text` (see the module docs).
pub fn redact(text: &str, shapes: &[Shape]) -> Redacted {
    let mut chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    mask_ibans(&mut chars, &mut found);
    mask_cards(&mut chars, &mut found);
    mask_security_codes(&mut chars, &mut found);
    mask_bsns(&mut chars, &mut found);
    for (i, shape) in shapes.iter().enumerate() {
        mask_shape(&mut chars, shape, i, &mut found);
    }
    if found.is_empty() {
        return Redacted {
            text: text.to_owned(),
            found,
        };
    }
    Redacted {
        text: chars.into_iter().collect(),
        found,
    }
}

/// The Luhn check of a card number's digits (0–9 each).
pub fn luhn_valid(digits: &[u8]) -> bool {
    if digits.is_empty() {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The 11-proof of a BSN's nine digits (0–9 each): 9·d1 + 8·d2 + … + 2·d8
/// − d9 is a multiple of 11 (and the number is not all zeros).
pub fn bsn_valid(digits: &[u8]) -> bool {
    if digits.len() != 9 || digits.iter().all(|&d| d == 0) {
        return false;
    }
    let sum: i32 = digits[..8]
        .iter()
        .enumerate()
        .map(|(i, &d)| (9 - i as i32) * i32::from(d))
        .sum::<i32>()
        - i32::from(digits[8]);
    sum % 11 == 0
}

/// The mod-97 check of an IBAN (letters and digits only, any case): the
/// first four characters moved to the end, letters as 10–35, the number
/// modulo 97 is 1. Also checks the shape: two letters, two digits, 15–34
/// characters in all.
pub fn iban_valid(iban: &str) -> bool {
    let c: Vec<char> = iban.chars().collect();
    if !(15..=34).contains(&c.len())
        || !c[..2].iter().all(char::is_ascii_alphabetic)
        || !c[2..4].iter().all(char::is_ascii_digit)
        || !c.iter().all(char::is_ascii_alphanumeric)
    {
        return false;
    }
    let mut rem: u32 = 0;
    for ch in c[4..].iter().chain(&c[..4]) {
        let v = match ch.to_digit(36) {
            Some(v) => v,
            None => return false,
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

/// True when `c` continues a word (so a number next to it is not alone).
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '*'
}

/// A chain of digit groups split by single separators from `seps`:
/// `(start, end, groups)` with each group's `(start, end)` char range.
type Chain = (usize, usize, Vec<(usize, usize)>);

/// Every chain of groups of digits (and `*`, so masks are seen as one
/// whole) split by single characters from `seps`, standing alone (no word
/// character right before or after).
fn chains(chars: &[char], seps: &[char]) -> Vec<Chain> {
    let mut out = Vec::new();
    let mut i = 0;
    let digitish = |c: char| c.is_ascii_digit() || c == '*';
    while i < chars.len() {
        if !digitish(chars[i]) || (i > 0 && is_word(chars[i - 1])) {
            i += 1;
            continue;
        }
        let start = i;
        let mut groups = Vec::new();
        loop {
            let g = i;
            while i < chars.len() && digitish(chars[i]) {
                i += 1;
            }
            groups.push((g, i));
            if i + 1 < chars.len() && seps.contains(&chars[i]) && digitish(chars[i + 1]) {
                i += 1;
            } else {
                break;
            }
        }
        let end = i;
        if end < chars.len() && is_word(chars[end]) {
            // Glued to a word: skip the rest of it.
            while i < chars.len() && is_word(chars[i]) {
                i += 1;
            }
            continue;
        }
        out.push((start, end, groups));
    }
    out
}

fn digits_of(chars: &[char], from: usize, to: usize) -> Vec<u8> {
    chars[from..to]
        .iter()
        .filter_map(|c| c.to_digit(10).map(|d| d as u8))
        .collect()
}

fn has_star(chars: &[char], from: usize, to: usize) -> bool {
    chars[from..to].contains(&'*')
}

/// Masks every digit in `chars[from..to]` except the last `keep`.
fn mask_digits(chars: &mut [char], from: usize, to: usize, keep: usize) {
    let total = chars[from..to]
        .iter()
        .filter(|c| c.is_ascii_digit())
        .count();
    let mut seen = 0;
    for c in &mut chars[from..to] {
        if c.is_ascii_digit() {
            seen += 1;
            if seen + keep <= total {
                *c = '*';
            }
        }
    }
}

fn mask_cards(chars: &mut [char], found: &mut Vec<Kind>) {
    for (_, _, groups) in chains(chars, &[' ', '-']) {
        let mut i = 0;
        while i < groups.len() {
            let mut hit = None;
            // The longest run of whole groups from here that is a card.
            let mut j = i;
            let mut count = 0;
            let mut candidates = Vec::new();
            while j < groups.len() {
                count += groups[j].1 - groups[j].0;
                if count > 19 {
                    break;
                }
                if count >= 13 {
                    candidates.push(j);
                }
                j += 1;
            }
            let valid = |j: usize| {
                let (from, to) = (groups[i].0, groups[j].1);
                !has_star(chars, from, to) && luhn_valid(&digits_of(chars, from, to))
            };
            for (k, &j) in candidates.iter().enumerate().rev() {
                if valid(j) {
                    // A card and its security code typed as one run
                    // ("4111… 123") may pass the check together: when the
                    // run without its last, short group is a card too,
                    // that is the card (and the code is masked as one).
                    let last = groups[j].1 - groups[j].0;
                    let shorter = k.checked_sub(1).map(|k| candidates[k]);
                    hit = match shorter {
                        Some(s) if s + 1 == j && (3..=4).contains(&last) && valid(s) => Some(s),
                        _ => Some(j),
                    };
                    break;
                }
            }
            match hit {
                Some(j) => {
                    mask_digits(chars, groups[i].0, groups[j].1, 4);
                    found.push(Kind::Card);
                    i = j + 1;
                }
                None => i += 1,
            }
        }
    }
}

/// A masked card: 13–19 digit places, all `*` but the last four digits.
fn is_masked_card(chars: &[char], from: usize, to: usize) -> bool {
    let places: Vec<char> = chars[from..to]
        .iter()
        .copied()
        .filter(|c| c.is_ascii_digit() || *c == '*')
        .collect();
    let n = places.len();
    (13..=19).contains(&n)
        && places[..n - 4].iter().all(|c| *c == '*')
        && places[n - 4..].iter().all(char::is_ascii_digit)
}

fn mask_security_codes(chars: &mut [char], found: &mut Vec<Kind>) {
    let anchors: Vec<(usize, usize)> = chains(chars, &[' ', '-'])
        .into_iter()
        .flat_map(|(_, _, groups)| {
            // Any run of whole groups that is a masked card.
            let mut v = Vec::new();
            for i in 0..groups.len() {
                for j in i..groups.len() {
                    if is_masked_card(chars, groups[i].0, groups[j].1) {
                        v.push((groups[i].0, groups[j].1));
                    }
                }
            }
            v
        })
        .collect();
    for (from, to) in anchors {
        let near: Vec<(usize, usize)> = runs_after(chars, to, 4)
            .into_iter()
            .chain(runs_before(chars, from, 4))
            .collect();
        for (a, b) in near {
            let len = b - a;
            if (3..=4).contains(&len) && chars[a..b].iter().all(char::is_ascii_digit) {
                mask_digits(chars, a, b, 0);
                found.push(Kind::SecurityCode);
            }
        }
    }
}

/// Runs of letters or of digits (each its own), up to `n`, after `at`
/// on the same line.
fn runs_after(chars: &[char], at: usize, n: usize) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut i = at;
    while i < chars.len() && v.len() < n && chars[i] != '\n' {
        if chars[i].is_alphanumeric() || chars[i] == '*' {
            let a = i;
            let digit = chars[i].is_ascii_digit();
            while i < chars.len()
                && chars[i].is_alphanumeric()
                && chars[i].is_ascii_digit() == digit
            {
                i += 1;
            }
            if i == a {
                i += 1;
            }
            v.push((a, i));
        } else {
            i += 1;
        }
    }
    v
}

/// Runs of letters or of digits (each its own), up to `n`, before `at`
/// on the same line, nearest first.
fn runs_before(chars: &[char], at: usize, n: usize) -> Vec<(usize, usize)> {
    let mut v = Vec::new();
    let mut i = at;
    while i > 0 && v.len() < n && chars[i - 1] != '\n' {
        if chars[i - 1].is_alphanumeric() || chars[i - 1] == '*' {
            let b = i;
            let digit = chars[i - 1].is_ascii_digit();
            while i > 0 && chars[i - 1].is_alphanumeric() && chars[i - 1].is_ascii_digit() == digit
            {
                i -= 1;
            }
            if i == b {
                i -= 1;
            }
            v.push((i, b));
        } else {
            i -= 1;
        }
    }
    v
}

fn mask_bsns(chars: &mut [char], found: &mut Vec<Kind>) {
    for (start, end, _) in chains(chars, &[' ', '-', '.']) {
        if has_star(chars, start, end) {
            continue;
        }
        let digits = digits_of(chars, start, end);
        if digits.len() == 9 && bsn_valid(&digits) {
            mask_digits(chars, start, end, 0);
            found.push(Kind::Bsn);
        }
    }
}

fn mask_ibans(chars: &mut [char], found: &mut Vec<Kind>) {
    let mut i = 0;
    while i + 4 <= chars.len() {
        let starts = (i == 0 || !is_word(chars[i - 1]))
            && chars[i].is_ascii_alphabetic()
            && chars[i + 1].is_ascii_alphabetic()
            && chars[i + 2].is_ascii_digit()
            && chars[i + 3].is_ascii_digit();
        if !starts {
            i += 1;
            continue;
        }
        // Groups of letters and digits split by single spaces.
        let mut ends = Vec::new();
        let mut j = i;
        loop {
            while j < chars.len() && chars[j].is_ascii_alphanumeric() {
                j += 1;
            }
            ends.push(j);
            if j - i > 42 {
                break;
            }
            if j + 1 < chars.len() && chars[j] == ' ' && chars[j + 1].is_ascii_alphanumeric() {
                j += 1;
            } else {
                break;
            }
        }
        let mut hit = None;
        for &end in ends.iter().rev() {
            if end < chars.len() && is_word(chars[end]) {
                continue;
            }
            let compact: String = chars[i..end].iter().filter(|c| **c != ' ').collect();
            if iban_valid(&compact) {
                hit = Some(end);
                break;
            }
        }
        match hit {
            Some(end) => {
                let total = chars[i..end].iter().filter(|c| **c != ' ').count();
                let mut seen = 0;
                for c in &mut chars[i..end] {
                    if *c != ' ' {
                        seen += 1;
                        if seen > 2 && seen + 4 <= total {
                            *c = '*';
                        }
                    }
                }
                found.push(Kind::Iban);
                i = end;
            }
            None => i += 1,
        }
    }
}

fn mask_shape(chars: &mut [char], shape: &Shape, n: usize, found: &mut Vec<Kind>) {
    let mut i = 0;
    while i < chars.len() {
        if i > 0 && chars[i - 1].is_alphanumeric() {
            i += 1;
            continue;
        }
        match shape.match_at(chars, i) {
            Some(len) if chars.get(i + len).is_none_or(|c| !c.is_alphanumeric()) => {
                for c in &mut chars[i..i + len] {
                    if c.is_alphanumeric() {
                        *c = '*';
                    }
                }
                found.push(Kind::Custom(n));
                i += len;
            }
            _ => i += 1,
        }
    }
}

#[cfg(test)]
mod tests;
