//! `callcoach scenario new NAME [--from ID|FILE] [--dir DIR]`: a new
//! scenario to edit, copied from an existing one (found as `practice ID`
//! finds it) with the new id, and the scenario schema beside it so the
//! `$schema` header works offline; and `callcoach scenario list [--ids]`.

use crate::commands::playbook::new::{NewError, valid_name};
use crate::commands::say;
use crate::commands::schema::{scenario_schema, to_pretty_json};
use crate::load::Sources;
use crate::load::names::Kind;
use crate::playbook::Language;
use crate::text::sanitize_line;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Name of the schema file written next to user scenarios.
pub const SCHEMA_FILE: &str = "scenario.schema.json";

/// The text of the new scenario: our header, then the source's content
/// without its leading comment, its `id` set to `name`.
pub fn skeleton(name: &str, path: &str, from: &str, yaml: &str) -> String {
    let mut out = format!(
        "# yaml-language-server: $schema=./{SCHEMA_FILE}\n\
         #\n\
         # Practice scenario `{name}`, started from `{from}`.\n\
         # Edit it, then check it:  callcoach scenario check {path}\n\
         # Practise it:             callcoach practice {name}\n\
         # Every key is described under \"Scenario format\" in the callcoach README;\n\
         # editors with the YAML extension complete and check keys from the schema.\n"
    );
    let mut id_done = false;
    for line in yaml
        .lines()
        .skip_while(|l| l.starts_with('#') || l.trim().is_empty())
    {
        if !id_done && line.starts_with("id:") {
            out.push_str(&format!("id: {name}\n"));
            id_done = true;
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Writes the new scenario into `dir` (created if needed) and returns its path.
pub fn create(
    name: &str,
    from: &str,
    lang: Option<Language>,
    dir: &Path,
    sources: &Sources,
) -> Result<PathBuf, NewError> {
    if !valid_name(name) {
        return Err(NewError::BadName(
            sanitize_line(name),
            "my-drill".to_owned(),
        ));
    }
    let found = crate::load::names::find_scenario_source(from, lang, sources).map_err(|d| {
        let text: Vec<String> = d.iter().map(ToString::to_string).collect();
        NewError::UnknownSource(sanitize_line(from), text.join("\n"))
    })?;
    let Some((sc, yaml)) = found else {
        let ids = crate::load::names::scenario_ids(sources).join(", ");
        return Err(NewError::NoScenario(sanitize_line(from), ids));
    };
    let path = dir.join(format!("{name}.{}.yaml", sc.language.code()));
    let shown = sanitize_line(&path.display().to_string());
    let text = skeleton(name, &shown, &sanitize_line(from), &yaml);
    if let Err(d) = crate::scenario::load::parse(&shown, text.as_bytes()) {
        return Err(NewError::Other(anyhow::anyhow!(
            "internal error: the new scenario does not load: {}",
            d.first().map(|d| d.summary()).unwrap_or_default()
        )));
    }
    crate::commands::playbook::new::write_new(
        dir,
        &path,
        &text,
        (SCHEMA_FILE, &to_pretty_json(&scenario_schema())?),
    )?;
    Ok(path)
}

/// `callcoach scenario new …`
///
/// `lang` picks among scenarios of one id (the `--lang` given, if any);
/// `words` is the interface language the messages are in.
pub fn new(
    name: &str,
    from: &str,
    lang: Option<Language>,
    dir: Option<PathBuf>,
    words: Language,
) -> ExitCode {
    let w = crate::i18n::library::library_words(words);
    let sources = Sources::standard(Kind::Scenario);
    let Some(dir) = dir.or_else(|| sources.user.clone()) else {
        crate::errln!("{}", w.no_home);
        return ExitCode::from(2);
    };
    match create(name, from, lang, &dir, &sources) {
        Ok(path) => {
            let p = sanitize_line(&path.display().to_string());
            let from = sanitize_line(from);
            crate::outln!(
                "{}",
                say(w.wrote_scenario, &[("path", &p), ("from", &from)])
            );
            crate::outln!("{}", say(w.next_scenario, &[("path", &p)]));
            crate::outln!("{}", say(w.practise_scenario, &[("name", &name)]));
            crate::outln!("{}", say(w.schema_beside, &[("file", &SCHEMA_FILE)]));
            ExitCode::SUCCESS
        }
        Err(e) => {
            crate::errln!("callcoach: {}", e.describe(words));
            match e {
                NewError::BadName(..) | NewError::UnknownSource(..) | NewError::NoScenario(..) => {
                    ExitCode::from(2)
                }
                _ => ExitCode::FAILURE,
            }
        }
    }
}

/// `callcoach scenario list [--ids]`, the list in `lang`.
pub fn list(ids: bool, lang: Language) -> anyhow::Result<ExitCode> {
    let sources = Sources::standard(Kind::Scenario);
    if ids {
        for id in crate::load::names::scenario_ids(&sources) {
            crate::outln!("{}", sanitize_line(&id));
        }
    } else {
        super::emit(&super::list_text(
            &crate::load::names::all_scenarios(&sources),
            lang,
        ))?;
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_scenario_loads_has_its_id_and_the_schema_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let none = Sources::default();
        let p = create(
            "my-drill",
            "sweat-stains",
            Some(Language::En),
            dir.path(),
            &none,
        )
        .unwrap();
        assert_eq!(p, dir.path().join("my-drill.en.yaml"));
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema=./scenario.schema.json\n"));
        let sc = crate::load::load_scenario_file(&p).unwrap();
        assert_eq!(sc.id, "my-drill");
        assert!(dir.path().join(SCHEMA_FILE).is_file());
        // Never overwrites; bad names and unknown sources are refused.
        assert!(matches!(
            create(
                "my-drill",
                "sweat-stains",
                Some(Language::En),
                dir.path(),
                &none
            ),
            Err(NewError::Exists(_))
        ));
        assert!(matches!(
            create("My Drill", "sweat-stains", None, dir.path(), &none),
            Err(NewError::BadName(..))
        ));
        assert!(matches!(
            create("x", "nope", None, dir.path(), &none),
            Err(NewError::NoScenario(..))
        ));
        // From a file, in its language.
        let q = create("again", p.to_str().unwrap(), None, dir.path(), &none).unwrap();
        assert_eq!(crate::load::load_scenario_file(&q).unwrap().id, "again");
    }
}
