//! A scenario's references to its playbook: the playbook id must name a
//! playbook that exists (built-in, the user's, or any other source the shell
//! knows) in the scenario's language, and every option's `ticks:` must name
//! checklist items of its move's stage.

use super::{Scenario, problem_x};
use crate::diagnostic::did_you_mean;
use crate::playbook::Playbook;
use crate::playbook::validate::Problem;

/// The playbook `s` trains, among `known`.
pub fn find<'p>(s: &Scenario, known: &'p [Playbook]) -> Option<&'p Playbook> {
    known.iter().find(|p| p.id == s.playbook)
}

/// Problems with `s`'s playbook reference, given the playbooks `known`.
pub fn problems(s: &Scenario, known: &[Playbook]) -> Vec<Problem> {
    let mut out = Vec::new();
    let Some(pb) = find(s, known) else {
        let ids: Vec<&str> = known.iter().map(|p| p.id.as_str()).collect();
        let hint = did_you_mean(&s.playbook, &ids).map(|m| format!("did you mean `{m}`?"));
        out.push(problem_x(
            "playbook",
            format!(
                "no playbook with id `{}`",
                crate::text::sanitize_line(&s.playbook)
            ),
            &format!("the id of a playbook: {}", ids.join(", ")),
            Some(hint.as_deref().unwrap_or(
                "`callcoach playbook list` shows the playbooks available; put your own in the playbook directory",
            )),
        ));
        return out;
    };
    if pb.language != s.language {
        out.push(problem_x(
            "playbook",
            format!(
                "playbook `{}` is in {}, the scenario in {}",
                pb.id,
                pb.language.code(),
                s.language.code()
            ),
            &format!("a playbook in {}", s.language.code()),
            None,
        ));
    }
    for (bi, b) in s.beats.iter().enumerate() {
        for (oi, o) in b.options.iter().enumerate() {
            for (ti, id) in o.ticks.iter().enumerate() {
                let at = format!("beats[{bi}].options[{oi}].ticks[{ti}]");
                let Some(stage) = o.act.stage() else {
                    out.push(problem_x(
                        at,
                        format!("`{}` is an anti-move: it ticks nothing", o.act),
                        "no `ticks:` on an anti-move",
                        None,
                    ));
                    continue;
                };
                let items: Vec<&str> = pb
                    .stage(stage)
                    .checklist
                    .iter()
                    .map(|i| i.id.as_str())
                    .collect();
                if !items.contains(&id.as_str()) {
                    let hint = did_you_mean(id, &items).map(|m| format!("did you mean `{m}`?"));
                    out.push(problem_x(
                        at,
                        format!(
                            "no checklist item `{}` in stage {stage} of `{}`",
                            crate::text::sanitize_line(id),
                            pb.id
                        ),
                        &format!("one of {}", items.join(", ")),
                        hint.as_deref(),
                    ));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin_pbs() -> Vec<Playbook> {
        crate::playbook::builtin::ALL
            .iter()
            .filter_map(|(n, _, _)| crate::playbook::load::builtin(n).and_then(Result::ok))
            .collect()
    }

    fn scenario() -> Scenario {
        match super::super::load::builtin("wrong-delivery.en.yaml") {
            Some(Ok(s)) => s,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_unknown_playbook_id_is_rejected_with_a_suggestion() {
        let pbs = builtin_pbs();
        let mut s = scenario();
        assert!(problems(&s, &pbs).is_empty());
        s.playbook = "complaint-cal".into();
        let p = problems(&s, &pbs);
        assert_eq!(p[0].path, "playbook");
        assert_eq!(p[0].hint.as_deref(), Some("did you mean `complaint-call`?"));
        s.playbook = "klachtgesprek".into();
        assert!(
            problems(&s, &pbs)[0]
                .message
                .contains("is in nl, the scenario in en")
        );
    }

    #[test]
    fn ticks_must_name_items_of_the_moves_stage() {
        let pbs = builtin_pbs();
        let mut s = scenario();
        s.beats[0].options[2].ticks = vec!["listening_cues".into(), "listening_cue".into()];
        s.beats[0].options[0].ticks = vec!["let_finish".into()];
        let p = problems(&s, &pbs);
        let paths: Vec<&str> = p.iter().map(|x| x.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "beats[0].options[0].ticks[0]",
                "beats[0].options[2].ticks[1]"
            ]
        );
        assert_eq!(p[1].hint.as_deref(), Some("did you mean `listening_cues`?"));
    }
}
