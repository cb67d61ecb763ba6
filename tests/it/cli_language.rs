//! One language per output: the command-line outputs and exports of a
//! Dutch call (interface Dutch) and of an English call (interface English)
//! hold no word of the other language and no raw id.
//!
//! The outputs: `calls list`, `calls show`, `calls export` (Markdown and
//! the e-mail, with its notice), `followups`, `report`, a practice
//! session's printed result, `playbook list`, `playbook check`, `scenario
//! list` and `scenario check` (of a Dutch file in either language). The other language's known words come from
//! the word tables (`i18n::cli`, outcomes, stage names and statuses, the
//! rubric's checks, endings and moves) plus the Markdown headings; a raw id
//! is any identifier of the engine, the rubric or the playbook
//! (`resolved_with_follow_up`, `stage_order`, `who_what_when`, …).
//! Citations of source articles (key and title, in the article's own
//! language) are content and not checked.

use callcoach::engine::{
    CallMeta, CallOutcome, CallState, Command, Event, EventKind, FollowUp, ItemRef, StageStatus,
    TickSource, execute,
};
use callcoach::i18n;
use callcoach::playbook::{Channel, Language, Playbook, load};
use callcoach::scenario::{EndingId, Move};
use callcoach::score::Check;
use callcoach::stage::StageId;
use callcoach::store::{CallSink, Store};
use std::path::Path;
use std::process::{Command as Process, Output};

/// A shipped playbook and scenario, checked in either interface language.
const NL_PLAYBOOK: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/playbooks/klachtgesprek.nl.yaml"
);
const NL_SCENARIO: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/playbooks/scenarios/sweat-stains.nl.yaml"
);

/// 2026-09-21 14:13 UTC.
const T0: i64 = 1_790_000_000_000;

struct Lang {
    lang: Language,
    code: &'static str,
    playbook: &'static str,
    agent: &'static str,
    address: &'static str,
    who: &'static str,
    what: &'static str,
    notes: &'static str,
    answer: &'static str,
}

const DUTCH: Lang = Lang {
    lang: Language::Nl,
    code: "nl",
    playbook: "klachtgesprek",
    agent: "Eva",
    address: "mevrouw Jansen",
    who: "wij",
    what: "jas ruilen",
    notes: "! rits kapot na een week\n? kassabon nodig\nA: klant | foto sturen\n",
    answer: "ja, de rits",
};

const ENGLISH: Lang = Lang {
    lang: Language::En,
    code: "en",
    playbook: "complaint-call",
    agent: "Sam",
    address: "Mrs Smith",
    who: "we",
    what: "swap the coat",
    notes: "! zip broke after a week\n? receipt needed\nA: customer | send a photo\n",
    answer: "yes, the zip",
};

fn builtin(name: &str) -> Playbook {
    load::builtin(name).unwrap().unwrap()
}

