//! Typed queries over the term occurrences: where glossary terms occur in
//! the stored sentences, and how often each rendering is used.

use super::Store;
use crate::glossary::Status;
use crate::{Lang, Result};

/// How often one term of a concept occurs in one document.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TermUsage {
    pub concept: String,
    pub term: String,
    pub lang: Lang,
    pub status: Status,
    /// A near miss (misspelling) of the term rather than the term.
    pub near: bool,
    pub path: String,
    pub count: u64,
}

impl Store {
    /// Occurrences (segment, start, end) of a concept's terms; `status`
    /// keeps only terms of that status (`Some(None)`: near misses only).
    pub fn term_occurrences(
        &self,
        concept: &str,
        status: Option<Option<Status>>,
    ) -> Result<Vec<(i64, usize, usize)>> {
        let (filter, value) = match status {
            None => ("", String::new()),
            Some(None) => (" AND o.near = 1", String::new()),
            Some(Some(s)) => (" AND o.near = 0 AND t.status = ?2", s.code().to_string()),
        };
        let sql = format!(
            "SELECT o.segment, o.start, o.end FROM term_occurrence o
             JOIN concept c ON c.id = o.concept JOIN term t ON t.id = o.term
             WHERE c.name = ?1{filter} ORDER BY o.segment, o.start"
        );
        let map = |r: &rusqlite::Row<'_>| {
            Ok((
                r.get(0)?,
                r.get::<_, i64>(1)? as usize,
                r.get::<_, i64>(2)? as usize,
            ))
        };
        if value.is_empty() {
            self.query_rows(&sql, [concept], map)
        } else {
            self.query_rows(&sql, [concept, value.as_str()], map)
        }
    }

    /// For every term occurring in the memory: how often, in which documents.
    pub fn term_usage(&self) -> Result<Vec<TermUsage>> {
        self.query_rows(
            "WITH places AS (
                 SELECT u.en AS segment, o.document FROM occurrence o JOIN unit u ON u.id = o.unit WHERE u.en IS NOT NULL
                 UNION ALL
                 SELECT u.zh, o.document FROM occurrence o JOIN unit u ON u.id = o.unit WHERE u.zh IS NOT NULL
             )
             SELECT c.name, t.text, t.lang, t.status, o.near, d.path, count(*)
             FROM term_occurrence o
             JOIN concept c ON c.id = o.concept
             JOIN term t ON t.id = o.term
             JOIN places p ON p.segment = o.segment
             JOIN document d ON d.id = p.document
             GROUP BY c.name, t.id, o.near, d.path
             ORDER BY c.name, t.lang, o.near, t.position, d.path",
            [],
            |r| {
                Ok(TermUsage {
                    concept: r.get(0)?,
                    term: r.get(1)?,
                    lang: super::lang_column(&r.get::<_, String>(2)?),
                    status: Status::parse(&r.get::<_, String>(3)?)
                        .unwrap_or(Status::Admitted),
                    near: r.get(4)?,
                    path: r.get(5)?,
                    count: r.get::<_, i64>(6)? as u64,
                })
            },
        )
    }

    /// The glossary concepts (ids, sorted) whose terms a stored sentence
    /// uses, near misses left out.
    pub fn concepts_of_segment(&self, segment: i64) -> Result<Vec<String>> {
        self.query_rows(
            "SELECT DISTINCT c.name FROM term_occurrence t JOIN concept c ON c.id = t.concept
             WHERE t.segment = ?1 AND t.near = 0 ORDER BY c.name",
            [segment],
            |r| r.get(0),
        )
    }
}
