//! Results of practice sessions. The store owns the table; the practice
//! module owns what the JSON columns contain.

use super::Store;
use crate::engine::Timestamp;
use anyhow::Context;
use rusqlite::params;
use serde::{Deserialize, Serialize};

/// One finished practice session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PracticeRecord {
    /// Who practised.
    pub trainee: String,
    /// Which scenario.
    pub scenario_id: String,
    /// When the session started (ms since the epoch).
    pub started_at: Timestamp,
    /// When it finished.
    pub finished_at: Timestamp,
    /// The moves made (JSON, practice's format).
    pub moves_json: String,
    /// Score 0–100.
    pub score: u8,
    /// Whether the score passed.
    pub passed: bool,
    /// Score breakdown (JSON, practice's format).
    pub breakdown_json: String,
}

/// Which practice results to read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PracticeFilter {
    /// Only this trainee.
    pub trainee: Option<String>,
    /// Only this scenario.
    pub scenario_id: Option<String>,
}

impl Store {
    /// Stores a practice result (one committed transaction).
    pub fn record_practice(&self, r: &PracticeRecord) -> anyhow::Result<()> {
        self.conn_for_write()?
            .execute(
                "INSERT INTO practice_results (trainee, scenario_id, started_at, finished_at, \
                 moves_json, score, passed, breakdown_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    r.trainee,
                    r.scenario_id,
                    r.started_at,
                    r.finished_at,
                    r.moves_json,
                    r.score,
                    r.passed,
                    r.breakdown_json
                ],
            )
            .context("could not store the practice result")?;
        Ok(())
    }

    /// Practice results matching `filter`, oldest first.
    pub fn practice_records(&self, filter: &PracticeFilter) -> anyhow::Result<Vec<PracticeRecord>> {
        let mut stmt = self.conn()?.prepare(&format!(
            "SELECT {PRACTICE_COLUMNS} FROM practice_results WHERE (?1 IS NULL OR trainee = ?1) \
             AND (?2 IS NULL OR scenario_id = ?2) ORDER BY started_at, id"
        ))?;
        let rows = stmt.query_map(
            params![filter.trainee, filter.scenario_id],
            practice_from_row,
        )?;
        rows.collect::<Result<_, _>>()
            .context("could not read the practice results")
    }
}

/// The columns [`practice_from_row`] reads, in its order.
pub(super) const PRACTICE_COLUMNS: &str =
    "trainee, scenario_id, started_at, finished_at, moves_json, score, passed, breakdown_json";

/// A practice result from a row selecting [`PRACTICE_COLUMNS`].
pub(super) fn practice_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PracticeRecord> {
    Ok(PracticeRecord {
        trainee: r.get(0)?,
        scenario_id: r.get(1)?,
        started_at: r.get(2)?,
        finished_at: r.get(3)?,
        moves_json: r.get(4)?,
        score: r.get(5)?,
        passed: r.get(6)?,
        breakdown_json: r.get(7)?,
    })
}
