//! Typed read queries over the translation memory: documents, segments,
//! units and occurrences. One row-mapping function per type.

use rusqlite::Row;
use serde::Serialize;

use super::keys::key_hash;
use super::Store;
use crate::normalize;
use crate::{Error, Lang, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentFormat {
    Text,
    Pairs,
    Tmx,
}

impl DocumentFormat {
    pub fn code(self) -> &'static str {
        match self {
            DocumentFormat::Text => "text",
            DocumentFormat::Pairs => "pairs",
            DocumentFormat::Tmx => "tmx",
        }
    }

    fn parse(s: &str) -> DocumentFormat {
        match s {
            "pairs" => DocumentFormat::Pairs,
            "tmx" => DocumentFormat::Tmx,
            _ => DocumentFormat::Text,
        }
    }
}

/// A document as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub id: i64,
    pub path: String,
    pub title: String,
    pub lang: Option<Lang>,
    pub format: DocumentFormat,
    pub encoding: String,
    pub hash: String,
    pub size: u64,
    pub imported_at: String,
    /// Occurrences (sentences or rows) in the document.
    pub units: u64,
}

pub(super) const DOCUMENT_COLUMNS: &str =
    "d.id, d.path, d.title, d.lang, d.format, d.encoding, d.hash, d.size, d.imported_at, \
     (SELECT count(*) FROM occurrence o WHERE o.document = d.id)";

fn lang_of(value: Option<String>) -> Option<Lang> {
    value.map(|s| super::lang_column(&s))
}

pub(super) fn document_row(r: &Row<'_>) -> rusqlite::Result<Document> {
    Ok(Document {
        id: r.get(0)?,
        path: r.get(1)?,
        title: r.get(2)?,
        lang: lang_of(r.get(3)?),
        format: DocumentFormat::parse(&r.get::<_, String>(4)?),
        encoding: r.get(5)?,
        hash: r.get(6)?,
        size: r.get::<_, i64>(7)? as u64,
        imported_at: r.get(8)?,
        units: r.get::<_, i64>(9)? as u64,
    })
}

/// One place a unit occurs in a document, with the unit's text.
#[derive(Debug, Clone, Serialize)]
pub struct Occurrence {
    pub position: u64,
    pub paragraph: u64,
    pub sentence: u64,
    pub unit: i64,
    pub en: Option<String>,
    pub zh: Option<String>,
}

fn occurrence_row(r: &Row<'_>) -> rusqlite::Result<Occurrence> {
    Ok(Occurrence {
        position: r.get::<_, i64>(0)? as u64,
        paragraph: r.get::<_, i64>(1)? as u64,
        sentence: r.get::<_, i64>(2)? as u64,
        unit: r.get(3)?,
        en: r.get(4)?,
        zh: r.get(5)?,
    })
}

/// Counts over the whole memory.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Stats {
    pub documents: u64,
    pub sentences_en: u64,
    pub sentences_zh: u64,
    pub units: u64,
    pub units_bilingual: u64,
    pub units_en_only: u64,
    pub units_zh_only: u64,
    pub occurrences: u64,
}

impl Store {
    pub fn stats(&self) -> Result<Stats> {
        let count = |sql: &str| -> Result<u64> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        Ok(Stats {
            documents: count("SELECT count(*) FROM document")?,
            sentences_en: count("SELECT count(*) FROM segment WHERE lang = 'en'")?,
            sentences_zh: count("SELECT count(*) FROM segment WHERE lang = 'zh'")?,
            units: count("SELECT count(*) FROM unit")?,
            units_bilingual: count(
                "SELECT count(*) FROM unit WHERE en IS NOT NULL AND zh IS NOT NULL",
            )?,
            units_en_only: count("SELECT count(*) FROM unit WHERE zh IS NULL")?,
            units_zh_only: count("SELECT count(*) FROM unit WHERE en IS NULL")?,
            occurrences: count("SELECT count(*) FROM occurrence")?,
        })
    }

