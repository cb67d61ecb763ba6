//! Decisions about the process's output streams (colour), which depend on
//! the command line and the environment and so belong to the shell.
//!
//! The decision is anstream's: `--color always|never` wins; with `auto`
//! (the default) `NO_COLOR` turns colour off, `CLICOLOR_FORCE` turns it on,
//! `CLICOLOR=0` off, and otherwise a stream is coloured when it is a
//! terminal whose `TERM` supports colour (not `dumb`).

use anstream::ColorChoice;
use clap::ValueEnum;
use std::ffi::OsString;

/// The `--color` option.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour on a terminal, unless NO_COLOR is set or TERM=dumb;
    /// CLICOLOR=0 and CLICOLOR_FORCE=1 are honoured.
    #[default]
    Auto,
    /// Always colour, even into a pipe or file.
    Always,
    /// Never colour.
    Never,
}

impl From<ColorWhen> for ColorChoice {
    fn from(w: ColorWhen) -> Self {
        match w {
            ColorWhen::Auto => ColorChoice::Auto,
            ColorWhen::Always => ColorChoice::Always,
            ColorWhen::Never => ColorChoice::Never,
        }
    }
}

/// Makes `when` the process-wide choice (clap's own help and errors
/// follow it too).
pub fn set_color(when: ColorWhen) {
    ColorChoice::from(when).write_global();
}

/// The `--color` value on a raw command line, read before clap parses it
/// so that `--help` and usage errors follow it as well: the last
/// `--color WHEN` or `--color=WHEN` before a `--`; `None` when absent or
/// not a valid value (clap then reports it).
pub fn color_from_args(args: impl IntoIterator<Item = OsString>) -> Option<ColorWhen> {
    let mut found = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let value = match arg.to_str() {
            Some("--") => break,
            Some("--color") => args.next(),
            Some(a) => a.strip_prefix("--color=").map(OsString::from),
            None => None,
        };
        if let Some(v) = value {
            found = v
                .to_str()
                .and_then(|v| ColorWhen::from_str(v, false).ok())
                .or(found);
        }
    }
    found
}

/// Whether to colour what goes to standard error.
pub fn stderr_color() -> bool {
    anstream::AutoStream::choice(&std::io::stderr()) != ColorChoice::Never
}

/// Whether to colour what goes to standard output.
pub fn stdout_color() -> bool {
    anstream::AutoStream::choice(&std::io::stdout()) != ColorChoice::Never
}

/// Bold, for headings.
pub fn bold(s: &str) -> String {
    let style = anstyle::Style::new().bold();
    format!("{style}{s}{style:#}")
}

/// Bold yellow, for the `warning:` label.
pub fn warning(s: &str) -> String {
    let style = anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Yellow.into()));
    format!("{style}{s}{style:#}")
}

// ---------------------------------------------------------------------------
// Writing to standard output and standard error without panicking.
//
// `println!` and `eprintln!` panic when the write fails (`callcoach calls
// list >/dev/full`, a reader that closed the pipe). Commands print through
// [`outln!`](crate::outln), [`out!`](crate::out) and [`errln!`](crate::errln)
// instead: a failed write to standard output is remembered, later writes
// are skipped, and `main` ends the program with [`finish`] — exit 1 with a
// message, or, when the reader closed the pipe, quietly by SIGPIPE like
// other Unix tools. A failed write to standard error is ignored (there is
// nowhere left to say anything).

use std::io::Write as _;
use std::sync::Mutex;

/// The first error writing to standard output, if any.
static STDOUT_ERROR: Mutex<Option<std::io::ErrorKind>> = Mutex::new(None);

/// Something was written through [`write_stdout`] (only then does
/// [`finish`] flush and judge standard output: the call screen writes to
/// the terminal itself, and a closed window is not an output error).
static STDOUT_USED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Writes `bytes` to standard output unless an earlier write failed;
/// a failure is remembered for [`finish`] and returned.
pub fn write_stdout(bytes: &[u8]) -> std::io::Result<()> {
    if let Some(kind) = stdout_failed() {
        return Err(kind.into());
    }
    STDOUT_USED.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut out = std::io::stdout().lock();
    let r = out.write_all(bytes);
    if let Err(e) = &r {
        remember(e.kind());
    }
    r
}

/// Writes formatted text to standard output (see [`write_stdout`]).
pub fn print_out(args: std::fmt::Arguments<'_>) {
    let _ = write_stdout(args.to_string().as_bytes());
}

/// Writes formatted text to standard error; a failure is ignored.
pub fn print_err(args: std::fmt::Arguments<'_>) {
    let _ = std::io::stderr().lock().write_fmt(args);
}

fn remember(kind: std::io::ErrorKind) {
    if let Ok(mut slot) = STDOUT_ERROR.lock() {
        slot.get_or_insert(kind);
    }
}

fn stdout_failed() -> Option<std::io::ErrorKind> {
    STDOUT_ERROR.lock().ok().and_then(|s| *s)
}

/// True when `e` (or an error it wraps) is a write to a reader that went
/// away (`EPIPE`).
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// How standard output ended: flushes it and returns the first write error.
pub fn finish() -> Result<(), std::io::ErrorKind> {
    if !STDOUT_USED.load(std::sync::atomic::Ordering::Relaxed) {
        return Ok(());
    }
    if let Err(e) = std::io::stdout().lock().flush() {
        remember(e.kind());
    }
    match stdout_failed() {
        Some(kind) => Err(kind),
        None => Ok(()),
    }
}

/// Ends the process the way other Unix tools end when the reader of their
/// output went away: by the default action of SIGPIPE (no message; the
/// shell sees status 141). Rust ignores SIGPIPE, so it is restored first.
pub fn die_of_broken_pipe() -> ! {
    #[cfg(unix)]
    // SAFETY: restoring the default action of a signal and raising it.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        libc::raise(libc::SIGPIPE);
    }
    std::process::exit(141)
}

/// `println!` that never panics (see the section above).
#[macro_export]
macro_rules! outln {
    () => { $crate::output::print_out(format_args!("\n")) };
    ($($arg:tt)*) => {
        $crate::output::print_out(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` that never panics (see the section above).
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::output::print_out(format_args!($($arg)*)) };
}

/// `eprintln!` that never panics (see the section above).
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::output::print_err(format_args!("{}\n", format_args!($($arg)*)))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(args: &[&str]) -> Option<ColorWhen> {
        color_from_args(args.iter().map(OsString::from))
    }

    #[test]
    fn the_color_option_is_found_before_parsing() {
        assert_eq!(
            scan(&["callcoach", "--color", "never", "--help"]),
            Some(ColorWhen::Never)
        );
        assert_eq!(
            scan(&["callcoach", "playbook", "--color=always"]),
            Some(ColorWhen::Always)
        );
        assert_eq!(
            scan(&["callcoach", "--color=never", "--color", "auto"]),
            Some(ColorWhen::Auto)
        );
        assert_eq!(scan(&["callcoach", "--color", "purple"]), None);
        assert_eq!(scan(&["callcoach", "--", "--color", "never"]), None);
        assert_eq!(scan(&["callcoach", "--colour", "never"]), None);
    }

    #[test]
    fn styles_are_ansi() {
        assert_eq!(bold("x"), "\x1b[1mx\x1b[0m");
        assert!(warning("warning:").starts_with("\x1b[1m\x1b[33m"));
    }
}
