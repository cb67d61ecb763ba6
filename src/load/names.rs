//! Names → playbooks and scenarios: the one resolver every command uses
//! (`call --playbook`, `playbook show`, `playbook new --from`, `practice`,
//! `scenario new --from`, the scenario's playbook, exports).
//!
//! Order of precedence, first match wins:
//!
//! 1. **an explicit path** (it contains `/` or ends in `.yaml`/`.yml`, or
//!    a file of that name exists): the user said exactly which file;
//! 2. **the user's own directory** (`~/.config/callcoach/playbooks` or
//!    `…/scenarios`), by file name or by the `id` inside: what this person
//!    is editing right now — a team lead trying out the next version before
//!    publishing it sees their draft, not the team's copy;
//! 3. **the published cache** (`<data dir>/published/…`, filled by
//!    `team sync`): the team's current version, usable offline; it beats
//!    the built-in so a team can publish its own revision of a built-in id;
//! 4. **the built-in** playbooks and scenarios: always there, the fallback.

use super::read_limited;
use crate::diagnostic::Diagnostic;
use crate::playbook::{Language, Playbook};
use crate::scenario::Scenario;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The data directory of this run (`--data-dir`), set once by `main`.
static DATA_DIR: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Tells the resolver which data directory this run uses (its published
/// cache lives there). Called once, by `main`, right after parsing the
/// command line; later calls are ignored.
pub fn use_data_dir(dir: Option<PathBuf>) {
    let _ = DATA_DIR.set(dir);
}

/// The data directory of this run: the one `main` was given, else the
/// default (`~/.local/share/callcoach`).
pub fn data_dir() -> Option<PathBuf> {
    match DATA_DIR.get() {
        Some(Some(d)) => Some(d.clone()),
        // Shell completion runs before the command line is parsed.
        _ => std::env::var_os("CALLCOACH_DATA_DIR")
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
            .or_else(|| crate::store::default_data_dir().ok()),
    }
}

/// The published cache of a data directory (`<dir>/published`), filled by
/// `team sync` and read offline.
pub fn published_root(data: &Path) -> PathBuf {
    data.join("published")
}

/// What kind of file a name stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A playbook.
    Playbook,
    /// A practice scenario.
    Scenario,
}

impl Kind {
    /// The folder name under the configuration and published directories.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Playbook => "playbooks",
            Kind::Scenario => "scenarios",
        }
    }
}

/// Where names are looked up (besides explicit paths and the built-ins).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    /// The user's own directory.
    pub user: Option<PathBuf>,
    /// The published cache for this kind.
    pub published: Option<PathBuf>,
}

impl Sources {
    /// The standard places for `kind`: the XDG config directory and the
    /// published cache of this run's data directory.
    pub fn standard(kind: Kind) -> Sources {
        use etcetera::BaseStrategy as _;
        Sources {
            user: etcetera::choose_base_strategy()
                .ok()
                .map(|s| s.config_dir().join("callcoach").join(kind.folder())),
            published: data_dir().map(|d| published_root(&d).join(kind.folder())),
        }
    }
}

/// The user's playbook directory (`$XDG_CONFIG_HOME/callcoach/playbooks`,
/// usually `~/.config/callcoach/playbooks`), if a home directory is known.
pub fn user_dir() -> Option<PathBuf> {
    Sources::standard(Kind::Playbook).user
}

/// The user's own scenarios: `$XDG_CONFIG_HOME/callcoach/scenarios`.
pub fn user_scenario_dir() -> Option<PathBuf> {
    Sources::standard(Kind::Scenario).user
}

/// The `*.yaml`/`*.yml` files in `dir`, sorted by name (empty when the
/// directory does not exist).
pub fn playbook_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml")
                })
        })
        .collect();
    files.sort();
    files
}

