//! The words of `callcoach playbook list|check|new` and `callcoach scenario
//! list|check|new`, in Dutch and English. Placeholders in braces are filled
//! by the shell. The located diagnostics of a file (`file:line:col`,
//! `expected …`) are not here: they are the checker's own.

use crate::playbook::Language;

/// Words of the playbook and scenario commands.
#[derive(Debug)]
pub struct LibraryWords {
    /// `playbook list`: the id column's heading.
    pub col_id: &'static str,
    /// … the language column's heading.
    pub col_lang: &'static str,
    /// … the version column's heading.
    pub col_version: &'static str,
    /// … the place column's heading.
    pub col_where: &'static str,
    /// … the title column's heading.
    pub col_title: &'static str,
    /// Where a built-in playbook or scenario lives (`{file}`).
    pub builtin: &'static str,
    /// Added to the built-in playbook used when none is given.
    pub default_mark: &'static str,
    /// Where a published playbook or scenario lives (`{path}`).
    pub published: &'static str,
    /// A file that does not load, in the title column (`{problem}`, `{more}`).
    pub invalid: &'static str,
    /// … the position of its first problem (`{line}`, `{column}`).
    pub invalid_at: &'static str,
    /// … the count of its other problems (`{n}`).
    pub invalid_more: &'static str,
    /// The user's playbook directory (`{dir}`).
    pub user_dir: &'static str,
    /// … that does not exist yet (`{dir}`).
    pub user_dir_missing: &'static str,
    /// No home directory, so no playbook directory.
    pub no_user_dir: &'static str,
    /// `playbook check`: a valid file (`{path}`, `{title}`, `{version}`, `{lang}`).
    pub check_ok: &'static str,
    /// … an invalid one with one problem (`{path}`).
    pub check_problem: &'static str,
    /// … an invalid one with more (`{path}`, `{n}`).
    pub check_problems: &'static str,
    /// … the count after several (`{n}`, `{valid}`, `{invalid}`).
    pub check_total: &'static str,
    /// `new` without a home directory or `--dir`.
    pub no_home: &'static str,
    /// `playbook new`: written (`{path}`, `{from}`).
    pub wrote_playbook: &'static str,
    /// … what next (`{path}`).
    pub next_playbook: &'static str,
    /// … using it (`{path}`).
    pub use_playbook: &'static str,
    /// `new`: the schema beside the file (`{file}`).
    pub schema_beside: &'static str,
    /// `scenario new`: written (`{path}`, `{from}`).
    pub wrote_scenario: &'static str,
    /// … what next (`{path}`).
    pub next_scenario: &'static str,
    /// … practising it (`{name}`).
    pub practise_scenario: &'static str,
    /// `new`: a name that cannot be an id (`{name}`, `{suggestion}`).
    pub bad_name: &'static str,
    /// `new`: the source does not load (`{from}`, `{problems}`).
    pub cannot_copy: &'static str,
    /// `scenario new`: no scenario by that name (`{from}`, `{ids}`).
    pub no_scenario: &'static str,
    /// `new`: the target exists (`{path}`).
    pub exists: &'static str,
    /// `playbook new`: where the copy came from, a built-in (`{id}`).
    pub from_builtin: &'static str,
    /// … a published one (`{id}`).
    pub from_published: &'static str,
    /// `scenario list` and `practice`: the heading.
    pub scenarios: &'static str,
    /// … a file that does not load (`{file}`, `{n}`).
    pub scenario_broken: &'static str,
    /// The practice picker: a file that does not load (`{n}`).
    pub problems: &'static str,
    /// `scenario check`: the score range (`{best}`, `{worst}`, `{pass}`,
    /// `{search}`, `{best_path}`, `{worst_path}`).
    pub range: &'static str,
    /// … every path was followed (`{n}`).
    pub searched_all: &'static str,
    /// … the search hit its budget (`{n}`).
    pub searched_part: &'static str,
}

impl LibraryWords {
    /// Every sentence of the set (for tests that check an output holds no
    /// word of the other language).
    pub fn all(&self) -> Vec<&'static str> {
        vec![
            self.col_id,
            self.col_lang,
            self.col_version,
            self.col_where,
            self.col_title,
            self.builtin,
            self.default_mark,
            self.published,
            self.invalid,
            self.invalid_at,
            self.invalid_more,
            self.user_dir,
            self.user_dir_missing,
            self.no_user_dir,
            self.check_ok,
            self.check_problem,
            self.check_problems,
            self.check_total,
            self.no_home,
            self.wrote_playbook,
            self.next_playbook,
            self.use_playbook,
            self.schema_beside,
            self.wrote_scenario,
            self.next_scenario,
            self.practise_scenario,
            self.bad_name,
            self.cannot_copy,
            self.no_scenario,
            self.exists,
            self.from_builtin,
            self.from_published,
            self.scenarios,
            self.scenario_broken,
            self.problems,
            self.range,
            self.searched_all,
            self.searched_part,
        ]
    }
}

/// The playbook and scenario command words of `lang`.
pub fn library_words(lang: Language) -> &'static LibraryWords {
    match lang {
        Language::Nl => &NL,
        Language::En => &EN,
    }
}

