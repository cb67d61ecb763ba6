//! Text helpers for untrusted input: control-character stripping, accent
//! folding for cue matching, and `{placeholder}` templates.

use unicode_normalization::UnicodeNormalization;

/// True for characters that must never reach a terminal or an export from
/// file or user text: C0 and C1 controls (except tab and newline, which the
/// caller decides about), DEL, and the bidirectional overrides/isolates that
/// can make text display differently from what it is.
pub fn is_forbidden_char(c: char) -> bool {
    let cp = c as u32;
    (cp < 0x20 && c != '\n' && c != '\t')
        || cp == 0x7f
        || (0x80..=0x9f).contains(&cp)
        || matches!(cp, 0x202a..=0x202e | 0x2066..=0x2069 | 0x200e | 0x200f | 0x061c)
}

/// Returns the first forbidden character in `s` (see [`is_forbidden_char`]),
/// with its character index, for validation messages.
pub fn find_forbidden(s: &str) -> Option<(usize, char)> {
    s.chars().enumerate().find(|(_, c)| is_forbidden_char(*c))
}

/// Removes forbidden characters, keeping newlines and turning tabs into
/// spaces. Use this on any stored or file text before it is drawn or exported.
pub fn sanitize(s: &str) -> String {
    s.chars()
        .filter(|c| !is_forbidden_char(*c))
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect()
}

/// Like [`sanitize`], but also flattens newlines to spaces: for one-line
/// fields such as a customer reference or a header.
pub fn sanitize_line(s: &str) -> String {
    if s.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        // Printable ASCII: nothing to remove or flatten (a copy, no scan
        // char by char; the notes' markers take every line through here).
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|c| !is_forbidden_char(*c)) {
        // `\r` is forbidden (removed); tabs and newlines become spaces.
        out.push(if c == '\t' || c == '\n' { ' ' } else { c });
    }
    out
}

/// Lower-cases and strips diacritics (é → e, ë → e, ĳ → ij), so that cue
/// phrases match however the agent typed them.
pub fn fold(s: &str) -> String {
    s.nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Splits folded text into words (letters and digits), for whole-word matching.
pub fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// True when `phrase` occurs in `text` as a run of whole words, ignoring
/// case, accents and punctuation.
pub fn contains_phrase(text_words: &[String], phrase: &str) -> bool {
    let needle = words(phrase);
    if needle.is_empty() || needle.len() > text_words.len() {
        return false;
    }
    text_words
        .windows(needle.len())
        .any(|w| w == needle.as_slice())
}

/// The names of the `{placeholder}`s in a template, in order of appearance.
/// `{{` and `}}` are literal braces.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if let Some(stripped) = after.strip_prefix('{') {
            rest = stripped;
            continue;
        }
        match after.find('}') {
            Some(close) => {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    out
}

/// Fills `{name}` placeholders using `lookup`; unknown names are left as
/// written so a mistake is visible rather than silently dropped.
pub fn fill(template: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    fill_with(template, lookup, false)
}

/// Like [`fill`], but a placeholder whose value is empty goes together with
/// the separator that set it off: "Take your time, {customer}." becomes
/// "Take your time." and "{customer}, welcome" becomes "welcome".
pub fn fill_dropping_empty(template: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    fill_with(template, lookup, true)
}

/// Removes the separator before an empty placeholder (`, ` or a space) from
/// `out`, or — at the start of a line — the one after it from `rest`.
fn drop_gap<'a>(out: &mut String, rest: &'a str) -> &'a str {
    if let Some(kept) = out.strip_suffix(", ").or_else(|| out.strip_suffix(' ')) {
        out.truncate(kept.len());
        rest
    } else if out.is_empty() || out.ends_with('\n') {
        rest.strip_prefix(", ")
            .or_else(|| rest.strip_prefix(' '))
            .unwrap_or(rest)
    } else {
        rest
    }
}

