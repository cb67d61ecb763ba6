//! `--color auto|always|never` and the colour conventions (NO_COLOR,
//! CLICOLOR, CLICOLOR_FORCE, TERM=dumb), through the real binary: into a
//! pipe, and in a pseudo-terminal for `auto`.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_callcoach");

/// Environment variables that decide colour, removed for a clean start.
const COLOUR_ENV: &[&str] = &["NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "CI", "TERM"];

/// `callcoach ARGS` with stdout and stderr piped, `env` on top of a
/// colour-neutral environment.
fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args);
    for v in COLOUR_ENV {
        cmd.env_remove(v);
    }
    cmd.env("TERM", "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run callcoach")
}

fn bad_playbook(dir: &Path) -> String {
    let path = dir.join("bad.yaml");
    std::fs::write(&path, "id: x\nitem: []\n").unwrap();
    path.display().to_string()
}

fn has_escape(bytes: &[u8]) -> bool {
    bytes.contains(&0x1b)
}

#[test]
fn never_has_no_escape_bytes_and_always_has_them_in_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let bad = bad_playbook(dir.path());
    for args in [
        vec!["playbook", "check", bad.as_str()],
        vec!["playbook", "show", "klachtgesprek"],
        vec!["--help"],
        vec!["playbook", "--help"],
    ] {
        let never = run(&[&["--color", "never"], args.as_slice()].concat(), &[]);
        assert!(
            !has_escape(&never.stdout) && !has_escape(&never.stderr),
            "--color never {args:?}: {}{}",
            String::from_utf8_lossy(&never.stdout),
            String::from_utf8_lossy(&never.stderr)
        );
        let always = run(&[&["--color=always"], args.as_slice()].concat(), &[]);
        assert!(
            has_escape(&always.stdout) || has_escape(&always.stderr),
            "--color always {args:?} into a pipe has no colour"
        );
        // The option is global: after the subcommand too.
        let after = run(&[args.as_slice(), &["--color", "always"]].concat(), &[]);
        assert_eq!(after.stdout, always.stdout, "{args:?}");
        assert_eq!(after.stderr, always.stderr, "{args:?}");
    }
    // The checked file's diagnostic is coloured, its meaning unchanged.
    let always = run(&["--color", "always", "playbook", "check", &bad], &[]);
    let err = String::from_utf8_lossy(&always.stderr);
    assert!(
        err.contains("\x1b[") && err.contains("unknown key `item`"),
        "{err}"
    );
    assert_eq!(always.status.code(), Some(1));
}

#[test]
fn the_environment_decides_auto_and_the_option_overrides_it() {
    let dir = tempfile::tempdir().unwrap();
    let bad = bad_playbook(dir.path());
    let check = ["playbook", "check", bad.as_str()];
    let coloured = |args: &[&str], env: &[(&str, &str)]| has_escape(&run(args, env).stderr);
    // auto into a pipe: no colour …
    assert!(!coloured(&check, &[]));
    // … unless forced; NO_COLOR wins over CLICOLOR_FORCE.
    assert!(coloured(&check, &[("CLICOLOR_FORCE", "1")]));
    assert!(!coloured(
        &check,
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
    ));
    // The command line wins over the environment, both ways.
    let always = [&["--color", "always"][..], &check].concat();
    assert!(coloured(&always, &[("NO_COLOR", "1")]));
    let never = [&["--color", "never"][..], &check].concat();
    assert!(!coloured(&never, &[("CLICOLOR_FORCE", "1")]));
}

/// Everything `callcoach ARGS` writes to a terminal with `env`.
fn in_terminal(args: &[&str], env: &[(&str, &str)]) -> Vec<u8> {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("openpty");
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(args);
    for v in COLOUR_ENV {
        cmd.env_remove(v);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let mut buf = [0u8; 4096];
        // Until the program exits and the terminal reports end of file
        // (or EIO, as Linux does for a pty without a slave).
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        let _ = tx.send(out);
    });
    let out = rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the program ends");
    let _ = child.wait();
    out
}

#[test]
fn auto_colours_a_terminal_unless_term_is_dumb_or_no_color_is_set() {
    let dir = tempfile::tempdir().unwrap();
    let bad = bad_playbook(dir.path());
    let check = ["playbook", "check", bad.as_str()];
    let xterm = in_terminal(&check, &[("TERM", "xterm-256color")]);
    let text = String::from_utf8_lossy(&xterm);
    assert!(text.contains("unknown key `item`"), "{text}");
    assert!(text.contains("\x1b["), "no colour on a terminal: {text:?}");
    for env in [
        [("TERM", "dumb"), ("LANG", "C.UTF-8")],
        [("TERM", "xterm-256color"), ("NO_COLOR", "1")],
        [("TERM", "xterm-256color"), ("CLICOLOR", "0")],
    ] {
        let out = in_terminal(&check, &env);
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("unknown key `item`"), "{env:?}: {text}");
        assert!(!has_escape(&out), "{env:?}: {text:?}");
    }
    let never = [&["--color", "never"][..], &check].concat();
    assert!(!has_escape(&in_terminal(
        &never,
        &[("TERM", "xterm-256color")]
    )));
}
