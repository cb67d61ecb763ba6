//! Sending a call's live status from the agent's machine: a background
//! thread fed through a one-value slot, so the call screen never waits on
//! the network.
//!
//! The call's loop [`Sender::offer`]s the status after every message; an
//! unchanged status costs a comparison, a changed one replaces whatever the
//! thread has not sent yet (stale updates are dropped, the newest wins).
//! The thread upserts the row, refreshes it every [`HEARTBEAT_MS`] while
//! nothing changes, retries silently with a growing pause when the team
//! database cannot be reached, and removes the row when the call ends or
//! the screen closes.

use super::HEARTBEAT_MS;
use crate::engine::{LiveStatus, Timestamp};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// Where statuses go: the team database, or a fake in tests.
pub trait Post: Send {
    /// Inserts or replaces the row of call `call_id`; `elapsed_ms` is the
    /// time in the current stage when sent (the database turns it into an
    /// entry time on its own clock, so the agent's clock does not matter).
    fn upsert(&mut self, call_id: &str, s: &LiveStatus, elapsed_ms: i64) -> anyhow::Result<()>;
    /// Removes the row of call `call_id`.
    fn remove(&mut self, call_id: &str) -> anyhow::Result<()>;
}

/// Opens a connection for the sender thread.
pub type Connect = Box<dyn FnMut() -> anyhow::Result<Box<dyn Post>> + Send>;

/// The sender's pauses.
#[derive(Clone, Copy, Debug)]
pub struct Timing {
    /// Refresh of an unchanged row.
    pub heartbeat: Duration,
    /// First pause after a failure.
    pub retry_min: Duration,
    /// Longest pause after failures.
    pub retry_max: Duration,
}

impl Default for Timing {
    fn default() -> Timing {
        Timing {
            heartbeat: Duration::from_millis(HEARTBEAT_MS.unsigned_abs()),
            retry_min: Duration::from_secs(1),
            retry_max: Duration::from_secs(30),
        }
    }
}

/// The slot between the call's loop and the thread.
#[derive(Default)]
struct Slot {
    /// The newest status not yet taken by the thread (`Some(None)`: the
    /// call ended).
    next: Option<Option<LiveStatus>>,
    /// The last status offered, to skip unchanged ones.
    offered: Option<Option<LiveStatus>>,
    /// The screen is closing: remove the row and stop.
    closing: bool,
}

struct Shared {
    slot: Mutex<Slot>,
    wake: Condvar,
}

/// The live-status sender of one call.
pub struct Sender {
    shared: Arc<Shared>,
    done: mpsc::Receiver<()>,
}

/// The sender for the call whose id `call_id` gives, when a team database
/// is configured and the agent has not switched the live status off;
/// `None` otherwise. The id is asked only then: a new call's id comes with
/// storing its start (an fsync), which must not come before the first
/// frame when nothing is sent.
pub fn for_call(call_id: impl FnOnce() -> String) -> Option<Sender> {
    let url = super::super::team_url()?;
    if !super::enabled() {
        return None;
    }
    Some(Sender::start(
        &call_id(),
        connect_to(url),
        Timing::default(),
        crate::store::now_ms,
    ))
}

/// Connecting to the team database at `url`.
pub fn connect_to(url: String) -> Connect {
    Box::new(move || {
        // The sender's errors are never shown (it retries quietly), so
        // their language does not matter.
        let client = super::super::conn::connect(&url, crate::playbook::Language::En)?;
        Ok(Box::new(PgPost { client }) as Box<dyn Post>)
    })
}

impl Sender {
    /// Starts the thread for call `call_id`; `clock` gives milliseconds
    /// since the epoch on the same clock as the statuses' times.
    pub fn start(
        call_id: &str,
        connect: Connect,
        timing: Timing,
        clock: fn() -> Timestamp,
    ) -> Sender {
        let shared = Arc::new(Shared {
            slot: Mutex::new(Slot::default()),
            wake: Condvar::new(),
        });
        let (done_tx, done) = mpsc::channel();
        let worker = Worker {
            shared: Arc::clone(&shared),
            call_id: call_id.to_owned(),
            connect,
            timing,
            clock,
        };
        std::thread::spawn(move || {
            worker.run();
            let _ = done_tx.send(());
        });
        Sender { shared, done }
    }

    /// Offers the call's status (`None` once it ended). Never blocks on
    /// the network: an unchanged status is ignored, a changed one replaces
    /// any the thread has not sent yet.
    pub fn offer(&self, status: Option<LiveStatus>) {
        let Ok(mut slot) = self.shared.slot.lock() else {
            return;
        };
        if slot.offered.as_ref() == Some(&status) {
            return;
        }
        slot.offered = Some(status.clone());
        slot.next = Some(status);
        self.shared.wake.notify_one();
    }

    /// Removes the row and stops the thread, waiting at most `wait`.
    pub fn close(&self, wait: Duration) {
        if let Ok(mut slot) = self.shared.slot.lock() {
            slot.closing = true;
            self.shared.wake.notify_one();
        }
        let _ = self.done.recv_timeout(wait);
    }
}

