//! Pre-aligned sentence pairs in TSV or CSV, with a header row.
//!
//! The header names the languages: `en` and `zh` (or tags such as `en-US`,
//! `zh-CN`), or `source` and `target` together with the languages the caller
//! gives for them. Other columns are ignored. CSV follows RFC 4180 quoting;
//! TSV has no quoting at all (a field ends at a tab), as in the IANA
//! definition, so straight quotes inside sentences are kept as they are.

use std::path::{Path, PathBuf};

use crate::normalize::nfc;
use crate::{Error, Lang, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    Tab,
    Comma,
}

/// The languages of `source`/`target` columns, when the file uses them.
#[derive(Debug, Clone, Copy, Default)]
pub struct ColumnLangs {
    pub source: Option<Lang>,
    pub target: Option<Lang>,
}

/// One row: a translation unit with its line number in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub line: u64,
    pub en: Option<String>,
    pub zh: Option<String>,
}

/// Reads pairs from decoded text, one row at a time.
pub struct PairsReader<'a> {
    path: PathBuf,
    rows: csv::StringRecordsIntoIter<&'a [u8]>,
    en_col: Option<usize>,
    zh_col: Option<usize>,
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
        let headers = reader.headers().map_err(|e| csv_error(path, &e))?.clone();
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
            en_col,
            zh_col,
        })
    }
}

fn csv_error(path: &Path, e: &csv::Error) -> Error {
    let line = e.position().map_or(0, |p| p.line());
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
    type Item = Result<Pair>;

    fn next(&mut self) -> Option<Self::Item> {
        let record = match self.rows.next()? {
            Ok(r) => r,
            Err(e) => return Some(Err(csv_error(&self.path, &e))),
        };
        let line = record.position().map_or(0, |p| p.line());
        Some(Ok(Pair {
            line,
            en: cell(&record, self.en_col),
            zh: cell(&record, self.zh_col),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, d: Delimiter, langs: ColumnLangs) -> Result<Vec<Pair>> {
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
            Pair {
                line: 2,
                en: Some("the Two Upholds".into()),
                zh: Some("两个维护".into())
            }
        );
        assert_eq!(
            got[1],
            Pair {
                line: 3,
                en: Some("only English".into()),
                zh: None
            }
        );
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
    fn errors_name_the_line() {
        let e = read("en,fr\na,b\n", Delimiter::Comma, ColumnLangs::default()).unwrap_err();
        assert!(e.to_string().starts_with("p:1:"), "{e}");
        let e = read("en,zh\na,b\nc\n", Delimiter::Comma, ColumnLangs::default()).unwrap_err();
        assert!(e.to_string().starts_with("p:3:"), "{e}");
    }
}
