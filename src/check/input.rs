//! Checking a file as tifa reads it: a pairs file (.tsv, .tab, .csv) row by
//! row and a TMX file unit by unit, as pairs; any other file as English
//! text (a Chinese text has no renderings to check).

use std::path::Path;

use super::bilingual::{self, Consistency};
use super::{check_english_at, check_pair_at, fix, Checker, Finding, Fixed};
use crate::date::{find_date, PartialDate};
use crate::formats::decode::decode;
use crate::formats::pairs::ColumnLangs;
use crate::formats::{reader, Format, ReadOptions};
use crate::unit::Unit;
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

/// Whether `path` names a file of translation units, pairs or TMX (by its
/// extension).
fn is_pairs(path: &Path) -> bool {
    matches!(
        Format::from_path(path),
        Some(Format::Tsv | Format::Csv | Format::Tmx)
    )
}

/// Checks the units of a pairs or TMX file: each pair as [`check_pair_at`]
/// does, English alone as [`check_english_at`] does; a Chinese sentence
/// translated two ways, or one English translating two Chinese sentences,
/// is inconsistent ([`Consistency`]); and when the file translates some
/// units, one with Chinese and no English is untranslated.
fn check_units<'a>(
    checker: &Checker,
    as_of: PartialDate,
    units: impl Iterator<Item = Result<Unit>> + 'a,
) -> Result<Checked> {
    let mut rows = Vec::new();
    let mut consistency = Consistency::default();
    let mut any_pair = false;
    for unit in units {
        let unit = unit?;
        let mut findings = match (&unit.zh, &unit.en) {
            (Some(zh), Some(en)) => {
                any_pair = true;
                let mut found = check_pair_at(checker, as_of, zh, en)?;
                found.extend(consistency.see(zh, en, &format!("line {}", unit.line())));
                found
            }
            (None, Some(en)) => check_english_at(checker, as_of, en)?,
            (Some(zh), None) => vec![bilingual::no_english(zh)],
            (None, None) => Vec::new(),
        };
        if !findings.is_empty() {
            findings.sort_by_key(|f| (f.side != Lang::En, f.start));
            rows.push(CheckedRow {
                line: unit.line(),
                en: unit.en,
                zh: unit.zh,
                findings,
            });
        }
    }
    if !any_pair {
        // A Chinese file, or Chinese and English units apart: nothing
        // says a Chinese unit should have had English (and `no_english` is
        // all the row of such a unit holds).
        rows.retain(|r| r.en.is_some());
    }
    Ok(Checked::Pairs { rows })
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
    if is_pairs(path) {
        let format = Format::from_path(path).unwrap_or(Format::Tsv);
        let options = ReadOptions {
            lang: None,
            columns,
        };
        return Ok(checked(check_units(
            checker,
            as_of,
            reader(format, path, &text, &options)?,
        )?));
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
            "--fix rewrites text files; this is a file of translation units (pairs or TMX)",
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
