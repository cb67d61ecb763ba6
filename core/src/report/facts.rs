//! What the report needs of one call, computed once from its events and
//! kept (the store caches it), so a report over many calls aggregates small
//! records instead of replaying and grading every call again.

use crate::engine::{CallState, Event, ItemRef};
use crate::playbook::{Language, Playbook};
use crate::stage::StageId;
use serde::{Deserialize, Serialize};

/// The per-call figures behind [`super::CallFigures`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallFacts {
    /// Milliseconds spent in each stage, in [`StageId::ALL`] order.
    pub stage_ms: [i64; 6],
    /// Required checklist items skipped and never ticked afterwards.
    pub skipped: Vec<ItemRef>,
    /// Required items skipped and ticked later ("skipped, completed later").
    #[serde(default)]
    pub completed_later: Vec<ItemRef>,
    /// The complaint cause's id, when the evaluation gave one.
    pub cause: Option<String>,
    /// Rubric score, when the call ended.
    pub score: Option<u8>,
}

impl CallFacts {
    /// The facts of a call from its events, graded with its playbook when
    /// known; `None` when the events hold no call (no start event).
    pub fn of_call(events: &[Event], pb: Option<&Playbook>) -> Option<CallFacts> {
        let state = CallState::replay(events)?;
        let now = state.ended.map_or(state.last_event_at, |(at, _)| at);
        let mut stage_ms = [0i64; 6];
        for st in StageId::ALL {
            stage_ms[st.index()] = state.stage_time(st, now);
        }
        let score = state.is_ended().then(|| {
            let lang = pb.map_or(Language::En, |p| p.language);
            crate::score::grade_call(events, pb, lang).score
        });
        let (later, skipped): (Vec<ItemRef>, Vec<ItemRef>) = state
            .skipped_items()
            .into_iter()
            .partition(|i| state.completed_later(i));
        Some(CallFacts {
            stage_ms,
            skipped,
            completed_later: later,
            cause: state.cause.clone(),
            score,
        })
    }
}

/// What the facts of a call computed with `pb` depend on besides the
/// events: the rules' version and the playbook. A cached record with
/// another key is computed again.
pub fn facts_key(pb: Option<&Playbook>) -> String {
    // Bump when CallFacts or the rubric's grading of real calls changes.
    const RULES: u32 = 2;
    const VERSION: &str = env!("CARGO_PKG_VERSION");
    match pb {
        Some(p) => format!("{RULES}:{VERSION}:{}:{}:{:?}", p.id, p.version, p.language),
        None => format!("{RULES}:{VERSION}:-"),
    }
}
