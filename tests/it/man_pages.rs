//! `callcoach man --dir DIR` writes a manual page for every command and
//! subcommand; each renders with man(1) (or, without it, is well-formed
//! roff) and has the ENVIRONMENT, FILES and EXIT STATUS sections; the
//! main commands' `--help` shows examples.

use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_callcoach");

fn callcoach(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run callcoach")
}

/// The page names every visible command should have, from the same
/// definition the binary parses.
fn expected_pages() -> Vec<String> {
    fn walk(cmd: &clap::Command, name: &str, out: &mut Vec<String>) {
        out.push(format!("{name}.1"));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            if sub.get_name() != "help" {
                walk(sub, &format!("{name}-{}", sub.get_name()), out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&callcoach::help::command(), "callcoach", &mut out);
    out.sort();
    out
}

fn has_program(name: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The page as man(1) shows it, 80 columns, no formatting.
fn render_with_man(page: &Path) -> String {
    let out = Command::new("man")
        .arg("-l")
        .arg(page)
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("MAN_KEEP_FORMATTING", "0")
        .output()
        .expect("man runs");
    assert!(
        out.status.success(),
        "{}: man -l failed: {out:?}",
        page.display()
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.trim().is_empty(),
        "{}: man -l warns: {err}",
        page.display()
    );
    // Bold and underline come as overstrikes (`N\x08N`): keep the letters.
    let mut text = String::new();
    for c in String::from_utf8_lossy(&out.stdout).chars() {
        if c == '\u{8}' {
            text.pop();
        } else {
            text.push(c);
        }
    }
    text
}

/// Without man(1): the page is roff with man macros only.
fn check_roff(page: &Path) -> String {
    let text = std::fs::read_to_string(page).unwrap();
    let title = text.lines().position(|l| l.starts_with(".TH "));
    let first_section = text.lines().position(|l| l.starts_with(".SH "));
    assert!(
        title < first_section && title.is_some(),
        "{}",
        page.display()
    );
    const MACROS: &[&str] = &[
        "TH", "SH", "SS", "TP", "IP", "PP", "LP", "P", "RS", "RE", "B", "I", "BR", "IR", "RB",
        "BI", "IB", "RI", "br", "sp", "nf", "fi", "EX", "EE", "ie", "el", "if", "\\\"",
    ];
    for line in text.lines().filter(|l| l.starts_with('.')) {
        let name = line[1..].split_whitespace().next().unwrap_or("");
        assert!(
            MACROS.contains(&name),
            "{}: unknown request {line:?}",
            page.display()
        );
    }
    text
}

#[test]
fn every_command_has_a_page_that_renders_with_its_sections() {
    let dir = tempfile::tempdir().unwrap();
    let out = callcoach(&["man", "--dir", dir.path().to_str().unwrap()]);
    assert!(out.status.success(), "{out:?}");
    let mut written: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let expected = expected_pages();
    assert_eq!(written, expected);
    assert!(expected.len() >= 20, "{expected:?}");
    // The paths are printed, one per line.
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        expected.len()
    );

    let man = has_program("man");
    for file in &expected {
        let path = dir.path().join(file);
        let shown = if man {
            render_with_man(&path)
        } else {
            check_roff(&path)
        };
        for section in ["NAME", "SYNOPSIS", "ENVIRONMENT", "FILES", "EXIT STATUS"] {
            let present = shown.lines().any(|l| {
                l == section || l == format!(".SH {section}") || l == format!(".SH \"{section}\"")
            });
            assert!(present, "{file}: no {section} section:\n{shown}");
        }
        assert!(shown.contains("CALLCOACH_DATA_DIR"), "{file}");
        assert!(shown.contains("callcoach.db"), "{file}");
    }
    // The main commands' pages show examples; the main page links every command.
    for file in [
        "callcoach.1",
        "callcoach-call.1",
        "callcoach-playbook-check.1",
        "callcoach-practice.1",
    ] {
        let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
        assert!(text.contains(".SH EXAMPLES"), "{file}");
    }
    let main = std::fs::read_to_string(dir.path().join("callcoach.1")).unwrap();
    assert!(
        main.contains("callcoach\\-calls") && main.contains("SEE ALSO"),
        "{main}"
    );
}

#[test]
fn without_a_directory_the_main_page_goes_to_standard_output() {
    let out = callcoach(&["man"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().any(|l| l.starts_with(".TH callcoach 1 ")),
        "{text}"
    );
    assert!(text.contains(".SH \"EXIT STATUS\""));
}

#[test]
fn the_main_commands_help_shows_examples() {
    for args in [
        vec!["--help"],
        vec!["call", "--help"],
        vec!["playbook", "check", "--help"],
        vec!["playbook", "new", "--help"],
        vec!["practice", "--help"],
        vec!["calls", "export", "--help"],
        vec!["report", "--help"],
        vec!["man", "--help"],
    ] {
        let out = callcoach(&args);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{args:?}");
        assert!(text.contains("Examples:\n  callcoach"), "{args:?}:\n{text}");
    }
    // The short help stays short.
    let short = callcoach(&["call", "-h"]);
    assert!(!String::from_utf8_lossy(&short.stdout).contains("Examples:"));
}
