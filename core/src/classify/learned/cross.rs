//! Cross-validation by author: train on every author's replies but one,
//! measure on that one's. The honest estimate of how the classifier does
//! on replies written by someone whose phrasing it never saw.

use super::{FeatureSet, Features, Learned, Training, features, train};
use crate::classify::eval::{Figures, Labelled, measure};
use crate::classify::{Classifier, CueFile};
use crate::playbook::Language;
use crate::scenario::Move;

/// A labelled reply and who wrote it.
#[derive(Clone, Debug, PartialEq)]
pub struct Authored {
    /// The author's tag ("a1", "a2", …).
    pub author: String,
    /// The reply.
    pub item: Labelled,
}

/// The features of every reply, with the shipped rules of `lang` heard.
pub fn read(lang: Language, items: &[Authored], set: FeatureSet) -> Vec<Features> {
    let rules = Classifier::new(lang, &CueFile::builtin(lang));
    items
        .iter()
        .map(|r| {
            let a = rules.reader().analyse(&r.item.text);
            let v = rules.rules_verdict(&a);
            features(&a, &v.scores, set)
        })
        .collect()
}

/// Learns a model of `lang` from `items` with the thresholds of `like`.
pub fn learn(feats: &[Features], items: &[Authored], cfg: Training, like: &Learned) -> Learned {
    let rows: Vec<(Features, Move)> = feats
        .iter()
        .zip(items)
        .map(|(f, r)| (f.clone(), r.item.gold))
        .collect();
    Learned {
        moves: train(&rows, cfg),
        ..like.clone()
    }
}

/// Per author: the figures of a model learned from the other authors (with
/// the thresholds of `like`) on that author's replies.
pub fn by_author(
    lang: Language,
    items: &[Authored],
    cfg: Training,
    like: &Learned,
) -> Vec<(String, Figures)> {
    let feats = read(lang, items, like.features);
    let mut authors: Vec<&str> = items.iter().map(|r| r.author.as_str()).collect();
    authors.sort_unstable();
    authors.dedup();
    let mut out = Vec::new();
    for test in authors {
        let (train_f, train_i): (Vec<Features>, Vec<Authored>) = feats
            .iter()
            .zip(items)
            .filter(|(_, r)| r.author != test)
            .map(|(f, r)| (f.clone(), r.clone()))
            .unzip();
        let model = learn(&train_f, &train_i, cfg, like);
        let (test_f, test_i): (Vec<&Features>, Vec<Labelled>) = feats
            .iter()
            .zip(items)
            .filter(|(_, r)| r.author == test)
            .map(|(f, r)| (f, r.item.clone()))
            .unzip();
        let mut i = 0;
        let f = measure(&test_i, |_| {
            i += 1;
            model
                .guess_features(test_f[i - 1])
                .filter(|g| model.trusted(g))
                .map(|g| g.act)
        });
        out.push((test.to_owned(), f));
    }
    out
}