/// The content hash callcoach records for a playbook or scenario: SHA-256
/// of the file's exact bytes, as `sha256:` and 64 lower-case hex digits.
pub fn content_hash(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(bytes);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest.iter() {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// Where a resolved playbook came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary; the built-in file name.
    Builtin(&'static str),
    /// Read from this file (a path given, or the user's directory).
    File(PathBuf),
    /// The team's published copy, cached in the data directory.
    Published(PathBuf),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Builtin(file) => write!(f, "built-in {file}"),
            Origin::File(p) => write!(f, "{}", p.display()),
            Origin::Published(p) => write!(f, "published {}", p.display()),
        }
    }
}

/// A playbook found by name or path, with the exact text it was read from.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// The playbook.
    pub playbook: Playbook,
    /// Where it came from.
    pub origin: Origin,
    /// The file's exact text (what [`content_hash`] hashes).
    pub text: String,
}

impl Resolved {
    /// The content hash of [`Resolved::text`].
    pub fn hash(&self) -> String {
        content_hash(self.text.as_bytes())
    }
}

/// True when `spec` names a file rather than an id.
fn looks_like_path(spec: &str) -> bool {
    spec.contains(std::path::MAIN_SEPARATOR)
        || spec.contains('/')
        || spec.ends_with(".yaml")
        || spec.ends_with(".yml")
        || Path::new(spec).exists()
}

/// Reads and parses a playbook file, keeping its text.
pub fn read_playbook(path: &Path, origin: Origin) -> Result<Resolved, Vec<Diagnostic>> {
    let bytes = read_limited(path)?;
    let name = path.display().to_string();
    let playbook = crate::playbook::load::parse(&name, &bytes)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        vec![Diagnostic::file_level(&name, "is not UTF-8 text").with_expected("a UTF-8 YAML file")]
    })?;
    Ok(Resolved {
        playbook,
        origin,
        text,
    })
}

/// A built-in playbook with its embedded text.
fn builtin_resolved(name: &str) -> Option<Result<Resolved, Vec<Diagnostic>>> {
    let (_, file, yaml) = crate::playbook::builtin::ALL
        .iter()
        .find(|(n, f, _)| *n == name || *f == name)?;
    Some(
        crate::playbook::load::parse(&format!("<built-in {file}>"), yaml.as_bytes()).map(|pb| {
            Resolved {
                playbook: pb,
                origin: Origin::Builtin(file),
                text: (*yaml).to_owned(),
            }
        }),
    )
}

/// The file in `dir` whose stem is `id` (with its problems when it does
/// not load: a broken file of that name is reported, never skipped), else
/// a loadable file whose playbook has that id.
fn in_dir(
    dir: &Path,
    id: &str,
    origin: fn(PathBuf) -> Origin,
) -> Option<Result<Resolved, Vec<Diagnostic>>> {
    let files = playbook_files(dir);
    if let Some(p) = files
        .iter()
        .find(|p| p.file_stem().is_some_and(|s| s == id))
    {
        return Some(read_playbook(p, origin(p.clone())));
    }
    files
        .iter()
        .filter_map(|p| read_playbook(p, origin(p.clone())).ok())
        .find(|r| r.playbook.id == id)
        .map(Ok)
}

/// Finds a playbook given on the command line, in the order of precedence
/// of the module documentation, with the standard [`Sources`].
pub fn resolve(spec: &str) -> Result<(Playbook, Origin), Vec<Diagnostic>> {
    resolve_in(spec, &Sources::standard(Kind::Playbook)).map(|r| (r.playbook, r.origin))
}

