//! The live view's pure update: a message in, effects out; time comes in
//! with the message.

use super::keys::{self, Action};
use super::state::{Effect, Link, LiveView, Msg};
use crate::engine::Timestamp;
use crate::team::live::watch::Feed;
use crate::tui::term::Input;

/// Applies `msg` at local time `now`.
pub fn update(v: &mut LiveView, msg: Msg, now: Timestamp) -> Vec<Effect> {
    v.now = now;
    match msg {
        Msg::Tick | Msg::Input(Input::Resize(..) | Input::Mouse(_) | Input::Paste(_)) => {}
        Msg::Input(Input::Hangup) => return vec![Effect::Quit],
        Msg::Input(Input::Key(k)) => match keys::lookup(&k).map(|b| b.action) {
            Some(Action::Quit) => return vec![Effect::Quit],
            Some(Action::Up) => v.scroll = v.scroll.saturating_sub(1),
            Some(Action::Down) => v.scroll = (v.scroll + 1).min(v.rows.len().saturating_sub(1)),
            None => {}
        },
        Msg::Feed(Feed::Connecting) => {
            // Keep showing "lost" until the next answer when reconnecting.
            if !matches!(v.link, Link::Lost { .. }) {
                v.link = Link::Connecting;
            }
        }
        Msg::Feed(Feed::Snapshot(s)) => {
            v.offset_ms = s.server_now - now;
            v.rows = s.rows;
            v.scroll = v.scroll.min(v.rows.len().saturating_sub(1));
            v.link = Link::Live;
        }
        Msg::Feed(Feed::Lost { error, retry_in }) => {
            let ms = i64::try_from(retry_in.as_millis()).unwrap_or(i64::MAX);
            v.link = Link::Lost {
                error,
                retry_at: now.saturating_add(ms),
            };
        }
    }
    vec![]
}

#[cfg(test)]
mod tests {
    use super::super::keys::Action;
    use super::*;
    use crate::playbook::Language;
    use crate::stage::StageId;
    use crate::team::live::{LiveRow, Snapshot};
    use crate::tui::keymap;
    use crate::tui::theme::Theme;
    use ratatui::crossterm::event::KeyEvent;
    use std::time::Duration;

    fn row(agent: &str, entered: i64) -> LiveRow {
        LiveRow {
            agent: agent.into(),
            call_id: format!("call-{agent}"),
            customer: Some("K-1".into()),
            stage: Some(StageId::Ask),
            stage_entered_at: entered,
            escalations: 0,
            over_time: false,
            skipped: false,
            updated_at: entered,
        }
    }

    #[test]
    fn snapshots_replace_rows_and_time_runs_on_the_servers_clock() {
        let mut v = LiveView::new(Language::En, Theme::mono(), 0);
        assert_eq!(v.link, Link::Connecting);
        let snap = Snapshot {
            rows: vec![row("ann", 1_000_000), row("bob", 1_050_000)],
            server_now: 1_060_000,
        };
        // Our clock is 1 000 000 ms behind the server's.
        update(&mut v, Msg::Feed(Feed::Snapshot(snap)), 60_000);
        assert_eq!(v.link, Link::Live);
        assert_eq!(v.in_stage_ms(&v.rows[0].clone()), 60_000);
        update(&mut v, Msg::Tick, 65_000);
        assert_eq!(v.in_stage_ms(&v.rows[1].clone()), 15_000);
        assert!(v.wants_tick());
        // Not stale within STALE_MS (90 s) of its update, stale after.
        update(&mut v, Msg::Tick, 60_000 + 30_000);
        assert_eq!(v.stale_minutes(&v.rows[0].clone()), None);
        // Ann's row was updated at 1 000 000, now it is 1 160 000: 2 min 40 s.
        update(&mut v, Msg::Tick, 160_000);
        assert_eq!(v.stale_minutes(&v.rows[0].clone()), Some(2));
        // An ended call is simply absent from the next snapshot.
        let snap = Snapshot {
            rows: vec![row("bob", 1_050_000)],
            server_now: 1_170_000,
        };
        update(&mut v, Msg::Feed(Feed::Snapshot(snap)), 170_000);
        assert_eq!(v.rows.len(), 1);
    }

    #[test]
    fn a_lost_connection_shows_until_the_next_snapshot() {
        let mut v = LiveView::new(Language::En, Theme::mono(), 0);
        let lost = Feed::Lost {
            error: "server closed the connection".into(),
            retry_in: Duration::from_secs(4),
        };
        update(&mut v, Msg::Feed(lost), 1_000);
        assert!(matches!(
            v.link,
            Link::Lost {
                retry_at: 5_000,
                ..
            }
        ));
        update(&mut v, Msg::Feed(Feed::Connecting), 5_000);
        assert!(matches!(v.link, Link::Lost { .. }));
        let snap = Snapshot {
            rows: vec![],
            server_now: 6_000,
        };
        update(&mut v, Msg::Feed(Feed::Snapshot(snap)), 6_000);
        assert_eq!(v.link, Link::Live);
    }

    #[test]
    fn q_esc_and_ctrl_c_quit_other_keys_do_not() {
        let mut v = LiveView::new(Language::Nl, Theme::mono(), 0);
        let key = |(c, m): keymap::Key| Msg::Input(Input::Key(KeyEvent::new(c, m)));
        // Every key the table binds to quitting quits (q, Esc, Ctrl-C).
        let quit = keys::TABLE
            .iter()
            .find(|b| b.action == Action::Quit)
            .unwrap();
        assert_eq!(quit.keys.len(), 3);
        for k in quit.keys {
            assert_eq!(update(&mut v, key(*k), 0), vec![Effect::Quit]);
        }
        assert!(update(&mut v, key((keymap::c('x'), keymap::NONE)), 0).is_empty());
        assert!(update(&mut v, key((keymap::c('j'), keymap::NONE)), 0).is_empty());
        assert_eq!(v.scroll, 0);
    }
}
