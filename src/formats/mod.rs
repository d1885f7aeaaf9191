//! File formats tifa reads and writes: one module per format.
//!
//! Memory files go through two small traits: a [`UnitReader`] yields
//! [`Unit`]s (an iterator of `Result<Unit>`), a [`UnitWriter`] takes them
//! (`write`, `finish`). [`Format`] knows each format's names and
//! extensions; [`reader`] and [`writer`] open one.
//!
//! - [`decode`]: text decoding (UTF-8, UTF-16 with a byte order mark,
//!   GB18030/GBK).
//! - [`txt`]: reports (plain text, Markdown), read as one unit per sentence.
//! - [`pairs`]: TSV and CSV files of aligned pairs (read), and the memory as
//!   TSV or CSV (written).
//! - [`tmx`]: TMX, read and written.
//! - Glossaries: [`glossary_csv`], [`tbx`], [`omegat`], opened by
//!   [`GlossaryFormat`].

pub mod decode;
pub mod glossary_csv;
pub mod omegat;
pub mod pairs;
pub mod table;
pub mod tbx;
pub mod tmx;
pub mod txt;

use std::fmt;
use std::io::Write;
use std::path::Path;
use std::str::FromStr;

use crate::{Error, Lang, Result, Unit};

/// The field separator of a delimited file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    /// Tab-separated values: no quoting (a field ends at a tab).
    Tab,
    /// Comma-separated values, quoted as in RFC 4180.
    Comma,
}

/// The extension of a path, lower case.
fn extension(path: &Path) -> Option<String> {
    Some(path.extension()?.to_str()?.to_ascii_lowercase())
}

/// The formats of memory files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A report to segment into sentences (.txt, .md).
    Text,
    /// Tab-separated pairs with a header (.tsv, .tab).
    Tsv,
    /// Comma-separated pairs with a header (.csv).
    Csv,
    /// A translation memory in TMX (.tmx).
    Tmx,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Text, Format::Tsv, Format::Csv, Format::Tmx];

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Tsv => "tsv",
            Format::Csv => "csv",
            Format::Tmx => "tmx",
        }
    }

    /// The file extensions of the format, the usual one first.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Text => &["txt", "md", "markdown", "text"],
            Format::Tsv => &["tsv", "tab"],
            Format::Csv => &["csv"],
            Format::Tmx => &["tmx"],
        }
    }

    /// The format a file's extension names, if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = extension(path)?;
        Format::ALL
            .into_iter()
            .find(|f| f.extensions().contains(&ext.as_str()))
    }

    /// Whether tifa writes this format (it reads them all).
    pub fn writable(self) -> bool {
        self != Format::Text
    }

    /// The delimiter of a pairs format.
    pub fn delimiter(self) -> Option<Delimiter> {
        match self {
            Format::Tsv => Some(Delimiter::Tab),
            Format::Csv => Some(Delimiter::Comma),
            Format::Text | Format::Tmx => None,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.name() == lower || f.extensions().contains(&lower.as_str()))
            .ok_or_else(|| format!("unknown format {s:?} (tmx, csv, tsv or text)"))
    }
}

/// What a reader needs besides the text.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadOptions {
    /// The language of a report; detected when `None`.
    pub lang: Option<Lang>,
    /// The languages of `source`/`target` columns in pairs files.
    pub columns: pairs::ColumnLangs,
}

/// Reads the units of a memory file, one at a time.
pub trait UnitReader: Iterator<Item = Result<Unit>> + Send {
    /// The language of the whole file, where it has one (a report).
    fn lang(&self) -> Option<Lang> {
        None
    }

    /// Units without text on either side, skipped so far.
    fn skipped(&self) -> u64 {
        0
    }
}

/// A reader of `text` (decoded from `path`, which names it in errors) in
/// `format`.
pub fn reader<'a>(
    format: Format,
    path: &Path,
    text: &'a str,
    options: &ReadOptions,
) -> Result<Box<dyn UnitReader + 'a>> {
    Ok(match format {
        Format::Text => Box::new(txt::TextReader::new(path, text, options.lang)?),
        Format::Tsv | Format::Csv => Box::new(pairs::PairsReader::new(
            path,
            text,
            format.delimiter().unwrap_or(Delimiter::Tab),
            options.columns,
        )?),
        Format::Tmx => Box::new(tmx::TmxReader::new(path, text)?),
    })
}

/// What a writer needs besides the output.
#[derive(Debug, Clone, Default)]
pub struct WriteOptions {
    /// The source language: TMX `srclang`, the first column of CSV/TSV.
    pub source: Lang,
    /// Start CSV/TSV with a byte order mark (for Excel).
    pub bom: bool,
    /// Prefix CSV/TSV cells that start with = + - @ with an apostrophe.
    pub escape_formulas: bool,
    /// When the file is made (RFC 3339), for the TMX header.
    pub created: String,
}

/// Writes units to a memory file.
pub trait UnitWriter {
    fn write(&mut self, unit: &Unit) -> Result<()>;

    /// Completes the file; returns how many characters that the format
    /// cannot hold (XML 1.0's forbidden ones) were left out.
    fn finish(self: Box<Self>) -> Result<u64>;
}

