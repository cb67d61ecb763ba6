//! The rubric on the shipped scenarios: no path that blames, lectures or
//! joins the hysteria passes (one scored 94 and passed under the old
//! rubric), and every mistake cites a source the scenario defines.

use callcoach::practice::Session;
use callcoach::scenario::{Move, Scenario, load};
use callcoach::score::{Rubric, grade_session_with};

fn scenarios() -> Vec<Scenario> {
    load::BUILTIN
        .iter()
        .map(|(f, _)| load::builtin(f).expect("built in").expect("valid"))
        .collect()
}

/// Every complete path (beats passed at most twice), as option numbers.
fn paths(s: &Scenario) -> Vec<Vec<usize>> {
    fn walk(
        s: &Scenario,
        beat: usize,
        visits: &mut Vec<usize>,
        path: &mut Vec<usize>,
        out: &mut Vec<Vec<usize>>,
    ) {
        if visits[beat] >= 2 || out.len() > 5000 {
            return;
        }
        visits[beat] += 1;
        for (i, o) in s.beats[beat].options.iter().enumerate() {
            path.push(i + 1);
            match (&o.next, o.end) {
                (Some(n), _) => {
                    if let Some(j) = s.beat_index(n) {
                        walk(s, j, visits, path, out);
                    }
                }
                (None, Some(_)) => out.push(path.clone()),
                _ => {}
            }
            path.pop();
        }
        visits[beat] -= 1;
    }
    let mut out = Vec::new();
    let start = s.beat_index(&s.start).expect("start");
    walk(
        s,
        start,
        &mut vec![0; s.beats.len()],
        &mut Vec::new(),
        &mut out,
    );
    out
}

#[test]
fn no_path_that_blames_lectures_or_joins_the_hysteria_passes() {
    let disrespect = [
        Move::BlameCustomer,
        Move::LectureCustomer,
        Move::JoinHysteria,
    ];
    let mut checked = 0;
    for sc in scenarios() {
        let pb = callcoach::playbook::load::builtin(&sc.playbook)
            .expect("built-in playbook")
            .expect("valid");
        let rubric = Rubric::of_playbook(Some(&pb));
        for p in paths(&sc) {
            let s = Session::play(&sc, &p).expect("plays");
            let g = grade_session_with(&s, &rubric);
            for m in &g.mistakes {
                assert!(
                    sc.source(&m.source).is_some(),
                    "{}: cites `{}`",
                    sc.id,
                    m.source
                );
            }
            if s.turns.iter().any(|t| disrespect.contains(&t.act)) {
                checked += 1;
                assert!(
                    !g.passed,
                    "{} ({:?}) path {p:?} passes with {}",
                    sc.id, sc.language, g.score
                );
                assert!(g.score < sc.pass_mark());
                assert!(!g.failed_by.is_empty());
            }
        }
    }
    assert!(checked > 100, "{checked} disrespectful paths");
}
