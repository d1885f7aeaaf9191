//! Typed queries over the accepted findings of `tifa check --memory`: the
//! findings a reviewer has looked at and let stand. The store only keeps
//! them; which findings exist, and what their ids are, is the checker's
//! business (`check::accepted`), so nothing here knows a finding's kinds.

use rusqlite::OptionalExtension;
use rustc_hash::FxHashSet;
use serde::Serialize;

use super::writer::now_rfc3339;
use super::Store;
use crate::{Error, Result};

/// A finding accepted with `tifa check --memory --accept ID`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AcceptedFinding {
    /// The finding's stable id (12 hex digits).
    pub id: String,
    /// The kind's code ("deprecated", "missing"), kept as text so that a
    /// kind a later tifa adds still lists.
    pub kind: String,
    /// The concept's id; empty for kinds of no concept.
    pub concept: String,
    /// The text found, as it was when accepted.
    pub found: String,
    /// Where the finding was when accepted ("report.txt:3.1").
    pub place: String,
    pub note: String,
    /// When it was accepted (RFC 3339, UTC); set by [`Store::accept`].
    pub accepted_at: String,
}

fn accepted_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AcceptedFinding> {
    Ok(AcceptedFinding {
        id: r.get(0)?,
        kind: r.get(1)?,
        concept: r.get(2)?,
        found: r.get(3)?,
        place: r.get(4)?,
        note: r.get(5)?,
        accepted_at: r.get(6)?,
    })
}

const COLUMNS: &str = "id, kind, concept, found, place, note, accepted_at";

impl Store {
    /// Stores `findings` as accepted, all in one transaction, stamped with
    /// the time now (their `accepted_at` is ignored). A finding accepted
    /// before is accepted again: its note, place and time are replaced.
    pub fn accept(&mut self, findings: &[AcceptedFinding]) -> Result<()> {
        let now = now_rfc3339();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO accepted_finding (id, kind, concept, found, place, note, accepted_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, concept = excluded.concept,
                     found = excluded.found, place = excluded.place, note = excluded.note,
                     accepted_at = excluded.accepted_at",
            )?;
            for f in findings {
                stmt.execute(rusqlite::params![
                    f.id, f.kind, f.concept, f.found, f.place, f.note, now
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Removes the acceptances of `ids` in one transaction and returns
    /// them as they were stored. An id that is not accepted is an error
    /// naming it, and nothing is removed.
    pub fn unaccept(&mut self, ids: &[String]) -> Result<Vec<AcceptedFinding>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut removed = Vec::with_capacity(ids.len());
        {
            let mut get = tx.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM accepted_finding WHERE id = ?1"
            ))?;
            let mut delete = tx.prepare_cached("DELETE FROM accepted_finding WHERE id = ?1")?;
            for id in ids {
                let Some(found) = get.query_row([id], accepted_row).optional()? else {
                    return Err(Error::NotFound(format!(
                        "{id} is not an accepted finding (`tifa check --memory --accepted` lists them); nothing was unaccepted"
                    )));
                };
                delete.execute([id])?;
                removed.push(found);
            }
        }
        tx.commit()?;
        Ok(removed)
    }

    /// Every accepted finding, the oldest first.
    pub fn accepted_findings(&self) -> Result<Vec<AcceptedFinding>> {
        self.query_rows(
            &format!("SELECT {COLUMNS} FROM accepted_finding ORDER BY accepted_at, id"),
            [],
            accepted_row,
        )
    }

    /// The ids of the accepted findings.
    pub fn accepted_ids(&self) -> Result<FxHashSet<String>> {
        Ok(self
            .query_rows("SELECT id FROM accepted_finding", [], |r| r.get(0))?
            .into_iter()
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepted(id: &str, found: &str, note: &str) -> AcceptedFinding {
        AcceptedFinding {
            id: id.to_string(),
            kind: "deprecated".into(),
            concept: "two-upholds".into(),
            found: found.to_string(),
            place: "report.txt:3.1".into(),
            note: note.to_string(),
            accepted_at: String::new(),
        }
    }

    #[test]
    fn accepting_listing_and_unaccepting() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(store.accepted_findings().unwrap().is_empty());
        store
            .accept(&[
                accepted("a1b2c3d4e5f6", "two maintenances", "quoted"),
                accepted("0123456789ab", "Communist Paty of China", ""),
            ])
            .unwrap();
        let ids = store.accepted_ids().unwrap();
        assert_eq!(ids.len(), 2);
        assert!(ids.contains("a1b2c3d4e5f6") && ids.contains("0123456789ab"));
        let listed = store.accepted_findings().unwrap();
        assert_eq!(listed.len(), 2);
        let first = listed.iter().find(|f| f.id == "a1b2c3d4e5f6").unwrap();
        assert_eq!(
            (first.found.as_str(), first.note.as_str()),
            ("two maintenances", "quoted")
        );
        assert!(first.accepted_at.starts_with("20"), "{first:?}");

        // Accepting again replaces the note; it is still one acceptance.
        store
            .accept(&[accepted("a1b2c3d4e5f6", "two maintenances", "a title")])
            .unwrap();
        let listed = store.accepted_findings().unwrap();
        assert_eq!(listed.len(), 2);
        assert!(listed
            .iter()
            .any(|f| f.id == "a1b2c3d4e5f6" && f.note == "a title"));

        let removed = store.unaccept(&["0123456789ab".to_string()]).unwrap();
        assert_eq!(removed[0].found, "Communist Paty of China");
        assert_eq!(
            store
                .accepted_ids()
                .unwrap()
                .into_iter()
                .collect::<Vec<_>>(),
            ["a1b2c3d4e5f6"]
        );
    }

    #[test]
    fn unaccepting_an_unknown_id_removes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .accept(&[accepted("a1b2c3d4e5f6", "two maintenances", "")])
            .unwrap();
        let err = store
            .unaccept(&["a1b2c3d4e5f6".to_string(), "ffffffffffff".to_string()])
            .unwrap_err()
            .to_string();
        assert!(err.contains("ffffffffffff"), "{err}");
        assert_eq!(store.accepted_ids().unwrap().len(), 1);
    }
}
