//! `callcoach man [--dir DIR]`: the manual pages, one per command and
//! subcommand (`callcoach.1`, `callcoach-playbook-check.1` …), generated
//! from the same command-line definition `--help` shows (clap_mangen),
//! with EXAMPLES, ENVIRONMENT, FILES, EXIT STATUS and SEE ALSO added from
//! [`crate::help`].

use crate::help;
use clap_mangen::Man;
use roff::{Roff, bold, italic, roman};
use std::path::Path;
use std::process::ExitCode;

/// One manual page: its file name and its roff source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// File name, e.g. `callcoach-playbook-check.1`.
    pub file: String,
    /// The page in roff (man macros).
    pub roff: String,
}

/// Every page: `callcoach` first, then its commands depth first.
pub fn pages() -> std::io::Result<Vec<Page>> {
    let mut root = help::command().disable_help_subcommand(true);
    root.build();
    let mut out = Vec::new();
    walk(&root, &[], None, &mut out)?;
    Ok(out)
}

fn visible(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands().filter(|s| !s.is_hide_set())
}

fn page_name(cmd: &clap::Command) -> &str {
    cmd.get_display_name().unwrap_or_else(|| cmd.get_name())
}

fn walk(
    cmd: &clap::Command,
    path: &[&str],
    parent: Option<&str>,
    out: &mut Vec<Page>,
) -> std::io::Result<()> {
    out.push(page(cmd, path, parent)?);
    for sub in visible(cmd) {
        let mut sub_path = path.to_vec();
        sub_path.push(sub.get_name());
        walk(sub, &sub_path, Some(page_name(cmd)), out)?;
    }
    Ok(())
}

/// The page of `cmd`, found at `path` below `callcoach`.
fn page(cmd: &clap::Command, path: &[&str], parent: Option<&str>) -> std::io::Result<Page> {
    let man = Man::new(cmd.clone())
        .manual("callcoach manual")
        .source(format!("callcoach {}", env!("CARGO_PKG_VERSION")));
    let mut buf: Vec<u8> = Vec::new();
    man.render_title(&mut buf)?;
    man.render_name_section(&mut buf)?;
    man.render_synopsis_section(&mut buf)?;
    man.render_description_section(&mut buf)?;
    if cmd.get_arguments().any(|a| !a.is_hide_set()) {
        man.render_options_section(&mut buf)?;
    }
    if visible(cmd).next().is_some() {
        man.render_subcommands_section(&mut buf)?;
    }
    let mut roff = Roff::new();
    sections(&mut roff, cmd, path, parent);
    roff.to_writer(&mut buf)?;
    man.render_version_section(&mut buf)?;
    Ok(Page {
        file: man.get_filename(),
        roff: once_preamble(&String::from_utf8_lossy(&buf)),
    })
}

/// Each section rendered on its own repeats roff's two-line preamble
/// (`.ie \n(.g .ds Aq …`); keep the first.
fn once_preamble(roff: &str) -> String {
    let mut seen = std::collections::HashSet::new();
    roff.lines()
        .filter(|l| {
            !(l.starts_with(".ie \\n(.g") || l.starts_with(".el .ds Aq")) || seen.insert(*l)
        })
        .map(|l| format!("{l}\n"))
        .collect()
}

/// EXAMPLES, ENVIRONMENT, FILES, EXIT STATUS and SEE ALSO.
fn sections(roff: &mut Roff, cmd: &clap::Command, path: &[&str], parent: Option<&str>) {
    let examples = help::examples(path);
    if !examples.is_empty() {
        roff.control("SH", ["EXAMPLES"]);
        for (line, what) in examples {
            roff.control("TP", []);
            roff.text([bold(*line)]);
            roff.text([roman(*what)]);
        }
    }
    roff.control("SH", ["ENVIRONMENT"]);
    for v in help::environment(path) {
        roff.control("TP", []);
        roff.text([bold(v.name)]);
        roff.text([roman(v.what)]);
    }
    roff.control("SH", ["FILES"]);
    for (file, what) in help::FILES {
        roff.control("TP", []);
        roff.text([italic(*file)]);
        roff.text([roman(*what)]);
    }
    roff.control("SH", ["EXIT STATUS"]);
    for (code, what) in help::EXIT_STATUS {
        roff.control("TP", []);
        roff.text([bold(*code)]);
        roff.text([roman(*what)]);
    }
    let mut see: Vec<&str> = parent.into_iter().collect();
    see.extend(visible(cmd).map(page_name));
    if !see.is_empty() {
        roff.control("SH", ["SEE ALSO"]);
        let n = see.len();
        for (i, name) in see.into_iter().enumerate() {
            let sep = if i + 1 < n { "(1)," } else { "(1)" };
            roff.text([bold(name), roman(sep)]);
        }
    }
}

/// Prints the main page, or (`dir`) writes every page into `dir` and
/// prints their paths.
pub fn run(dir: Option<&Path>) -> anyhow::Result<ExitCode> {
    use anyhow::Context;
    use std::io::Write as _;
    let pages = pages()?;
    let Some(dir) = dir else {
        if let Some(main) = pages.first() {
            std::io::stdout().write_all(main.roff.as_bytes())?;
        }
        return Ok(ExitCode::SUCCESS);
    };
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut out = std::io::stdout().lock();
    for p in &pages {
        let path = dir.join(&p.file);
        std::fs::write(&path, &p.roff)
            .with_context(|| format!("cannot write {}", path.display()))?;
        writeln!(out, "{}", path.display())?;
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_page_per_command_with_the_extra_sections() {
        let pages = pages().unwrap();
        let files: Vec<&str> = pages.iter().map(|p| p.file.as_str()).collect();
        for f in [
            "callcoach.1",
            "callcoach-call.1",
            "callcoach-playbook.1",
            "callcoach-playbook-check.1",
            "callcoach-calls-export.1",
            "callcoach-followups-open.1",
            "callcoach-man.1",
        ] {
            assert!(files.contains(&f), "{f} missing from {files:?}");
        }
        assert!(!files.iter().any(|f| f.contains("help")), "{files:?}");
        for p in &pages {
            for s in [
                ".SH ENVIRONMENT",
                ".SH FILES",
                ".SH \"EXIT STATUS\"",
                ".SH SYNOPSIS",
            ] {
                assert!(p.roff.contains(s), "{}: no {s}", p.file);
            }
        }
        let check = pages
            .iter()
            .find(|p| p.file == "callcoach-playbook-check.1")
            .unwrap();
        assert!(check.roff.contains(".SH EXAMPLES"), "{}", check.roff);
        assert!(check.roff.contains(".SH \"SEE ALSO\""), "{}", check.roff);
        // The preamble once, before the title.
        assert_eq!(
            check.roff.matches(".el .ds Aq").count(),
            1,
            "{}",
            check.roff
        );
    }
}