fn fill_with(template: &str, lookup: impl Fn(&str) -> Option<String>, drop_empty: bool) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find(['{', '}']) {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        if let Some(r) = tail.strip_prefix("{{") {
            out.push('{');
            rest = r;
        } else if let Some(r) = tail.strip_prefix("}}") {
            out.push('}');
            rest = r;
        } else if let Some(r) = tail.strip_prefix('}') {
            out.push('}');
            rest = r;
        } else {
            let after = &tail[1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match lookup(name) {
                        Some(v) if v.is_empty() && drop_empty => {
                            rest = drop_gap(&mut out, &after[close + 1..]);
                            continue;
                        }
                        Some(v) => out.push_str(&v),
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(tail);
                    rest = "";
                }
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The one-pass `sanitize_line` (with its ASCII shortcut) gives what
        /// sanitising and then flattening newlines gave.
        #[test]
        fn sanitize_line_is_sanitize_with_newlines_flattened(
            s in "(?s)[a-z \t\r\n\x00-\x1f\x7f\u{80}-\u{9f}\u{202a}-\u{202e}é中]{0,40}"
        ) {
            let slow: String = sanitize(&s)
                .chars()
                .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
                .collect();
            proptest::prop_assert_eq!(sanitize_line(&s), slow);
        }
    }

    #[test]
    fn an_empty_placeholder_leaves_with_its_separator() {
        let none = |n: &str| (n == "customer").then(String::new);
        let name = |n: &str| (n == "customer").then(|| "mevrouw Jansen".to_owned());
        for (t, empty, named) in [
            (
                "Neem rustig de tijd, {customer}. Ik luister.",
                "Neem rustig de tijd. Ik luister.",
                "Neem rustig de tijd, mevrouw Jansen. Ik luister.",
            ),
            (
                "Als ik het goed begrijp, {customer}, gaat het om …",
                "Als ik het goed begrijp, gaat het om …",
                "Als ik het goed begrijp, mevrouw Jansen, gaat het om …",
            ),
            (
                "{customer}, welcome.\nDear {customer}",
                "welcome.\nDear",
                "mevrouw Jansen, welcome.\nDear mevrouw Jansen",
            ),
            ("Hi{customer}!", "Hi!", "Himevrouw Jansen!"),
        ] {
            assert_eq!(fill_dropping_empty(t, none), empty);
            assert_eq!(fill_dropping_empty(t, name), named);
        }
        // Plain `fill` keeps the separators.
        assert_eq!(fill("a, {customer}.", none), "a, .");
    }

    #[test]
    fn sanitize_strips_escapes_and_bidi() {
        let s = "a\x1b[31mred\x07\u{202e}x\u{9b}y\tz\nw";
        assert_eq!(sanitize(s), "a[31mredxy z\nw");
        assert_eq!(sanitize_line("a\nb\r"), "a b");
        assert_eq!(find_forbidden("ok\x00"), Some((2, '\0')));
        assert_eq!(find_forbidden("één ĳs"), None);
    }

    #[test]
    fn fold_and_whole_words() {
        assert_eq!(fold("Één Ĳsje"), "een ijsje");
        let w = words("Ik begrijp het, écht!");
        assert!(contains_phrase(&w, "ik begrijp"));
        assert!(contains_phrase(&w, "echt"));
        assert!(!contains_phrase(&w, "begrij"));
        assert!(!contains_phrase(&w, ""));
    }

    #[test]
    fn placeholders_and_fill() {
        let t = "Dag {customer}, ik ben {agent} {{literal}} {unknown}";
        assert_eq!(placeholders(t), vec!["customer", "agent", "unknown"]);
        let filled = fill(t, |n| match n {
            "customer" => Some("Jan".into()),
            "agent" => Some("Eva".into()),
            _ => None,
        });
        assert_eq!(filled, "Dag Jan, ik ben Eva {literal} {unknown}");
        assert_eq!(fill("open { end", |_| None), "open { end");
    }
}
