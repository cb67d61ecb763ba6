//! Located problems in a YAML file (playbook or scenario), rendered for a
//! team lead: file:line:column, what was found, what was expected, a hint,
//! and the offending line with a marker.

use std::fmt;

/// One problem found while loading or validating a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// File name as given by the user (or `<built-in …>`).
    pub file: String,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    /// What is wrong (what was found).
    pub message: String,
    /// What was expected instead, if that can be said.
    pub expected: Option<String>,
    /// A hint on how to fix it.
    pub hint: Option<String>,
    /// The offending source line (sanitised), if known.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A problem concerning the whole file.
    pub fn file_level(file: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_owned(),
            line: 0,
            column: 0,
            message: message.into(),
            expected: None,
            hint: None,
            source_line: None,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(
                f,
                "{}:{}:{}: error: {}",
                self.file, self.line, self.column, self.message
            )?;
        } else {
            write!(f, "{}: error: {}", self.file, self.message)?;
        }
        if let Some(line) = &self.source_line {
            let num = self.line.to_string();
            write!(f, "\n {num} | {line}")?;
            let pad = " ".repeat(num.len());
            let col = self.column.max(1) - 1;
            let indent: String = line
                .chars()
                .take(col)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n {pad} | {indent}^")?;
        }
        if let Some(e) = &self.expected {
            write!(f, "\n  expected: {e}")?;
        }
        if let Some(h) = &self.hint {
            write!(f, "\n  hint: {h}")?;
        }
        Ok(())
    }
}