/// A finished call with everything an output can show (skips, one
/// completed later, an escalation, agreements, a follow-up that is
/// overdue, the decision, difficult, cause, evaluation), and an unfinished one.
fn seed(dir: &Path, l: &Lang) {
    let pb = builtin(l.playbook);
    let meta = CallMeta {
        playbook_id: pb.id.clone(),
        playbook_version: pb.version.clone(),
        playbook_hash: None,
        customer: Some("KL-1".into()),
        channel: Channel::Phone,
        difficult_before: false,
        agent: Some(l.agent.into()),
        address: Some(l.address.into()),
    };
    let mut state = CallState::start(meta.clone(), T0);
    let mut log = vec![Event {
        at: T0,
        kind: EventKind::Started(meta.clone()),
    }];
    let mut at = T0;
    let mut run = |cmd: Command| {
        at += 30_000;
        execute(&mut state, &mut log, &pb, cmd, at).unwrap_or_else(|e| panic!("{e:?}"));
    };
    run(Command::GoTo {
        stage: StageId::Ask,
        force: true,
    });
    run(Command::Escalate);
    run(Command::GoTo {
        stage: StageId::Ask,
        force: true,
    });
    let listen_required: Vec<ItemRef> = pb
        .stage(StageId::Listen)
        .checklist
        .iter()
        .filter(|i| i.required)
        .map(|i| ItemRef::new(StageId::Listen, i.id.clone()))
        .collect();
    for item in listen_required {
        run(Command::Check(item, TickSource::Manual));
    }
    run(Command::GoTo {
        stage: StageId::RecordAgreements,
        force: true,
    });
    run(Command::RecordAgreement {
        who: l.who.into(),
        what: l.what.into(),
        by_when: Some(jiff::civil::date(2026, 12, 1)),
    });
    run(Command::PlanFollowUp(FollowUp {
        due: jiff::civil::date(2026, 1, 5),
        what: "magazijn bellen / call the warehouse".into(),
    }));
    run(Command::AnswerDecision {
        question: pb.decision.questions[0].id.clone(),
        yes: true,
    });
    run(Command::MarkDifficult(true));
    run(Command::End(CallOutcome::ResolvedWithFollowUp));
    run(Command::SetCause(pb.evaluation.causes[0].id.clone()));
    run(Command::AnswerEvaluation {
        question: pb.evaluation.questions[0].id.clone(),
        answer: l.answer.into(),
    });
    assert_eq!(state.status(StageId::Listen), StageStatus::CompletedLater);
    let store = Store::open(dir).unwrap();
    let (mut rec, _) = store.start_call(&log[0]);
    rec.append(&log[1..]);
    rec.save_notes(l.notes, at);
    drop(rec);
    // An unfinished call too.
    let mut open = meta;
    open.customer = Some("KL-2".into());
    let (mut rec, _) = store.start_call(&Event {
        at: T0 + 3_600_000,
        kind: EventKind::Started(open),
    });
    rec.save_notes("lopend / ongoing", T0 + 3_601_000);
}

