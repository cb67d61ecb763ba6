//! Helpers shared by the store tests.
#![allow(dead_code)]

use callcoach::engine::{Agreement, CallMeta, CallOutcome, Event, EventKind, FollowUp};
use callcoach::playbook::Channel;
use callcoach::stage::StageId;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

pub const T0: i64 = 1_790_000_000_000;

pub fn started(customer: Option<&str>, at: i64) -> Event {
    Event {
        at,
        kind: EventKind::Started(CallMeta {
            playbook_id: "klachtgesprek".into(),
            playbook_version: "1.0".into(),
            playbook_hash: None,
            customer: customer.map(str::to_owned),
            channel: Channel::Phone,
            difficult_before: false,
            agent: None,
            address: None,
        }),
    }
}

pub fn ev(at: i64, kind: EventKind) -> Event {
    Event { at, kind }
}

/// A realistic middle of a call: stages, an agreement, a follow-up.
pub fn body(at: i64, what: &str) -> Vec<Event> {
    vec![
        ev(
            at + 1_000,
            EventKind::StageEntered {
                stage: StageId::Acknowledge,
                skipped: vec![],
            },
        ),
        ev(at + 2_000, EventKind::MarkedDifficult { difficult: true }),
        ev(
            at + 3_000,
            EventKind::AgreementRecorded(Agreement {
                id: 1,
                who: "wij".into(),
                what: what.into(),
                by_when: Some("2026-12-01".parse().unwrap()),
            }),
        ),
        ev(
            at + 4_000,
            EventKind::FollowUpPlanned(FollowUp {
                due: "2026-12-02".parse().unwrap(),
                what: "check delivery".into(),
            }),
        ),
    ]
}

pub fn ended(at: i64) -> Event {
    ev(
        at,
        EventKind::Ended {
            outcome: CallOutcome::ResolvedWithFollowUp,
        },
    )
}

pub fn mode(p: &Path) -> u32 {
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Every file under `dir` (recursively) with its mode.
pub fn all_files(dir: &Path) -> Vec<(std::path::PathBuf, u32)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.push((p.clone(), mode(&p)));
            out.extend(all_files(&p));
        } else {
            out.push((p.clone(), mode(&p)));
        }
    }
    out
}

/// True when `needle` occurs in any byte of any file under `dir`.
pub fn found_anywhere(dir: &Path, needle: &[u8]) -> Vec<std::path::PathBuf> {
    all_files(dir)
        .into_iter()
        .filter(|(p, _)| p.is_file())
        .filter(|(p, _)| {
            let bytes = std::fs::read(p).unwrap();
            bytes.windows(needle.len()).any(|w| w == needle)
        })
        .map(|(p, _)| p)
        .collect()
}

/// `Recorder::resume` right after this process dropped the call's recorder.
///
/// The lock is an `flock` on an open file. Other tests in this binary spawn
/// processes all the time, and a child holds a copy of every descriptor
/// between its fork and its exec (close-on-exec only acts at the exec), so
/// for that moment the lock can still look held. A real agent's second
/// window has no such sibling; the tests wait it out (at most 5 s).
pub fn resume_when_free(
    dir: &Path,
    id: &callcoach::store::CallId,
) -> anyhow::Result<callcoach::store::Recorder> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match callcoach::store::Recorder::resume(dir, id) {
            Err(e)
                if e.to_string().contains("another callcoach window")
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other,
        }
    }
}

/// Waits (at most 5 s) until no process holds `id`'s lock; see
/// [`resume_when_free`] for why a just-dropped lock may linger briefly.
pub fn lock_released(dir: &Path, id: &callcoach::store::CallId) -> bool {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while callcoach::store::is_live_elsewhere(dir, id) {
        if std::time::Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    true
}
