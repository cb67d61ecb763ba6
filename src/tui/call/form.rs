//! Small forms (agreement, follow-up, follow-up result, evaluation): a few
//! one-line fields, each a single-line [`Editor`] with a cursor, edited with
//! the same keys as the notes. Pure data plus parsing.

use crate::engine::{Agreement, CallState, Command, Date, FollowUp, FollowUpResult, Timestamp};
use crate::i18n::Words;
use crate::playbook::Playbook;
use crate::text;
use crate::tui::editor::{Edit, Editor};

/// What a form records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    /// Who does what, by when.
    Agreement,
    /// When to check, and what.
    FollowUp,
    /// Agreements kept? Customer satisfied? Still open?
    FollowUpResult,
    /// The playbook's evaluation questions, answered after the call.
    Evaluation,
    /// How to address the customer (one field; empty = no name).
    Address,
    /// Correct recorded agreement `id`: who, what, by when.
    EditAgreement {
        /// The agreement's id.
        id: u32,
    },
}

/// How a field's text is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// Free text; `required` when it must not be empty.
    Text {
        /// Must not be empty.
        required: bool,
    },
    /// A date: `YYYY-MM-DD` or `+N` days.
    Date {
        /// Must not be empty.
        required: bool,
    },
    /// Yes or no (`j`/`y`/`ja`/`yes`, `n`/`nee`/`no`).
    YesNo,
}

/// One field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// Label shown before the value (for the evaluation: the question).
    pub label: String,
    /// What the field answers (the evaluation question's id; else empty).
    pub id: String,
    /// The typed text, with its cursor.
    pub value: Editor,
    /// How it is read.
    pub kind: FieldKind,
}

/// An open form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// What it records.
    pub kind: FormKind,
    /// Its fields, top to bottom.
    pub fields: Vec<Field>,
    /// The field being edited.
    pub focus: usize,
    /// The last validation error, shown under the fields.
    pub error: Option<String>,
    /// The agent was told a date is in the past; the next Enter saves it.
    pub past_ok: bool,
}

fn field(label: &str, value: &str, kind: FieldKind) -> Field {
    Field {
        label: label.to_owned(),
        id: String::new(),
        value: Editor::single_line(value),
        kind,
    }
}

impl Field {
    /// The field's text.
    pub fn text(&self) -> String {
        self.value.text()
    }
}

impl Form {
    /// An empty form of `kind`, labelled in `w`'s language.
    pub fn new(kind: FormKind, w: &Words) -> Form {
        let fields = match kind {
            FormKind::Agreement => vec![
                field(w.who, w.we, FieldKind::Text { required: true }),
                field(w.what, "", FieldKind::Text { required: true }),
                field(w.by_when, "", FieldKind::Date { required: false }),
            ],
            FormKind::FollowUp => vec![
                field(w.date, "+3", FieldKind::Date { required: true }),
                field(w.check_what, "", FieldKind::Text { required: true }),
            ],
            FormKind::FollowUpResult => vec![
                field(w.agreements_kept, "", FieldKind::YesNo),
                field(w.customer_satisfied, "", FieldKind::YesNo),
                field(w.still_open, "", FieldKind::Text { required: false }),
            ],
            FormKind::Evaluation | FormKind::Address | FormKind::EditAgreement { .. } => Vec::new(),
        };
        let focus = usize::from(kind == FormKind::Agreement);
        Form {
            kind,
            fields,
            focus,
            error: None,
            past_ok: false,
        }
    }

    /// The form of address, filled with the current one.
    pub fn address(current: Option<&str>, label: &str, w: &Words) -> Form {
        let mut form = Form::new(FormKind::Address, w);
        form.fields = vec![field(
            label,
            &current.map(text::sanitize_line).unwrap_or_default(),
            FieldKind::Text { required: false },
        )];
        form
    }

