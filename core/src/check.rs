//! The scenario check: a valid scenario's graph proven sound and the best
//! and worst score reachable over all its paths (`callcoach scenario
//! check`), graded with the scenario's rubric (the playbook's points, its
//! auto-fail anti-moves and the scenario's), found by a search over (beat,
//! rubric state) pairs that takes the same time whatever the loops.

use crate::playbook::validate::Problem;
use crate::scenario::{Scenario, graph_problems, problem_x};
use crate::score::Rubric;

mod progress;

use progress::{Progress, Scoring};

/// The result of proving a scenario sound.
#[derive(Clone, Debug, PartialEq)]
pub struct Soundness {
    /// Problems: unreachable beats, beats from which no ending can be reached.
    pub problems: Vec<Problem>,
    /// Best reachable score.
    pub best: u8,
    /// Worst reachable score.
    pub worst: u8,
    /// The option numbers (1-based) of a best path.
    pub best_path: Vec<usize>,
    /// The option numbers (1-based) of a worst path.
    pub worst_path: Vec<usize>,
    /// (beat, rubric state) pairs the two searches went through.
    pub states: usize,
    /// True when a search stopped at its work budget ([`MAX_WORK`]) before
    /// it had seen every state that matters: the best and worst are then
    /// over the part explored, and the true range may be wider.
    pub bounded: bool,
}

/// Each search's work budget: pairs reached, pairs compared and bounds
/// computed (4 units each). About 80–200 ns a unit in a debug build and
/// several times less in a release build; the hostile graphs of issue 10
/// need at most 7 million (the bounds prune most pairs once a first
/// ending is found) and are checked in about a second of CPU in a debug
/// build, a few tenths in a release build.
pub const MAX_WORK: usize = 12_000_000;

/// [`soundness_with`] under the default rubric.
pub fn soundness(s: &Scenario) -> Option<Soundness> {
    soundness_with(s, &Rubric::default())
}

/// Proves a *valid* scenario sound: every beat reachable from `start`, an
/// ending reachable from every beat (no loop without an exit), and the
/// best and worst score over every path, loops included, as
/// [`crate::score::grade_session_with`] grades a session with `rubric`
/// (the scenario's auto-fail anti-moves are added).
///
/// The rubric scores a path through a few facts only (`check::progress`),
/// so instead of enumerating paths the check searches breadth-first over
/// (beat, progress) pairs, once for the best and once for the worst score.
/// A pair is dropped when another at the same beat is at least as good
/// (for the best) or as bad (for the worst) whatever comes next, so a loop
/// that brings nothing new ends at once. Each search stops at [`MAX_WORK`]
/// and [`Soundness::bounded`] then says so. Returns `None` when the
/// scenario is not valid (dangling references), since paths cannot be
/// followed then.
pub fn soundness_with(s: &Scenario, rubric: &Rubric) -> Option<Soundness> {
    let problems = graph_problems(s)?;
    let rubric = rubric.clone().with_auto_fail(&s.auto_fail);
    let index = s.beat_indices();
    let start = *index.get(s.start.as_str())?;
    // Each option's target resolved once: a beat index or an ending.
    let targets: Vec<Vec<Target>> = s
        .beats
        .iter()
        .map(|b| {
            b.options
                .iter()
                .map(|o| match (&o.next, o.end) {
                    (_, Some(end)) => Target::End(end),
                    (Some(n), None) => index
                        .get(n.as_str())
                        .map_or(Target::Nowhere, |&j| Target::Beat(j)),
                    (None, None) => Target::Nowhere,
                })
                .collect()
        })
        .collect();
    let graph = Graph {
        s,
        targets: &targets,
        scoring: Scoring::new(&rubric, s.pass_mark()),
    };
    let first = Progress::start(s.mood);
    let best = Search::run(&graph, start, first, Goal::Best);
    let worst = Search::run(&graph, start, first, Goal::Worst);
    let (best_path, worst_path) = (best.path(), worst.path());
    // The scores printed are the rubric's own for the paths found (the
    // search's view of the rubric is tested to agree with it).
    let graded = |path: &[usize], found: Option<(u8, usize, u8)>| {
        crate::practice::Session::play(s, path)
            .map(|session| crate::score::grade_session_with(&session, &rubric).score)
            .ok()
            .or(found.map(|(score, _, _)| score))
            .unwrap_or(0)
    };
    Some(Soundness {
        problems,
        best: graded(&best_path, best.found),
        worst: graded(&worst_path, worst.found),
        best_path,
        worst_path,
        states: best.nodes.len() + worst.nodes.len(),
        bounded: best.bounded || worst.bounded,
    })
}

/// What a search walks: the scenario, where each option leads, and how
/// paths are graded.
struct Graph<'a> {
    s: &'a Scenario,
    targets: &'a [Vec<Target>],
    scoring: Scoring,
}

/// Where an option leads.
#[derive(Clone, Copy)]
enum Target {
    Beat(usize),
    End(crate::scenario::EndingId),
    /// Nowhere (only in an invalid scenario).
    Nowhere,
}