fn callcoach(dir: &Path, args: &[&str]) -> Output {
    let o = Process::new(env!("CARGO_BIN_EXE_callcoach"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("CALLCOACH_AGENT")
        .env_remove("CALLCOACH_LANG")
        .env("CALLCOACH_CONFIG", dir.join("no-config.yaml"))
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "callcoach {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// Everything a user reads from the commands, per command.
fn outputs(dir: &Path, l: &Lang) -> Vec<(String, String)> {
    let text = |o: &Output| {
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    };
    let mut out = Vec::new();
    for args in [
        vec!["--lang", l.code, "calls", "list"],
        vec!["calls", "show", "KL-1"],
        vec!["--lang", l.code, "followups"],
        vec![
            "--lang",
            l.code,
            "practice",
            "sweat-stains",
            "--answers",
            "3,1",
            "--trainee",
            "Bo",
        ],
        vec!["--lang", l.code, "report"],
        vec!["--lang", l.code, "playbook", "list"],
        vec!["--lang", l.code, "playbook", "check", NL_PLAYBOOK],
        vec!["--lang", l.code, "scenario", "list"],
        vec!["--lang", l.code, "scenario", "check", NL_SCENARIO],
    ] {
        let args: Vec<&str> = args;
        // `calls show KL-1`: find the finished call's id first.
        let args = if args[1] == "show" {
            let list = String::from_utf8_lossy(
                &callcoach(dir, &["calls", "list", "--customer", "KL-1"]).stdout,
            )
            .into_owned();
            let id = list
                .lines()
                .nth(1)
                .and_then(|l| l.split_whitespace().next())
                .unwrap()
                .to_owned();
            out.push((
                "calls show".into(),
                text(&callcoach(dir, &["calls", "show", &id])),
            ));
            out.push((
                "calls export markdown".into(),
                text(&callcoach(
                    dir,
                    &["calls", "export", &id, "--format", "markdown"],
                )),
            ));
            let file = dir.join("mail.eml");
            let o = callcoach(
                dir,
                &[
                    "calls",
                    "export",
                    &id,
                    "--format",
                    "eml",
                    "-o",
                    file.to_str().unwrap(),
                ],
            );
            let raw = std::fs::read(&file).unwrap();
            let msg = mail_parser::MessageParser::default().parse(&raw).unwrap();
            let mail = format!(
                "{}\n{}\n{}",
                msg.subject().unwrap_or_default(),
                msg.body_text(0).unwrap_or_default(),
                text(&o)
            );
            out.push(("calls export eml".into(), mail));
            continue;
        } else {
            args
        };
        out.push((args.join(" "), text(&callcoach(dir, &args))));
    }
    out
}

/// `phrase` occurs in `text` as whole words (not inside a longer word).
fn has_phrase(text: &str, phrase: &str) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    text.match_indices(phrase).any(|(i, _)| {
        !word(text[..i].chars().next_back()) && !word(text[i + phrase.len()..].chars().next())
    })
}

/// The known words of `lang`: every entry of its word tables; templates
/// contribute their longest literal part.
fn words_of(lang: Language) -> Vec<String> {
    let mut all: Vec<&str> = i18n::cli::words(lang).all();
    all.extend(i18n::library::library_words(lang).all());
    all.extend(i18n::show::show_words(lang).all());
    all.extend(i18n::team::words(lang).all());
    for o in [
        CallOutcome::Resolved,
        CallOutcome::ResolvedWithFollowUp,
        CallOutcome::PartedWays,
        CallOutcome::Unresolved,
    ] {
        all.push(i18n::outcome(o, lang));
    }
    for s in StageId::ALL {
        all.push(i18n::stage_name(s, lang));
    }
    for s in [
        StageStatus::Done,
        StageStatus::Skipped,
        StageStatus::CompletedLater,
        StageStatus::NotReached,
    ] {
        all.push(i18n::stage_status(s, lang));
    }
    all.extend(Check::ALL.iter().map(|c| c.label(lang)));
    all.extend(EndingId::ALL.iter().map(|e| e.label(lang)));
    all.extend(Move::ALL.iter().map(|m| m.label(lang)));
    all.extend(match lang {
        // The Markdown export's headings and labels.
        Language::Nl => vec![
            "Gesprek",
            "Klant",
            "Aanspreekvorm",
            "Medewerker",
            "Begonnen",
            "Gesprekstijd",
            "Afloop",
            "Kern van de klacht",
            "Stappen",
            "Overgeslagen",
            "Opnieuw opgelaaid in",
            "Beslissing",
            "Afspraken",
            "Opvolging",
            "Resultaat controle",
            "Open vragen",
            "Evaluatie",
            "Oorzaak",
            "Notities",
            "uit notities",
        ],
        Language::En => vec![
            "Call",
            "Customer",
            "Form of address",
            "Agent",
            "Started",
            "Talk time",
            "Outcome",
            "Core of the complaint",
            "Stages",
            "Skipped",
            "Flared up again in",
            "Decision",
            "Agreements",
            "Follow-up",
            "Follow-up result",
            "Open questions",
            "Evaluation",
            "Cause",
            "Notes",
            "from notes",
        ],
    });
    all.into_iter()
        .map(|w| {
            w.split(['{', '}'])
                .step_by(2)
                .map(str::trim)
                .max_by_key(|p| p.len())
                .unwrap_or_default()
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_owned()
        })
        .filter(|w| w.chars().count() >= 2)
        .collect()
}

/// The ids and titles of the built-in playbooks and scenarios, longest
/// first (so a title goes before an id inside it).
fn content() -> Vec<String> {
    let mut all = Vec::new();
    for name in ["klachtgesprek", "complaint-call"] {
        let pb = builtin(name);
        all.extend([pb.id, pb.title]);
    }
    for (file, yaml) in callcoach::scenario::load::BUILTIN {
        let sc = callcoach::scenario::load::parse(file, yaml.as_bytes()).unwrap();
        all.extend([sc.id, sc.title]);
    }
    all.sort_by_key(|c| std::cmp::Reverse(c.len()));
    all
}

/// Identifiers that must never reach a person.
fn raw_ids() -> Vec<String> {
    let mut ids: Vec<String> = StageId::ALL.iter().map(|s| s.as_str().to_owned()).collect();
    ids.extend(
        [
            CallOutcome::Resolved,
            CallOutcome::ResolvedWithFollowUp,
            CallOutcome::PartedWays,
            CallOutcome::Unresolved,
        ]
        .iter()
        .map(|o| o.as_str().to_owned()),
    );
    ids.extend(Check::ALL.iter().map(|c| c.as_str().to_owned()));
    ids.extend(EndingId::ALL.iter().map(|e| e.as_str().to_owned()));
    ids.extend(Move::ALL.iter().map(|m| m.as_str().to_owned()));
    for name in ["klachtgesprek", "complaint-call"] {
        let pb = builtin(name);
        for (_, st) in pb.stages.iter() {
            ids.extend(st.checklist.iter().map(|i| i.id.clone()));
        }
        ids.extend(pb.decision.questions.iter().map(|q| q.id.clone()));
        ids.extend(pb.evaluation.questions.iter().map(|q| q.id.clone()));
        ids.extend(pb.evaluation.causes.iter().map(|c| c.id.clone()));
    }
    // Single words are ids only when written as ids; those with `_` always.
    ids.retain(|i| i.contains('_'));
    ids.sort();
    ids.dedup();
    ids
}

#[test]
fn every_cli_output_and_export_speaks_one_language_without_raw_ids() {
    let ids = raw_ids();
    assert!(ids.contains(&"resolved_with_follow_up".to_owned()));
    assert!(ids.contains(&"stage_order".to_owned()));
    for (l, other) in [(&DUTCH, Language::En), (&ENGLISH, Language::Nl)] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data");
        seed(&dir, l);
        let mine = words_of(l.lang);
        let foreign: Vec<String> = words_of(other)
            .into_iter()
            .filter(|w| !mine.iter().any(|m| m == w))
            .collect();
        assert!(
            foreign.len() > 80,
            "the word lists are too thin: {foreign:?}"
        );
        for (what, text) in outputs(&dir, l) {
            assert!(!text.trim().is_empty(), "{what} printed nothing");
            // Citations name the source article by its key and title, in
            // the article's own language: content, not interface.
            let text: String = text
                .lines()
                .map(
                    |line| match line.find("(bron: ").or_else(|| line.find("(source: ")) {
                        Some(i) => &line[..i],
                        None => line,
                    },
                )
                .collect::<Vec<_>>()
                .join("\n");
            // The lists name every playbook and scenario by the id one
            // types and its title, in its own language: content too.
            let text = content()
                .iter()
                .fold(text, |t, c| t.replace(c.as_str(), ""));
            let wrong: Vec<&String> = foreign.iter().filter(|w| has_phrase(&text, w)).collect();
            assert!(
                wrong.is_empty(),
                "{}: `{what}` uses {other:?} words {wrong:?}:\n{text}",
                l.code
            );
            // The screen says "Opvolging"; exports once said "Nabellen".
            assert!(
                !has_phrase(&text, "Nabellen"),
                "`{what}` says Nabellen:\n{text}"
            );
            let raw: Vec<&String> = ids.iter().filter(|i| has_phrase(&text, i)).collect();
            assert!(
                raw.is_empty(),
                "{}: `{what}` shows raw ids {raw:?}:\n{text}",
                l.code
            );
        }
    }
}

/// `callcoach --lang CODE ARGS` with the team URL `url` (or none), its
/// stdout and stderr together; failures are allowed.
fn team_command(dir: &Path, code: &str, url: Option<&str>, args: &[&str]) -> (bool, String) {
    let mut cmd = Process::new(env!("CARGO_BIN_EXE_callcoach"));
    cmd.arg("--data-dir")
        .arg(dir)
        .args(["--lang", code])
        .args(args)
        .env_remove("CALLCOACH_AGENT")
        .env_remove("CALLCOACH_LANG")
        .env_remove("CALLCOACH_TEAM_URL")
        .env_remove("PGPASSWORD")
        .env("PGPASSFILE", dir.join("no-pgpass"))
        .env("CALLCOACH_CONFIG", dir.join("no-config.yaml"));
    if let Some(url) = url {
        cmd.env("CALLCOACH_TEAM_URL", url);
    }
    let o = cmd.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.success(), text)
}

