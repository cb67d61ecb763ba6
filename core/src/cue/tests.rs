use super::*;

fn nl() -> Reader {
    Reader::builtin(Language::Nl)
}

fn en() -> Reader {
    Reader::builtin(Language::En)
}

fn hits(r: &Reader, cue: &str, text: &str) -> Vec<Hit> {
    r.pattern(cue).hits(&r.analyse(text))
}

#[test]
fn shipped_lexicons_parse() {
    for lang in [Language::Nl, Language::En] {
        let lex = Lexicon::builtin(lang);
        assert!(!lex.negators.is_empty(), "{lang:?}");
        assert!(!lex.contrast.is_empty(), "{lang:?}");
    }
}

#[test]
fn stems_hear_inflections() {
    let r = nl();
    assert_eq!(hits(&r, "oplossing", "Welke oplossingen ziet u?").len(), 1);
    assert_eq!(
        hits(&r, "vervelend", "Wat een vervelende situatie").len(),
        1
    );
    let r = en();
    assert_eq!(hits(&r, "solution", "what solutions would work").len(), 1);
    assert_eq!(hits(&r, "apologise", "Apologies for that").len(), 1);
}

#[test]
fn contractions_and_everyday_spelling_are_expanded() {
    let r = en();
    assert_eq!(
        hits(
            &r,
            "you should have",
            "you really should've, you should've read it"
        )
        .len(),
        1
    );
    assert_eq!(hits(&r, "you should have", "u shouldve known").len(), 1);
    assert_eq!(hits(&r, "i am listening", "im listening").len(), 1);
    let a = r.analyse("I can't promise");
    assert_eq!(
        a.tokens.iter().map(|t| t.form.as_str()).collect::<Vec<_>>(),
        ["i", "can", "not", "promise"]
    );
    let r = nl();
    assert_eq!(hits(&r, "ik begrijp het", "k begrijp t").len(), 1);
    // Folding: accents and case do not matter.
    assert_eq!(hits(&r, "een en al oor", "Eén en al OOR").len(), 1);
}

#[test]
fn gaps_hear_dutch_word_order() {
    let r = nl();
    let cue = "neem ... contact ... op";
    assert_eq!(
        hits(&r, cue, "Volgende week neem ik contact met u op.").len(),
        1
    );
    assert_eq!(hits(&r, cue, "Ik neem contact op").len(), 1);
    // Not across a sentence, not with more than four words between.
    assert!(hits(&r, cue, "Neem gerust contact. Ik ben op kantoor").is_empty());
    assert!(hits(&r, cue, "Neem a b c d e contact op").is_empty());
}

#[test]
fn anchors_alternatives_prefixes_and_questions() {
    let r = nl();
    assert_eq!(hits(&r, "^ja", "Ja, ik hoor het").len(), 1);
    assert!(hits(&r, "^ja", "Dat is ja wel zo").is_empty());
    assert_eq!(hits(&r, "^ja", "Nou, ja").len(), 1, "after a comma");
    assert_eq!(hits(&r, "bel|mail ... terug", "ik mail u terug").len(), 1);
    assert_eq!(hits(&r, "=regels", "de regels").len(), 1);
    assert!(hits(&r, "=regels", "ik regel het").is_empty());
    assert_eq!(
        hits(&r, "verontschuldig*", "mijn verontschuldigingen").len(),
        1
    );
    assert_eq!(hits(&r, "wanneer ... ?", "En wanneer was dat?").len(), 1);
    assert!(hits(&r, "wanneer ... ?", "Ik weet niet wanneer.").is_empty());
    // `?` may also stick to the last word, `^` to the first.
    assert_eq!(r.pattern("^wat?").hits(&r.analyse("Wat?")).len(), 1);
    assert!(r.pattern("...").is_empty());
}

#[test]
fn negation_scope_marks_hits_negated() {
    let r = nl();
    let h = hits(&r, "uw schuld", "Het is niet uw schuld.");
    assert!(h[0].negated, "{h:?}");
    assert!(!hits(&r, "uw schuld", "Het is uw schuld.")[0].negated);
    // A negation closing its clause governs the words before it.
    assert!(hits(&r, "ik onderbreek u", "ik onderbreek u niet hoor")[0].negated);
    // Its reach ends at a comma or a contrast word.
    assert!(!hits(&r, "uw schuld", "Niet boos worden, het is uw schuld")[0].negated);
    assert!(
        !hits(
            &r,
            "u had moeten",
            "Niet mijn fout maar u had moeten opletten"
        )[0]
        .negated
    );
    // A negation inside a gap counts; one that is part of the pattern does not.
    assert!(hits(&r, "u heeft ... verkeerd", "u heeft niks verkeerd gedaan")[0].negated);
    assert!(!hits(&r, "niet ... onze schuld", "Dat is niet onze schuld")[0].negated);
    let r = en();
    assert!(hits(&r, "your fault", "It's not your fault at all")[0].negated);
    assert!(
        hits(
            &r,
            "you should ... have",
            "You shouldn't have had to deal with this"
        )[0]
        .negated
    );
}

#[test]
fn the_part_after_a_contrast_word_weighs_more() {
    let r = nl();
    let a = r.analyse("Het spijt me, maar ons beleid is anders.");
    let sorry = r.pattern("het spijt me").best(&a).map(|h| h.weight);
    let policy = r.pattern("beleid").best(&a).map(|h| h.weight);
    assert_eq!((sorry, policy), (Some(1.0), Some(2.0)));
    // "maar" as a particle is no contrast: "vertelt u maar", "maar één keer".
    for text in [
        "Vertelt u maar verder",
        "U heeft hem maar één keer gedragen",
    ] {
        let a = r.analyse(text);
        assert!(a.tokens.iter().all(|t| t.weight == 1.0), "{text}");
    }
    let r = en();
    let a = r.analyse("Sorry, but you should have read it");
    assert_eq!(r.pattern("sorry").best(&a).map(|h| h.weight), Some(1.0));
    assert_eq!(
        r.pattern("you should have")
            .best(&a)
            .map(|h| h.contrast.is_some()),
        Some(true)
    );
}

#[test]
fn span_shows_the_words_as_typed() {
    let r = en();
    let a = r.analyse("It isn't your fault");
    let h = r.pattern("your fault").best(&a).expect("heard");
    assert_eq!(a.span(h.start, h.end), "isn't your fault");
}

proptest::proptest! {
    #[test]
    fn analysing_and_matching_never_panic(text in ".{0,200}", cue in ".{0,40}") {
        for r in [nl(), en()] {
            let a = r.analyse(&text);
            let p = r.pattern(&cue);
            for h in p.hits(&a) {
                proptest::prop_assert!(h.start <= h.end && h.end <= a.tokens.len());
                let _ = a.span(h.start, h.end);
            }
        }
    }
}
