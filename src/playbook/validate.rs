//! Semantic rules a playbook must satisfy beyond its shape.
//!
//! NOTE: interim implementation; the full rule set replaces it.

use super::Playbook;

pub use crate::diagnostic::Problem;

/// Checks every rule and returns all problems found (empty when valid).
pub fn validate(pb: &Playbook) -> Vec<Problem> {
    let mut out = Vec::new();
    for (stage, content) in pb.stages.iter() {
        for (i, item) in content.checklist.iter().enumerate() {
            if pb.source(&item.source).is_none() {
                out.push(Problem {
                    path: format!("stages.{stage}.checklist[{i}].source"),
                    message: format!("unknown source `{}`", item.source),
                    expected: Some("the id of an entry in `sources`".into()),
                    hint: None,
                });
            }
        }
    }
    out
}
