//! Content checks on the built-in playbooks: they load, trace every element to
//! the five source articles, give every stage something to do, say and avoid,
//! have cue phrases that really tick their items, and (NL vs EN) share one
//! structure so calls and reports compare across languages.

use callcoach::engine::ItemRef;
use callcoach::notes::cue_hits;
use callcoach::playbook::load::{builtin, default_playbook};
use callcoach::playbook::{
    EMAIL_PLACEHOLDERS, Language, PHRASE_PLACEHOLDERS, Phrase, Playbook, builtin as embedded,
};
use callcoach::stage::StageId;
use callcoach::text;
use std::collections::{BTreeMap, BTreeSet};

/// The short ids of the five tip articles (see `../shared/seeds/README.md`).
const ARTICLES: [&str; 5] = [
    "hoofd-koel",
    "moeilijke-klanten",
    "zes-stappen",
    "lastige-klant",
    "klagende-klant",
];

const SCHEMA_LINE: &str = "# yaml-language-server: $schema=../schemas/playbook.schema.json";

fn dutch() -> Playbook {
    default_playbook().unwrap_or_else(|d| panic!("default playbook must load: {d:?}"))
}

fn load(name: &str) -> Playbook {
    builtin(name)
        .unwrap_or_else(|| panic!("built-in {name} must exist"))
        .unwrap_or_else(|d| panic!("built-in {name} must load: {d:?}"))
}

/// Every element that cites a source, as `(kind, location, source id)`.
fn citations(pb: &Playbook) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    let mut cite = |kind: &'static str, at: String, source: &str| {
        out.push((kind, at, source.to_owned()));
    };
    for (i, r) in pb.mindset.iter().enumerate() {
        cite("mindset", format!("mindset[{i}]"), &r.source);
    }
    for (stage, content) in pb.stages.iter() {
        for item in &content.checklist {
            cite("checklist", format!("{stage}.{}", item.id), &item.source);
        }
        for (i, p) in content.phrases.iter().enumerate() {
            cite("phrase", format!("{stage}.phrases[{i}]"), &p.source);
        }
        for (i, p) in content.pitfalls.iter().enumerate() {
            cite("pitfall", format!("{stage}.pitfalls[{i}]"), &p.source);
        }
    }
    let d = &pb.decision;
    cite("decision", "decision".into(), &d.source);
    for q in &d.questions {
        cite("decision", format!("decision.{}", q.id), &q.source);
    }
    for (group, outcomes) in [
        ("first_time", &d.first_time),
        ("repeat", &d.repeat_difficult),
    ] {
        for (name, o) in [("keep", &outcomes.keep), ("part_ways", &outcomes.part_ways)] {
            cite("decision", format!("decision.{group}.{name}"), &o.source);
            for (i, p) in o.phrases.iter().enumerate() {
                cite(
                    "decision",
                    format!("decision.{group}.{name}.phrases[{i}]"),
                    &p.source,
                );
            }
        }
    }
    if let Some(c) = &d.caution {
        cite("decision", "decision.caution".into(), &c.source);
    }
    for q in &pb.evaluation.questions {
        cite("evaluation", format!("evaluation.{}", q.id), &q.source);
    }
    for c in &pb.evaluation.causes {
        cite(
            "evaluation",
            format!("evaluation.causes.{}", c.id),
            &c.source,
        );
    }
    cite("email", "email".into(), &pb.email.source);
    out
}

/// Every phrase of the playbook: stage phrases and decision phrases.
fn all_phrases(pb: &Playbook) -> Vec<&Phrase> {
    let d = &pb.decision;
    let stage_phrases = pb.stages.iter().flat_map(|(_, s)| s.phrases.iter());
    let outcome_phrases = [
        &d.first_time.keep,
        &d.first_time.part_ways,
        &d.repeat_difficult.keep,
        &d.repeat_difficult.part_ways,
    ]
    .into_iter()
    .flat_map(|o| o.phrases.iter());
    stage_phrases.chain(outcome_phrases).collect()
}

