//! Decisions about the process's output streams (colour), which depend on
//! the environment and so belong to the shell.

/// Whether to colour diagnostics on standard error: only on a terminal, and
/// never when `NO_COLOR` is set (<https://no-color.org>).
pub fn stderr_color() -> bool {
    use std::io::IsTerminal;
    no_color_unset() && std::io::stderr().is_terminal()
}

/// Whether to colour output on standard output (same rules as [`stderr_color`]).
pub fn stdout_color() -> bool {
    use std::io::IsTerminal;
    no_color_unset() && std::io::stdout().is_terminal()
}

fn no_color_unset() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
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
