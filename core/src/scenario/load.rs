//! YAML → [`Scenario`] with located diagnostics, and the built-in scenarios.
//!
//! Parsing and locating are the generic loader's (`crate::yaml`); this
//! module supplies the scenario rules: [`validate`](super::validate) plus
//! the reachability half of [`soundness`](super::soundness), so a broken
//! graph is reported at the line of the offending beat.

use super::{Scenario, graph_problems, validate};
use crate::diagnostic::Diagnostic;
use crate::playbook::validate::Problem;

/// The built-in scenarios: `(file name, yaml)`, embedded in the binary.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "sweat-stains.nl.yaml",
        include_str!("../../../playbooks/scenarios/sweat-stains.nl.yaml"),
    ),
    (
        "sweat-stains.en.yaml",
        include_str!("../../../playbooks/scenarios/sweat-stains.en.yaml"),
    ),
    (
        "expired-promotion.nl.yaml",
        include_str!("../../../playbooks/scenarios/expired-promotion.nl.yaml"),
    ),
    (
        "wrong-delivery.nl.yaml",
        include_str!("../../../playbooks/scenarios/wrong-delivery.nl.yaml"),
    ),
    (
        "wrong-delivery.en.yaml",
        include_str!("../../../playbooks/scenarios/wrong-delivery.en.yaml"),
    ),
    (
        "outside-assignment.nl.yaml",
        include_str!("../../../playbooks/scenarios/outside-assignment.nl.yaml"),
    ),
    (
        "repeat-difficult.nl.yaml",
        include_str!("../../../playbooks/scenarios/repeat-difficult.nl.yaml"),
    ),
];

/// Every rule a playable scenario must satisfy: shape, references, and a
/// sound graph (reachable beats, an exit from every beat).
pub fn rules(s: &Scenario) -> Vec<Problem> {
    let mut out = validate(s);
    if out.is_empty()
        && let Some(graph) = graph_problems(s)
    {
        out.extend(graph);
    }
    out
}

/// Parses and checks a scenario from `bytes`; `name` is used in messages.
pub fn parse(name: &str, bytes: &[u8]) -> Result<Scenario, Vec<Diagnostic>> {
    parse_with(name, bytes, rules)
}

/// Parses with a custom rule set (e.g. [`rules`] plus the score range).
pub fn parse_with(
    name: &str,
    bytes: &[u8],
    rules: impl Fn(&Scenario) -> Vec<Problem>,
) -> Result<Scenario, Vec<Diagnostic>> {
    crate::yaml::load_str(name, bytes, rules)
}

/// Parses the built-in scenario file `file`.
pub fn builtin(file: &str) -> Option<Result<Scenario, Vec<Diagnostic>>> {
    BUILTIN
        .iter()
        .find(|(f, _)| *f == file)
        .map(|(f, yaml)| parse(&format!("<built-in {f}>"), yaml.as_bytes()))
}