/// A writer of `format` to `out`.
pub fn writer<'a>(
    format: Format,
    out: &'a mut dyn Write,
    options: &WriteOptions,
) -> Result<Box<dyn UnitWriter + 'a>> {
    Ok(match format {
        Format::Tmx => Box::new(tmx::TmxWriter::new(out, options.source, &options.created)?),
        Format::Tsv | Format::Csv => Box::new(pairs::PairsWriter::new(
            out,
            format.delimiter().unwrap_or(Delimiter::Tab),
            options,
        )?),
        Format::Text => {
            return Err(Error::Invalid(
                "tifa does not write the memory as plain text: use tmx, csv or tsv".into(),
            ))
        }
    })
}

/// The formats of glossary files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlossaryFormat {
    /// CSV with a header row (read and written).
    Csv,
    /// TSV with a header row (read).
    Tsv,
    /// OmegaT's glossary format (written).
    Omegat,
    /// TBX 2008, martif (read and written).
    Tbx,
    /// TBX v3, ISO 30042:2019 (read and written).
    Tbx3,
}

impl GlossaryFormat {
    pub const ALL: [GlossaryFormat; 5] = [
        GlossaryFormat::Csv,
        GlossaryFormat::Tsv,
        GlossaryFormat::Omegat,
        GlossaryFormat::Tbx,
        GlossaryFormat::Tbx3,
    ];

    pub fn name(self) -> &'static str {
        match self {
            GlossaryFormat::Csv => "csv",
            GlossaryFormat::Tsv => "tsv",
            GlossaryFormat::Omegat => "omegat",
            GlossaryFormat::Tbx => "tbx",
            GlossaryFormat::Tbx3 => "tbx3",
        }
    }

    /// The format a glossary file is read in, by its extension: .tbx and
    /// .xml are TBX (either version), .csv is CSV, anything else TSV.
    pub fn from_path(path: &Path) -> GlossaryFormat {
        match extension(path).as_deref() {
            Some("tbx" | "xml") => GlossaryFormat::Tbx,
            Some("csv") => GlossaryFormat::Csv,
            _ => GlossaryFormat::Tsv,
        }
    }

    /// Whether a file in a glossary folder is a glossary tifa reads (CSV or
    /// TSV; TBX files are imported by name).
    pub fn is_glossary_table(path: &Path) -> bool {
        matches!(extension(path).as_deref(), Some("csv" | "tsv"))
    }
}

impl FromStr for GlossaryFormat {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        GlossaryFormat::ALL
            .into_iter()
            .find(|f| f.name() == lower)
            .ok_or_else(|| format!("unknown glossary format {s:?} (csv, tsv, omegat, tbx or tbx3)"))
    }
}

/// Line and column (1-based; the column in characters) of byte offsets in a
/// text, counted forward incrementally as a reader moves on, so that naming
/// the position of every element costs no more than one pass.
pub struct Positions<'a> {
    text: &'a str,
    offset: usize,
    line: u64,
    line_start: usize,
    /// An offset on the current line and the characters before it on the
    /// line, so that many columns on one long line cost one pass too.
    counted: (usize, usize),
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Self {
        Positions {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
            counted: (0, 0),
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.text.len()
    }

    /// The line and column of `offset`.
    pub fn at(&mut self, offset: usize) -> (u64, u64) {
        let line = self.line(offset);
        let (from, before) = if self.counted.0 >= self.line_start && self.counted.0 <= self.offset {
            self.counted
        } else {
            (self.line_start, 0)
        };
        let column = before
            + self
                .text
                .get(from..self.offset)
                .map_or(0, |s| s.chars().count());
        self.counted = (self.offset, column);
        (line, column as u64 + 1)
    }

    /// The line of `offset` (cheaper than [`Positions::at`]: no column).
    pub fn line(&mut self, offset: usize) -> u64 {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            *self = Positions::new(self.text);
        }
        for i in memchr::memchr_iter(b'\n', &self.text.as_bytes()[self.offset..offset]) {
            self.line += 1;
            self.line_start = self.offset + i + 1;
        }
        self.offset = offset;
        self.line
    }

    /// The line a record starts on, given the byte offset a CSV reader
    /// reports for it (which can be the line end before the record: the
    /// csv crate's own line numbers come out one short with CRLF).
    pub fn record_line(&mut self, byte: u64) -> u64 {
        let mut at = byte as usize;
        let bytes = self.text.as_bytes();
        while matches!(bytes.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        self.line(at)
    }

    /// The byte offset where the line of the last offset asked about
    /// starts.
    pub fn line_start(&self) -> usize {
        self.line_start
    }
}

#[cfg(test)]
mod tests {
    use super::Positions;

    #[test]
    fn lines_and_columns_counted_forward_and_back() {
        let mut p = Positions::new("ab\ncd两e\nf");
        assert_eq!(p.at(8), (2, 4));
        assert_eq!(p.line_start(), 3);
        assert_eq!(p.at(10), (3, 1));
        assert_eq!(p.at(0), (1, 1));
        assert_eq!(p.at(11), (3, 2));
    }
}