/// What a search looks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Goal {
    Best,
    Worst,
}

/// One (beat, progress) pair reached, and how it was first reached.
#[derive(Clone, Copy)]
struct Node {
    beat: usize,
    progress: Progress,
    /// The node before and the option (0-based) taken there.
    from: Option<(usize, u8)>,
    /// Dropped: another pair at the beat is at least as good (or bad).
    dropped: bool,
}

/// A breadth-first search over (beat, progress) pairs.
struct Search {
    goal: Goal,
    nodes: Vec<Node>,
    /// Per beat, the pairs there that no other pair there beats.
    front: Vec<Vec<usize>>,
    /// (score, node, option) of the first ending found with the best (or
    /// worst) score.
    found: Option<(u8, usize, u8)>,
    work: usize,
    bounded: bool,
}

impl Search {
    fn run(g: &Graph<'_>, start: usize, first: Progress, goal: Goal) -> Search {
        let mut search = Search {
            goal,
            nodes: Vec::new(),
            front: vec![Vec::new(); g.s.beats.len()],
            found: None,
            work: 0,
            bounded: false,
        };
        search.visit(g, start, first, None);
        let mut next = 0;
        while next < search.nodes.len() && !search.bounded {
            let node = search.nodes[next];
            if !node.dropped {
                let beat = &g.s.beats[node.beat];
                for (oi, (opt, target)) in
                    beat.options.iter().zip(&g.targets[node.beat]).enumerate()
                {
                    let after = node.progress.after(opt.act, opt.mood, &g.scoring);
                    let oi = u8::try_from(oi).unwrap_or(u8::MAX);
                    match *target {
                        Target::Beat(j) => search.visit(g, j, after, Some((next, oi))),
                        Target::End(end) => search.end(after.score(end, &g.scoring), next, oi),
                        Target::Nowhere => {}
                    }
                }
            }
            next += 1;
        }
        search
    }

    /// True when `a` is at least as good (or bad) as `b` whatever comes next.
    fn covers(&self, a: &Progress, b: &Progress) -> bool {
        match self.goal {
            Goal::Best => a.covers(b),
            Goal::Worst => b.covers(a),
        }
    }

    fn visit(&mut self, g: &Graph<'_>, beat: usize, progress: Progress, from: Option<(usize, u8)>) {
        // Branch and bound: a pair that cannot beat the best (or worst)
        // ending found so far, however the path goes on, is not kept.
        if let Some((found, _, _)) = self.found {
            // Two scores: a few times a comparison.
            self.work += 4;
            let hopeless = match self.goal {
                Goal::Best => progress.upper_bound(&g.scoring) < found,
                Goal::Worst => progress.lower_bound(&g.scoring) > found,
            };
            if hopeless {
                return;
            }
        }
        self.work += 1 + self.front[beat].len();
        if self.work > MAX_WORK {
            self.bounded = true;
            return;
        }
        let front = &self.front[beat];
        if front
            .iter()
            .any(|&i| self.covers(&self.nodes[i].progress, &progress))
        {
            return;
        }
        let id = self.nodes.len();
        let mut front = std::mem::take(&mut self.front[beat]);
        front.retain(|&i| {
            let dropped = self.covers(&progress, &self.nodes[i].progress);
            self.nodes[i].dropped |= dropped;
            !dropped
        });
        front.push(id);
        self.front[beat] = front;
        self.nodes.push(Node {
            beat,
            progress,
            from,
            dropped: false,
        });
    }

    /// A path ends with `score` after option `option` at `node`. Breadth
    /// first, so the first ending found with a score has a shortest path.
    fn end(&mut self, score: u8, node: usize, option: u8) {
        let better = match (self.goal, self.found) {
            (_, None) => true,
            (Goal::Best, Some((b, _, _))) => score > b,
            (Goal::Worst, Some((w, _, _))) => score < w,
        };
        if better {
            self.found = Some((score, node, option));
        }
    }

    /// The 1-based option numbers of the path found.
    fn path(&self) -> Vec<usize> {
        let Some((_, node, option)) = self.found else {
            return Vec::new();
        };
        let mut path = vec![usize::from(option) + 1];
        let mut at = self.nodes.get(node).and_then(|n| n.from);
        while let Some((prev, opt)) = at {
            path.push(usize::from(opt) + 1);
            at = self.nodes.get(prev).and_then(|n| n.from);
        }
        path.reverse();
        path
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
    let index = s.beat_indices();
    let beat_of = |id: &str| index.get(id).and_then(|&i| s.beats.get(i));
    let mut beat = beat_of(&s.start);
    let mut picks = Vec::new();
    for &n in path {
        let b = beat?;
        let opt = b.options.get(n.checked_sub(1)?)?;
        if b.options.len() > 1 {
            picks.push(n);
        }
        beat = opt.next.as_deref().and_then(beat_of);
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
