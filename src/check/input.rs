//! Checking a file as tifa reads it: a pairs file (.tsv, .tab, .csv) row by
//! row, any other file as English text (a Chinese text has no renderings to
//! check).

use std::path::Path;

use super::{check_english, check_pair, fix, Finding};
use crate::formats::decode::decode;
use crate::formats::pairs::{ColumnLangs, PairsReader};
use crate::formats::Format;
use crate::glossary::matcher::Matcher;
use crate::{Error, Lang, Result};

/// A row of a pairs file with what was found in it.
#[derive(Debug, Clone)]
pub struct CheckedRow {
    pub line: u64,
    pub en: Option<String>,
    pub zh: Option<String>,
    pub findings: Vec<Finding>,
}

impl CheckedRow {
    /// The cell a finding's span refers to.
    pub fn cell(&self, side: Lang) -> &str {
        match side {
            Lang::En => self.en.as_deref().unwrap_or(""),
            Lang::Zh => self.zh.as_deref().unwrap_or(""),
        }
    }
}

/// What checking a file found.
#[derive(Debug, Clone)]
pub enum Checked {
    /// A text, and its findings with byte spans into it.
    Text {
        text: String,
        findings: Vec<Finding>,
    },
    /// A pairs file: the rows with findings, in order.
    Pairs { rows: Vec<CheckedRow> },
}

impl Checked {
    /// How many findings there are.
    pub fn count(&self) -> usize {
        match self {
            Checked::Text { findings, .. } => findings.len(),
            Checked::Pairs { rows } => rows.iter().map(|r| r.findings.len()).sum(),
        }
    }
}

/// Whether `path` names a pairs file (by its extension).
fn is_pairs(path: &Path) -> bool {
    Format::from_path(path)
        .and_then(Format::delimiter)
        .is_some()
}

/// Checks the bytes of the file `path` (which names it in messages and
/// gives its kind by its extension).
pub fn check_file(
    matcher: &Matcher,
    path: &Path,
    bytes: &[u8],
    columns: ColumnLangs,
) -> Result<Checked> {
    let (text, _) = decode(path, bytes)?;
    if let Some(delimiter) = Format::from_path(path).and_then(Format::delimiter) {
        // A pairs file.
        let mut rows = Vec::new();
        for unit in PairsReader::new(path, &text, delimiter, columns)? {
            let unit = unit?;
            let findings = match (&unit.zh, &unit.en) {
                (Some(zh), Some(en)) => check_pair(matcher, zh, en)?,
                (None, Some(en)) => check_english(matcher, en)?,
                _ => Vec::new(),
            };
            if !findings.is_empty() {
                rows.push(CheckedRow {
                    line: unit.line(),
                    en: unit.en,
                    zh: unit.zh,
                    findings,
                });
            }
        }
        return Ok(Checked::Pairs { rows });
    }
    let findings = if Lang::detect(&text) == Some(Lang::Zh) {
        Vec::new()
    } else {
        check_english(matcher, &text)?
    };
    Ok(Checked::Text { text, findings })
}

/// The text of the file `path` with its deprecated renderings replaced,
/// and whether anything changed. Pairs files are not rewritten.
pub fn fix_file(matcher: &Matcher, path: &Path, bytes: &[u8]) -> Result<(String, bool)> {
    if is_pairs(path) {
        return Err(Error::file(
            path,
            "--fix rewrites text files; this is a pairs file",
        ));
    }
    let (text, _) = decode(path, bytes)?;
    if Lang::detect(&text) == Some(Lang::Zh) {
        return Ok((text, false));
    }
    let fixed = fix(&text, &check_english(matcher, &text)?);
    let changed = fixed != text;
    Ok((fixed, changed))
}
