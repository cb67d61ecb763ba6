//! `callcoach practice classify`: the typed-reply classifier on the command
//! line, for trying a reply and for measuring the classifier on a labelled
//! set (`--jsonl`). Thin shell over [`crate::classify::Classifier`].

use crate::classify::{Classifier, Unsure, Verdict};
use crate::cli::ClassifyArgs;
use crate::playbook::Language;
use crate::text::sanitize_line;
use std::fmt::Write as _;
use std::io::{BufRead as _, Write as _};
use std::process::ExitCode;

/// The classifiers in use: per language, built when first needed (the
/// learned weights are large), with the scenario's cues added for the
/// scenario's own language.
struct Models {
    nl: std::cell::OnceCell<Classifier>,
    en: std::cell::OnceCell<Classifier>,
    scenario: Option<(Language, crate::scenario::Cues)>,
    default: Language,
}

impl Models {
    fn get(&self, lang: Language) -> &Classifier {
        let cell = match lang {
            Language::Nl => &self.nl,
            Language::En => &self.en,
        };
        cell.get_or_init(|| {
            let c = Classifier::builtin(lang);
            match &self.scenario {
                Some((l, cues)) if *l == lang => c.with_extra(cues),
                _ => c,
            }
        })
    }
}

fn models(args: &ClassifyArgs) -> anyhow::Result<Models> {
    let lang = super::lang_of(args.lang);
    let mut default = lang.unwrap_or(Language::Nl);
    let mut scenario = None;
    if let Some(which) = &args.scenario {
        let sc = super::find_scenario(which, lang, super::user_scenario_dir().as_deref())?;
        default = lang.unwrap_or(sc.language);
        scenario = Some((sc.language, sc.classifier.clone()));
    }
    Ok(Models {
        nl: std::cell::OnceCell::new(),
        en: std::cell::OnceCell::new(),
        scenario,
        default,
    })
}

/// `{"move": …, "confidence": …, "why": […]}` for one verdict.
pub fn verdict_json(v: &Verdict, lang: Language) -> serde_json::Value {
    serde_json::json!({
        "move": v.act.map(|m| m.as_str()),
        "confidence": v.confidence,
        "why": why(v, lang),
    })
}

fn why(v: &Verdict, lang: Language) -> Vec<String> {
    v.evidence
        .iter()
        .filter(|e| e.points > 0.0 || e.negated || e.learned)
        .map(|e| e.describe(lang))
        .collect()
}

/// The human-readable verdict.
pub fn verdict_text(v: &Verdict, lang: Language) -> String {
    let mut out = String::new();
    let (label_move, label_unsure, label_conf, label_why, nothing) = match lang {
        Language::Nl => ("zet", "onzeker", "zekerheid", "waarom", "niets herkend"),
        Language::En => ("move", "unsure", "confidence", "why", "nothing recognised"),
    };
    match v.act {
        Some(m) => {
            let _ = writeln!(
                out,
                "{label_move}: {} · {label_conf} {:.2}",
                m.label(lang),
                v.confidence
            );
        }
        None => {
            let between: Vec<&str> = match &v.unsure {
                Some(Unsure::Tie(moves)) => moves.iter().take(3).map(|m| m.label(lang)).collect(),
                _ => v
                    .scores
                    .iter()
                    .take(3)
                    .map(|(m, _)| m.label(lang))
                    .collect(),
            };
            let detail = if between.is_empty() {
                nothing.to_owned()
            } else {
                between.join(" / ")
            };
            let _ = writeln!(out, "{label_move}: — ({label_unsure}: {detail})");
        }
    }
    let lines = why(v, lang);
    if lines.is_empty() {
        let _ = writeln!(out, "{label_why}: —");
    } else {
        let _ = writeln!(out, "{label_why}:");
        for l in lines {
            let _ = writeln!(out, "  {l}");
        }
    }
    out
}

/// Runs `callcoach practice classify`.
pub fn run(args: &ClassifyArgs) -> anyhow::Result<ExitCode> {
    let m = models(args)?;
    if !args.jsonl {
        let text = args.text.as_deref().unwrap_or_default();
        let v = m.get(m.default).judge(&sanitize_line(text));
        super::emit(&verdict_text(&v, m.default))?;
        return Ok(ExitCode::SUCCESS);
    }
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    for (i, line) in stdin.lock().lines().enumerate() {
        let line = line.map_err(|e| anyhow::anyhow!("could not read standard input: {e}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let value = match parse_line(&line, m.default) {
            Ok((lang, text)) => verdict_json(&m.get(lang).judge(&text), lang),
            Err(e) => {
                failed += 1;
                serde_json::json!({
                    "move": null,
                    "confidence": 0.0,
                    "why": [],
                    "error": format!("line {}: {e}", i + 1),
                })
            }
        };
        let written = writeln!(out, "{value}");
        if let Err(e) = written {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(ExitCode::SUCCESS);
            }
            return Err(anyhow::anyhow!("could not write to standard output: {e}"));
        }
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            return Err(anyhow::anyhow!("could not write to standard output: {e}"));
        }
        _ => {}
    }
    if failed > 0 {
        let w = crate::i18n::cli::words(m.default);
        eprintln!("{}", w.unreadable_lines.replace("{n}", &failed.to_string()));
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

/// One input line: `{"lang": "nl"|"en", "text": "…"}`; `lang` may be left
/// out (the default language is used).
fn parse_line(line: &str, default: Language) -> Result<(Language, String), String> {
    #[derive(serde::Deserialize)]
    struct In {
        #[serde(default)]
        lang: Option<Language>,
        text: String,
    }
    let parsed: In = serde_json::from_str(line)
        .map_err(|e| format!("expected {{\"lang\": \"nl\"|\"en\", \"text\": \"…\"}} ({e})"))?;
    Ok((parsed.lang.unwrap_or(default), sanitize_line(&parsed.text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_with_and_without_a_language() {
        assert_eq!(
            parse_line(r#"{"lang":"en","text":"Go on"}"#, Language::Nl),
            Ok((Language::En, "Go on".to_owned()))
        );
        assert_eq!(
            parse_line(r#"{"text":"Ga door"}"#, Language::Nl),
            Ok((Language::Nl, "Ga door".to_owned()))
        );
        assert!(parse_line(r#"{"lang":"de","text":"x"}"#, Language::Nl).is_err());
        assert!(parse_line("not json", Language::Nl).is_err());
    }

    #[test]
    fn the_json_verdict_has_move_confidence_and_why() {
        let v = Classifier::builtin(Language::Nl).judge("Het is niet uw schuld");
        let j = verdict_json(&v, Language::Nl);
        assert_eq!(j["move"], "acknowledge");
        assert!(
            j["confidence"]
                .as_f64()
                .is_some_and(|c| c > 0.0 && c <= 1.0)
        );
        assert!(
            j["why"][0]
                .as_str()
                .is_some_and(|w| w.contains("niet uw schuld"))
        );
        let v = Classifier::builtin(Language::En).judge("blue banana");
        assert_eq!(
            verdict_json(&v, Language::En)["move"],
            serde_json::Value::Null
        );
        assert!(verdict_text(&v, Language::En).contains("nothing recognised"));
        // Only the interface language's name of the move, no raw id.
        let v = Classifier::builtin(Language::Nl).judge("Het is niet uw schuld");
        let text = verdict_text(&v, Language::Nl);
        assert!(text.starts_with("zet: begrip tonen ·"), "{text}");
        assert!(!text.contains("acknowledge"), "{text}");
    }
}
