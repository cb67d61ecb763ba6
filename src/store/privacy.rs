//! Removing call records completely (GDPR): `purge --older-than` and
//! `erase --customer`. Deleted rows are zeroed (`secure_delete`), the WAL is
//! checkpointed and truncated, the database is rebuilt (`VACUUM`), and
//! fallback journals of the calls are overwritten and removed, so the erased
//! text is in no byte of any file in the data directory afterwards.

use super::calls::CallInfo;
use super::{CallFilter, CallId, EXPORTS_DIR, Store, journal, lock};
use crate::engine::Timestamp;
use anyhow::Context;
use rusqlite::params;
use std::path::PathBuf;

/// An age such as `90d`, `12w`, `6m` or `1y`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Age {
    /// Days.
    Days(u32),
    /// Weeks.
    Weeks(u32),
    /// Calendar months.
    Months(u32),
    /// Calendar years.
    Years(u32),
}

impl Age {
    /// Parses `90d`, `12w`, `6m`, `1y` (a positive number and a unit).
    pub fn parse(s: &str) -> Result<Age, String> {
        let s = s.trim();
        let bad = || {
            format!(
                "`{}` is not an age: use a number and d, w, m or y, e.g. 90d, 12w, 6m, 1y",
                crate::text::sanitize_line(s)
            )
        };
        let unit = s.chars().last().ok_or_else(bad)?;
        let n: u32 = s[..s.len() - unit.len_utf8()].parse().map_err(|_| bad())?;
        if n == 0 || n > 1000 {
            return Err(bad());
        }
        match unit.to_ascii_lowercase() {
            'd' => Ok(Age::Days(n)),
            'w' => Ok(Age::Weeks(n)),
            'm' => Ok(Age::Months(n)),
            'y' => Ok(Age::Years(n)),
            _ => Err(bad()),
        }
    }

    /// The moment `self` before `now` (calendar arithmetic in `now`'s zone).
    pub fn before(self, now: &jiff::Zoned) -> anyhow::Result<Timestamp> {
        let span = match self {
            Age::Days(n) => jiff::Span::new().days(i64::from(n)),
            Age::Weeks(n) => jiff::Span::new().weeks(i64::from(n)),
            Age::Months(n) => jiff::Span::new().months(i64::from(n)),
            Age::Years(n) => jiff::Span::new().years(i64::from(n)),
        };
        Ok(now.checked_sub(span)?.timestamp().as_millisecond())
    }
}

/// The calls chosen for removal, and fallback journals that could not be
/// imported but belong to them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// Calls to remove.
    pub calls: Vec<CallInfo>,
    /// Calls left out because another callcoach window is recording them.
    pub live: Vec<CallId>,
    /// Fallback journals to remove (of the selected calls, not importable).
    pub journals: Vec<PathBuf>,
    /// Files saved from the call screen into the data directory's
    /// `exports/` that belong to the selection (see [`Store::select_customer`]
    /// and [`Store::select_older_than`]).
    pub exports: Vec<PathBuf>,
    /// Files written outside the data directory with the selected calls
    /// (or for the customer): named, never deleted (see `store::exports`).
    pub outside: Vec<super::ExportRecord>,
    /// The customer, when selecting by customer.
    pub customer: Option<String>,
}

/// What a removal did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EraseReport {
    /// Calls removed.
    pub calls: usize,
    /// Journal files removed.
    pub journals: usize,
    /// Saved export files removed.
    pub exports: usize,
    /// Files outside the data directory that held removed calls: their
    /// paths (whether still there, last written), for the agent to delete.
    pub outside: Vec<(PathBuf, bool, Timestamp)>,
    /// Problems that may leave traces (e.g. a reader kept the WAL busy).
    pub warnings: Vec<String>,
}

impl Store {
    /// Calls whose last activity is before `cutoff`, and files in
    /// `exports/` last written before it or naming a selected call.
    pub fn select_older_than(&self, cutoff: Timestamp) -> anyhow::Result<Selection> {
        let all = self.calls(&CallFilter::default())?;
        let old = all.into_iter().filter(|c| c.last_activity < cutoff);
        let mut sel = self.selection(old, |_| false);
        let ids: Vec<CallId> = sel.calls.iter().map(|c| c.id.clone()).collect();
        sel.outside = self.exports_of(&ids, None)?;
        sel.exports = self.matching_exports(&sel, |path, _| {
            std::fs::metadata(path)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .is_some_and(|d| (d.as_millis() as i64) < cutoff)
        });
        Ok(sel)
    }

    /// Every call of customer `customer`, and files in `exports/` that
    /// contain the reference or name one of the calls.
    pub fn select_customer(&self, customer: &str) -> anyhow::Result<Selection> {
        let calls = self.calls(&CallFilter {
            customer: Some(customer.to_owned()),
            since: None,
        })?;
        let mut sel = self.selection(calls.into_iter(), |c| c.as_deref() == Some(customer));
        let ids: Vec<CallId> = sel.calls.iter().map(|c| c.id.clone()).collect();
        sel.outside = self.exports_of(&ids, Some(customer))?;
        sel.customer = Some(customer.to_owned());
        let needle = customer.as_bytes();
        sel.exports = self.matching_exports(&sel, |_, bytes| {
            !needle.is_empty() && bytes.windows(needle.len()).any(|w| w == needle)
        });
        Ok(sel)
    }