    /// Correcting agreement `a`, filled with what it says now.
    pub fn edit_agreement(a: &Agreement, w: &Words) -> Form {
        let mut form = Form::new(FormKind::EditAgreement { id: a.id }, w);
        form.fields = vec![
            field(
                w.who,
                &text::sanitize_line(&a.who),
                FieldKind::Text { required: true },
            ),
            field(
                w.what,
                &text::sanitize_line(&a.what),
                FieldKind::Text { required: true },
            ),
            field(
                w.by_when,
                &a.by_when.map(|d| d.to_string()).unwrap_or_default(),
                FieldKind::Date { required: false },
            ),
        ];
        form.focus = 1;
        form
    }

    /// The evaluation form: one field per question of `pb`, filled with
    /// the answers `state` already has.
    pub fn evaluation(pb: &Playbook, state: &CallState, w: &Words) -> Form {
        let mut form = Form::new(FormKind::Evaluation, w);
        form.fields = pb
            .evaluation
            .questions
            .iter()
            .map(|q| Field {
                label: text::sanitize_line(&q.text),
                id: q.id.clone(),
                value: Editor::single_line(
                    &state
                        .evaluation
                        .get(&q.id)
                        .map(|a| text::sanitize_line(a))
                        .unwrap_or_default(),
                ),
                kind: FieldKind::Text { required: false },
            })
            .collect();
        form
    }

    /// Applies an edit to the focused field at time `now` (a forbidden
    /// character is not typed).
    pub fn edit(&mut self, edit: Edit, now: Timestamp) {
        if let Edit::Insert(c) = edit
            && text::is_forbidden_char(c)
        {
            return;
        }
        if let Some(f) = self.fields.get_mut(self.focus)
            && f.value.apply(edit, now)
        {
            self.error = None;
            self.past_ok = false;
        }
    }

    /// Types a character into the focused field.
    pub fn type_char(&mut self, c: char, now: Timestamp) {
        self.edit(Edit::Insert(c), now);
    }

    /// Types pasted text (one line) into the focused field.
    pub fn paste(&mut self, s: &str, now: Timestamp) {
        if let Some(f) = self.fields.get_mut(self.focus)
            && f.value.paste(&text::sanitize_line(s), now)
        {
            self.error = None;
            self.past_ok = false;
        }
    }

    /// Moves the focus by `delta` fields, wrapping around.
    pub fn move_focus(&mut self, delta: isize) {
        let n = self.fields.len().max(1) as isize;
        self.focus = (self.focus as isize + delta).rem_euclid(n) as usize;
    }

    /// Sets the first date field to `+days`, for the date shortcuts.
    pub fn set_days(&mut self, days: usize, now: Timestamp) -> bool {
        match self
            .fields
            .iter_mut()
            .find(|f| matches!(f.kind, FieldKind::Date { .. }))
        {
            Some(f) => {
                f.value.set_text(&format!("+{days}"), now);
                self.past_ok = false;
                true
            }
            None => false,
        }
    }

    /// Reads the form into the engine commands it records (the evaluation
    /// form: one answer per question, unchanged ones included), or focuses
    /// the first bad field and keeps its error.
    pub fn submit(&mut self, today: Date, w: &Words) -> Option<Vec<Command>> {
        match self.read(today, w) {
            Ok(cmd) => Some(cmd),
            Err((i, msg)) => {
                self.focus = i;
                self.error = Some(msg.to_owned());
                None
            }
        }
    }

