//! The confirmation e-mail of agreements as an RFC 5322 message (`.eml`),
//! written by `mail-builder`: UTF-8 text (quoted-printable or base64 as the
//! content needs), RFC 2047-encoded subject and names, folded headers, CRLF
//! line ends. It is a draft (`X-Unsent: 1`, so mail clients open it for
//! editing): the recipient is left empty (`undisclosed-recipients:;`) and
//! the sender is a placeholder address the agent's mail client replaces.
//! The agent reviews it before sending (ask the customer first whether
//! they want it).

use crate::engine::Timestamp;
use crate::store::CallId;
use crate::summary::Email;
use crate::text::{sanitize, sanitize_line};
use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::date::Date;
use mail_builder::headers::message_id::MessageId;
use mail_builder::headers::raw::Raw;

/// The placeholder sender address (`.invalid` never delivers anywhere).
pub const FROM_PLACEHOLDER: &str = "agent@example.invalid";

/// Renders `email` for call `id` as a complete message.
pub fn render(id: &CallId, email: &Email, agent: Option<&str>, now: Timestamp) -> String {
    let name = agent
        .map(sanitize_line)
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty());
    let from = Address::new_address(name, FROM_PLACEHOLDER);
    let body = sanitize(&email.body)
        .replace("\r\n", "\n")
        .replace('\n', "\r\n");
    let msg = MessageBuilder::new()
        .date(Date::new(now.div_euclid(1000)))
        .from(from)
        // An empty group, written as is (the crate would quote the name).
        .header("To", Raw::new("undisclosed-recipients:;"))
        .subject(sanitize_line(&email.subject))
        .message_id(MessageId::new(format!("{id}.{now}@callcoach.invalid")))
        .header("X-Unsent", Raw::new("1"))
        .text_body(body);
    // Writing into a String cannot fail; an empty draft would be the only outcome.
    msg.write_to_string().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(subject: &str, body: &str) -> String {
        let email = Email {
            subject: subject.into(),
            body: body.into(),
        };
        render(
            &CallId("20261122-143005-7f3a".into()),
            &email,
            Some("Zoë"),
            0,
        )
    }

    #[test]
    fn headers_and_lines_stay_within_the_limits() {
        let eml = draft(
            &"Bevestiging van uw klacht over de jas — één ".repeat(3),
            &format!("{}é = x \nnext", "a".repeat(100)),
        );
        assert!(eml.is_ascii());
        for l in eml.split("\r\n") {
            assert!(l.len() <= 78, "{l}");
        }
        assert!(eml.contains("To: undisclosed-recipients:;\r\n"), "{eml}");
        assert!(eml.contains("X-Unsent: 1\r\n"));
        assert!(
            eml.contains("Date: Thu, 1 Jan 1970 00:00:00 +0000\r\n"),
            "{eml}"
        );
        assert!(!eml.replace("\r\n", "").contains('\n'), "bare LF");
    }

    #[test]
    fn plain_ascii_subjects_are_not_encoded() {
        let eml = draft("Bevestiging afspraken", "Beste klant,\n");
        assert!(eml.contains("Subject: Bevestiging afspraken\r\n"), "{eml}");
    }
}
