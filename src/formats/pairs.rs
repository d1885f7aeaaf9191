//! Pre-aligned sentence pairs in TSV or CSV, with a header row: a reader
//! of pairs files and a writer of the memory as TSV or CSV.
//!
//! The header names the languages: `en` and `zh` (or tags such as `en-US`,
//! `zh-CN`), or `source` and `target` together with the languages the caller
//! gives for them. Other columns are ignored. CSV follows RFC 4180 quoting;
//! TSV has no quoting at all (a field ends at a tab), as in the IANA
//! definition, so straight quotes inside sentences are kept as they are.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{Delimiter, Positions, UnitReader, UnitWriter, WriteOptions};
use crate::normalize::nfc;
use crate::{Error, Lang, Result, Unit};

/// The languages of `source`/`target` columns, when the file uses them.
#[derive(Debug, Clone, Copy, Default)]
pub struct ColumnLangs {
    pub source: Option<Lang>,
    pub target: Option<Lang>,
}

/// Reads pairs from decoded text, one row at a time, as units at their
/// line; rows with no text on either side are skipped and counted.
pub struct PairsReader<'a> {
    path: PathBuf,
    rows: csv::StringRecordsIntoIter<&'a [u8]>,
    lines: Positions<'a>,
    en_col: Option<usize>,
    zh_col: Option<usize>,
    skipped: u64,
}

impl<'a> PairsReader<'a> {
    pub fn new(
        path: &Path,
        text: &'a str,
        delimiter: Delimiter,
        langs: ColumnLangs,
    ) -> Result<Self> {
        let mut builder = csv::ReaderBuilder::new();
        builder.has_headers(true).flexible(false);
        match delimiter {
            Delimiter::Tab => builder.delimiter(b'\t').quoting(false),
            Delimiter::Comma => builder.delimiter(b','),
        };
        let mut reader = builder.from_reader(text.as_bytes());
        let mut lines = Positions::new(text);
        let headers = reader
            .headers()
            .map_err(|e| csv_error(path, &mut lines, &e))?
            .clone();
        let (mut en_col, mut zh_col) = (None, None);
        let mut assign = |lang: Lang, col: usize, name: &str| -> Result<()> {
            let slot = match lang {
                Lang::En => &mut en_col,
                Lang::Zh => &mut zh_col,
            };
            if slot.is_some() {
                return Err(Error::line(
                    path,
                    1,
                    format!("two columns hold {lang} text (the second is {name:?})"),
                ));
            }
            *slot = Some(col);
            Ok(())
        };
        for (col, name) in headers.iter().enumerate() {
            let name = name.trim();
            match name.to_ascii_lowercase().as_str() {
                "source" | "src" => {
                    let lang = langs.source.ok_or_else(|| {
                        Error::line(path, 1, "a 'source' column needs --source-lang en|zh")
                    })?;
                    assign(lang, col, name)?;
                }
                "target" | "tgt" => {
                    let lang = langs.target.ok_or_else(|| {
                        Error::line(path, 1, "a 'target' column needs --target-lang en|zh")
                    })?;
                    assign(lang, col, name)?;
                }
                _ => {
                    if let Ok(lang) = name.parse::<Lang>() {
                        assign(lang, col, name)?;
                    }
                }
            }
        }
        if en_col.is_none() || zh_col.is_none() {
            let found: Vec<&str> = headers.iter().collect();
            return Err(Error::line(
                path,
                1,
                format!(
                    "the header needs an 'en' and a 'zh' column (or 'source' and 'target' with --source-lang and --target-lang); found {found:?}"
                ),
            ));
        }
        Ok(PairsReader {
            path: path.to_path_buf(),
            rows: reader.into_records(),
            lines,
            en_col,
            zh_col,
            skipped: 0,
        })
    }
}

fn csv_error(path: &Path, lines: &mut Positions<'_>, e: &csv::Error) -> Error {
    // Lines are counted from byte offsets: the csv crate's own line numbers
    // come out one short in files with CRLF line ends.
    let line = e.position().map_or(0, |p| lines.record_line(p.byte()));
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("this row has {len} fields where the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "invalid UTF-8".to_string(),
        _ => e.to_string(),
    };
    Error::line(path, line, message)
}

