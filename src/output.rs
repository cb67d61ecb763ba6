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
