//! `tifa check`: the linter for renderings.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::ValueEnum;
use serde::Serialize;
use tifa::check::{check_english, check_memory, check_pair, fix, Finding, Kind, Side};
use tifa::formats::pairs::{ColumnLangs, Delimiter, PairsReader};
use tifa::formats::text::decode;
use tifa::formats::Positions;
use tifa::glossary::matcher::Matcher;
use tifa::Lang;

use super::open_store;
use super::segment::parse_lang;
use crate::output::{self, write_file_atomically};
use crate::Outcome;

/// Check texts for non-standard renderings of glossary terms.
///
/// English text: every deprecated rendering, with the preferred one, and
/// near misses of multi-word terms such as "Communist Paty of China".
/// Aligned pairs (.tsv/.csv with en and zh columns): each pair is checked,
/// and a Chinese term of the source whose preferred or admitted rendering is
/// missing from the English side is reported ("两个维护 appears twice, "the
/// Two Upholds" once"). --memory checks the stored memory instead.
///
/// Output is like a compiler's: path:line:col, the line and a caret under
/// the span. Exit status: 0 clean, 1 findings, 2 error.
#[derive(clap::Args)]
pub struct Args {
    /// Files to check; `-` reads standard input
    #[arg(default_value = "-")]
    files: Vec<PathBuf>,

    /// Check the stored memory instead of files
    #[arg(long, conflicts_with_all = ["fix", "in_place"])]
    memory: bool,

    /// Write the text with deprecated renderings replaced by the preferred
    /// ones (to standard output; see --in-place)
    #[arg(long)]
    fix: bool,

    /// With --fix, rewrite the files instead of printing
    #[arg(long, requires = "fix")]
    in_place: bool,

    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    format: CheckFormat,

    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,

    /// The language of a `source` column in pairs files
    #[arg(long, value_parser = parse_lang)]
    source_lang: Option<Lang>,

    /// The language of a `target` column in pairs files
    #[arg(long, value_parser = parse_lang)]
    target_lang: Option<Lang>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    /// path:line:col: kind: message, the line and a caret
    Text,
    /// One JSON array
    Json,
    /// One JSON object per finding
    Jsonl,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
            }
        }
    }
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<Outcome> {
    let store = open_store(db)?;
    let concepts: Vec<_> = store.concepts()?.into_iter().map(|s| s.concept).collect();
    if concepts.is_empty() {
        anyhow::bail!(
            "the glossary is empty: run `tifa build` (or `tifa glossary import FILE`) first"
        );
    }
    let matcher = Matcher::new(concepts)?;
    let mut out = Printer {
        out: output::stdout(),
        format: args.format,
        color: args.color.enabled(),
        started: false,
    };

    if args.memory {
        let mut count = 0usize;
        check_memory(&store, &matcher, |m| {
            count += 1;
            let more = if m.more > 0 {
                format!(" (and {} more places)", m.more)
            } else {
                String::new()
            };
            let place = format!("{}:{}.{}{more}", m.path, m.paragraph, m.sentence);
            out.finding(&place, None, &m.text, &m.finding)
                .map_err(|e| tifa::Error::io("<standard output>", e))
        })?;
        out.finish()?;
        return Ok(if count > 0 {
            Outcome::Found
        } else {
            Outcome::Success
        });
    }

    let langs = ColumnLangs {
        source: args.source_lang,
        target: args.target_lang,
    };
    let mut count = 0usize;
    for file in &args.files {
        let (name, bytes) = super::read_input(file)?;
        let name = name.display().to_string();
        let (text, _) = decode(Path::new(&name), &bytes)?;
        let delimiter = match file
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("tsv" | "tab") => Some(Delimiter::Tab),
            Some("csv") => Some(Delimiter::Comma),
            _ => None,
        };
        if let Some(delimiter) = delimiter {
            if args.fix {
                anyhow::bail!("--fix rewrites text files; {} is a pairs file", name);
            }
            for pair in PairsReader::new(Path::new(&name), &text, delimiter, langs)? {
                let pair = pair?;
                let findings = match (&pair.zh, &pair.en) {
                    (Some(zh), Some(en)) => check_pair(&matcher, zh, en)?,
                    (None, Some(en)) => check_english(&matcher, en)?,
                    _ => Vec::new(),
                };
                for f in findings {
                    count += 1;
                    let cell = match f.side {
                        Side::En => pair.en.as_deref().unwrap_or(""),
                        Side::Zh => pair.zh.as_deref().unwrap_or(""),
                    };
                    let place = format!("{name}:{}", pair.line);
                    out.finding(&place, Some(f.side), cell, &f)?;
                }
            }
            continue;
        }
        let findings = if Lang::detect(&text) == Some(Lang::Zh) {
            Vec::new()
        } else {
            check_english(&matcher, &text)?
        };
        count += findings.len();
        if args.fix {
            let fixed = fix(&text, &findings);
            if args.in_place && file.as_os_str() != "-" {
                if fixed != text {
                    write_file_atomically(file, |w| Ok(w.write_all(fixed.as_bytes())?))
                        .with_context(|| format!("writing {}", file.display()))?;
                }
            } else {
                out.out.write_all(fixed.as_bytes())?;
            }
            continue;
        }
        let mut positions = Positions::new(&text);
        for f in &findings {
            let (line, col) = positions.at(f.start);
            let place = format!("{name}:{line}:{col}");
            let line_start = positions.line_start();
            let line_end = text[f.start..]
                .find('\n')
                .map_or(text.len(), |i| f.start + i);
            let rel = Finding {
                start: f.start - line_start,
                end: f.end.min(line_end) - line_start,
                ..f.clone()
            };
            out.finding(&place, None, &text[line_start..line_end], &rel)?;
        }
    }
    out.finish()?;
    if args.fix {
        return Ok(Outcome::Success);
    }
    Ok(if count > 0 {
        Outcome::Found
    } else {
        Outcome::Success
    })
}