/// Every human-readable text of the playbook.
fn all_texts(pb: &Playbook) -> Vec<&str> {
    let mut t: Vec<&str> = vec![&pb.title, &pb.description, &pb.version];
    for s in &pb.sources {
        t.extend([s.title.as_str(), &s.author, &s.summary]);
    }
    t.extend(pb.mindset.iter().map(|r| r.text.as_str()));
    for (_, s) in pb.stages.iter() {
        t.extend([s.title.as_str(), &s.goal]);
        for i in &s.checklist {
            t.push(&i.text);
            t.extend(i.tip.as_deref());
            t.extend(i.detect.iter().map(String::as_str));
        }
        t.extend(s.pitfalls.iter().map(|p| p.text.as_str()));
    }
    t.extend(all_phrases(pb).into_iter().map(|p| p.text.as_str()));
    let d = &pb.decision;
    t.extend([d.title.as_str(), &d.intro]);
    for q in &d.questions {
        t.push(&q.text);
        t.extend(q.hint.as_deref());
    }
    for o in [
        &d.first_time.keep,
        &d.first_time.part_ways,
        &d.repeat_difficult.keep,
        &d.repeat_difficult.part_ways,
    ] {
        t.extend([o.title.as_str(), &o.guidance]);
    }
    t.extend(d.caution.as_ref().map(|c| c.text.as_str()));
    t.extend(pb.evaluation.questions.iter().map(|q| q.text.as_str()));
    t.extend(pb.evaluation.causes.iter().map(|c| c.label.as_str()));
    t.extend([pb.email.subject.as_str(), &pb.email.body]);
    t
}

// ---------------------------------------------------------------- loading

#[test]
fn dutch_playbook_is_the_default_and_loads() {
    let pb = dutch();
    assert_eq!(pb.id, "klachtgesprek");
    assert_eq!(pb.language, Language::Nl);
    assert_eq!(load("klachtgesprek"), pb);
    assert_eq!(load("klachtgesprek.nl.yaml"), pb);
    assert!(embedded::ALL[0].2.starts_with(SCHEMA_LINE));
}

// ---------------------------------------------------------------- traceability

fn assert_traceable(pb: &Playbook) {
    let ids: Vec<&str> = pb.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids, ARTICLES,
        "{}: sources must be the five articles",
        pb.id
    );
    for s in &pb.sources {
        assert!(!s.title.trim().is_empty() && !s.author.trim().is_empty());
        assert!(!s.summary.trim().is_empty());
    }
    let cites = citations(pb);
    for (kind, at, source) in &cites {
        assert!(
            ARTICLES.contains(&source.as_str()),
            "{}: {kind} {at} cites unknown source `{source}`",
            pb.id
        );
    }
    let mut by_source: BTreeMap<&str, (usize, BTreeSet<&str>)> = BTreeMap::new();
    for (kind, _, source) in &cites {
        let e = by_source.entry(source.as_str()).or_default();
        e.0 += 1;
        e.1.insert(kind);
    }
    for article in ARTICLES {
        let (count, kinds) = by_source
            .get(article)
            .unwrap_or_else(|| panic!("{}: `{article}` is never cited", pb.id));
        assert!(
            *count >= 8,
            "{}: `{article}` feeds only {count} elements",
            pb.id
        );
        assert!(
            kinds.len() >= 3,
            "{}: `{article}` feeds only {kinds:?}",
            pb.id
        );
    }
}

#[test]
fn dutch_cites_all_five_articles_across_element_kinds() {
    assert_traceable(&dutch());
}

/// Spot checks that specific tips landed where the coach needs them.
#[test]
fn dutch_key_tips_are_in_place() {
    let pb = dutch();
    let ask = pb.stage(StageId::Ask);
    let first = text::fold(&ask.pitfalls[0].text);
    assert!(
        first.contains("uitleg") && first.contains("verdedig") && first.contains("luisteren"),
        "ask's first pitfall must warn that explaining/defending sends you back to listening"
    );
    assert_eq!(ask.pitfalls[0].source, "zes-stappen");
    let apologise = pb
        .item(StageId::Acknowledge, "apologise")
        .expect("apologise item");
    assert!(text::fold(&apologise.text).contains("namens de organisatie"));
    let email = pb
        .item(StageId::RecordAgreements, "ask_email")
        .expect("ask-before-e-mailing item");
    assert_eq!(email.source, "zes-stappen");
    assert!(
        pb.stage(StageId::RecordAgreements)
            .phrases
            .iter()
            .any(|p| text::fold(&p.text).contains("per e-mail bevestig"))
    );
    let mindset: Vec<String> = pb.mindset.iter().map(|r| text::fold(&r.text)).collect();
    for needle in [
        "kalm",
        "adem",
        "niet persoonlijk",
        "oprecht",
        "moeite",
        "slechte dag",
    ] {
        assert!(
            mindset.iter().any(|m| m.contains(needle)),
            "mindset misses `{needle}`"
        );
    }
}

