//! The playbook versions calls ran on, keyed by content hash, with the
//! exact YAML text: a call records only the hash (in its `Started` event),
//! and this table lets an export of an old call use exactly that version
//! after the installed playbook changed or was removed. Playbook texts are
//! not personal data; they stay when calls are purged or erased.
//!
//! Beside the text, the few facts the resume question shows of a version
//! ([`VersionFacts`]): the question is on the way to the call screen, and
//! parsing a playbook's text takes about a millisecond.

use super::Store;
use crate::engine::Timestamp;
use crate::playbook::{Language, Playbook};
use crate::stage::StageId;
use rusqlite::{OptionalExtension as _, params};
use serde::{Deserialize, Serialize};

/// What the resume question shows of a playbook version: its language and
/// its stages' titles. Derived from the parsed version ([`VersionFacts::of`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionFacts {
    /// The playbook's language.
    pub language: Language,
    /// Each stage's title, in the order of [`StageId::ALL`].
    pub titles: Vec<(StageId, String)>,
}

impl VersionFacts {
    /// The facts of `pb`.
    pub fn of(pb: &Playbook) -> VersionFacts {
        VersionFacts {
            language: pb.language,
            titles: StageId::ALL
                .iter()
                .map(|&s| (s, pb.stage(s).title.clone()))
                .collect(),
        }
    }

    /// The title of `stage`.
    pub fn title(&self, stage: StageId) -> Option<&str> {
        self.titles
            .iter()
            .find(|(s, _)| *s == stage)
            .map(|(_, t)| t.as_str())
    }
}

impl Store {
    /// Keeps the text of playbook version `hash` and its `facts` (once; a
    /// known hash is left as it is, only facts it lacks are added).
    pub fn remember_playbook(
        &self,
        hash: &str,
        playbook_id: &str,
        version: &str,
        text: &str,
        facts: &VersionFacts,
        at: Timestamp,
    ) -> anyhow::Result<()> {
        let conn = self.conn_for_write()?;
        let facts = serde_json::to_string(facts)?;
        let known: Option<bool> = conn
            .query_row(
                "SELECT facts IS NOT NULL FROM playbook_versions WHERE hash = ?1",
                params![hash],
                |r| r.get(0),
            )
            .optional()?;
        match known {
            None => {
                conn.execute(
                    "INSERT OR IGNORE INTO playbook_versions (hash, playbook_id, version, yaml, \
                     first_used, facts) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![hash, playbook_id, version, text, at, facts],
                )?;
            }
            Some(false) => {
                conn.execute(
                    "UPDATE playbook_versions SET facts = ?2 WHERE hash = ?1 AND facts IS NULL",
                    params![hash, facts],
                )?;
            }
            Some(true) => {}
        }
        Ok(())
    }

    /// The [`VersionFacts`] of playbook version `hash`, when the store has
    /// them (not for versions stored before they were kept, nor for facts
    /// it cannot read).
    pub fn playbook_facts(&self, hash: &str) -> anyhow::Result<Option<VersionFacts>> {
        let conn = self.conn()?;
        if super::schema::version(conn)? < super::schema::VERSION_FACTS {
            return Ok(None);
        }
        let json: Option<Option<String>> = conn
            .query_row(
                "SELECT facts FROM playbook_versions WHERE hash = ?1",
                params![hash],
                |r| r.get(0),
            )
            .optional()?;
        Ok(json
            .flatten()
            .and_then(|j| serde_json::from_str::<VersionFacts>(&j).ok())
            .filter(|f| StageId::ALL.iter().all(|&s| f.title(s).is_some())))
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

    fn facts(title: &str) -> VersionFacts {
        VersionFacts {
            language: Language::En,
            titles: StageId::ALL
                .iter()
                .map(|&s| (s, format!("{title} {s:?}")))
                .collect(),
        }
    }

    #[test]
    fn a_version_is_kept_once_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let st = Store::open(dir.path()).unwrap();
        assert_eq!(st.playbook_text("sha256:00").unwrap(), None);
        assert_eq!(st.playbook_facts("sha256:00").unwrap(), None);
        st.remember_playbook("sha256:00", "team", "1", "id: team\n", &facts("a"), 1)
            .unwrap();
        st.remember_playbook("sha256:00", "team", "1", "other", &facts("b"), 2)
            .unwrap();
        assert_eq!(
            st.playbook_text("sha256:00").unwrap().as_deref(),
            Some("id: team\n")
        );
        assert_eq!(st.playbook_facts("sha256:00").unwrap(), Some(facts("a")));
    }

    #[test]
    fn a_version_kept_without_facts_gets_them_and_broken_facts_are_none() {
        let dir = tempfile::tempdir().unwrap();
        let st = Store::open(dir.path()).unwrap();
        let conn = st.conn().unwrap();
        conn.execute(
            "INSERT INTO playbook_versions (hash, playbook_id, version, yaml, first_used) \
             VALUES ('sha256:01', 'team', '1', 'id: team', 1)",
            [],
        )
        .unwrap();
        assert_eq!(st.playbook_facts("sha256:01").unwrap(), None);
        st.remember_playbook("sha256:01", "team", "1", "id: team", &facts("c"), 2)
            .unwrap();
        assert_eq!(st.playbook_facts("sha256:01").unwrap(), Some(facts("c")));
        // Facts missing a stage, or not JSON, are not used.
        for broken in [r#"{"language":"en","titles":[["listen","L"]]}"#, "{"] {
            conn.execute(
                "UPDATE playbook_versions SET facts = ?1 WHERE hash = 'sha256:01'",
                [broken],
            )
            .unwrap();
            assert_eq!(st.playbook_facts("sha256:01").unwrap(), None, "{broken}");
        }
    }

    #[test]
    fn the_facts_of_a_playbook_are_its_language_and_titles() {
        let pb = crate::playbook::load::default_playbook().unwrap();
        let f = VersionFacts::of(&pb);
        assert_eq!(f.language, pb.language);
        for s in StageId::ALL {
            assert_eq!(f.title(s), Some(pb.stage(s).title.as_str()));
        }
    }
}