    /// Files in the data directory's `exports/` that `extra` picks or that
    /// name a selected call (in the file name or the content).
    fn matching_exports(
        &self,
        sel: &Selection,
        extra: impl Fn(&std::path::Path, &[u8]) -> bool,
    ) -> Vec<PathBuf> {
        let Ok(rd) = std::fs::read_dir(self.dir().join(EXPORTS_DIR)) else {
            return Vec::new();
        };
        let mut out: Vec<PathBuf> = rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .filter(|p| {
                let bytes = std::fs::read(p).unwrap_or_default();
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                let names_call = sel.calls.iter().any(|c| {
                    let id = c.id.as_str().as_bytes();
                    name.contains(c.id.as_str()) || bytes.windows(id.len()).any(|w| w == id)
                });
                names_call || extra(p, &bytes)
            })
            .collect();
        out.sort();
        out
    }

    fn selection(
        &self,
        calls: impl Iterator<Item = CallInfo>,
        journal_matches: impl Fn(&Option<String>) -> bool,
    ) -> Selection {
        let mut sel = Selection::default();
        for c in calls {
            if lock::is_live_elsewhere(self.dir(), &c.id) {
                sel.live.push(c.id);
            } else {
                sel.calls.push(c);
            }
        }
        // Journals that could not be imported when the store opened.
        for path in journal::list(self.dir()) {
            let Some(call) = journal::call_of(&path) else {
                continue;
            };
            let of_selected = sel.calls.iter().any(|c| c.id == call);
            let by_customer = journal::read(&path)
                .ok()
                .and_then(|r| journal::customer_of(&r.entries))
                .is_some_and(|c| journal_matches(&c));
            if (of_selected || by_customer) && !lock::is_live_elsewhere(self.dir(), &call) {
                sel.journals.push(path);
            }
        }
        sel
    }

    /// Removes the selected calls completely (see the module docs).
    pub fn erase(&mut self, sel: &Selection) -> anyhow::Result<EraseReport> {
        let mut report = EraseReport::default();
        {
            let tx = super::write_tx(self.conn_mut()?)?;
            for c in &sel.calls {
                tx.execute(
                    "DELETE FROM events WHERE call_id = ?1",
                    params![c.id.as_str()],
                )?;
                tx.execute(
                    "DELETE FROM notes WHERE call_id = ?1",
                    params![c.id.as_str()],
                )?;
                report.calls +=
                    tx.execute("DELETE FROM calls WHERE id = ?1", params![c.id.as_str()])?;
            }
            let ids: Vec<CallId> = sel.calls.iter().map(|c| c.id.clone()).collect();
            Store::forget_exports(&tx, &ids, sel.customer.as_deref())?;
            tx.commit().context("could not delete the calls")?;
        }
        report.outside = super::exports::distinct_paths(&sel.outside);
        for (paths, count) in [
            (&sel.journals, &mut report.journals),
            (&sel.exports, &mut report.exports),
        ] {
            for path in paths {
                match super::files::shred_and_remove(path) {
                    Ok(()) => *count += 1,
                    Err(e) => report
                        .warnings
                        .push(format!("could not remove {}: {e}", path.display())),
                }
            }
        }
        for c in &sel.calls {
            lock::remove(self.dir(), &c.id);
        }
        report.warnings.extend(self.compact()?);
        Ok(report)
    }

    /// Moves everything out of the WAL, rebuilds the database without free
    /// pages and truncates the WAL. Returns warnings when another process
    /// kept part of the WAL in use.
    pub fn compact(&self) -> anyhow::Result<Vec<String>> {
        let mut warnings = Vec::new();
        self.checkpoint(&mut warnings)?;
        self.conn()?
            .execute_batch("VACUUM")
            .context("could not rebuild the database (VACUUM)")?;
        self.checkpoint(&mut warnings)?;
        super::restrict_db_files(self.dir())?;
        Ok(warnings)
    }

    fn checkpoint(&self, warnings: &mut Vec<String>) -> anyhow::Result<()> {
        let (busy, _, _): (i64, i64, i64) = self
            .conn()?
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .context("could not checkpoint the database")?;
        if busy != 0 {
            warnings.push(
                "another callcoach process is using the database: its write-ahead log could not \
                 be emptied; run the command again once the other windows are closed"
                    .into(),
            );
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_parse() {
        assert_eq!(Age::parse("90d"), Ok(Age::Days(90)));
        assert_eq!(Age::parse("12w"), Ok(Age::Weeks(12)));
        assert_eq!(Age::parse("6m"), Ok(Age::Months(6)));
        assert_eq!(Age::parse(" 1Y "), Ok(Age::Years(1)));
        for bad in [
            "", "d", "90", "0d", "-3d", "3x", "1.5y", "9999d", "90 d", "ä",
        ] {
            assert!(Age::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn months_are_calendar_months() {
        let now: jiff::Zoned = "2026-08-31T12:00:00+00:00[UTC]".parse().unwrap();
        let cut = Age::Months(6).before(&now).unwrap();
        let expected: jiff::Zoned = "2026-02-28T12:00:00+00:00[UTC]".parse().unwrap();
        assert_eq!(cut, expected.timestamp().as_millisecond());
        let cut = Age::Days(90).before(&now).unwrap();
        assert_eq!(cut, now.timestamp().as_millisecond() - 90 * 86_400_000);
    }
}