/// [`resolve`] in the given places, keeping the file's text.
pub fn resolve_in(spec: &str, sources: &Sources) -> Result<Resolved, Vec<Diagnostic>> {
    if looks_like_path(spec) {
        let path = Path::new(spec);
        return read_playbook(path, Origin::File(path.to_owned()));
    }
    if let Some(r) = sources
        .user
        .as_deref()
        .and_then(|d| in_dir(d, spec, Origin::File))
    {
        return r;
    }
    if let Some(r) = sources
        .published
        .as_deref()
        .and_then(|d| in_dir(d, spec, Origin::Published))
    {
        return r;
    }
    if let Some(r) = builtin_resolved(spec) {
        return r;
    }
    let names = playbook_ids(sources);
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let hint = match crate::diagnostic::did_you_mean(spec, &refs) {
        Some(m) => format!("did you mean `{m}`?"),
        None => "`callcoach playbook list` shows the playbooks available".to_owned(),
    };
    Err(vec![
        Diagnostic::file_level(spec, "no playbook file or name like this")
            .with_expected(format!(
                "a file path, or one of {}",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .with_hint(hint),
    ])
}

/// Every playbook in precedence order (user's, published, built-in), each
/// id once: the first found wins. Files that do not load are left out
/// (`callcoach playbook check` says why).
pub fn all_resolved(sources: &Sources) -> Vec<Resolved> {
    let mut out: Vec<Resolved> = Vec::new();
    let mut push = |r: Resolved| {
        if !out.iter().any(|o| o.playbook.id == r.playbook.id) {
            out.push(r);
        }
    };
    for p in sources
        .user
        .as_deref()
        .map(playbook_files)
        .unwrap_or_default()
    {
        if let Ok(r) = read_playbook(&p, Origin::File(p.clone())) {
            push(r);
        }
    }
    for p in sources
        .published
        .as_deref()
        .map(playbook_files)
        .unwrap_or_default()
    {
        if let Ok(r) = read_playbook(&p, Origin::Published(p.clone())) {
            push(r);
        }
    }
    for (name, _, _) in crate::playbook::builtin::ALL {
        if let Some(Ok(r)) = builtin_resolved(name) {
            push(r);
        }
    }
    out
}

/// Every playbook a scenario can name by id, in precedence order.
pub fn all_playbooks() -> Vec<Playbook> {
    all_resolved(&Sources::standard(Kind::Playbook))
        .into_iter()
        .map(|r| r.playbook)
        .collect()
}

/// The names a playbook can be asked for by (for messages and shell
/// completion): built-in names, the user's file names and ids, published ids.
pub fn playbook_ids(sources: &Sources) -> Vec<String> {
    let mut names: Vec<String> = crate::playbook::builtin::ALL
        .iter()
        .map(|(n, _, _)| (*n).to_owned())
        .collect();
    for dir in [&sources.user, &sources.published].into_iter().flatten() {
        for p in playbook_files(dir) {
            if let Some(s) = p.file_stem() {
                names.push(s.to_string_lossy().into_owned());
            }
        }
    }
    for r in all_resolved(sources) {
        names.push(r.playbook.id);
    }
    let mut seen = std::collections::BTreeSet::new();
    names.retain(|n| seen.insert(n.clone()));
    names
}

/// A scenario found in one of the places, with where it came from.
pub struct FoundScenario {
    /// `<built-in …>`, `published …` or the file path (the name its
    /// diagnostics carry; [`FoundScenario::place_label`] is for people).
    pub origin: String,
    /// Where it lives.
    pub place: Place,
    /// The scenario, or why it cannot be loaded.
    pub loaded: Result<Scenario, Vec<Diagnostic>>,
}

/// Where a listed scenario lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// Built into callcoach (the file name).
    Builtin(&'static str),
    /// In the published cache (the path).
    Published(PathBuf),
    /// In the user's directory (the path).
    User(PathBuf),
}

impl FoundScenario {
    /// Where it lives, in `lang`: `ingebouwd …`/`built-in …`,
    /// `gepubliceerd …`/`published …`, or the path. Not sanitised.
    pub fn place_label(&self, lang: Language) -> String {
        let w = crate::i18n::library::library_words(lang);
        let fill = |template: &str, key: &str, value: String| {
            crate::text::fill(template, |n| (n == key).then(|| value.clone()))
        };
        match &self.place {
            Place::Builtin(f) => fill(w.builtin, "file", (*f).to_owned()),
            Place::Published(p) => fill(w.published, "path", p.display().to_string()),
            Place::User(p) => p.display().to_string(),
        }
    }
}

fn scenario_files(dir: Option<&Path>, published: bool) -> Vec<FoundScenario> {
    dir.map(playbook_files)
        .unwrap_or_default()
        .into_iter()
        .map(|p| FoundScenario {
            origin: if published {
                format!("published {}", p.display())
            } else {
                p.display().to_string()
            },
            loaded: super::load_scenario_file(&p),
            place: if published {
                Place::Published(p)
            } else {
                Place::User(p)
            },
        })
        .collect()
}

/// Every scenario for listing: built-in, then published, then the user's.
pub fn all_scenarios(sources: &Sources) -> Vec<FoundScenario> {
    let mut out: Vec<FoundScenario> = crate::scenario::load::BUILTIN
        .iter()
        .map(|(f, yaml)| {
            let origin = format!("<built-in {f}>");
            FoundScenario {
                loaded: crate::scenario::load::parse(&origin, yaml.as_bytes()),
                origin,
                place: Place::Builtin(f),
            }
        })
        .collect();
    out.extend(scenario_files(sources.published.as_deref(), true));
    out.extend(scenario_files(sources.user.as_deref(), false));
    out
}

/// Finds a scenario by path or id in the order of precedence (path, the
/// user's, published, built-in); with several of one id in one place (one
/// per language), `lang` picks, else the first. `Ok(None)`: no such id.
pub fn find_scenario(
    which: &str,
    lang: Option<Language>,
    sources: &Sources,
) -> Result<Option<Scenario>, Vec<Diagnostic>> {
    find_scenario_source(which, lang, sources).map(|f| f.map(|(s, _)| s))
}

/// [`find_scenario`], with the file's exact text.
pub fn find_scenario_source(
    which: &str,
    lang: Option<Language>,
    sources: &Sources,
) -> Result<Option<(Scenario, String)>, Vec<Diagnostic>> {
    fn read(p: &Path) -> Result<(Scenario, String), Vec<Diagnostic>> {
        let bytes = read_limited(p)?;
        let sc = crate::scenario::load::parse(&p.display().to_string(), &bytes)?;
        let text = String::from_utf8(bytes).map_err(|_| {
            vec![Diagnostic::file_level(
                &p.display().to_string(),
                "is not UTF-8 text",
            )]
        })?;
        Ok((sc, text))
    }
    if looks_like_path(which) {
        return read(Path::new(which)).map(Some);
    }
    let builtin = || {
        crate::scenario::load::BUILTIN
            .iter()
            .filter_map(|(f, yaml)| {
                crate::scenario::load::parse(&format!("<built-in {f}>"), yaml.as_bytes())
                    .ok()
                    .map(|s| (s, (*yaml).to_owned()))
            })
            .collect::<Vec<_>>()
    };
    let loaded = |dir: Option<&Path>| {
        dir.map(playbook_files)
            .unwrap_or_default()
            .iter()
            .filter_map(|p| read(p).ok())
            .collect::<Vec<_>>()
    };
    for mut candidates in [
        loaded(sources.user.as_deref()),
        loaded(sources.published.as_deref()),
        builtin(),
    ] {
        candidates.retain(|(s, _)| s.id == which);
        if let Some(l) = lang
            && candidates.iter().any(|(s, _)| s.language == l)
        {
            candidates.retain(|(s, _)| s.language == l);
        }
        if let Some(found) = candidates.into_iter().next() {
            return Ok(Some(found));
        }
    }
    Ok(None)
}

/// The ids of every loadable scenario (for shell completion), sorted, once each.
pub fn scenario_ids(sources: &Sources) -> Vec<String> {
    let ids: std::collections::BTreeSet<String> = all_scenarios(sources)
        .into_iter()
        .filter_map(|f| f.loaded.ok().map(|s| s.id))
        .collect();
    ids.into_iter().collect()
}

#[cfg(test)]
mod tests;
