//! The memory as CSV (RFC 4180) or TSV for spreadsheets and CAT tools: a
//! header row, one unit per row, the source language's column first.
//!
//! TSV has no quoting, so tabs and line breaks inside a cell become spaces.
//! With `escape_formulas`, a cell starting with = + - or @ gets a leading
//! apostrophe, so that a spreadsheet does not run it as a formula.

use std::io::Write;

use super::tmx::TmUnit;
use crate::{Error, Lang, Result};

pub struct MemoryCsvWriter<W: Write> {
    w: csv::Writer<W>,
    tsv: bool,
    escape_formulas: bool,
    source: Lang,
}

fn err(e: csv::Error) -> Error {
    Error::csv_output(e)
}

impl<W: Write> MemoryCsvWriter<W> {
    pub fn new(
        mut out: W,
        tsv: bool,
        bom: bool,
        escape_formulas: bool,
        source: Lang,
    ) -> Result<Self> {
        if bom {
            out.write_all("\u{feff}".as_bytes())
                .map_err(Error::output)?;
        }
        let w = csv::WriterBuilder::new()
            .delimiter(if tsv { b'\t' } else { b',' })
            .quote_style(if tsv {
                csv::QuoteStyle::Never
            } else {
                csv::QuoteStyle::Necessary
            })
            .from_writer(out);
        let mut me = MemoryCsvWriter {
            w,
            tsv,
            escape_formulas,
            source,
        };
        let (first, second) = match source {
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
        .map_err(err)?;
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

    pub fn write(&mut self, u: &TmUnit) -> Result<()> {
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
            .map_err(err)
    }

    pub fn finish(self) -> Result<W> {
        self.w
            .into_inner()
            .map_err(|e| Error::output(e.into_error()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_formulas_and_tsv_cells() {
        let unit = TmUnit {
            id: 1,
            en: Some("=SUM(A1), \"quoted\"\nnext".into()),
            zh: Some("两个维护".into()),
            ..TmUnit::default()
        };
        let mut w = MemoryCsvWriter::new(Vec::new(), false, true, true, Lang::En).unwrap();
        w.write(&unit).unwrap();
        let csv = String::from_utf8(w.finish().unwrap()).unwrap();
        assert!(csv.starts_with("\u{feff}en,zh,document"));
        assert!(
            csv.contains("\"'=SUM(A1), \"\"quoted\"\"\nnext\",两个维护"),
            "{csv}"
        );
        let mut w = MemoryCsvWriter::new(Vec::new(), true, false, false, Lang::Zh).unwrap();
        w.write(&unit).unwrap();
        let tsv = String::from_utf8(w.finish().unwrap()).unwrap();
        assert!(
            tsv.lines()
                .nth(1)
                .unwrap()
                .starts_with("两个维护\t=SUM(A1), \"quoted\" next\t"),
            "{tsv}"
        );
    }
}