impl Drop for Sender {
    fn drop(&mut self) {
        // The screen is gone: take the call off the live view (briefly
        // waited for; a row left behind shows as "no news" and is purged).
        self.close(Duration::from_secs(1));
    }
}

/// The thread's side.
struct Worker {
    shared: Arc<Shared>,
    call_id: String,
    connect: Connect,
    timing: Timing,
    clock: fn() -> Timestamp,
}

impl Worker {
    fn run(mut self) {
        let mut link: Option<Box<dyn Post>> = None;
        // What to send next: Some(Some(s)) upsert, Some(None) remove.
        let mut pending: Option<Option<LiveStatus>> = None;
        // The row as the database has it (for the heartbeat).
        let mut current: Option<LiveStatus> = None;
        let mut sent_at = Instant::now();
        let mut retry_at: Option<Instant> = None;
        let mut pause = self.timing.retry_min;
        loop {
            let closing = self.wait(&mut pending, current.is_some(), sent_at, retry_at);
            if closing {
                // One last try to take the row away.
                if current.is_some() || matches!(pending, Some(Some(_))) {
                    let _ = self.send(&mut link, &None);
                }
                return;
            }
            let work = match pending.clone() {
                Some(w) => w,
                None => current.clone(),
            };
            match self.send(&mut link, &work) {
                Ok(()) => {
                    pending = None;
                    current = work;
                    sent_at = Instant::now();
                    retry_at = None;
                    pause = self.timing.retry_min;
                }
                Err(_) => {
                    // Silently: the call goes on; try again later with the
                    // newest status.
                    link = None;
                    pending = Some(work);
                    retry_at = Some(Instant::now() + pause);
                    pause = (pause * 2).min(self.timing.retry_max);
                }
            }
        }
    }

    /// Waits until something is due; takes the newest offered status into
    /// `pending`. Returns true when the screen is closing.
    fn wait(
        &self,
        pending: &mut Option<Option<LiveStatus>>,
        has_row: bool,
        sent_at: Instant,
        retry_at: Option<Instant>,
    ) -> bool {
        let Ok(mut slot) = self.shared.slot.lock() else {
            return true;
        };
        loop {
            if let Some(next) = slot.next.take() {
                *pending = Some(next);
            }
            if slot.closing {
                return true;
            }
            let now = Instant::now();
            let due = match (pending.is_some(), retry_at) {
                (true, None) => Some(now),
                (true, Some(t)) => Some(t),
                (false, _) => has_row.then(|| sent_at + self.timing.heartbeat),
            };
            slot = match due {
                Some(t) if t <= now => return false,
                Some(t) => match self.shared.wake.wait_timeout(slot, t - now) {
                    Ok((s, _)) => s,
                    Err(_) => return true,
                },
                None => match self.shared.wake.wait(slot) {
                    Ok(s) => s,
                    Err(_) => return true,
                },
            };
        }
    }

    /// Sends one status (or the removal), connecting first if needed.
    fn send(
        &mut self,
        link: &mut Option<Box<dyn Post>>,
        work: &Option<LiveStatus>,
    ) -> anyhow::Result<()> {
        if link.is_none() {
            *link = Some((self.connect)()?);
        }
        let Some(post) = link.as_mut() else {
            anyhow::bail!("no connection");
        };
        match work {
            Some(s) => {
                let elapsed = ((self.clock)() - s.stage_entered_at).max(0);
                post.upsert(&self.call_id, s, elapsed)
            }
            None => post.remove(&self.call_id),
        }
    }
}

/// The team database as a [`Post`].
pub struct PgPost {
    /// The agent's connection.
    pub client: postgres::Client,
}

/// Inserts or replaces an agent's live row (the agent is the login role).
pub const UPSERT: &str = "INSERT INTO callcoach.live_calls (call_id, customer, stage, \
     stage_entered_at, escalations, over_time, skipped, updated_at) \
     VALUES ($1, $2, $3, now() - $4::bigint * interval '1 millisecond', $5, $6, $7, now()) \
     ON CONFLICT (agent, call_id) DO UPDATE SET customer = excluded.customer, \
     stage = excluded.stage, stage_entered_at = excluded.stage_entered_at, \
     escalations = excluded.escalations, over_time = excluded.over_time, \
     skipped = excluded.skipped, updated_at = excluded.updated_at";

impl Post for PgPost {
    fn upsert(&mut self, call_id: &str, s: &LiveStatus, elapsed_ms: i64) -> anyhow::Result<()> {
        let escalations = i32::try_from(s.escalations).unwrap_or(i32::MAX);
        self.client.execute(
            UPSERT,
            &[
                &call_id,
                &s.customer,
                &s.stage.as_str(),
                &elapsed_ms,
                &escalations,
                &s.over_time,
                &s.skipped,
            ],
        )?;
        Ok(())
    }

    fn remove(&mut self, call_id: &str) -> anyhow::Result<()> {
        self.client.execute(
            "DELETE FROM callcoach.live_calls WHERE agent = current_user AND call_id = $1",
            &[&call_id],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