#[derive(Serialize)]
struct Record<'a> {
    place: &'a str,
    #[serde(flatten)]
    finding: &'a Finding,
}

/// Prints findings in the chosen format; JSON output is an array written
/// one element at a time.
struct Printer<W: Write> {
    out: W,
    format: CheckFormat,
    color: bool,
    started: bool,
}

impl<W: Write> Printer<W> {
    /// One finding at `place`; `line` is the text the finding's span refers
    /// to (the source line, or a pair's cell).
    fn finding(
        &mut self,
        place: &str,
        side: Option<Side>,
        line: &str,
        f: &Finding,
    ) -> std::io::Result<()> {
        let out = &mut self.out;
        match self.format {
            CheckFormat::Jsonl => {
                serde_json::to_writer(&mut *out, &Record { place, finding: f })?;
                writeln!(out)?;
            }
            CheckFormat::Json => {
                out.write_all(if self.started { b",\n  " } else { b"[\n  " })?;
                self.started = true;
                serde_json::to_writer(&mut *out, &Record { place, finding: f })?;
            }
            CheckFormat::Text => {
                let (bold, red, yellow, cyan, reset) = if self.color {
                    ("\x1b[1m", "\x1b[1;31m", "\x1b[1;33m", "\x1b[36m", "\x1b[0m")
                } else {
                    ("", "", "", "", "")
                };
                let kind_color = match f.kind {
                    Kind::Deprecated | Kind::Missing => red,
                    Kind::Misspelled => yellow,
                };
                let side = match side {
                    Some(Side::En) => "[en] ",
                    Some(Side::Zh) => "[zh] ",
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

    fn finish(&mut self) -> anyhow::Result<()> {
        if self.format == CheckFormat::Json {
            self.out
                .write_all(if self.started { b"\n]\n" } else { b"[]\n" })?;
        }
        self.out.flush()?;
        Ok(())
    }
}

/// A long line cut down to the span and some context on either side, with
/// the span's offsets in the cut line.
fn window(line: &str, start: usize, end: usize) -> (String, usize, usize) {
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
