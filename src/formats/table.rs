//! Tables as translators' files hold them: CSV (comma- or
//! semicolon-separated, RFC 4180 quoting), TSV (tab-separated, no quoting)
//! and spreadsheets (.xlsx, .xls, .ods: the first sheet). A header row
//! names the columns; every row keeps the line (or spreadsheet row) it
//! comes from, so that problems can name it.

use std::io::Cursor;
use std::path::Path;

use super::decode::decode;
use crate::normalize::nfc;
use crate::{Error, Problem, Result};

/// A table: its header and its rows, cells trimmed and in NFC.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Row {
    /// The line of a text file (1 is the header), or the spreadsheet row.
    pub line: u64,
    pub cells: Vec<String>,
}

impl Row {
    /// The cell in column `col`, empty if there is none.
    pub fn cell(&self, col: Option<usize>) -> &str {
        col.and_then(|c| self.cells.get(c))
            .map_or("", String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| c.is_empty())
    }
}

/// How a table file is laid out, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    Csv,
    Tsv,
    Spreadsheet,
}

fn layout(path: &Path) -> Layout {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("csv") => Layout::Csv,
        Some("xlsx" | "xlsm" | "xls" | "ods") => Layout::Spreadsheet,
        _ => Layout::Tsv,
    }
}

/// Whether a file is a spreadsheet (by its extension).
pub fn is_spreadsheet(path: &Path) -> bool {
    layout(path) == Layout::Spreadsheet
}

/// Reads the table in `bytes` (the file `path`, which names it in messages
/// and gives its layout by its extension). A file that cannot be decoded is
/// an error; a table that cannot be read (broken quoting, rows of the wrong
/// length, no header) is a problem with its line.
pub fn read(path: &Path, bytes: &[u8]) -> Result<std::result::Result<Table, Problem>> {
    match layout(path) {
        Layout::Spreadsheet => read_spreadsheet(path, bytes),
        Layout::Csv => {
            let (text, _) = decode(path, bytes)?;
            if let Some(line) = unclosed_quote(&text) {
                return Ok(Err(Problem::fatal(
                    line,
                    "a quoted field opens here and is never closed",
                )));
            }
            let delimiter = if semicolons(&text) { b';' } else { b',' };
            Ok(read_delimited(&text, delimiter, true))
        }
        Layout::Tsv => {
            let (text, _) = decode(path, bytes)?;
            Ok(read_delimited(&text, b'\t', false))
        }
    }
}

/// Whether a CSV file separates its fields with semicolons (as spreadsheets
/// in many locales write CSV): its header has more semicolons than commas.
fn semicolons(text: &str) -> bool {
    let header = text.lines().next().unwrap_or("");
    header.matches(';').count() > header.matches(',').count()
}

fn clean(cell: &str) -> String {
    nfc(cell.trim().trim_start_matches('\u{feff}').trim()).into_owned()
}

fn read_delimited(text: &str, delimiter: u8, quoting: bool) -> std::result::Result<Table, Problem> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .delimiter(delimiter)
        .quoting(quoting)
        .from_reader(text.as_bytes());
    // Lines are counted from byte offsets: the csv crate's own line numbers
    // come out one short in files with CRLF line ends.
    let lines = std::cell::RefCell::new(super::Positions::new(text));
    let line_at =
        |p: Option<&csv::Position>| p.map_or(0, |p| lines.borrow_mut().record_line(p.byte()));
    let problem = |e: &csv::Error| {
        let line = line_at(e.position());
        let message = match e.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => format!(
                "this row has {len} fields where the header has {expected_len} (a quote left open or a stray delimiter?)"
            ),
            csv::ErrorKind::Utf8 { .. } => "invalid UTF-8".to_string(),
            _ => e.to_string(),
        };
        Problem::fatal(line, message)
    };
    let headers = reader.headers().map_err(|e| problem(&e))?;
    let mut table = Table {
        headers: headers.iter().map(clean).collect(),
        rows: Vec::new(),
    };
    for record in reader.records() {
        let record = record.map_err(|e| problem(&e))?;
        table.rows.push(Row {
            line: line_at(record.position()),
            cells: record.iter().map(clean).collect(),
        });
    }
    Ok(table)
}

