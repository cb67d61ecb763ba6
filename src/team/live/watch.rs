//! Watching the live rows for a team lead's screen: a blocking reader
//! thread that LISTENs on [`CHANNEL`], reads the rows again after each
//! notification (several at once are read once), and feeds the screen
//! through a channel. A lost connection is reported and retried with a
//! growing pause; every [`REFRESH`] without news the rows are read anyway,
//! which also notices a connection that died quietly.

use super::{CHANNEL, Snapshot, fetch};
use postgres::fallible_iterator::FallibleIterator as _;
use std::sync::mpsc::Sender;
use std::time::Duration;

/// The longest pause between tries to reconnect.
pub const MAX_PAUSE: Duration = Duration::from_secs(10);

/// Rows are read at least this often.
pub const REFRESH: Duration = Duration::from_secs(10);

/// What the reader tells the screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Feed {
    /// Connecting (the first time, or again after a loss).
    Connecting,
    /// The rows now.
    Snapshot(Snapshot),
    /// The connection failed or dropped; the next try is in `retry_in`.
    Lost {
        /// What went wrong (one line, passwords never included).
        error: String,
        /// Until the next try.
        retry_in: Duration,
    },
}

/// Starts the reader for the team database at `url`; it stops when the
/// receiving side of `tx` is gone. Its errors are worded in `lang`.
pub fn spawn<M: From<Feed> + Send + 'static>(
    url: String,
    lang: crate::playbook::Language,
    tx: Sender<M>,
) {
    std::thread::spawn(move || run(&url, lang, &tx));
}

fn run<M: From<Feed>>(url: &str, lang: crate::playbook::Language, tx: &Sender<M>) {
    let mut pause = Duration::from_secs(1);
    loop {
        if tx.send(M::from(Feed::Connecting)).is_err() {
            return;
        }
        let err = match watch(url, lang, tx, &mut pause) {
            Ok(()) => return,
            Err(e) => e,
        };
        // The innermost cause says what happened ("connection refused");
        // the outer ones repeat the URL.
        let error = crate::text::sanitize_line(&err.root_cause().to_string());
        let lost = Feed::Lost {
            error,
            retry_in: pause,
        };
        if tx.send(M::from(lost)).is_err() {
            return;
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(MAX_PAUSE);
    }
}

/// One connection's life: `Ok` when the screen is gone, `Err` when the
/// connection failed.
fn watch<M: From<Feed>>(
    url: &str,
    lang: crate::playbook::Language,
    tx: &Sender<M>,
    pause: &mut Duration,
) -> anyhow::Result<()> {
    let mut client = super::super::conn::connect(url, lang)?;
    super::super::schema::require_current(&mut client)?;
    client.batch_execute(&format!("LISTEN {CHANNEL}"))?;
    let snap = fetch(&mut client)?;
    *pause = Duration::from_secs(1);
    if tx.send(M::from(Feed::Snapshot(snap))).is_err() {
        return Ok(());
    }
    loop {
        // Woken by a notification, or REFRESH passed without one.
        {
            let mut n = client.notifications();
            if n.timeout_iter(REFRESH).next()?.is_some() {
                // Everything already waiting is covered by one read.
                while n.iter().next()?.is_some() {}
            }
        }
        let snap = fetch(&mut client)?;
        if tx.send(M::from(Feed::Snapshot(snap))).is_err() {
            return Ok(());
        }
    }
}
