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