// ---------------------------------------------------------------- stages

fn assert_stages_complete(pb: &Playbook) {
    let mut required_total = 0;
    for (stage, s) in pb.stages.iter() {
        let required = s.checklist.iter().filter(|i| i.required).count();
        assert!(required >= 1, "{}: {stage} has no required item", pb.id);
        // Three at most (agree_solution: the cause, the customer's wish, their
        // agreement); more and a normal call stops being doable.
        assert!(
            required <= 3,
            "{}: {stage} has {required} required items; a normal call must stay doable",
            pb.id
        );
        required_total += required;
        assert!(
            s.checklist.len() >= 3,
            "{}: {stage} checklist is thin",
            pb.id
        );
        assert!(s.phrases.len() >= 3, "{}: {stage} needs phrases", pb.id);
        assert!(!s.pitfalls.is_empty(), "{}: {stage} needs a pitfall", pb.id);
        assert!(s.time_hint_secs.is_some_and(|t| t > 0 && t <= 600));
        let ids: BTreeSet<&str> = s.checklist.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(
            ids.len(),
            s.checklist.len(),
            "{}: duplicate id in {stage}",
            pb.id
        );
        for id in ids {
            assert!(
                id.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{}: item id `{id}` is not snake_case",
                pb.id
            );
        }
        for item in &s.checklist {
            assert!(
                item.text.chars().count() <= 80,
                "{}: {stage}.{} text is too long for one line",
                pb.id,
                item.id
            );
        }
    }
    assert!(required_total <= 10, "{}: too many required items", pb.id);
}

#[test]
fn dutch_stages_are_complete() {
    assert_stages_complete(&dutch());
}

#[test]
fn dutch_listen_has_cues_for_both_channels() {
    let listen = dutch().stages.listen;
    use callcoach::playbook::Channel;
    for ch in [Channel::Phone, Channel::InPerson] {
        assert!(
            listen.phrases.iter().any(|p| p.channel == Some(ch)),
            "listen needs a {ch:?}-only phrase"
        );
    }
}

// ---------------------------------------------------------------- cues