fn cell(record: &csv::StringRecord, col: Option<usize>) -> Option<String> {
    let value = record.get(col?)?.trim();
    (!value.is_empty()).then(|| nfc(value).into_owned())
}

impl Iterator for PairsReader<'_> {
    type Item = Result<Unit>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let record = match self.rows.next()? {
                Ok(r) => r,
                Err(e) => return Some(Err(csv_error(&self.path, &mut self.lines, &e))),
            };
            let line = record
                .position()
                .map_or(0, |p| self.lines.record_line(p.byte()));
            let unit = Unit::at_line(line, cell(&record, self.en_col), cell(&record, self.zh_col));
            if unit.is_empty() {
                self.skipped += 1;
                continue;
            }
            return Some(Ok(unit));
        }
    }
}

impl UnitReader for PairsReader<'_> {
    fn skipped(&self) -> u64 {
        self.skipped
    }
}

/// Writes the memory as CSV (RFC 4180) or TSV for spreadsheets and CAT
/// tools: a header row, one unit per row, the source language's column
/// first, then where the unit occurs, its concepts, when it was stored and
/// its id.
///
/// TSV has no quoting, so tabs and line breaks inside a cell become spaces.
/// With `escape_formulas`, a cell starting with = + - or @ gets a leading
/// apostrophe, so that a spreadsheet does not run it as a formula.
pub struct PairsWriter<W: Write> {
    w: csv::Writer<W>,
    tsv: bool,
    escape_formulas: bool,
    source: Lang,
}

impl<W: Write> PairsWriter<W> {
    pub fn new(mut out: W, delimiter: Delimiter, options: &WriteOptions) -> Result<Self> {
        if options.bom {
            out.write_all("\u{feff}".as_bytes())
                .map_err(Error::output)?;
        }
        let tsv = delimiter == Delimiter::Tab;
        let w = csv::WriterBuilder::new()
            .delimiter(if tsv { b'\t' } else { b',' })
            .quote_style(if tsv {
                csv::QuoteStyle::Never
            } else {
                csv::QuoteStyle::Necessary
            })
            .from_writer(out);
        let mut me = PairsWriter {
            w,
            tsv,
            escape_formulas: options.escape_formulas,
            source: options.source,
        };
        let (first, second) = match options.source {
            Lang::En => ("en", "zh"),
            Lang::Zh => ("zh", "en"),
        };
        me.w.write_record([
            first,
            second,
            "document",
            "paragraph",
            "sentence",
            "concepts",
            "created",
            "id",
        ])
        .map_err(Error::csv_output)?;
        Ok(me)
    }

    fn cell(&self, s: &str) -> String {
        let mut s = if self.tsv {
            s.replace(['\t', '\n', '\r'], " ")
        } else {
            s.to_string()
        };
        if self.escape_formulas && s.starts_with(['=', '+', '-', '@']) {
            s.insert(0, '\'');
        }
        s
    }

    /// Completes the file and hands the output back.
    pub fn into_inner(self) -> Result<W> {
        self.w
            .into_inner()
            .map_err(|e| Error::output(e.into_error()))
    }
}

impl<W: Write> UnitWriter for PairsWriter<W> {
    fn write(&mut self, u: &Unit) -> Result<()> {
        let en = self.cell(u.en.as_deref().unwrap_or(""));
        let zh = self.cell(u.zh.as_deref().unwrap_or(""));
        let (first, second) = match self.source {
            Lang::En => (en, zh),
            Lang::Zh => (zh, en),
        };
        let document = self.cell(u.document.as_deref().unwrap_or(""));
        let paragraph = u.paragraph.map(|p| p.to_string()).unwrap_or_default();
        let sentence = u.sentence.map(|p| p.to_string()).unwrap_or_default();
        self.w
            .write_record([
                first.as_str(),
                second.as_str(),
                document.as_str(),
                paragraph.as_str(),
                sentence.as_str(),
                &u.concepts.join(" "),
                &u.created,
                &u.id.to_string(),
            ])
            .map_err(Error::csv_output)
    }

