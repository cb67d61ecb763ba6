//! Semantic rules a playbook must satisfy beyond its shape.
//!
//! NOTE: interim implementation; the full rule set replaces it.

use super::Playbook;

/// A rule broken at a YAML path such as `stages.listen.checklist[2].source`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Dotted path to the offending value.
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// What was expected.
    pub expected: Option<String>,
    /// How to fix it.
    pub hint: Option<String>,
}

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
