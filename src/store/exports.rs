//! Files written outside the data directory. callcoach never deletes a
//! file outside its data directory, but it remembers the ones it wrote
//! there (`calls export --output`, `followups --ics --output`): which call
//! or customer, where and when. `erase` and `purge` name them, so the
//! agent knows which copies to delete, and forget them with the calls.

use super::{CallId, Store};
use crate::engine::Timestamp;
use rusqlite::params;
use std::path::{Path, PathBuf};

/// One file written outside the data directory.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ExportRecord {
    /// Where it was written (absolute).
    pub path: PathBuf,
    /// The call it holds (one row per call for a file with several).
    pub call: Option<CallId>,
    /// The customer of that call.
    pub customer: Option<String>,
    /// When it was written.
    pub written_at: Timestamp,
    /// Whether a file is still there now.
    pub exists: bool,
}

impl Store {
    /// Remembers that `path` was written with `calls` (and their
    /// customers). A file inside the data directory is not recorded (erase
    /// and purge remove those themselves). Returns false when the store
    /// cannot be written (the caller says so).
    pub fn record_export(
        &self,
        path: &Path,
        calls: &[(CallId, Option<String>)],
        at: Timestamp,
    ) -> bool {
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let data = std::fs::canonicalize(self.dir()).unwrap_or_else(|_| self.dir().to_path_buf());
        if abs.starts_with(&data) {
            return true;
        }
        let Ok(conn) = self.conn_for_write() else {
            return false;
        };
        let text = abs.display().to_string();
        calls.iter().all(|(call, customer)| {
            conn.execute(
                "INSERT INTO exports (path, call_id, customer, written_at) VALUES (?1, ?2, ?3, ?4)",
                params![text, call.as_str(), customer, at],
            )
            .is_ok()
        })
    }

    /// Files written outside the data directory with any of `calls` or for
    /// `customer`, oldest first.
    pub fn exports_of(
        &self,
        calls: &[CallId],
        customer: Option<&str>,
    ) -> anyhow::Result<Vec<ExportRecord>> {
        let conn = self.conn()?;
        let mut stmt = match conn.prepare(
            "SELECT path, call_id, customer, written_at FROM exports ORDER BY written_at, id",
        ) {
            Ok(s) => s,
            // A read-only database of an older version has no such table.
            Err(_) => return Ok(Vec::new()),
        };
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (path, call, cust, at) = row?;
            let call = call.map(CallId);
            let of_call = call.as_ref().is_some_and(|c| calls.contains(c));
            let of_customer = customer.is_some() && cust.as_deref() == customer;
            if of_call || of_customer {
                let path = PathBuf::from(path);
                out.push(ExportRecord {
                    exists: path.exists(),
                    path,
                    call,
                    customer: cust,
                    written_at: at,
                });
            }
        }
        Ok(out)
    }

    /// Forgets the records of files written with `calls` or for `customer`.
    pub(crate) fn forget_exports(
        tx: &rusqlite::Transaction<'_>,
        calls: &[CallId],
        customer: Option<&str>,
    ) -> rusqlite::Result<usize> {
        let mut n = 0;
        for c in calls {
            n += tx.execute(
                "DELETE FROM exports WHERE call_id = ?1",
                params![c.as_str()],
            )?;
        }
        if let Some(cust) = customer {
            n += tx.execute("DELETE FROM exports WHERE customer = ?1", params![cust])?;
        }
        Ok(n)
    }
}

/// Distinct paths of `records` with whether each still exists, in order.
pub fn distinct_paths(records: &[ExportRecord]) -> Vec<(PathBuf, bool, Timestamp)> {
    let mut out: Vec<(PathBuf, bool, Timestamp)> = Vec::new();
    for r in records {
        match out.iter_mut().find(|(p, _, _)| *p == r.path) {
            Some(e) => e.2 = e.2.max(r.written_at),
            None => out.push((r.path.clone(), r.exists, r.written_at)),
        }
    }
    out
}