/// Every cue of every item, placed in an otherwise neutral note, ticks that
/// item, also when typed in capitals.
fn assert_cues_tick(pb: &Playbook, filler: &str) {
    let mut checked = 0;
    for (stage, s) in pb.stages.iter() {
        for item in &s.checklist {
            let want = ItemRef::new(stage, item.id.clone());
            for cue in &item.detect {
                for typed in [cue.clone(), cue.to_uppercase()] {
                    let note = format!("{filler} {typed}.");
                    let hits = cue_hits(pb, &note);
                    assert!(
                        hits.contains(&want),
                        "{}: cue `{typed}` does not tick {stage}.{}",
                        pb.id,
                        item.id
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 30, "{}: only {checked} cues", pb.id);
}

#[test]
fn dutch_cues_tick_their_items() {
    let pb = dutch();
    assert_cues_tick(&pb, "Klant belt over bestelling 4711.");
    // The filler itself must tick nothing, or the test above proves little.
    assert_eq!(cue_hits(&pb, "Klant belt over bestelling 4711."), []);
    // What the customer tells (rather than what the agent did) must not tick
    // items: cues have to be specific to the agent's actions.
    let story = "Klant is boos: bank in de verkeerde kleur geleverd, had een dag vrij \
                 genomen, bezorgers weg. Wil dit nooit meer. Order 4711, betaald per bank.\n\
                 A: ik zorg dat de bank zaterdag geruild wordt";
    assert_eq!(cue_hits(&pb, story), []);
}

#[test]
fn dutch_required_items_have_cues() {
    let pb = dutch();
    for (stage, s) in pb.stages.iter() {
        for item in s.checklist.iter().filter(|i| i.required) {
            assert!(
                !item.detect.is_empty(),
                "{stage}.{} is required but has no cue",
                item.id
            );
        }
    }
}

/// A realistic note from a call, typed with accents and capitals as agents do,
/// ticks every required item.
#[test]
fn dutch_realistic_note_ticks_all_required_items() {
    let pb = dutch();
    let note = "\
Mevr. de Vries, jas na één week kapot. Laten uitpraten, was fel.
Begrip getoond, excuses namens ons.
! rits kapot na 1 week, wil geen 3e keer terugkomen
Samengevat: KERN = zelfde klacht 2e keer.
Oorzaak samen vastgesteld: rits uit een slechte partij.
Klant wil nieuwe jas, geen reparatie. Akkoord met ruil.
Afspraken: wij sturen vrijdag nieuwe jas.
A: wij | nieuwe jas sturen | 2026-12-04
Terugbellen maandag.";
    let hits = cue_hits(&pb, note);
    for (stage, s) in pb.stages.iter() {
        for item in s.checklist.iter().filter(|i| i.required) {
            assert!(
                hits.contains(&ItemRef::new(stage, item.id.clone())),
                "note does not tick {stage}.{}",
                item.id
            );
        }
    }
}

// ---------------------------------------------------------------- placeholders, decision, evaluation

fn assert_placeholders(pb: &Playbook) {
    for p in all_phrases(pb) {
        for name in text::placeholders(&p.text) {
            assert!(
                PHRASE_PLACEHOLDERS.contains(&name),
                "{}: phrase uses unknown placeholder {{{name}}}: {}",
                pb.id,
                p.text
            );
        }
    }
    let body = text::placeholders(&pb.email.body);
    for name in text::placeholders(&pb.email.subject).iter().chain(&body) {
        assert!(
            EMAIL_PLACEHOLDERS.contains(name),
            "{}: e-mail uses unknown placeholder {{{name}}}",
            pb.id
        );
    }
    for needed in ["agreements", "customer", "agent", "follow_up_date"] {
        assert!(
            body.contains(&needed),
            "{}: e-mail body lacks {{{needed}}}",
            pb.id
        );
    }
    assert!(!pb.email.subject.contains('\n'));
    // The agreements are a bulleted list: they must stand on a line of their own.
    assert!(
        pb.email.body.lines().any(|l| l.trim() == "{agreements}"),
        "{}: {{agreements}} must be on its own line",
        pb.id
    );
}

#[test]
fn dutch_placeholders_are_known_and_email_lists_agreements() {
    assert_placeholders(&dutch());
}

fn assert_decision_and_evaluation(pb: &Playbook) {
    let d = &pb.decision;
    assert_eq!(d.source, "lastige-klant");
    let ids: Vec<&str> = d.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["share_blame", "small_effort", "keep_customer"]);
    assert!(d.questions.iter().all(|q| q.hint.is_some()));
    for o in [
        &d.first_time.keep,
        &d.first_time.part_ways,
        &d.repeat_difficult.keep,
        &d.repeat_difficult.part_ways,
    ] {
        assert!(
            !o.phrases.is_empty(),
            "{}: outcome {} needs phrases",
            pb.id,
            o.title
        );
        assert!(
            o.guidance.len() > 40,
            "{}: outcome {} needs guidance",
            pb.id,
            o.title
        );
    }
    let caution = d.caution.as_ref().expect("caution");
    assert_eq!(caution.source, "lastige-klant");
    let q: Vec<&str> = pb
        .evaluation
        .questions
        .iter()
        .map(|q| q.id.as_str())
        .collect();
    assert!(q.contains(&"real_shortcoming") && q.contains(&"manage_expectations"));
    assert!(pb.evaluation.questions.len() >= 5);
    assert!(pb.evaluation.causes.len() >= 5);
    let causes: BTreeSet<&str> = pb.evaluation.causes.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(
        causes.len(),
        pb.evaluation.causes.len(),
        "duplicate cause id"
    );
    assert!(causes.contains("expectations_mismatch"));
}

#[test]
fn dutch_decision_and_evaluation() {
    assert_decision_and_evaluation(&dutch());
}

#[test]
fn dutch_texts_are_clean() {
    let pb = dutch();
    for t in all_texts(&pb) {
        assert!(!t.trim().is_empty(), "empty text in {}", pb.id);
        assert_eq!(text::find_forbidden(t), None, "control character in {t:?}");
    }
}

// ---------------------------------------------------------------- English

fn english() -> Playbook {
    load("complaint-call")
}

#[test]
fn english_playbook_loads() {
    let pb = english();
    assert_eq!(pb.id, "complaint-call");
    assert_eq!(pb.language, Language::En);
    assert_eq!(load("complaint-call.en.yaml"), pb);
    let (_, _, yaml) = embedded::ALL
        .iter()
        .find(|(name, _, _)| *name == "complaint-call")
        .expect("listed");
    assert!(yaml.starts_with(SCHEMA_LINE));
}

#[test]
fn english_content_is_complete() {
    let pb = english();
    assert_traceable(&pb);
    assert_stages_complete(&pb);
    assert_placeholders(&pb);
    assert_decision_and_evaluation(&pb);
    for t in all_texts(&pb) {
        assert!(!t.trim().is_empty());
        assert_eq!(text::find_forbidden(t), None, "control character in {t:?}");
    }
    let first = text::fold(&pb.stage(StageId::Ask).pitfalls[0].text);
    assert!(first.contains("explain") && first.contains("defend") && first.contains("listening"));
}

#[test]
fn english_cues_tick_their_items() {
    let pb = english();
    assert_cues_tick(&pb, "Customer calls about order 4711.");
    assert_eq!(cue_hits(&pb, "Customer calls about order 4711."), []);
    let story = "Customer is angry: sofa delivered in the wrong colour, took a day off, \
                 drivers left. Never again. Order 4711, paid by bank transfer.";
    assert_eq!(cue_hits(&pb, story), []);
    let note = "\
Mrs Smith, coat broke after one week. Let her finish, she was furious.
Showed understanding, apologised on behalf of us.
! zip broken after 1 week, won't come back a 3rd time
Summarised: CORE = same complaint twice.
Cause agreed together: zip from a bad batch.
Customer wants a new coat, no repair. Agreed to exchange.
Agreements: we send a new coat on Friday.
Call back Monday.";
    let hits = cue_hits(&pb, note);
    for (stage, s) in pb.stages.iter() {
        for item in s.checklist.iter().filter(|i| i.required) {
            assert!(
                hits.contains(&ItemRef::new(stage, item.id.clone())),
                "note does not tick {stage}.{}",
                item.id
            );
        }
    }
}

// ---------------------------------------------------------------- NL = EN structure

#[test]
fn dutch_and_english_share_one_structure() {
    let (nl, en) = (dutch(), english());
    let src = |pb: &Playbook| pb.sources.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    assert_eq!(src(&nl), src(&en));
    for (s1, s2) in nl.sources.iter().zip(&en.sources) {
        assert_eq!(s1.title, s2.title, "source titles stay as published");
        assert_ne!(s1.summary, s2.summary, "summaries are translated");
    }
    let mindset = |pb: &Playbook| {
        pb.mindset
            .iter()
            .map(|r| r.source.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(mindset(&nl), mindset(&en));
    for ((stage, a), (_, b)) in nl.stages.iter().zip(en.stages.iter()) {
        let items = |s: &callcoach::playbook::Stage| {
            s.checklist
                .iter()
                .map(|i| {
                    (
                        i.id.clone(),
                        i.required,
                        i.detect.is_empty(),
                        i.tip.is_some(),
                        i.source.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(items(a), items(b), "{stage}: checklist differs");
        let phrases = |s: &callcoach::playbook::Stage| {
            s.phrases
                .iter()
                .map(|p| (p.channel, p.source.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(phrases(a), phrases(b), "{stage}: phrases differ");
        let pitfalls = |s: &callcoach::playbook::Stage| {
            s.pitfalls
                .iter()
                .map(|p| p.source.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(pitfalls(a), pitfalls(b), "{stage}: pitfalls differ");
        assert_eq!(
            a.time_hint_secs, b.time_hint_secs,
            "{stage}: time hint differs"
        );
        assert_ne!(a.title, b.title, "{stage}: title not translated");
    }
    let decision = |pb: &Playbook| {
        let d = &pb.decision;
        let outcome = |o: &callcoach::playbook::Outcome| {
            (
                o.source.clone(),
                o.phrases
                    .iter()
                    .map(|p| (p.channel, p.source.clone()))
                    .collect::<Vec<_>>(),
            )
        };
        (
            d.questions
                .iter()
                .map(|q| (q.id.clone(), q.hint.is_some(), q.source.clone()))
                .collect::<Vec<_>>(),
            [
                &d.first_time.keep,
                &d.first_time.part_ways,
                &d.repeat_difficult.keep,
                &d.repeat_difficult.part_ways,
            ]
            .map(outcome),
            d.caution.as_ref().map(|c| c.source.clone()),
        )
    };
    assert_eq!(decision(&nl), decision(&en));
    let eval = |pb: &Playbook| {
        (
            pb.evaluation
                .questions
                .iter()
                .map(|q| (q.id.clone(), q.source.clone()))
                .collect::<Vec<_>>(),
            pb.evaluation
                .causes
                .iter()
                .map(|c| (c.id.clone(), c.source.clone()))
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(eval(&nl), eval(&en));
    let placeholders = |pb: &Playbook| {
        let mut p: Vec<&str> = text::placeholders(&pb.email.body);
        p.extend(text::placeholders(&pb.email.subject));
        p.sort_unstable();
        p.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    assert_eq!(placeholders(&nl), placeholders(&en));
    assert_eq!(nl.email.source, en.email.source);
}

// ---------------------------------------------------------------- e-mail rendering

/// Renders each built-in e-mail template for a realistic call: every
/// placeholder is filled, the agreements appear as a bulleted list and the
/// follow-up date is named.
#[test]
fn builtin_emails_render_agreements_and_follow_up() {
    use callcoach::engine::{CallMeta, CallState, Command, FollowUp, execute};
    use callcoach::playbook::Channel;
    use callcoach::summary::CallSummary;
    for (pb, greeting, friday) in [
        // The reference (T-42) is for the record; without a form of
        // address the playbook's fallback greets.
        (dutch(), "Beste klant,", "4 december 2026"),
        (english(), "Dear customer,", "4 December 2026"),
    ] {
        let meta = CallMeta {
            playbook_id: pb.id.clone(),
            playbook_version: pb.version.clone(),
            playbook_hash: None,
            customer: Some("T-42".into()),
            channel: Channel::Phone,
            difficult_before: false,
            agent: None,
            address: None,
        };
        let mut state = CallState::start(meta, 0);
        let mut log = Vec::new();
        let due = jiff::civil::date(2026, 12, 4);
        execute(
            &mut state,
            &mut log,
            &pb,
            Command::PlanFollowUp(FollowUp {
                due,
                what: "check exchange".into(),
            }),
            1_000,
        )
        .expect("follow-up planned");
        let notes =
            "! sofa wrong colour\nA: wij | bank ruilen | 2026-12-04\nA: klant | thuis zijn\n";
        let sum = CallSummary::build(&pb, &state, notes, 2_000, Some("Eva"));
        let mail = sum.email(&pb);
        assert!(!mail.subject.contains('{'), "{}: {}", pb.id, mail.subject);
        assert!(
            !mail.body.contains('{') && !mail.body.contains('}'),
            "{}: unfilled placeholder",
            pb.id
        );
        assert!(mail.body.starts_with(greeting), "{}: {}", pb.id, mail.body);
        assert!(mail.body.contains("sofa wrong colour"));
        let bullets: Vec<&str> = mail.body.lines().filter(|l| l.starts_with("- ")).collect();
        assert_eq!(bullets.len(), 2, "{}: {bullets:?}", pb.id);
        assert!(bullets[0].contains("bank ruilen") && bullets[1].contains("thuis zijn"));
        // The agent's note of what to check stays internal; the customer
        // reads who will be in touch.
        assert!(!mail.body.contains("check exchange"), "{}", mail.body);
        assert!(
            mail.body.contains("een telefoontje van Eva") || mail.body.contains("a call from Eva"),
            "{}",
            mail.body
        );
        assert!(
            mail.body.contains(friday) || mail.body.contains("2026-12-04"),
            "{}: follow-up date missing:\n{}",
            pb.id,
            mail.body
        );
        assert!(mail.body.trim_end().ends_with("Eva"));
    }
}