/// The first sheet of a spreadsheet; its first non-empty row is the header.
fn read_spreadsheet(path: &Path, bytes: &[u8]) -> Result<std::result::Result<Table, Problem>> {
    use calamine::Reader;
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| Error::file(path, format!("cannot read the spreadsheet: {e}")))?;
    let Some(sheet) = book.worksheet_range_at(0) else {
        return Ok(Err(Problem::fatal(0, "the spreadsheet has no sheet")));
    };
    let sheet =
        sheet.map_err(|e| Error::file(path, format!("cannot read the first sheet: {e}")))?;
    let first_row = sheet.start().map_or(0, |(row, _)| u64::from(row));
    let mut rows = sheet.rows().enumerate().map(|(i, cells)| Row {
        line: first_row + i as u64 + 1,
        cells: cells.iter().map(cell_text).collect(),
    });
    let Some(header) = rows.by_ref().find(|r| !r.is_empty()) else {
        return Ok(Err(Problem::fatal(0, "the first sheet is empty")));
    };
    let width = header
        .cells
        .iter()
        .rposition(|c| !c.is_empty())
        .map_or(0, |i| i + 1);
    let mut table = Table {
        headers: header.cells.into_iter().take(width).collect(),
        rows: Vec::new(),
    };
    for mut row in rows {
        if row.cells.iter().skip(width).any(|c| !c.is_empty()) {
            return Ok(Err(Problem::fatal(
                row.line,
                format!("this row has cells beyond the {width} columns of the header"),
            )));
        }
        row.cells.truncate(width);
        table.rows.push(row);
    }
    Ok(Ok(table))
}

/// A spreadsheet cell as text: numbers without a needless ".0", dates as
/// YYYY-MM-DD.
fn cell_text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::Empty => String::new(),
        Data::String(s) => clean(s),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(dt) => {
            // Days since 1899-12-30, the spreadsheet epoch.
            let days = dt.as_f64().floor() as i64;
            let epoch = time::Date::from_calendar_date(1899, time::Month::December, 30)
                .unwrap_or(time::Date::MIN);
            epoch
                .checked_add(time::Duration::days(days))
                .map_or_else(|| dt.to_string(), |d| d.to_string())
        }
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        other => clean(&other.to_string()),
    }
}

/// The line where a quoted CSV field opens and is never closed, if any.
pub fn unclosed_quote(text: &str) -> Option<u64> {
    let mut line = 1u64;
    let mut opened_at = None;
    let mut field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (opened_at, c) {
            (Some(_), '"') => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    opened_at = None;
                }
            }
            (None, '"') if field_start => opened_at = Some(line),
            _ => {}
        }
        if c == '\n' {
            line += 1;
        }
        field_start = opened_at.is_none() && matches!(c, ',' | ';' | '\n' | '\r');
    }
    opened_at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(path: &str, text: &str) -> Vec<(u64, Vec<String>)> {
        read(Path::new(path), text.as_bytes())
            .unwrap()
            .unwrap()
            .rows
            .into_iter()
            .map(|r| (r.line, r.cells))
            .collect()
    }

    #[test]
    fn lines_are_counted_alike_with_lf_and_crlf() {
        let lf = "zh,en\n两个维护,the Two Upholds\n\"两个\n确立\",x\n全面从严治党,y\n";
        let crlf = lf.replace('\n', "\r\n");
        let want: Vec<u64> = vec![2, 3, 5];
        assert_eq!(
            lines("g.csv", lf).iter().map(|r| r.0).collect::<Vec<_>>(),
            want
        );
        assert_eq!(
            lines("g.csv", &crlf)
                .iter()
                .map(|r| r.0)
                .collect::<Vec<_>>(),
            want
        );
    }

    #[test]
    fn semicolons_tabs_and_commas() {
        let rows = lines(
            "g.csv",
            "中文;英文;备注\n两个维护;the Two Upholds;\"a; b\"\n",
        );
        assert_eq!(rows[0].1, ["两个维护", "the Two Upholds", "a; b"]);
        let rows = lines("g.tsv", "zh\ten\n两个维护\t\"the\" Two Upholds\n");
        assert_eq!(rows[0].1, ["两个维护", "\"the\" Two Upholds"]);
        let rows = lines(
            "g.csv",
            "\u{feff}zh,en\n两个维护,\"the Two Upholds, always\"\n",
        );
        assert_eq!(rows[0].1[1], "the Two Upholds, always");
    }

    #[test]
    fn broken_tables_are_problems_with_their_line() {
        let p = read(Path::new("g.csv"), b"zh,en\na,b\nx,\"open\ny,z\n")
            .unwrap()
            .unwrap_err();
        assert_eq!(p.line, 3);
        let p = read(Path::new("g.csv"), b"zh,en\na,b,c\n")
            .unwrap()
            .unwrap_err();
        assert_eq!(p.line, 2);
        assert!(p.message.contains("3 fields"), "{}", p.message);
    }

    #[test]
    fn unclosed_quotes_are_found() {
        assert_eq!(unclosed_quote("a,b\n\"c,\"\"d\"\"\",e\n"), None);
        assert_eq!(unclosed_quote("a,b\nx,\"open\ny,z\n"), Some(2));
        assert_eq!(unclosed_quote("a,b\"c\n"), None);
    }
}