const NL: LibraryWords = LibraryWords {
    col_id: "NAAM",
    col_lang: "TAAL",
    col_version: "VERSIE",
    col_where: "WAAR",
    col_title: "TITEL",
    builtin: "ingebouwd {file}",
    default_mark: " (standaard)",
    published: "gepubliceerd {path}",
    invalid: "ONGELDIG: {problem}{more}",
    invalid_at: "regel {line}:{column}: ",
    invalid_more: " (+{n} meer)",
    user_dir: "Je playbookmap: {dir}",
    user_dir_missing: "Je playbookmap: {dir} (bestaat nog niet; `callcoach playbook new NAAM` maakt hem aan)",
    no_user_dir: "Geen thuismap gevonden, dus er is geen eigen playbookmap.",
    check_ok: "in orde: {path} — {title} {version} ({lang})",
    check_problem: "{path}: 1 probleem gevonden",
    check_problems: "{path}: {n} problemen gevonden",
    check_total: "{n} bestanden gecontroleerd: {valid} geldig, {invalid} ongeldig",
    no_home: "callcoach: geen thuismap gevonden; geef een map op met --dir MAP",
    wrote_playbook: "{path} geschreven (een kopie van `{from}`).",
    next_playbook: "Daarna: bewerk het en controleer het met `callcoach playbook check {path}`;",
    use_playbook: "gebruik het in een gesprek met `callcoach call --playbook {path}`.",
    schema_beside: "Je editor kan sleutels aanvullen en controleren: {file} staat ernaast.",
    wrote_scenario: "{path} geschreven (begonnen vanaf `{from}`).",
    next_scenario: "Daarna: bewerk het en controleer het met `callcoach scenario check {path}`;",
    practise_scenario: "oefen het met `callcoach practice {name}`.",
    bad_name: "ongeldige naam `{name}`: gebruik kleine letters, cijfers en `-` (bijv. `{suggestion}`)",
    cannot_copy: "kan `{from}` niet kopiëren:\n{problems}",
    no_scenario: "kan `{from}` niet kopiëren: geen scenario met die naam of dat bestand; bekende namen: {ids}",
    exists: "{path} bestaat al; kies een andere naam, of verwijder of hernoem dat bestand eerst",
    from_builtin: "het ingebouwde {id}",
    from_published: "het gepubliceerde {id}",
    scenarios: "Scenario's (callcoach practice NAAM [--lang nl|en]):",
    scenario_broken: "  ✗ {file} ({n} probleem/problemen; voer `callcoach scenario check {file}` uit)",
    problems: "{n} probleem/problemen",
    range: "  beste {best} / slechtste {worst} / voldoende vanaf {pass}  ({search}; beste pad {best_path}, slechtste pad {worst_path})",
    searched_all: "alle paden doorzocht, lussen meegerekend: {n} toestanden",
    searched_part: "zoektocht vroeg gestopt bij het werkbudget na {n} toestanden: het bereik kan groter zijn",
};

const EN: LibraryWords = LibraryWords {
    col_id: "ID",
    col_lang: "LANG",
    col_version: "VERSION",
    col_where: "WHERE",
    col_title: "TITLE",
    builtin: "built-in {file}",
    default_mark: " (default)",
    published: "published {path}",
    invalid: "INVALID: {problem}{more}",
    invalid_at: "line {line}:{column}: ",
    invalid_more: " (+{n} more)",
    user_dir: "Your playbook directory: {dir}",
    user_dir_missing: "Your playbook directory: {dir} (does not exist yet; `callcoach playbook new NAME` creates it)",
    no_user_dir: "No home directory found, so there is no user playbook directory.",
    check_ok: "ok: {path} — {title} {version} ({lang})",
    check_problem: "{path}: 1 problem found",
    check_problems: "{path}: {n} problems found",
    check_total: "{n} files checked: {valid} valid, {invalid} invalid",
    no_home: "callcoach: no home directory found; give a directory with --dir DIR",
    wrote_playbook: "Wrote {path} (a copy of `{from}`).",
    next_playbook: "Next: edit it, then check it with `callcoach playbook check {path}`;",
    use_playbook: "use it in a call with `callcoach call --playbook {path}`.",
    schema_beside: "Your editor can complete and check keys: {file} is next to it.",
    wrote_scenario: "Wrote {path} (started from `{from}`).",
    next_scenario: "Next: edit it, then check it with `callcoach scenario check {path}`;",
    practise_scenario: "practise it with `callcoach practice {name}`.",
    bad_name: "invalid name `{name}`: use lower-case letters, digits and `-` (e.g. `{suggestion}`)",
    cannot_copy: "cannot copy `{from}`:\n{problems}",
    no_scenario: "cannot copy `{from}`: no scenario by that id or file; the ids known: {ids}",
    exists: "{path} already exists; choose another name, or remove or rename that file first",
    from_builtin: "the built-in {id}",
    from_published: "the published {id}",
    scenarios: "Scenarios (callcoach practice ID [--lang nl|en]):",
    scenario_broken: "  ✗ {file} ({n} problem(s); run `callcoach scenario check {file}`)",
    problems: "{n} problem(s)",
    range: "  best {best} / worst {worst} / pass mark {pass}  ({search}; best path {best_path}, worst path {worst_path})",
    searched_all: "every path searched, loops included: {n} states",
    searched_part: "search stopped early at its work budget after {n} states: the range may be wider",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_fill_the_same_placeholders_and_differ() {
        let holes = |s: &str| -> Vec<String> {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(h, _)| h.to_owned()))
                .collect();
            v.sort();
            v
        };
        let (nl, en) = (NL.all(), EN.all());
        assert_eq!(nl.len(), en.len());
        for (n, e) in nl.iter().zip(&en) {
            assert_eq!(holes(n), holes(e), "{n} / {e}");
        }
        assert_ne!(NL.col_title, EN.col_title);
        assert_ne!(NL.range, EN.range);
    }
}
