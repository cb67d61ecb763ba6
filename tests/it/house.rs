//! The house rules of ARCHITECTURE.md, checked where it is cheap: the core's
//! dependencies, the direction of imports, file sizes and the module style.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Crates that would give the core a terminal, a database, files, signals,
/// the command line or the network.
const SHELL_CRATES: &[&str] = &[
    "ratatui",
    "crossterm",
    "rusqlite",
    "notify",
    "etcetera",
    "libc",
    "signal-hook",
    "clap",
    "postgres",
    "ratatui-textarea",
];

/// Every `.rs` file below `dir`.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The code of a file without its unit tests: a `tests.rs` file is all
/// tests; elsewhere everything from the first `#[cfg(test)]` on is.
fn production_code(path: &Path) -> String {
    if path.file_name().is_some_and(|n| n == "tests.rs")
        || path.components().any(|c| c.as_os_str() == "tests")
    {
        return String::new();
    }
    let text = std::fs::read_to_string(path).unwrap();
    let code = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => &text,
    };
    // Comments (docs linking other modules) are not imports.
    code.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `[[package]]` name → its dependency names, from Cargo.lock.
fn lock_graph() -> BTreeMap<String, Vec<String>> {
    let lock = std::fs::read_to_string(Path::new(ROOT).join("Cargo.lock")).unwrap();
    let mut graph = BTreeMap::new();
    for block in lock.split("[[package]]").skip(1) {
        let name = block
            .lines()
            .find_map(|l| l.strip_prefix("name = \""))
            .map(|s| s.trim_end_matches('"').to_owned())
            .unwrap();
        let deps = match block.find("dependencies = [") {
            Some(i) => block[i..]
                .lines()
                .skip(1)
                .take_while(|l| !l.starts_with(']'))
                .map(|l| {
                    let l = l.trim().trim_matches(|c| c == '"' || c == ',');
                    l.split(' ').next().unwrap_or(l).to_owned()
                })
                .collect(),
            None => Vec::new(),
        };
        graph.entry(name).or_insert_with(Vec::new).extend(deps);
    }
    graph
}

/// Names in a `[section]` of a Cargo.toml.
fn section_names(toml: &str, section: &str) -> Vec<String> {
    let Some(start) = toml.find(&format!("[{section}]\n")) else {
        return Vec::new();
    };
    toml[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_owned()))
        .collect()
}

#[test]
fn the_core_depends_on_no_terminal_database_file_or_cli_crate() {
    let manifest = std::fs::read_to_string(Path::new(ROOT).join("core/Cargo.toml")).unwrap();
    let dev: BTreeSet<String> = section_names(&manifest, "dev-dependencies")
        .into_iter()
        .collect();
    let normal = section_names(&manifest, "dependencies");
    assert!(
        !normal.is_empty(),
        "core/Cargo.toml has a [dependencies] section"
    );
    let graph = lock_graph();
    // Walk the lock file from the core's normal dependencies (the lock file
    // does not tell dev from normal edges below the first level, so this
    // over-approximates, which errs on the strict side).
    let mut seen = BTreeSet::new();
    let mut stack: Vec<String> = graph["callcoach-core"]
        .iter()
        .filter(|d| !dev.contains(*d))
        .cloned()
        .collect();
    while let Some(n) = stack.pop() {
        if seen.insert(n.clone()) {
            stack.extend(graph.get(&n).into_iter().flatten().cloned());
        }
    }
    let bad: Vec<&&str> = SHELL_CRATES.iter().filter(|c| seen.contains(**c)).collect();
    assert!(bad.is_empty(), "callcoach-core depends on {bad:?}");
    // And the core's code uses no file, environment, process or clock API.
    for f in rust_files(&Path::new(ROOT).join("core/src")) {
        let code = production_code(&f);
        for api in [
            "std::fs",
            "std::env",
            "std::process",
            "SystemTime",
            "Instant::now",
            "std::net",
        ] {
            assert!(!code.contains(api), "{} uses {api}", f.display());
        }
    }
}

/// The core's top-level modules in the order the crate documentation of
/// `core/src/lib.rs` gives (`[`stage`] → [`text`] → …`); rustfmt sorts the
/// `mod` lines themselves. Every declared module must be in that order.
fn core_module_order() -> Vec<String> {
    let lib = std::fs::read_to_string(Path::new(ROOT).join("core/src/lib.rs")).unwrap();
    let doc: String = lib
        .lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .collect::<Vec<_>>()
        .join(" ");
    let order: Vec<String> = doc
        .split('→')
        .filter_map(|part| {
            let start = part.find("[`")? + 2;
            let end = start + part[start..].find("`]")?;
            Some(part[start..end].to_owned())
        })
        .collect();
    let declared: BTreeSet<String> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';').to_owned())
        .collect();
    let listed: BTreeSet<String> = order.iter().cloned().collect();
    assert_eq!(
        declared, listed,
        "core/src/lib.rs: the documented order names every module"
    );
    order
}

