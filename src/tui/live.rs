//! The team lead's live view (`callcoach team live`): the team's calls in
//! progress — agent, customer reference, stage, time in stage,
//! escalations, over-time and skipped flags — updated as they change.
//!
//! Elm-style like the other screens: [`LiveView`] is the state
//! ([`state`]), [`update`] the pure update that looks keys up in [`keys`],
//! and [`draw`] a pure function of the state ([`view`]). [`run`] is the
//! thin loop: terminal input and the reader thread
//! ([`crate::team::live::watch`]) feed one channel; it redraws after each
//! message and ticks once a second only while a clock is on screen.

pub mod keys;
pub mod state;
pub mod update;
pub mod view;

pub use state::{Effect, Link, LiveView, Msg};
pub use update::update;
pub use view::draw;

use crate::tui::term::{Received, Session};
use std::time::Duration;

/// Runs the live view for the team database at `url` until the lead
/// quits or the terminal goes away.
pub fn run(view: &mut LiveView, url: String) -> anyhow::Result<()> {
    let mut session = Session::<Msg>::open(false)?;
    crate::team::live::watch::spawn(url, view.lang, session.sender());
    let now = crate::store::now_ms;
    loop {
        if session.draw(|f| draw(f, view)).is_err() {
            return Ok(());
        }
        let msg = if view.wants_tick() {
            let t = now();
            let wait = u64::try_from(1000 - t.rem_euclid(1000)).unwrap_or(1000);
            match session.recv_timeout(Duration::from_millis(wait.max(1))) {
                Received::Msg(m) => m,
                Received::Timeout => Msg::Tick,
                Received::Closed => return Ok(()),
            }
        } else {
            match session.recv() {
                Some(m) => m,
                None => return Ok(()),
            }
        };
        if update(view, msg, now()).contains(&Effect::Quit) {
            return Ok(());
        }
    }
}
