//! The scenario check: a valid scenario's graph proven sound and every
//! complete path scored with the rubric, giving the best and worst
//! reachable score (`callcoach scenario check`).

use crate::playbook::validate::Problem;
use crate::scenario::{Scenario, graph_problems, problem_x};

/// The result of proving a scenario sound.
#[derive(Clone, Debug, PartialEq)]
pub struct Soundness {
    /// Problems: unreachable beats, beats from which no ending can be reached.
    pub problems: Vec<Problem>,
    /// Best reachable score over the explored paths.
    pub best: u8,
    /// Worst reachable score over the explored paths.
    pub worst: u8,
    /// The option numbers (1-based) of a best path.
    pub best_path: Vec<usize>,
    /// The option numbers (1-based) of a worst path.
    pub worst_path: Vec<usize>,
    /// Number of complete paths scored.
    pub paths: usize,
    /// True when the search stopped at its bound (very many paths or loops).
    pub bounded: bool,
}

/// Most complete paths scored by [`soundness`].
pub const MAX_PATHS: usize = 20_000;
/// How often one path may pass through the same beat (loops).
pub const MAX_VISITS: usize = 2;
/// Most beats entered during the whole search: keeps a large, heavily
/// looping graph (whose paths mostly get cut) from taking long.
pub const MAX_STEPS: usize = 1_000_000;

/// Proves a *valid* scenario sound: every beat reachable from `start`, an
/// ending reachable from every beat (no loop without an exit), and the
/// best and worst score over all paths. Paths pass a beat at most
/// [`MAX_VISITS`] times, at most [`MAX_PATHS`] are scored and at most
/// [`MAX_STEPS`] beats entered, so the search ends quickly on any graph. Returns `None` when the scenario is not valid
/// (dangling references), since paths cannot be followed then.
pub fn soundness(s: &Scenario) -> Option<Soundness> {
    let problems = graph_problems(s)?;
    let start = s.beat_index(&s.start)?;
    let mut search = PathSearch {
        s,
        visits: vec![0; s.beats.len()],
        path: Vec::new(),
        best: None,
        worst: None,
        paths: 0,
        bounded: false,
        steps: 0,
    };
    search.walk(start);
    let (best, best_path) = search.best.unwrap_or((0, Vec::new()));
    let (worst, worst_path) = search.worst.unwrap_or((0, Vec::new()));
    Some(Soundness {
        problems,
        best,
        worst,
        best_path,
        worst_path,
        paths: search.paths,
        bounded: search.bounded,
    })
}

/// Depth-first enumeration of complete paths, scoring each with the rubric.
struct PathSearch<'a> {
    s: &'a Scenario,
    visits: Vec<usize>,
    /// 1-based option numbers chosen so far.
    path: Vec<usize>,
    best: Option<(u8, Vec<usize>)>,
    worst: Option<(u8, Vec<usize>)>,
    paths: usize,
    bounded: bool,
    steps: usize,
}

impl PathSearch<'_> {
    fn walk(&mut self, beat: usize) {
        self.steps += 1;
        if self.paths >= MAX_PATHS || self.steps > MAX_STEPS {
            self.bounded = true;
            return;
        }
        if self.visits[beat] >= MAX_VISITS {
            self.bounded = true;
            return;
        }
        self.visits[beat] += 1;
        let options = self.s.beats[beat].options.len();
        for oi in 0..options {
            self.path.push(oi + 1);
            let opt = &self.s.beats[beat].options[oi];
            match (&opt.next, opt.end) {
                (Some(n), _) => {
                    if let Some(j) = self.s.beat_index(n) {
                        self.walk(j);
                    }
                }
                (None, Some(_)) => self.score_path(),
                (None, None) => {}
            }
            self.path.pop();
        }
        self.visits[beat] -= 1;
    }

    fn score_path(&mut self) {
        self.paths += 1;
        let Ok(session) = crate::practice::Session::play(self.s, &self.path) else {
            return;
        };
        let score = crate::score::grade_session(&session).score;
        if self.best.as_ref().is_none_or(|(b, _)| score > *b) {
            self.best = Some((score, self.path.clone()));
        }
        if self.worst.as_ref().is_none_or(|(w, _)| score < *w) {
            self.worst = Some((score, self.path.clone()));
        }
    }
}

/// Problems with the score range: a well-made scenario can be passed (its
/// best path reaches the pass mark) and failed (its worst path stays below).
pub fn range_problems(s: &Scenario, sound: &Soundness) -> Vec<Problem> {
    let mut out = Vec::new();
    let pass = s.pass_mark();
    if sound.best < pass {
        out.push(problem_x(
            "pass_mark",
            format!(
                "even the best path scores {} — below the pass mark {pass}",
                sound.best
            ),
            "a best reachable score at or above the pass mark",
            Some("add a path that listens, acknowledges, asks, agrees and plans a follow-up"),
        ));
    }
    if sound.worst >= pass {
        out.push(problem_x(
            "pass_mark",
            format!(
                "even the worst path scores {} — at or above the pass mark {pass}",
                sound.worst
            ),
            "a worst reachable score below the pass mark",
            Some("add at least one way to fail (anti-moves that lose the customer)"),
        ));
    }
    out
}

/// The option number `path` takes at every turn that offered a choice, when
/// it is always the same one and there were at least two such turns. Turns
/// at a beat with a single option are forced and don't count. `None` too
/// when `path` cannot be followed.
pub fn same_position(s: &Scenario, path: &[usize]) -> Option<usize> {
    let mut beat = s.beat(&s.start);
    let mut picks = Vec::new();
    for &n in path {
        let b = beat?;
        let opt = b.options.get(n.checked_sub(1)?)?;
        if b.options.len() > 1 {
            picks.push(n);
        }
        beat = opt.next.as_deref().and_then(|id| s.beat(id));
    }
    let first = *picks.first()?;
    (picks.len() >= 2 && picks.iter().all(|&p| p == first)).then_some(first)
}

/// A warning (not an error) when the best path takes the same option number
/// at every choice: a trainee would learn "always press 1" instead of the
/// reply, which defeats the training.
pub fn position_warning(s: &Scenario, sound: &Soundness) -> Option<Problem> {
    let n = same_position(s, &sound.best_path)?;
    Some(problem_x(
        "beats",
        format!(
            "the best path takes option {n} at every choice: a trainee learns to press {n}, not the right reply"
        ),
        "the best reply at different positions in different beats",
        Some("reorder the options in the file; the numbers follow the order in the file"),
    ))
}

#[cfg(test)]
mod tests;
