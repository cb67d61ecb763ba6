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