    /// All documents, by path.
    pub fn documents(&self) -> Result<Vec<Document>> {
        let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM document d ORDER BY d.path");
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], document_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The document `query` names: its id, its path as stored, a unique file
    /// name or path suffix, or else a unique part of its path ("report-a").
    pub fn find_document(&self, query: &str) -> Result<Document> {
        let docs = self.documents()?;
        if let Ok(id) = query.parse::<i64>() {
            if let Some(d) = docs.iter().find(|d| d.id == id) {
                return Ok(d.clone());
            }
        }
        let cleaned = clean_path(query);
        if let Some(d) = docs.iter().find(|d| d.path == cleaned) {
            return Ok(d.clone());
        }
        let at_boundary = |d: &&Document| {
            d.path.ends_with(&cleaned)
                && (d.path.len() == cleaned.len()
                    || d.path[..d.path.len() - cleaned.len()].ends_with('/'))
        };
        let mut matches: Vec<&Document> = docs.iter().filter(at_boundary).collect();
        if matches.is_empty() {
            matches = docs.iter().filter(|d| d.path.contains(&cleaned)).collect();
        }
        match matches.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(Error::NotFound(format!(
                "no document {query:?} in the memory (`tifa show` with no argument lists them)"
            ))),
            many => Err(Error::Invalid(format!(
                "{query:?} names {} documents: {}",
                many.len(),
                many.iter()
                    .map(|d| d.path.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    /// The occurrences of a document, in order, with their units' text.
    pub fn document_occurrences(&self, document: i64) -> Result<Vec<Occurrence>> {
        let mut stmt = self.conn.prepare(
            "SELECT o.position, o.paragraph, o.sentence, o.unit, en.text, zh.text
             FROM occurrence o
             JOIN unit u ON u.id = o.unit
             LEFT JOIN segment en ON en.id = u.en
             LEFT JOIN segment zh ON zh.id = u.zh
             WHERE o.document = ?1
             ORDER BY o.position",
        )?;
        let rows = stmt.query_map([document], occurrence_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A unit with the first place it occurs, for checking the memory.
#[derive(Debug, Clone)]
pub struct PlacedUnit {
    pub unit: i64,
    pub en: Option<String>,
    pub zh: Option<String>,
    pub path: String,
    pub paragraph: u64,
    pub sentence: u64,
    /// How many other places the unit occurs in.
    pub more: u64,
}

impl Store {
    /// Every unit with its first occurrence, in document and position order,
    /// handed to `f` one at a time.
    pub fn for_each_placed_unit(&self, mut f: impl FnMut(PlacedUnit) -> Result<()>) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT u.id, en.text, zh.text, d.path, o.paragraph, o.sentence, c.n
             FROM (SELECT unit, min(document * 4294967296 + position) AS first, count(*) AS n
                   FROM occurrence GROUP BY unit) c
             JOIN occurrence o ON o.document = c.first / 4294967296 AND o.position = c.first % 4294967296
             JOIN unit u ON u.id = c.unit
             JOIN document d ON d.id = o.document
             LEFT JOIN segment en ON en.id = u.en
             LEFT JOIN segment zh ON zh.id = u.zh
             ORDER BY d.path, o.position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            f(PlacedUnit {
                unit: r.get(0)?,
                en: r.get(1)?,
                zh: r.get(2)?,
                path: r.get(3)?,
                paragraph: r.get::<_, i64>(4)? as u64,
                sentence: r.get::<_, i64>(5)? as u64,
                more: r.get::<_, i64>(6)? as u64 - 1,
            })?;
        }
        Ok(())
    }
}

/// A path as tifa stores it: `/` separators, no `./` components, no doubled
/// or trailing separators. Relative paths stay relative.
pub fn clean_path(path: &str) -> String {
    let unified = path.replace('\\', "/");
    let absolute = unified.starts_with('/');
    let parts: Vec<&str> = unified
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

/// Where a unit occurs in a document.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    /// Order in the document, from 1.
    pub position: u64,
    /// From 1; the line for pairs files.
    pub paragraph: u64,
    /// Within the paragraph, from 1.
    pub sentence: u64,
}

/// A document to store, with everything but its content.
pub struct NewDocument<'a> {
    pub path: &'a str,
    pub title: &'a str,
    pub lang: Option<Lang>,
    pub format: DocumentFormat,
    pub encoding: &'a str,
    pub hash: &'a str,
    pub size: u64,
}

impl Store {
    /// The first place a sentence occurs (path, paragraph, sentence) and how
    /// many other places there are.
    pub fn first_place(&self, segment: i64) -> Result<Option<(String, u64, u64, u64)>> {
        let rows = self.query_rows(
            "SELECT d.path, o.paragraph, o.sentence, count(*) OVER ()
             FROM unit u JOIN occurrence o ON o.unit = u.id JOIN document d ON d.id = o.document
             WHERE u.en = ?1 OR u.zh = ?1
             ORDER BY d.path, o.position LIMIT 1",
            [segment],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)? as u64,
                    r.get::<_, i64>(2)? as u64,
                    r.get::<_, i64>(3)? as u64,
                ))
            },
        )?;
        Ok(rows.into_iter().next().map(|(p, a, b, n)| (p, a, b, n - 1)))
    }

    /// The other-language side of a unit containing `segment`, if any unit
    /// pairs it.
    pub fn translation_of(&self, segment: i64, lang: Lang) -> Result<Option<String>> {
        let sql = match lang {
            Lang::En => {
                "SELECT s.text FROM unit u JOIN segment s ON s.id = u.zh WHERE u.en = ?1 LIMIT 1"
            }
            Lang::Zh => {
                "SELECT s.text FROM unit u JOIN segment s ON s.id = u.en WHERE u.zh = ?1 LIMIT 1"
            }
        };
        Ok(self
            .query_rows(sql, [segment], |r| r.get(0))?
            .into_iter()
            .next())
    }

    /// The stored sentences whose matching key is that of `text`.
    pub fn sentences_with_key(&self, lang: Lang, text: &str) -> Result<Vec<(i64, String)>> {
        let query_key = normalize::key(text);
        let mut found: Vec<(i64, String)> = self.query_rows(
            "SELECT id, text FROM segment WHERE key_hash = ?1 AND lang = ?2",
            rusqlite::params![key_hash(lang, text), lang.code()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        found.retain(|(_, t)| normalize::key(t) == query_key);
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_cleaned() {
        assert_eq!(clean_path("./tm//a.txt"), "tm/a.txt");
        assert_eq!(clean_path("tm\\b.txt"), "tm/b.txt");
        assert_eq!(clean_path("/abs/./x"), "/abs/x");
    }
}
