//! Checking a file as tifa reads it: a pairs file (.tsv, .tab, .csv) row by
//! row, any other file as English text (a Chinese text has no renderings to
//! check).

use std::path::Path;

use super::{check_english_at, check_pair_at, fix, Checker, Finding, Fixed};
use crate::date::{find_date, PartialDate};
use crate::formats::decode::decode;
use crate::formats::pairs::{ColumnLangs, PairsReader};
use crate::formats::Format;
use crate::{Error, Lang, Result};

/// Which date a file is judged by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOf {
    /// The checker's date.
    Given,
    /// The date in the file's name or first lines, else the checker's.
    Auto,
}

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

/// The date a file is judged by: the checker's, or with `auto` the date in
/// its name or first lines, and whether it came from the file (with `auto`
/// and no date there, the checker's, and `false`).
pub fn date_of(checker: &Checker, auto: bool, path: &Path, text: &str) -> (PartialDate, bool) {
    if !auto {
        return (checker.options.as_of, false);
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let head: String = text.lines().take(5).collect::<Vec<_>>().join("\n");
    match find_date(&name, &head) {
        Some(date) => (date, true),
        None => (checker.options.as_of, false),
    }
}

/// A file's findings and the date it was judged by.
#[derive(Debug, Clone)]
pub struct CheckedFile {
    pub checked: Checked,
    pub as_of: PartialDate,
    /// Whether `as_of` was read from the file (with [`AsOf::Auto`]).
    pub dated_by_file: bool,
}

/// Checks the bytes of the file `path` (which names it in messages and
/// gives its kind by its extension), judged by the date `as_of`.
pub fn check_file(
    checker: &Checker,
    path: &Path,
    bytes: &[u8],
    columns: ColumnLangs,
    as_of: AsOf,
) -> Result<CheckedFile> {
    let (text, _) = decode(path, bytes)?;
    let (as_of, dated_by_file) = date_of(checker, as_of == AsOf::Auto, path, &text);
    let checked = |checked| CheckedFile {
        checked,
        as_of,
        dated_by_file,
    };
    if let Some(delimiter) = Format::from_path(path).and_then(Format::delimiter) {
        // A pairs file.
        let mut rows = Vec::new();
        for unit in PairsReader::new(path, &text, delimiter, columns)? {
            let unit = unit?;
            let findings = match (&unit.zh, &unit.en) {
                (Some(zh), Some(en)) => check_pair_at(checker, as_of, zh, en)?,
                (None, Some(en)) => check_english_at(checker, as_of, en)?,
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
        return Ok(checked(Checked::Pairs { rows }));
    }
    let findings = if Lang::detect(&text) == Some(Lang::Zh) {
        Vec::new()
    } else {
        check_english_at(checker, as_of, &text)?
    };
    Ok(checked(Checked::Text { text, findings }))
}

/// The text of the file `path` with its deprecated renderings replaced
/// ([`fix`]), with what was changed and what could not be. Pairs files are
/// not rewritten.
pub fn fix_file(checker: &Checker, path: &Path, bytes: &[u8], as_of: AsOf) -> Result<Fixed> {
    if is_pairs(path) {
        return Err(Error::file(
            path,
            "--fix rewrites text files; this is a pairs file",
        ));
    }
    let (text, _) = decode(path, bytes)?;
    if Lang::detect(&text) == Some(Lang::Zh) {
        return Ok(Fixed {
            text,
            changes: Vec::new(),
            skipped: Vec::new(),
        });
    }
    let (date, _) = date_of(checker, as_of == AsOf::Auto, path, &text);
    let findings = check_english_at(checker, date, &text)?;
    Ok(fix(&text, &findings))
}
