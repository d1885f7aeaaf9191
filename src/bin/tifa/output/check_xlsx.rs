//! `tifa check --format xlsx`: the findings as an Excel workbook, one sheet
//! "Findings" with a bold, frozen header row and one row per finding. Text
//! is always written as a string, never as a formula (a found text
//! "=SUM(A1)" stays text); the score is a number.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::check::{Entry, Report};

/// The columns: header and width (in characters).
const COLUMNS: [(&str, f64); 13] = [
    ("place", 32.0),
    ("kind", 12.0),
    ("side", 6.0),
    ("found", 32.0),
    ("preferred", 32.0),
    ("concept", 28.0),
    ("zh", 14.0),
    ("message", 60.0),
    ("line", 80.0),
    ("score", 7.0),
    ("source", 40.0),
    ("source date", 12.0),
    ("source url", 40.0),
];

/// The most UTF-16 code units a cell holds.
const CELL_LIMIT: usize = 32_767;

/// The workbook for `report`, as the bytes of an .xlsx file.
pub fn workbook(report: &Report) -> anyhow::Result<Vec<u8>> {
    // A sheet has 1,048,576 rows, one of them the header.
    if report.entries.len() >= 1_048_576 {
        anyhow::bail!(
            "{} findings are more than an Excel sheet holds: use --format jsonl",
            report.entries.len()
        );
    }
    Ok(build(report)?)
}

fn build(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Findings")?;
    let bold = Format::new().set_bold();
    for (col, (name, width)) in (0u16..).zip(COLUMNS) {
        sheet.write_string_with_format(0, col, name, &bold)?;
        sheet.set_column_width(col, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    for (row, e) in (1u32..).zip(&report.entries) {
        let f = &e.finding;
        let source = f.source.as_ref();
        let text = [
            e.place.as_str(),
            f.kind.code(),
            e.side.unwrap_or(f.side).code(),
            &f.found,
            &f.preferred,
            &f.concept,
            &f.zh,
            &f.message,
            line(e),
        ];
        for (col, value) in (0u16..).zip(text) {
            string(sheet, row, col, value)?;
        }
        if let Some(score) = f.score {
            sheet.write_number(row, 9, score)?;
        }
        if let Some(s) = source {
            let title = if s.title.is_empty() { &s.id } else { &s.title };
            string(sheet, row, 10, title)?;
            string(sheet, row, 11, &s.date)?;
            string(sheet, row, 12, &s.url)?;
        }
    }
    let last = u32::try_from(report.entries.len()).unwrap_or(u32::MAX);
    if last > 0 {
        sheet.autofilter(0, 0, last, COLUMNS.len() as u16 - 1)?;
    }
    book.save_to_buffer()
}

/// The line of a finding, trimmed of its line break.
fn line(e: &Entry) -> &str {
    e.line.trim_end_matches(['\r', '\n'])
}

/// A text cell (left empty for an empty text), cut to what a cell holds.
fn string(
    sheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    value: &str,
) -> Result<(), XlsxError> {
    if !value.is_empty() {
        sheet.write_string(row, col, clip(value))?;
    }
    Ok(())
}

/// `s`, or as much of it as a cell holds followed by "…".
fn clip(s: &str) -> std::borrow::Cow<'_, str> {
    // UTF-8 takes at least as many bytes as UTF-16 takes units.
    if s.len() <= CELL_LIMIT || s.encode_utf16().count() <= CELL_LIMIT {
        return s.into();
    }
    let mut units = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > CELL_LIMIT - 1 {
            break;
        }
        end = i + c.len_utf8();
    }
    format!("{}…", &s[..end]).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_cut_to_what_a_cell_holds() {
        let long = "两".repeat(40_000);
        let cut = clip(&long);
        assert_eq!(cut.encode_utf16().count(), CELL_LIMIT);
        assert!(cut.ends_with('…'));
        assert_eq!(clip("short"), "short");
        let emoji = "😀".repeat(20_000);
        assert!(clip(&emoji).encode_utf16().count() <= CELL_LIMIT);
    }
}