/// One team command: its name, the team URL, the arguments, whether it
/// succeeds and a text its output holds.
type TeamRun<'a> = (&'a str, Option<&'a str>, &'a [&'a str], bool, String);

#[test]
fn team_status_and_sync_speak_one_language_with_and_without_a_database() {
    // Nothing listens on port 1; the password must never be shown.
    let refused = "postgresql://ann:s3cret@127.0.0.1:1/team?sslmode=disable&connect_timeout=2";
    let bad_mode = "postgresql://ann@127.0.0.1:1/team?sslmode=sometimes";
    for (l, other) in [(&DUTCH, Language::En), (&ENGLISH, Language::Nl)] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data");
        let w = i18n::team::words(l.lang);
        let mine = words_of(l.lang);
        let foreign: Vec<String> = words_of(other)
            .into_iter()
            .filter(|w| !mine.iter().any(|m| m == w))
            .collect();
        let lead = |t: &str| t.split('{').next().unwrap_or_default().trim().to_owned();
        let runs: [TeamRun; 6] = [
            (
                "status",
                None,
                &["team", "status"],
                true,
                lead(w.local_only),
            ),
            ("sync", None, &["team", "sync"], false, lead(w.no_url)),
            (
                "sync",
                Some(refused),
                &["team", "sync"],
                false,
                lead(w.connect_failed),
            ),
            (
                "status",
                Some(refused),
                &["team", "status"],
                true,
                // The failed sync is recorded and shown.
                lead(w.connect_failed),
            ),
            (
                "sync",
                Some(bad_mode),
                &["team", "sync"],
                false,
                "sslmode".to_owned(),
            ),
            (
                "status",
                Some(bad_mode),
                &["team", "status"],
                true,
                lead(w.live_on),
            ),
        ];
        for (what, url, args, ok, expected) in runs {
            let (success, text) = team_command(&dir, l.code, url, args);
            let what = format!("team {what} with {url:?}");
            assert_eq!(success, ok, "{}: `{what}`:\n{text}", l.code);
            assert!(
                text.contains(&expected),
                "{}: `{what}` lacks {expected:?}:\n{text}",
                l.code
            );
            assert!(
                !text.contains("s3cret"),
                "`{what}` shows the password:\n{text}"
            );
            let wrong: Vec<&String> = foreign.iter().filter(|w| has_phrase(&text, w)).collect();
            assert!(
                wrong.is_empty(),
                "{}: `{what}` uses {other:?} words {wrong:?}:\n{text}",
                l.code
            );
        }
    }
}

#[test]
fn the_checker_can_fail() {
    // The words and ids it looks for are found where they are.
    assert!(has_phrase(
        "Afloop: resolved_with_follow_up",
        "resolved_with_follow_up"
    ));
    assert!(!has_phrase(
        "xresolved_with_follow_up",
        "resolved_with_follow_up"
    ));
    assert!(has_phrase("## Nabellen\n", "Nabellen"));
    assert!(words_of(Language::Nl).contains(&"Opvolging".to_owned()));
    assert!(words_of(Language::En).contains(&"Follow-up".to_owned()));
    assert!(words_of(Language::En).contains(&"Listen and acknowledge first".to_owned()));
}