    fn read(&self, today: Date, w: &Words) -> Result<Vec<Command>, (usize, &'static str)> {
        if self.kind == FormKind::Evaluation {
            return Ok(self
                .fields
                .iter()
                .map(|f| Command::AnswerEvaluation {
                    question: f.id.clone(),
                    answer: text::sanitize_line(f.text().trim()),
                })
                .collect());
        }
        let mut texts = Vec::new();
        let mut dates = Vec::new();
        let mut answers = Vec::new();
        for (i, f) in self.fields.iter().enumerate() {
            let value = f.text();
            let v = value.trim();
            match f.kind {
                FieldKind::Text { required } => {
                    if required && v.is_empty() {
                        return Err((i, w.field_required));
                    }
                    texts.push(text::sanitize_line(v));
                }
                FieldKind::Date { required } => {
                    if v.is_empty() {
                        if required {
                            return Err((i, w.field_required));
                        }
                        dates.push(None);
                    } else {
                        dates.push(Some(parse_date(v, today).ok_or((i, w.bad_date))?));
                    }
                }
                FieldKind::YesNo => answers.push(parse_yes_no(v).ok_or((i, w.field_required))?),
            }
        }
        let text_at = |i: usize| texts.get(i).cloned().unwrap_or_default();
        Ok(vec![match self.kind {
            FormKind::Agreement => Command::RecordAgreement {
                who: text_at(0),
                what: text_at(1),
                by_when: dates.first().copied().flatten(),
            },
            FormKind::EditAgreement { id } => Command::EditAgreement {
                id,
                who: text_at(0),
                what: text_at(1),
                by_when: dates.first().copied().flatten(),
            },
            FormKind::Address => Command::SetAddress(Some(text_at(0)).filter(|a| !a.is_empty())),
            FormKind::FollowUp => Command::PlanFollowUp(FollowUp {
                due: dates.first().copied().flatten().unwrap_or(today),
                what: text_at(0),
            }),
            FormKind::FollowUpResult => Command::CloseFollowUp(FollowUpResult {
                agreements_kept: answers.first().copied().unwrap_or(false),
                customer_satisfied: answers.get(1).copied().unwrap_or(false),
                still_open: text_at(0),
            }),
            FormKind::Evaluation => return Ok(Vec::new()),
        }])
    }
}

/// Reads `YYYY-MM-DD` or `+N` (days from `today`).
pub fn parse_date(s: &str, today: Date) -> Option<Date> {
    let s = s.trim();
    if let Some(n) = s.strip_prefix('+') {
        let days: i32 = n.trim().parse().ok()?;
        if !(0..=3650).contains(&days) {
            return None;
        }
        return today.checked_add(jiff::Span::new().days(days)).ok();
    }
    s.parse::<Date>().ok()
}

fn parse_yes_no(s: &str) -> Option<bool> {
    match text::fold(s).as_str() {
        "j" | "ja" | "y" | "yes" => Some(true),
        "n" | "nee" | "no" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::NL;
    use jiff::civil::date;

    #[test]
    fn dates_by_shortcut_or_typed() {
        let today = date(2026, 11, 22);
        assert_eq!(parse_date("+3", today), Some(date(2026, 11, 25)));
        assert_eq!(parse_date("2026-12-01", today), Some(date(2026, 12, 1)));
        assert_eq!(parse_date("morgen", today), None);
        assert_eq!(parse_date("+99999", today), None);
    }

    #[test]
    fn agreement_form_reads_into_a_command_or_names_the_bad_field() {
        let today = date(2026, 11, 22);
        let mut f = Form::new(FormKind::Agreement, &NL);
        assert_eq!(f.fields[0].text(), "wij");
        assert!(f.submit(today, &NL).is_none());
        assert_eq!(f.focus, 1);
        f.paste("nieuwe jas\x1b[31m sturen", 0);
        f.move_focus(1);
        f.type_char('x', 0);
        assert!(f.submit(today, &NL).is_none());
        assert_eq!(f.error.as_deref(), Some(NL.bad_date));
        f.edit(Edit::Backspace, 0);
        assert!(f.set_days(7, 0));
        assert_eq!(
            f.submit(today, &NL),
            Some(vec![Command::RecordAgreement {
                who: "wij".into(),
                what: "nieuwe jas[31m sturen".into(),
                by_when: Some(date(2026, 11, 29)),
            }])
        );
    }

    #[test]
    fn follow_up_result_needs_yes_or_no() {
        let mut f = Form::new(FormKind::FollowUpResult, &NL);
        f.paste("ja", 0);
        f.move_focus(1);
        f.paste("misschien", 0);
        assert!(f.submit(date(2026, 1, 1), &NL).is_none());
        assert_eq!(f.focus, 1);
        f.edit(Edit::Undo, 0);
        f.paste("nee", 0);
        let cmd = f.submit(date(2026, 1, 1), &NL);
        assert_eq!(
            cmd,
            Some(vec![Command::CloseFollowUp(FollowUpResult {
                agreements_kept: true,
                customer_satisfied: false,
                still_open: String::new(),
            })])
        );
    }
}
