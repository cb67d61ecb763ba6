//! Measuring the classifier on a labelled corpus: accuracy per move and
//! language, the unsure rate, good replies scored as anti-moves, and a
//! confusion matrix, as Markdown for BENCHMARKS.md.
//!
//! A corpus file has one reply per line, `move|hard|text` (`hard` is 1 for a
//! hard case: negation, a polite anti-move, inflection, word order, typing);
//! lines starting with `#` and empty lines are skipped.

use crate::playbook::Language;
use crate::scenario::Move;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One labelled reply.
#[derive(Clone, Debug, PartialEq)]
pub struct Labelled {
    /// Language of the reply.
    pub lang: Language,
    /// The reply as typed.
    pub text: String,
    /// The move it makes.
    pub gold: Move,
    /// A hard case.
    pub hard: bool,
}

/// Parses a corpus file in `lang`; an unreadable line is an error naming it.
pub fn parse_corpus(text: &str, lang: Language) -> Result<Vec<Labelled>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.splitn(3, '|');
        let (Some(m), Some(h), Some(t)) = (parts.next(), parts.next(), parts.next()) else {
            return Err(format!("line {}: expected move|hard|text", i + 1));
        };
        let gold: Move = serde_json::from_value(serde_json::Value::String(m.trim().to_owned()))
            .map_err(|_| format!("line {}: unknown move `{}`", i + 1, m.trim()))?;
        out.push(Labelled {
            lang,
            text: t.trim().to_owned(),
            gold,
            hard: h.trim() == "1",
        });
    }
    Ok(out)
}

/// The figures of one run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    /// Replies measured.
    pub n: usize,
    /// Classified as their gold move.
    pub correct: usize,
    /// No move decided.
    pub unsure: usize,
    /// Replies whose gold move is a stage move.
    pub good: usize,
    /// Of those, scored as an anti-move.
    pub good_as_anti: usize,
    /// Hard cases, and how many of them were right.
    pub hard: (usize, usize),
    /// Per gold move: (replies, right).
    pub per_move: BTreeMap<Move, (usize, usize)>,
    /// (gold, decided) → count; `None` = unsure.
    pub confusion: BTreeMap<(Move, Option<Move>), usize>,
    /// Mistakes: (gold, decided, text).
    pub wrong: Vec<(Move, Option<Move>, String)>,
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 * 100.0 / b as f64
    }
}

impl Figures {
    /// Share classified right, in per cent.
    pub fn accuracy(&self) -> f64 {
        pct(self.correct, self.n)
    }

    /// Share left unsure, in per cent.
    pub fn unsure_rate(&self) -> f64 {
        pct(self.unsure, self.n)
    }

    /// Share of good replies scored as an anti-move, in per cent.
    pub fn good_as_anti_rate(&self) -> f64 {
        pct(self.good_as_anti, self.good)
    }

    /// One line: "n 130 · accuracy 91.5 % · unsure 3.1 % · good→anti 0.0 %".
    pub fn summary(&self) -> String {
        format!(
            "n {} · accuracy {:.1} % · unsure {:.1} % · good replies as anti-move {:.1} % ({} of {}) · hard cases {:.1} % right",
            self.n,
            self.accuracy(),
            self.unsure_rate(),
            self.good_as_anti_rate(),
            self.good_as_anti,
            self.good,
            pct(self.hard.1, self.hard.0)
        )
    }

    /// Markdown: the summary, accuracy per move, and the confusion matrix.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{}\n", self.summary());
        let _ = writeln!(out, "| move | replies | right | accuracy |");
        let _ = writeln!(out, "|---|---:|---:|---:|");
        for (m, (n, ok)) in &self.per_move {
            let _ = writeln!(out, "| {m} | {n} | {ok} | {:.0} % |", pct(*ok, *n));
        }
        let short = |m: Move| -> String {
            m.as_str()
                .split('_')
                .map(|w| w.chars().take(3).collect::<String>())
                .collect::<Vec<_>>()
                .join("_")
        };
        let _ = writeln!(
            out,
            "\nConfusion (rows: gold move; columns: decided; `?` unsure):\n"
        );
        let mut head = String::from("| gold \\ decided |");
        let mut rule = String::from("|---|");
        for m in Move::ALL {
            let _ = write!(head, " {} |", short(m));
            rule.push_str("---:|");
        }
        head.push_str(" ? |");
        rule.push_str("---:|");
        let _ = writeln!(out, "{head}\n{rule}");
        for g in Move::ALL {
            if !self.per_move.contains_key(&g) {
                continue;
            }
            let mut row = format!("| {g} |");
            for d in Move::ALL.map(Some).into_iter().chain([None]) {
                let c = self.confusion.get(&(g, d)).copied().unwrap_or(0);
                if c == 0 {
                    row.push_str(" · |");
                } else {
                    let _ = write!(row, " {c} |");
                }
            }
            let _ = writeln!(out, "{row}");
        }
        out
    }
}

/// Runs `decide` over `items` and collects the figures.
pub fn measure(items: &[Labelled], mut decide: impl FnMut(&Labelled) -> Option<Move>) -> Figures {
    let mut f = Figures::default();
    for it in items {
        let got = decide(it);
        f.n += 1;
        let right = got == Some(it.gold);
        f.correct += usize::from(right);
        f.unsure += usize::from(got.is_none());
        if !it.gold.is_anti() {
            f.good += 1;
            f.good_as_anti += usize::from(got.is_some_and(Move::is_anti));
        }
        if it.hard {
            f.hard.0 += 1;
            f.hard.1 += usize::from(right);
        }
        let e = f.per_move.entry(it.gold).or_insert((0, 0));
        e.0 += 1;
        e.1 += usize::from(right);
        *f.confusion.entry((it.gold, got)).or_insert(0) += 1;
        if !right {
            f.wrong.push((it.gold, got, it.text.clone()));
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_count_right_unsure_and_good_as_anti() {
        let items = parse_corpus(
            "# c\nlisten|0|ja\nacknowledge|1|niet uw schuld\nblame_customer|0|uw schuld\n",
            Language::Nl,
        )
        .expect("parses");
        let f = measure(&items, |it| match it.text.as_str() {
            "ja" => Some(Move::Listen),
            "niet uw schuld" => Some(Move::BlameCustomer),
            _ => None,
        });
        assert_eq!((f.n, f.correct, f.unsure), (3, 1, 1));
        assert_eq!((f.good, f.good_as_anti), (2, 1));
        assert_eq!(f.hard, (1, 0));
        assert!((f.good_as_anti_rate() - 50.0).abs() < 1e-9);
        assert!(f.markdown().contains("| acknowledge | 1 | 0 | 0 % |"));
        assert!(parse_corpus("nope|0|x", Language::En).is_err());
        assert!(parse_corpus("listen|0", Language::En).is_err());
    }
}