/// The top-level module a file of `src_dir` belongs to (`engine` for
/// `engine.rs` and `engine/apply.rs`).
fn top_module(src_dir: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src_dir).ok()?;
    let first = rel
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    Some(first.trim_end_matches(".rs").to_owned())
}

/// `crate::name` references in code.
fn crate_refs(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        // Skip `callcoach_core::` and the like: only this crate's paths.
        if i > 0 && code[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[i + 7..];
        if rest.starts_with('{') {
            let inner = &rest[1..rest.find('}').unwrap_or(rest.len())];
            for part in inner.split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

#[test]
fn core_modules_import_only_modules_listed_before_them() {
    let src = Path::new(ROOT).join("core/src");
    let order = core_module_order();
    assert!(order.len() > 10, "{order:?}");
    let rank = |m: &str| order.iter().position(|o| o == m);
    let mut wrong = Vec::new();
    for f in rust_files(&src) {
        let Some(me) = top_module(&src, &f) else {
            continue;
        };
        let Some(my_rank) = rank(&me) else { continue };
        for used in crate_refs(&production_code(&f)) {
            if let Some(r) = rank(&used)
                && r > my_rank
            {
                wrong.push(format!("{} uses crate::{used}", f.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the core's order:\n{}",
        wrong.join("\n")
    );
}

/// Finds a cycle in a module graph, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(n) {
            Some(2) => return None,
            Some(1) => {
                let at = path.iter().position(|p| p == n).unwrap_or(0);
                let mut cycle = path[at..].to_vec();
                cycle.push(n.to_owned());
                return Some(cycle);
            }
            _ => {}
        }
        state.insert(n.to_owned(), 1);
        path.push(n.to_owned());
        for m in graph.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, graph, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(n.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in graph.keys() {
        if let Some(c) = visit(n, graph, &mut state, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

#[test]
fn the_shells_top_level_modules_import_each_other_without_circles() {
    let src = Path::new(ROOT).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in rust_files(&src) {
        let Some(me) = top_module(&src, &f) else {
            continue;
        };
        if me == "main" || me == "lib" {
            continue;
        }
        let entry = graph.entry(me.clone()).or_default();
        for used in crate_refs(&production_code(&f)) {
            if used != me && src.join(format!("{used}.rs")).exists() {
                entry.insert(used);
            }
        }
    }
    assert!(
        find_cycle(&graph).is_none(),
        "import circle: {:?}",
        find_cycle(&graph)
    );
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    g.entry("a".into()).or_default().insert("b".into());
    g.entry("b".into()).or_default().insert("c".into());
    assert!(find_cycle(&g).is_none());
    g.entry("c".into()).or_default().insert("a".into());
    assert_eq!(find_cycle(&g).unwrap(), ["a", "b", "c", "a"]);
    assert_eq!(
        crate_refs("use crate::{a, b::c};\nlet x = crate::d::e; callcoach_core::f"),
        ["a", "b", "d"].map(String::from).into()
    );
}

#[test]
fn no_source_file_is_over_600_lines_without_its_tests() {
    let mut big = Vec::new();
    for dir in ["src", "core/src"] {
        for f in rust_files(&Path::new(ROOT).join(dir)) {
            let n = production_code(&f).lines().count();
            if n > 600 {
                big.push(format!("{} ({n} lines)", f.display()));
            }
        }
    }
    assert!(
        big.is_empty(),
        "split these along their concepts:\n{}",
        big.join("\n")
    );
}

#[test]
fn one_module_style_foo_rs_beside_foo_dir() {
    let mut old = Vec::new();
    for dir in ["src", "core/src", "tests/it"] {
        for f in rust_files(&Path::new(ROOT).join(dir)) {
            if f.file_name().is_some_and(|n| n == "mod.rs") {
                old.push(f.display().to_string());
            }
        }
    }
    assert!(
        old.is_empty(),
        "use foo.rs + foo/ instead of foo/mod.rs: {old:?}"
    );
}

#[test]
fn the_declared_rust_version_covers_every_dependency() {
    // Every locked package whose sources cargo unpacked for this build
    // (the ones this platform compiles), read from the registry cache:
    // no network, and no need for other platforms' packages.
    let version = |v: &str| -> Vec<u32> {
        let mut parts: Vec<u32> = v.split('.').map(|p| p.parse().unwrap_or(0)).collect();
        parts.resize(3, 0);
        parts
    };
    let rust_version = |toml: &str| -> Option<String> {
        toml.lines()
            .map(str::trim)
            .find_map(|l| l.strip_prefix("rust-version = \""))
            .map(|v| v.trim_end_matches('"').to_owned())
    };
    let root_toml = std::fs::read_to_string(Path::new(ROOT).join("Cargo.toml")).unwrap();
    let ours = version(&rust_version(&root_toml).expect("the workspace declares rust-version"));
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap();
    let registries: Vec<PathBuf> = std::fs::read_dir(home.join("registry/src"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    let lock = std::fs::read_to_string(Path::new(ROOT).join("Cargo.lock")).unwrap();
    let (mut checked, mut needed) = (0, (Vec::new(), String::new()));
    for block in lock.split("[[package]]").skip(1) {
        let field = |k: &str| {
            block
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{k} = \"")))
                .map(|v| v.trim_end_matches('"').to_owned())
        };
        let (Some(name), Some(ver)) = (field("name"), field("version")) else {
            continue;
        };
        let Some(toml) = registries
            .iter()
            .find_map(|r| std::fs::read_to_string(r.join(format!("{name}-{ver}/Cargo.toml"))).ok())
        else {
            continue;
        };
        checked += 1;
        if let Some(rv) = rust_version(&toml)
            && version(&rv) > needed.0
        {
            needed = (version(&rv), name);
        }
    }
    assert!(
        checked > 50,
        "only {checked} dependency manifests found in {}",
        home.display()
    );
    assert!(
        ours >= needed.0,
        "rust-version {ours:?} is older than {} needs ({:?})",
        needed.1,
        needed.0
    );
}

/// Sibling modules of `dir` (a module folder such as `src/tui/call`) that a
/// file of `child`'s subtree refers to, through `crate::…::name` or, in a
/// file directly in `dir`, `super::name`.
fn sibling_refs(
    dir: &Path,
    module_path: &str,
    siblings: &BTreeSet<String>,
    file: &Path,
) -> BTreeSet<String> {
    let code = production_code(file);
    let mut out = BTreeSet::new();
    let mut names = |rest: &str| {
        let list: Vec<String> = if let Some(inner) = rest.strip_prefix('{') {
            inner[..inner.find('}').unwrap_or(inner.len())]
                .split(',')
                .map(|p| {
                    p.trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect()
                })
                .collect()
        } else {
            vec![
                rest.chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect(),
            ]
        };
        for n in list {
            if siblings.contains(&n) {
                out.insert(n);
            }
        }
    };
    let prefix = format!("crate::{module_path}::");
    for (i, _) in code.match_indices(&prefix) {
        names(&code[i + prefix.len()..]);
    }
    if file.parent() == Some(dir) {
        for (i, _) in code.match_indices("super::") {
            if !code[..i].ends_with("super::") {
                names(&code[i + 7..]);
            }
        }
    }
    out
}

/// The import graph among the child modules of the module folder `rel`
/// (relative to `src/`).
fn child_graph(rel: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = Path::new(ROOT).join("src").join(rel);
    let module_path = rel.replace('/', "::");
    let siblings: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            let name = p.file_stem()?.to_string_lossy().into_owned();
            (p.is_dir() || p.extension().is_some_and(|x| x == "rs")).then_some(name)
        })
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in rust_files(&dir) {
        let Some(me) = top_module(&dir, &f) else {
            continue;
        };
        let mut used = sibling_refs(&dir, &module_path, &siblings, &f);
        used.remove(&me);
        graph.entry(me).or_default().extend(used);
    }
    graph
}

#[test]
fn the_screens_import_each_other_without_circles_and_update_never_draws() {
    let mut screens = vec!["tui".to_owned()];
    for e in std::fs::read_dir(Path::new(ROOT).join("src/tui")).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            screens.push(format!("tui/{}", p.file_name().unwrap().to_string_lossy()));
        }
    }
    assert!(screens.len() >= 4, "{screens:?}");
    for rel in &screens {
        let graph = child_graph(rel);
        assert!(
            find_cycle(&graph).is_none(),
            "src/{rel}: import circle {:?}",
            find_cycle(&graph)
        );
        let uses = |a: &str, b: &str| graph.get(a).is_some_and(|s| s.contains(b));
        assert!(
            !uses("update", "view"),
            "src/{rel}: update imports the view"
        );
        assert!(
            !uses("view", "update"),
            "src/{rel}: the view imports update"
        );
    }
}
