//! Printing findings of `tifa check`: like a compiler (path:line:col, the
//! line and a caret under the span), or JSON, streamed; or collected for a
//! report written at the end, an HTML page ([`super::check_html`]) or an
//! Excel workbook ([`super::check_xlsx`]).

use std::io::Write;
use std::rc::Rc;

use clap::ValueEnum;
use serde::Serialize;
use tifa::check::{Finding, Kind};
use tifa::Lang;

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// path:line:col: kind: message, the line and a caret
    Text,
    /// One JSON array
    Json,
    /// One JSON object per finding
    Jsonl,
    /// One self-contained HTML page, findings grouped by concept
    Html,
    /// An Excel workbook (binary: give -o FILE, or pipe it)
    Xlsx,
}

/// A finding kept for a report written whole at the end.
pub struct Entry {
    pub place: String,
    /// The side shown for a pair's finding (none for a text's).
    pub side: Option<Lang>,
    /// The text the finding's span refers to, shared by the findings of
    /// one line.
    pub line: Rc<str>,
    pub finding: Finding,
}

/// What an HTML or Excel report shows: what was checked and the findings,
/// in the order they were found.
#[derive(Default)]
pub struct Report {
    /// The files checked as named on the command line (or the memory).
    pub checked: Vec<String>,
    pub entries: Vec<Entry>,
}

#[derive(Serialize)]
struct Record<'a> {
    place: &'a str,
    /// The stable id of a finding of the memory.
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(flatten)]
    finding: &'a Finding,
}

/// Prints findings in the chosen format; JSON output is an array written
/// one element at a time; HTML and Excel reports are kept in `report` and
/// written by [`Printer::finish`].
pub struct Printer<W: Write> {
    pub out: W,
    pub format: CheckFormat,
    pub color: bool,
    pub started: bool,
    pub report: Report,
}

impl<W: Write> Printer<W> {
    pub fn new(out: W, format: CheckFormat, color: bool) -> Printer<W> {
        Printer {
            out,
            format,
            color,
            started: false,
            report: Report::default(),
        }
    }

    /// Names something checked, for the heading of a report.
    pub fn checked(&mut self, name: &str) {
        self.report.checked.push(name.to_string());
    }

    /// One finding at `place`; `line` is the text the finding's span refers
    /// to (the source line, or a pair's cell).
    pub fn finding(
        &mut self,
        place: &str,
        side: Option<Lang>,
        line: &str,
        f: &Finding,
    ) -> std::io::Result<()> {
        self.write(place, None, side, line, f)
    }

    /// One finding of the memory with its stable id: after the place in
    /// text and reports (`report.txt:3.1 [a1b2c3d4e5f6]`), an `id` field in
    /// JSON.
    pub fn memory_finding(
        &mut self,
        place: &str,
        id: &str,
        line: &str,
        f: &Finding,
    ) -> std::io::Result<()> {
        match self.format {
            CheckFormat::Json | CheckFormat::Jsonl => self.write(place, Some(id), None, line, f),
            _ => self.write(&format!("{place} [{id}]"), None, None, line, f),
        }
    }

    fn write(
        &mut self,
        place: &str,
        id: Option<&str>,
        side: Option<Lang>,
        line: &str,
        f: &Finding,
    ) -> std::io::Result<()> {
        let out = &mut self.out;
        let record = Record {
            place,
            id,
            finding: f,
        };
        match self.format {
            CheckFormat::Html | CheckFormat::Xlsx => {
                let entries = &mut self.report.entries;
                let line = match entries.last() {
                    Some(last) if *last.line == *line => last.line.clone(),
                    _ => Rc::from(line),
                };
                entries.push(Entry {
                    place: place.to_string(),
                    side,
                    line,
                    finding: f.clone(),
                });
            }
            CheckFormat::Jsonl => {
                serde_json::to_writer(&mut *out, &record)?;
                writeln!(out)?;
            }
            CheckFormat::Json => {
                out.write_all(if self.started { b",\n  " } else { b"[\n  " })?;
                self.started = true;
                serde_json::to_writer(&mut *out, &record)?;
            }
            CheckFormat::Text => {
                let (bold, red, yellow, cyan, reset) = if self.color {
                    ("\x1b[1m", "\x1b[1;31m", "\x1b[1;33m", "\x1b[36m", "\x1b[0m")
                } else {
                    ("", "", "", "", "")
                };
                let kind_color = match f.kind {
                    Kind::Deprecated | Kind::Superseded | Kind::Missing => red,
                    _ => yellow,
                };
                let side = match side {
                    Some(Lang::En) => "[en] ",
                    Some(Lang::Zh) => "[zh] ",
                    None => "",
                };
                writeln!(
                    out,
                    "{bold}{place}:{reset} {kind_color}{}:{reset} {side}{}",
                    f.kind.code(),
                    f.message
                )?;
                let (line, start, end) =
                    window(line, f.start.min(line.len()), f.end.min(line.len()));
                let pad: String = line[..start]
                    .chars()
                    .flat_map(|c| {
                        std::iter::repeat_n(if c == '\t' { '\t' } else { ' ' }, display_width(c))
                    })
                    .collect();
                let width: usize = line[start..end]
                    .chars()
                    .map(display_width)
                    .sum::<usize>()
                    .max(1);
                writeln!(out, "    {line}")?;
                writeln!(out, "    {pad}{cyan}{}{reset}", "^".repeat(width))?;
            }
        }
        Ok(())
    }

    /// Ends the output (closes a JSON array, writes a report) and gives
    /// back the writer, flushed.
    pub fn finish(mut self) -> anyhow::Result<W> {
        match self.format {
            CheckFormat::Json => {
                self.out
                    .write_all(if self.started { b"\n]\n" } else { b"[]\n" })?;
            }
            CheckFormat::Html => {
                self.out
                    .write_all(super::check_html::page(&self.report).as_bytes())?;
            }
            CheckFormat::Xlsx => {
                let bytes = super::check_xlsx::workbook(&self.report)?;
                self.out.write_all(&bytes)?;
            }
            CheckFormat::Text | CheckFormat::Jsonl => {}
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A long line cut down to the span and some context on either side, with
/// the span's offsets in the cut line.
pub(super) fn window(line: &str, start: usize, end: usize) -> (String, usize, usize) {
    const CONTEXT: usize = 40;
    let end = end.max(start);
    if line.chars().count() <= 2 * CONTEXT + 40 {
        return (line.to_string(), start, end);
    }
    let from = line[..start]
        .char_indices()
        .rev()
        .nth(CONTEXT - 1)
        .map_or(0, |(i, _)| i);
    let to = line[end..]
        .char_indices()
        .nth(CONTEXT)
        .map_or(line.len(), |(i, _)| end + i);
    let (lead, trail) = (
        if from > 0 { "…" } else { "" },
        if to < line.len() { "…" } else { "" },
    );
    let cut = format!("{lead}{}{trail}", &line[from..to]);
    (cut, start - from + lead.len(), end - from + lead.len())
}

/// Columns a character takes in a terminal: two for CJK, one otherwise.
fn display_width(c: char) -> usize {
    let wide = matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD);
    if wide {
        2
    } else {
        1
    }
}
