//! Splitting folded text into words and expanding contractions.

/// Splits folded text into (word, sentence-end mark) items: words keep inner
/// apostrophes; `.`, `!`, `?`, `;`, `:` and line breaks end a sentence; a
/// comma, dash or bracket ends a segment.
#[derive(Debug, PartialEq)]
pub(super) enum Piece {
    Word(String),
    Comma,
    End(bool),
}

pub(super) fn pieces(folded: &str) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Piece>| {
        let w = word.trim_matches('\'').to_owned();
        if !w.is_empty() {
            out.push(Piece::Word(w));
        }
        word.clear();
    };
    let chars: Vec<char> = folded.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            word.push(c);
        } else if matches!(c, '\'' | '’' | '‘' | '`') {
            // Inside a word ("don't") or leading a Dutch clitic ("'t", "'k").
            let next_alnum = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
            if next_alnum {
                word.push('\'');
            } else {
                flush(&mut word, &mut out);
            }
        } else {
            flush(&mut word, &mut out);
            match c {
                '.' | '!' | '?' | ';' | ':' | '\n' | '…' => out.push(Piece::End(c == '?')),
                ',' | '(' | ')' | '–' | '—' | '"' => out.push(Piece::Comma),
                '-' if chars.get(i + 1).is_none_or(|n| n.is_whitespace()) => out.push(Piece::Comma),
                _ => {}
            }
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Expands English contractions that the spelling table does not list:
/// "n't" → "not", "'ll" → "will", "'ve" → "have", "'re" → "are", "'m" → "am",
/// "'d" → "would", "'s" → "is" after a pronoun (else dropped); other
/// apostrophes vanish ("foto's" → "fotos").
pub(super) fn expand_contraction(w: &str) -> Vec<String> {
    let irregular = [("can't", "can"), ("won't", "will"), ("shan't", "shall")];
    if let Some((_, base)) = irregular.iter().find(|(f, _)| *f == w) {
        return vec![(*base).to_owned(), "not".to_owned()];
    }
    if let Some(base) = w.strip_suffix("n't") {
        return vec![base.to_owned(), "not".to_owned()];
    }
    let suffixes = [
        ("'ll", "will"),
        ("'ve", "have"),
        ("'re", "are"),
        ("'m", "am"),
        ("'d", "would"),
    ];
    for (suf, full) in suffixes {
        if let Some(base) = w.strip_suffix(suf)
            && !base.is_empty()
        {
            return vec![base.to_owned(), full.to_owned()];
        }
    }
    if let Some(base) = w.strip_suffix("'s") {
        let pronoun = [
            "it", "that", "what", "there", "here", "he", "she", "who", "where", "how", "this",
        ];
        if base == "let" {
            return vec!["let".into(), "us".into()];
        }
        if pronoun.contains(&base) {
            return vec![base.to_owned(), "is".to_owned()];
        }
        return vec![base.to_owned()];
    }
    vec![w.replace('\'', "")]
}