    fn finish(self: Box<Self>) -> Result<u64> {
        self.into_inner()?;
        Ok(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, d: Delimiter, langs: ColumnLangs) -> Result<Vec<Unit>> {
        PairsReader::new(Path::new("p"), text, d, langs)?.collect()
    }

    #[test]
    fn tsv_with_language_columns() {
        let got = read(
            "zh\ten\tnote\n两个维护\tthe Two Upholds\tx\n\tonly English\t\n",
            Delimiter::Tab,
            ColumnLangs::default(),
        )
        .unwrap();
        assert_eq!(
            got[0],
            Unit::at_line(2, Some("the Two Upholds".into()), Some("两个维护".into()))
        );
        assert_eq!(got[1], Unit::at_line(3, Some("only English".into()), None));
    }

    #[test]
    fn tsv_keeps_straight_quotes() {
        let got = read(
            "en\tzh\n\"Yes,\" he said.\t“是，”他说。\n",
            Delimiter::Tab,
            ColumnLangs::default(),
        )
        .unwrap();
        assert_eq!(got[0].en.as_deref(), Some("\"Yes,\" he said."));
    }

    #[test]
    fn csv_with_source_and_target() {
        let langs = ColumnLangs {
            source: Some(Lang::Zh),
            target: Some(Lang::En),
        };
        let got = read(
            "source,target\n\"两个确立\",\"the Two Establishments, as \"\"established\"\"\"\n",
            Delimiter::Comma,
            langs,
        )
        .unwrap();
        assert_eq!(
            got[0].en.as_deref(),
            Some("the Two Establishments, as \"established\"")
        );
        let e = read(
            "source,target\na,b\n",
            Delimiter::Comma,
            ColumnLangs::default(),
        )
        .unwrap_err();
        assert!(e.to_string().contains("--source-lang"), "{e}");
    }

    #[test]
    fn lines_are_the_same_with_crlf() {
        let lf = "en\tzh\na\t甲\nb\t乙\n";
        let crlf = lf.replace('\n', "\r\n");
        for text in [lf, crlf.as_str()] {
            let got = read(text, Delimiter::Tab, ColumnLangs::default()).unwrap();
            assert_eq!(got.iter().map(Unit::line).collect::<Vec<_>>(), [2, 3]);
        }
        let e = read(
            "en,zh\r\na,b\r\nc\r\n",
            Delimiter::Comma,
            ColumnLangs::default(),
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("p:3:"), "{e}");
    }

    #[test]
    fn errors_name_the_line() {
        let e = read("en,fr\na,b\n", Delimiter::Comma, ColumnLangs::default()).unwrap_err();
        assert!(e.to_string().starts_with("p:1:"), "{e}");
        let e = read("en,zh\na,b\nc\n", Delimiter::Comma, ColumnLangs::default()).unwrap_err();
        assert!(e.to_string().starts_with("p:3:"), "{e}");
    }

    #[test]
    fn quoting_formulas_and_tsv_cells() {
        let unit = Unit {
            id: 1,
            en: Some("=SUM(A1), \"quoted\"\nnext".into()),
            zh: Some("两个维护".into()),
            ..Unit::default()
        };
        let options = WriteOptions {
            bom: true,
            escape_formulas: true,
            ..WriteOptions::default()
        };
        let mut w = PairsWriter::new(Vec::new(), Delimiter::Comma, &options).unwrap();
        w.write(&unit).unwrap();
        let csv = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert!(csv.starts_with("\u{feff}en,zh,document"));
        assert!(
            csv.contains("\"'=SUM(A1), \"\"quoted\"\"\nnext\",两个维护"),
            "{csv}"
        );
        let options = WriteOptions {
            source: Lang::Zh,
            ..WriteOptions::default()
        };
        let mut w = PairsWriter::new(Vec::new(), Delimiter::Tab, &options).unwrap();
        w.write(&unit).unwrap();
        let tsv = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert!(
            tsv.lines()
                .nth(1)
                .unwrap()
                .starts_with("两个维护\t=SUM(A1), \"quoted\" next\t"),
            "{tsv}"
        );
    }
}
