//! The playbook versions calls ran on, keyed by content hash, with the
//! exact YAML text: a call records only the hash (in its `Started` event),
//! and this table lets an export of an old call use exactly that version
//! after the installed playbook changed or was removed. Playbook texts are
//! not personal data; they stay when calls are purged or erased.

use super::Store;
use crate::engine::Timestamp;
use rusqlite::{OptionalExtension as _, params};

impl Store {
    /// Keeps the text of playbook version `hash` (once; a known hash is
    /// left as it is).
    pub fn remember_playbook(
        &self,
        hash: &str,
        playbook_id: &str,
        version: &str,
        text: &str,
        at: Timestamp,
    ) -> anyhow::Result<()> {
        let conn = self.conn_for_write()?;
        let known: Option<i64> = conn
            .query_row(
                "SELECT 1 FROM playbook_versions WHERE hash = ?1",
                params![hash],
                |r| r.get(0),
            )
            .optional()?;
        if known.is_none() {
            conn.execute(
                "INSERT OR IGNORE INTO playbook_versions (hash, playbook_id, version, yaml, \
                 first_used) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![hash, playbook_id, version, text, at],
            )?;
        }
        Ok(())
    }

    /// The exact text of playbook version `hash`, if the store has it. A
    /// store written before versions were kept has none.
    pub fn playbook_text(&self, hash: &str) -> anyhow::Result<Option<String>> {
        let conn = self.conn()?;
        if super::schema::version(conn)? < super::schema::PLAYBOOK_VERSIONS {
            return Ok(None);
        }
        Ok(conn
            .query_row(
                "SELECT yaml FROM playbook_versions WHERE hash = ?1",
                params![hash],
                |r| r.get(0),
            )
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_is_kept_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let st = Store::open(dir.path()).unwrap();
        assert_eq!(st.playbook_text("sha256:00").unwrap(), None);
        st.remember_playbook("sha256:00", "team", "1", "id: team\n", 1)
            .unwrap();
        st.remember_playbook("sha256:00", "team", "1", "other", 2)
            .unwrap();
        assert_eq!(
            st.playbook_text("sha256:00").unwrap().as_deref(),
            Some("id: team\n")
        );
    }
}
