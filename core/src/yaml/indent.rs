//! Indentation mistakes, told in a team lead's terms: tabs used for
//! indentation, and a key indented less than the keys around it (the
//! parser only notices at the next line that lines up again).

use crate::diagnostic::Diagnostic;

/// The first line (1-based), column and count of lines indented with a
/// tab, outside block scalars.
pub fn first_tab_indent(
    text: &str,
    block_scalars: &[(usize, usize)],
) -> Option<(usize, usize, usize)> {
    let mut first = None;
    let mut count = 0;
    for (i, line) in text.split('\n').enumerate() {
        let n = i + 1;
        let indent: &str = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        let has_content = indent.len() < line.trim_end_matches(['\r']).len();
        if !has_content || !indent.contains('\t') {
            continue;
        }
        if block_scalars.iter().any(|&(a, b)| n >= a && n <= b) {
            continue;
        }
        count += 1;
        if first.is_none() {
            let column = indent.find('\t').map_or(1, |c| c + 1);
            first = Some((n, column));
        }
    }
    first.map(|(l, c)| (l, c, count))
}

/// The diagnostic for tab indentation at `line`/`column`, `count` lines in all.
pub fn tab_diagnostic(
    file: &str,
    text: &str,
    (line, column, count): (usize, usize, usize),
) -> Diagnostic {
    let more = if count > 1 {
        format!(" ({} lines in the file are indented with tabs)", count)
    } else {
        String::new()
    };
    Diagnostic::file_level(file, format!("tab used for indentation{more}"))
        .at(text, line, column)
        .with_expected("spaces")
        .with_hint(
            "YAML needs spaces for indentation, not tabs; replace each tab with spaces \
             (set your editor to insert spaces, 2 per level)",
        )
}

/// Spaces before the content of `line`; `None` for a blank or comment line.
fn indent_of(line: &str) -> Option<usize> {
    let content = line.trim_start_matches(' ');
    let blank = content.trim().is_empty() || content.starts_with('#');
    (!blank).then(|| line.len() - content.len())
}

/// A `key:` line (not a list entry).
fn is_key_line(line: &str) -> bool {
    let content = line.trim_start_matches(' ');
    !content.starts_with('-') && content.contains(':')
}

/// A key indented less than its siblings: the parser stops at the first
/// line after it that lines up with them again (`error_line`, 1-based),
/// but the mistake is the earlier, dedented key. Found when, walking up
/// from `error_line`, the first line indented less than it is a key whose
/// own mapping (up to its parent) has keys at `error_line`'s column.
/// Returns the dedented key's line and the error line's indentation.
pub fn dedented_key(lines: &[&str], error_line: usize) -> Option<(usize, usize)> {
    let here = lines.get(error_line.checked_sub(1)?)?;
    let want = indent_of(here)?;
    if !is_key_line(here) {
        return None;
    }
    let above = &lines[..error_line - 1];
    let (p, p_indent) = above
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, l)| indent_of(l).filter(|&n| n < want).map(|n| (i, n)))?;
    if !is_key_line(above[p]) {
        return None;
    }
    let siblings = above[..p]
        .iter()
        .rev()
        .map_while(|l| match indent_of(l) {
            Some(n) if n < p_indent => None,
            other => Some((other, *l)),
        })
        .any(|(n, l)| n == Some(want) && is_key_line(l));
    siblings.then_some((p + 1, want))
}

/// The diagnostic for the dedented key at `line` (see [`dedented_key`]),
/// whose siblings start at 0-based column `want`; `error_line` is where
/// the parser stopped.
pub fn dedented_diagnostic(
    file: &str,
    text: &str,
    lines: &[&str],
    (line, want): (usize, usize),
    error_line: usize,
) -> Diagnostic {
    let l = lines.get(line - 1).copied().unwrap_or("");
    let key = l.trim().split(':').next().unwrap_or("").trim();
    let column = indent_of(l).unwrap_or(0) + 1;
    Diagnostic::file_level(
        file,
        format!("`{key}:` is indented less than the keys around it"),
    )
    .at(text, line, column)
    .with_expected(format!(
        "`{key}:` in column {}, lined up with the other keys of its mapping",
        want + 1
    ))
    .with_hint(format!(
        "indent `{key}:` and the lines under it by {} more space{}; the parser only noticed at line {error_line}",
        want + 1 - column,
        if want + 1 - column == 1 { "" } else { "s" }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dedented_key_is_found_above_where_the_parser_stopped() {
        let text = "stages:\n  listen:\n    title: x\n    # note\n\n  phrases:\n      - a\n    pitfalls:\n  ask:\n";
        let lines: Vec<&str> = text.split('\n').collect();
        assert_eq!(dedented_key(&lines, 8), Some((6, 4)));
        // A key indented wrongly on its own line is that line's problem.
        let text = "stages:\n  listen:\n    title: x\n   goal: y\n";
        let lines: Vec<&str> = text.split('\n').collect();
        assert_eq!(dedented_key(&lines, 4), None);
        // Keys at that column under another parent do not count.
        let text = "a:\n  b:\n    c: 1\nd:\n  e:\n    f: 1\n  g:\n   h: 1\n";
        let lines: Vec<&str> = text.split('\n').collect();
        assert_eq!(dedented_key(&lines, 8), None);
    }
}
