//! House rules of the key tables: keys are matched only in the key-table
//! modules, and what the screens show about keys is generated from the
//! keys actually bound.

use crate::support::tui as support;

use callcoach::tui::call::keys::{self as call_keys, Context};
use callcoach::tui::call::{App, Overlay};
use callcoach::tui::keymap::{Key, key_name};
use ratatui::crossterm::event::KeyCode;
use std::path::{Path, PathBuf};
use support::*;

/// The only files that may name a key code.
const KEY_TABLES: &[&str] = &[
    "src/tui/keymap.rs",
    "src/tui/call/keys.rs",
    "src/tui/call/keys/kinds.rs",
    "src/tui/practice/keys.rs",
    "src/tui/picker/keys.rs",
    "src/tui/chooser/keys.rs",
    "src/tui/editor/keys.rs",
    "src/tui/live/keys.rs",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable source dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn key_codes_are_matched_only_in_the_key_tables() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    rust_files(&root.join("core/src"), &mut files);
    assert!(files.len() > 20, "found the sources");
    let mut offenders = Vec::new();
    for f in files {
        let rel = f
            .strip_prefix(root)
            .expect("under the root")
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(&f).expect("readable");
        if text.contains("KeyCode::") && !KEY_TABLES.contains(&rel.as_str()) {
            offenders.push(rel);
        }
    }
    assert!(
        offenders.is_empty(),
        "KeyCode:: outside the key tables: {offenders:?}"
    );
}

/// Every key name a label stands for: `Alt-1…3/7` → Alt-1, Alt-2, Alt-3,
/// Alt-7 (a bare digit inherits the modifiers before it).
fn expand(label: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut prefix = String::new();
    for part in label.split('/') {
        let (pre, body) = match part.rfind('-') {
            Some(i) if part.len() > i + 1 => (part[..=i].to_owned(), &part[i + 1..]),
            _ if part.chars().all(|c| c.is_ascii_digit() || c == '…') => (prefix.clone(), part),
            _ => (String::new(), part),
        };
        prefix = pre.clone();
        match body.split_once('…') {
            Some((a, b)) => {
                let (a, b) = (a.parse::<u32>().unwrap_or(1), b.parse::<u32>().unwrap_or(0));
                out.extend((a..=b).map(|d| format!("{pre}{d}")));
            }
            None => out.push(format!("{pre}{body}")),
        }
    }
    out
}

/// True when `label` shows `key` (an upper-case letter by its lower case).
fn shown(label: &str, key: &Key) -> bool {
    let names = expand(label);
    let name = key_name(key);
    names.contains(&name)
        || matches!(key, (KeyCode::Char(ch), _) if ch.is_ascii_uppercase()
            && names.contains(&ch.to_ascii_lowercase().to_string()))
}

#[test]
fn every_label_names_every_key_it_binds() {
    use callcoach::tui::{picker, practice};
    let mut all: Vec<(String, &[Key])> = call_keys::TABLE
        .iter()
        .map(|b| (b.label(), b.keys))
        .collect();
    all.extend(practice::keys::TABLE.iter().map(|b| (b.label(), b.keys)));
    all.extend(picker::keys::TABLE.iter().map(|b| (b.label(), b.keys)));
    for (label, keys) in all {
        for k in keys {
            assert!(shown(&label, k), "{label} leaves out {}", key_name(k));
        }
    }
}

fn screen_text(a: &mut App) -> String {
    render(a, 160, 60)
}

fn footer(a: &App) -> String {
    callcoach::tui::call::layout::footer_lines(a, 400)
        .iter()
        .map(|l| l.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The help opened from the call lists every key of the call and the notes
/// editor; the help opened from the summary every key of the summary.
#[test]
fn help_lists_every_bound_key_of_its_screen() {
    let mut a = app();
    fkey(&mut a, 1, T0 + 1);
    let mut text = String::new();
    // Scroll through the whole help.
    for _ in 0..20 {
        text.push_str(&screen_text(&mut a));
        let n = a.now;
        press(
            &mut a,
            KeyCode::PageDown,
            ratatui::crossterm::event::KeyModifiers::NONE,
            n,
        );
    }
    for ctx in [
        Context::Call,
        Context::Decision,
        Context::Form,
        Context::Confirm,
        Context::History,
    ] {
        for b in call_keys::bindings(ctx) {
            assert!(text.contains(&b.label()), "help lacks {}", b.label());
        }
    }
    for b in callcoach::tui::editor::keys::bindings() {
        assert!(text.contains(&b.label()), "help lacks {}", b.label());
    }
    let mut a = app();
    fkey(&mut a, 10, T0 + 1);
    fkey(&mut a, 1, T0 + 2);
    let mut text = String::new();
    for _ in 0..20 {
        text.push_str(&screen_text(&mut a));
        let n = a.now;
        press(
            &mut a,
            KeyCode::PageDown,
            ratatui::crossterm::event::KeyModifiers::NONE,
            n,
        );
    }
    for b in call_keys::bindings(Context::Summary) {
        assert!(
            text.contains(&b.label()),
            "summary help lacks {}",
            b.label()
        );
    }
}

/// An overlay's footer shows every key of each binding it lists.
#[test]
fn overlay_footers_show_all_keys_of_their_bindings() {
    let mut a = app();
    // Each overlay and the function key that opens it.
    let cases = [
        (Context::Decision, 6),
        (Context::Form, 8),
        (Context::Confirm, 3),
        (Context::Help, 1),
    ];
    for (ctx, f_key) in cases {
        a.overlay = None;
        fkey(&mut a, f_key, T0 + 1);
        assert_eq!(a.context(), ctx, "{ctx:?} opened");
        let f = footer(&a);
        for b in call_keys::bindings(ctx).filter(|b| b.footer.is_some()) {
            assert!(
                f.contains(&b.label()),
                "{ctx:?} footer {f:?} lacks {}",
                b.label()
            );
        }
    }
    let mut a = app_with_history();
    assert!(matches!(a.overlay, Some(Overlay::History { .. })));
    let f = footer(&a);
    for b in call_keys::bindings(Context::History).filter(|b| b.footer.is_some()) {
        assert!(f.contains(&b.label()), "history footer lacks {}", b.label());
    }
    let _ = screen_text(&mut a);
}
