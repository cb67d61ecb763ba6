//! The practice screen's pure update: a key or a paste in, effects out.
//! Keys are looked up in [`super::keys`].

use super::keys::{self, Action, Context};
use super::state::{Coaching, Effect, PracticeApp};
use crate::practice::ReplyResult;
use crate::score;
use crate::text::sanitize_line;
use crate::tui::keymap;
use ratatui::crossterm::event::KeyEvent;

/// The longest reply, in characters.
const MAX_REPLY: usize = 300;

impl PracticeApp<'_> {
    /// The key context of what is on screen now.
    pub fn context(&self) -> Context {
        if self.grade.is_some() {
            Context::Result
        } else if self.confirm_quit {
            Context::ConfirmQuit
        } else {
            Context::Play
        }
    }

    /// Handles a key; returns what the shell should do.
    pub fn key(&mut self, k: KeyEvent) -> Vec<Effect> {
        if keymap::is_release(&k) {
            return vec![];
        }
        let ctx = self.context();
        let action = keys::lookup(ctx, &k).map(|b| b.action);
        if ctx == Context::ConfirmQuit {
            // The prompt takes only the keys it shows; any other key
            // cancels it and does what it does while practising.
            self.confirm_quit = false;
            return match action {
                Some(Action::StopYes) => vec![Effect::Quit],
                Some(_) => vec![],
                None => self.key(k),
            };
        }
        match action {
            // Digits pick when nothing is typed, after an unsure verdict, or with Alt.
            Some(Action::Pick)
                if !(self.input.is_empty() || self.awaiting_pick || keys::has_alt(&k)) =>
            {
                self.type_key(&k);
                vec![]
            }
            Some(a) => self.act(a, &k),
            None => {
                self.type_key(&k);
                vec![]
            }
        }
    }

    fn act(&mut self, action: Action, k: &KeyEvent) -> Vec<Effect> {
        match action {
            Action::Pick => match keymap::digit(k) {
                Some(d) => self.pick(d - 1),
                None => vec![],
            },
            Action::Submit if !self.input.trim().is_empty() => self.submit(),
            Action::Backspace => {
                self.input.pop();
                self.awaiting_pick = false;
                vec![]
            }
            Action::Clear if self.input.is_empty() => {
                self.confirm_quit = true;
                vec![]
            }
            Action::Clear => {
                self.input.clear();
                self.awaiting_pick = false;
                vec![]
            }
            Action::Stop => {
                self.confirm_quit = true;
                vec![]
            }
            Action::Leave => vec![Effect::Quit],
            Action::Down => self.scroll_by(1),
            Action::Up => self.scroll_by(-1),
            Action::PageDown => self.scroll_by(10),
            Action::PageUp => self.scroll_by(-10),
            Action::Top => {
                self.scroll = 0;
                vec![]
            }
            Action::Submit | Action::StopYes | Action::GoOn => vec![],
        }
    }

    fn scroll_by(&mut self, delta: i32) -> Vec<Effect> {
        let moved = i32::from(self.scroll) + delta;
        self.scroll = u16::try_from(moved.max(0)).unwrap_or(u16::MAX);
        vec![]
    }

    /// Types a printable key into the reply line.
    fn type_key(&mut self, k: &KeyEvent) {
        if let Some(c) = keymap::typed_char(k) {
            if !crate::text::is_forbidden_char(c) && self.input.chars().count() < MAX_REPLY {
                self.input.push(c);
            }
            self.awaiting_pick = false;
        }
    }

    /// Pastes text into the reply line (one line; controls dropped).
    pub fn paste(&mut self, text: &str) {
        let clean = sanitize_line(text);
        for c in clean.chars() {
            if self.input.chars().count() >= MAX_REPLY {
                break;
            }
            self.input.push(c);
        }
    }

    pub(super) fn pick(&mut self, index: usize) -> Vec<Effect> {
        if self.session.choose(index).is_err() {
            return vec![];
        }
        self.heard = None;
        self.after_turn()
    }

    fn submit(&mut self) -> Vec<Effect> {
        let text = sanitize_line(self.input.trim());
        match self.session.reply(&text, &self.model) {
            Ok(ReplyResult::Taken(c)) => {
                self.heard = Some(c);
                self.input.clear();
                self.after_turn()
            }
            Ok(ReplyResult::Unsure(c)) => {
                self.heard = Some(c);
                self.awaiting_pick = true;
                vec![]
            }
            Err(_) => vec![],
        }
    }

    fn after_turn(&mut self) -> Vec<Effect> {
        self.input.clear();
        self.awaiting_pick = false;
        self.coaching = self.session.turns.last().map(|t| Coaching {
            feedback: t.feedback.clone(),
            source: t.source.clone(),
        });
        if self.session.is_finished() {
            let rubric = score::Rubric::of_playbook(self.pb);
            self.grade = Some(score::grade_session_with(&self.session, &rubric));
            vec![Effect::SaveResult]
        } else {
            vec![]
        }
    }
}
