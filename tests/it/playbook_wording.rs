//! Wording checks on the two built-in playbooks (issue 16): phrases still read
//! when the customer's name is left out, the Dutch and English phrases match
//! one for one, the fixes from the content audit stay fixed, and the copy
//! check of `.ci/run` can fail.

use callcoach::playbook::load::builtin;
use callcoach::playbook::{Phrase, Playbook};
use callcoach::stage::StageId;
use callcoach::text;
use std::path::Path;
use std::process::Command;

fn load(name: &str) -> Playbook {
    builtin(name)
        .unwrap_or_else(|| panic!("built-in {name} must exist"))
        .unwrap_or_else(|d| panic!("built-in {name} must load: {d:?}"))
}

fn both() -> [Playbook; 2] {
    [load("klachtgesprek"), load("complaint-call")]
}

/// Every phrase, stage phrases first, then the decision outcomes', in order.
fn phrases(pb: &Playbook) -> Vec<&Phrase> {
    let d = &pb.decision;
    pb.stages
        .iter()
        .flat_map(|(_, s)| s.phrases.iter())
        .chain(
            [
                &d.first_time.keep,
                &d.first_time.part_ways,
                &d.repeat_difficult.keep,
                &d.repeat_difficult.part_ways,
            ]
            .into_iter()
            .flat_map(|o| o.phrases.iter()),
        )
        .collect()
}

/// `{customer}` may become empty (a form of address such as "meneer Jansen",
/// or nothing), so it may only stand as a name set off by a comma: dropping
/// it with its comma leaves a whole sentence.
#[test]
fn phrases_read_naturally_without_the_customer() {
    for pb in both() {
        for p in phrases(&pb) {
            let t = &p.text;
            for (at, _) in t.match_indices("{customer}") {
                assert!(
                    t[..at].ends_with(", "),
                    "{}: `{{customer}}` must follow a comma: {t}",
                    pb.id
                );
                let after = &t[at + "{customer}".len()..];
                assert!(
                    after.is_empty() || after.starts_with([',', '.', '?', '!']),
                    "{}: `{{customer}}` must end its clause: {t}",
                    pb.id
                );
            }
            let bare = t.replace(", {customer}", "");
            for bad in ["  ", " ,", " .", " ?", ",,", ",.", ",?"] {
                assert!(
                    !bare.contains(bad),
                    "{}: without the name `{bare}` has `{bad}`",
                    pb.id
                );
            }
        }
    }
}

/// The two languages offer the same phrases in the same places, with the same
/// placeholders, so a phrase used in a call means the same in either.
#[test]
fn dutch_and_english_phrases_correspond_one_for_one() {
    let [nl, en] = both();
    let (a, b) = (phrases(&nl), phrases(&en));
    assert_eq!(a.len(), b.len());
    for (p, q) in a.iter().zip(&b) {
        assert_eq!(
            (p.channel, &p.source),
            (q.channel, &q.source),
            "{} / {}",
            p.text,
            q.text
        );
        let mut x = text::placeholders(&p.text);
        let mut y = text::placeholders(&q.text);
        x.sort_unstable();
        y.sort_unstable();
        assert_eq!(x, y, "placeholders differ: {} / {}", p.text, q.text);
        assert_eq!(
            p.text.contains('…'),
            q.text.contains('…'),
            "one fills in a gap, the other does not: {} / {}",
            p.text,
            q.text
        );
    }
    assert_eq!(nl.mindset.len(), en.mindset.len());
}

/// `klagende-klant` calls agreeing on the cause the most important step.
#[test]
fn agreeing_on_the_cause_is_required() {
    for pb in both() {
        let item = pb
            .item(StageId::AgreeSolution, "agree_cause")
            .expect("agree_cause");
        assert!(item.required, "{}: agree_cause must be required", pb.id);
        assert_eq!(item.source, "klagende-klant");
        let tip = text::fold(item.tip.as_deref().unwrap_or_default());
        assert!(
            !tip.contains("voor de hand") && !tip.contains("naturally"),
            "{}: the article does not say the solution follows by itself",
            pb.id
        );
    }
}

/// A phrase that mentions an e-mail asks first or makes it conditional:
/// sending one unasked is a pitfall of the same stage.
#[test]
fn no_phrase_announces_an_unasked_email() {
    for pb in both() {
        for p in &pb.stage(StageId::RecordAgreements).phrases {
            let t = text::fold(&p.text);
            if t.contains("mail") {
                assert!(
                    t.contains('?') || t.starts_with("als u") || t.starts_with("if you"),
                    "{}: {}",
                    pb.id,
                    p.text
                );
            }
        }
    }
}

/// The decision says "at least one yes" and that the three never-dos hold
/// whatever is decided; question 3 asks whether we would like to see the
/// customer more, not whether they come often.
#[test]
fn decision_wording() {
    let [nl, en] = both();
    let intro = text::fold(&nl.decision.intro);
    for needle in ["minstens een keer ja", "beschuldig", "de les", "hysterie"] {
        assert!(intro.contains(needle), "nl intro lacks `{needle}`");
    }
    let intro = text::fold(&en.decision.intro);
    for needle in ["at least one yes", "blame", "lecture", "hysteria"] {
        assert!(intro.contains(needle), "en intro lacks `{needle}`");
    }
    let hint = |pb: &Playbook| text::fold(pb.decision.questions[2].hint.as_deref().unwrap());
    assert!(hint(&nl).contains("graag vaker terug"));
    assert!(hint(&en).contains("would we like"));
    for pb in [&nl, &en] {
        assert_eq!(pb.decision.first_time.part_ways.source, "moeilijke-klanten");
    }
}

/// `.ci/copycheck.py --self-test` plants a copied passage and shows the
/// check fails on it (and passes quoted example sentences, titles in
/// `sources`, nine-word runs, and fails when the articles are missing).
#[test]
fn copy_check_catches_a_planted_copy() {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/copycheck.py");
    let out = Command::new("python3")
        .arg(&script)
        .arg("--self-test")
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("ok   planted copy"), "{stdout}");
    assert!(!stdout.contains("FAIL"), "{stdout}");
}
