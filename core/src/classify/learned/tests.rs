use super::*;
use crate::classify::eval::parse_corpus;

/// Trust thresholds, set before measuring (not tuned on the held-out parts).
const MIN_PROBABILITY: f32 = 0.5;
const ANTI_MIN_PROBABILITY: f32 = 0.7;
const MIN_KNOWN_WORDS: usize = 2;
const MIN_COUNT: usize = 2;
const MIN_WEIGHT: f32 = 1.0;

fn corpus(lang: Language) -> Vec<(String, Move)> {
    let parts: [&str; 2] = match lang {
        Language::Nl => [
            include_str!("../../../../tests/fixtures/replies/nl.train.txt"),
            include_str!("../../../../tests/fixtures/replies/nl.dev.txt"),
        ],
        Language::En => [
            include_str!("../../../../tests/fixtures/replies/en.train.txt"),
            include_str!("../../../../tests/fixtures/replies/en.dev.txt"),
        ],
    };
    parts
        .iter()
        .flat_map(|t| parse_corpus(t, lang).expect("corpus"))
        .map(|l| (l.text, l.gold))
        .collect()
}

fn file_text(lang: Language) -> String {
    let reader = Reader::builtin(lang);
    let model = Learned {
        min_probability: MIN_PROBABILITY,
        anti_min_probability: ANTI_MIN_PROBABILITY,
        min_known_words: MIN_KNOWN_WORDS,
        moves: train(&reader, &corpus(lang), MIN_COUNT, MIN_WEIGHT),
    };
    let yaml = serde_yaml::to_string(&model).expect("yaml");
    format!(
        "# Learned back-off weights ({}), generated — do not edit by hand.\n\
         # Naive Bayes over Snowball stems (`~stem`: negated), learned from\n\
         # tests/fixtures/replies/{}.train.txt and .dev.txt; only weights >= {MIN_WEIGHT}\n\
         # of words seen at least {MIN_COUNT} times are kept. Used only when the rules\n\
         # are unsure. Regenerate: CALLCOACH_BLESS=1 cargo test -p callcoach-core learned\n{yaml}",
        lang.code(),
        lang.code()
    )
}

#[test]
fn shipped_weights_are_learned_from_the_corpus() {
    for lang in [Language::Nl, Language::En] {
        let fresh = file_text(lang);
        let shipped = match lang {
            Language::Nl => LEARNED_NL,
            Language::En => LEARNED_EN,
        };
        if fresh != shipped {
            if std::env::var_os("CALLCOACH_BLESS").is_some() {
                let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!(
                    "../playbooks/scenarios/cues/learned.{}.yaml",
                    lang.code()
                ));
                std::fs::write(path, &fresh).expect("write");
            } else {
                panic!(
                    "learned.{}.yaml is out of date: run CALLCOACH_BLESS=1 cargo test -p callcoach-core learned",
                    lang.code()
                );
            }
        }
        let m = Learned::builtin(lang);
        assert_eq!(m.moves.len(), 13, "{lang:?}");
    }
}

#[test]
fn the_model_explains_its_guess() {
    let reader = Reader::builtin(Language::Nl);
    let items = vec![
        ("wacht even stop".to_owned(), Move::Interrupt),
        ("stop wacht".to_owned(), Move::Interrupt),
        ("ik luister ga door".to_owned(), Move::Listen),
        ("ga door ik luister".to_owned(), Move::Listen),
    ];
    let model = Learned {
        min_probability: 0.5,
        anti_min_probability: 0.7,
        min_known_words: 1,
        moves: train(&reader, &items, 2, 0.1),
    };
    let g = model
        .decide(&reader.analyse("Stop! Wacht."))
        .expect("a guess");
    assert_eq!(g.act, Move::Interrupt);
    assert!(g.probability > 0.7);
    assert!(g.because.iter().any(|(w, _)| w == "wacht"));
    assert!(
        model.guess(&reader.analyse("banaan")).is_none(),
        "no known word"
    );
    // Negated words are other features.
    let f = features(&reader.analyse("ik luister niet"));
    assert!(f.contains_key("~luister"), "{f:?}");
}
