//! The confirmation e-mail of agreements as an RFC 5322 message (`.eml`):
//! UTF-8 text, quoted-printable body, RFC 2047-encoded subject, CRLF line
//! ends. It is a draft (`X-Unsent: 1`, so mail clients open it for editing):
//! the recipient is left empty (`undisclosed-recipients:;`) and the sender
//! is a placeholder address the agent's mail client replaces. The agent
//! reviews it before sending (ask the customer first whether they want it).

use crate::engine::Timestamp;
use crate::store::CallId;
use crate::summary::Email;
use crate::text::{sanitize, sanitize_line};

/// The placeholder sender address (`.invalid` never delivers anywhere).
pub const FROM_PLACEHOLDER: &str = "agent@example.invalid";

/// Renders `email` for call `id` as a complete message.
pub fn render(id: &CallId, email: &Email, agent: Option<&str>, now: Timestamp) -> String {
    let date = jiff::Timestamp::from_millisecond(now)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned(jiff::tz::TimeZone::system());
    let date = jiff::fmt::rfc2822::to_string(&date)
        .unwrap_or_else(|_| "Thu, 01 Jan 1970 00:00:00 +0000".into());
    let from = match agent.map(sanitize_line).filter(|a| !a.trim().is_empty()) {
        Some(name) => format!("{} <{FROM_PLACEHOLDER}>", display_name(name.trim())),
        None => FROM_PLACEHOLDER.to_owned(),
    };
    let mut out = String::new();
    let mut header = |name: &str, value: &str| {
        out.push_str(name);
        out.push_str(": ");
        out.push_str(value);
        out.push_str("\r\n");
    };
    header("Date", &date);
    header("From", &from);
    header("To", "undisclosed-recipients:;");
    header(
        "Subject",
        &encode_header_text(&sanitize_line(&email.subject), "Subject: ".len()),
    );
    header("Message-ID", &format!("<{id}.{now}@callcoach.invalid>"));
    header("MIME-Version", "1.0");
    header("Content-Type", "text/plain; charset=utf-8");
    header("Content-Transfer-Encoding", "quoted-printable");
    header("X-Unsent", "1");
    out.push_str("\r\n");
    out.push_str(&quoted_printable(&sanitize(&email.body)));
    out
}

/// A display name: a quoted string when ASCII, RFC 2047 words otherwise.
fn display_name(name: &str) -> String {
    if name.is_ascii() {
        let escaped: String = name
            .chars()
            .flat_map(|c| match c {
                '"' | '\\' => vec!['\\', c],
                _ => vec![c],
            })
            .collect();
        format!("\"{escaped}\"")
    } else {
        encoded_words(name).join(" ")
    }
}

/// Unstructured header text: as is when printable ASCII (folded at spaces
/// to stay under 78 characters a line), else RFC 2047 encoded-words.
pub fn encode_header_text(text: &str, used: usize) -> String {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) && !text.contains("=?") {
        let mut out = String::new();
        let mut line_len = used;
        for (i, word) in text.split(' ').enumerate() {
            if i > 0 {
                if line_len + 1 + word.len() > 78 {
                    out.push_str("\r\n");
                    line_len = 0;
                }
                out.push(' ');
                line_len += 1;
            }
            out.push_str(word);
            line_len += word.len();
        }
        out
    } else {
        encoded_words(text).join("\r\n ")
    }
}

/// `=?UTF-8?Q?…?=` words of at most 75 characters, never splitting a character.
fn encoded_words(text: &str) -> Vec<String> {
    const MAX_PAYLOAD: usize = 75 - "=?UTF-8?Q??=".len();
    let mut words = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        let mut enc = String::new();
        if c == ' ' {
            enc.push('_');
        } else if c.is_ascii_alphanumeric() || matches!(c, '!' | '*' | '+' | '-' | '/') {
            enc.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                enc.push_str(&format!("={b:02X}"));
            }
        }
        if cur.len() + enc.len() > MAX_PAYLOAD {
            words.push(format!("=?UTF-8?Q?{cur}?="));
            cur.clear();
        }
        cur.push_str(&enc);
    }
    if !cur.is_empty() || words.is_empty() {
        words.push(format!("=?UTF-8?Q?{cur}?="));
    }
    words
}

/// Quoted-printable (RFC 2045) with CRLF line ends and lines of at most
/// 76 characters (soft breaks as `=`).
pub fn quoted_printable(text: &str) -> String {
    let mut out = String::new();
    let text = text.replace("\r\n", "\n");
    let lines: Vec<&str> = text.split('\n').collect();
    for (li, line) in lines.iter().enumerate() {
        let bytes = line.as_bytes();
        let mut len = 0usize;
        for (i, &b) in bytes.iter().enumerate() {
            let last = i + 1 == bytes.len();
            let tok = match b {
                b'=' => "=3D".to_owned(),
                b' ' | b'\t' if last => format!("={b:02X}"),
                b' ' | b'\t' | 33..=126 => (b as char).to_string(),
                _ => format!("={b:02X}"),
            };
            // Leave room for the soft-break `=` unless this is the line's end.
            let limit = if last { 76 } else { 75 };
            if len + tok.len() > limit {
                out.push_str("=\r\n");
                len = 0;
            }
            out.push_str(&tok);
            len += tok.len();
        }
        if li + 1 < lines.len() {
            out.push_str("\r\n");
        }
    }
    if !out.ends_with("\r\n") {
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_printable_lines_stay_short_and_escape() {
        let qp = quoted_printable(&format!("{}é = x \nnext", "a".repeat(100)));
        for l in qp.split("\r\n") {
            assert!(l.len() <= 76, "{l}");
        }
        assert!(qp.contains("=C3=A9"));
        assert!(qp.contains("=3D"));
        assert!(qp.contains("x=20\r\n"), "trailing space encoded: {qp}");
    }

    #[test]
    fn subjects_encode_only_when_needed() {
        assert_eq!(
            encode_header_text("Bevestiging afspraken", 9),
            "Bevestiging afspraken"
        );
        let enc = encode_header_text(&"Bevestiging van uw klacht over de jas — één ".repeat(3), 9);
        for w in enc.split("\r\n ") {
            assert!(
                w.starts_with("=?UTF-8?Q?") && w.ends_with("?=") && w.len() <= 75,
                "{w}"
            );
        }
    }
}
