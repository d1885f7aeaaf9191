//! The binary's one output layer: `--format table|tsv|csv|json|jsonl`,
//! standard output and broken pipes, colour, files written whole, and the
//! printing that several commands share ([`check`]: findings; [`report`]:
//! import, glossary and memory summaries; [`progress`]: the import bar).

pub mod check;
pub mod progress;
pub mod report;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::Path;

use clap::ValueEnum;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for people
    Table,
    /// Tab-separated values with a header
    Tsv,
    /// Comma-separated values (RFC 4180) with a header
    Csv,
    /// One JSON document
    Json,
    /// One JSON object per line (the stable machine contract)
    Jsonl,
}

/// Buffered, locked stdout.
pub fn stdout() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::new(io::stdout().lock())
}

/// Whether an error is just a closed pipe (`tifa show x | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Writes `rows` in a machine format (tsv, csv, json, jsonl); `table` is the
/// caller's own layout.
pub fn write_records<T: Serialize>(
    out: &mut dyn Write,
    format: Format,
    rows: &[T],
) -> anyhow::Result<()> {
    // serde_json and csv wrap I/O errors in their own types, where a
    // closed pipe could not be told from any other failure: they are turned
    // back into I/O errors.
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, rows).map_err(io::Error::from)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            for row in rows {
                serde_json::to_writer(&mut *out, row).map_err(io::Error::from)?;
                writeln!(out)?;
            }
        }
        Format::Csv | Format::Tsv | Format::Table => {
            let mut w = csv::WriterBuilder::new()
                .delimiter(if format == Format::Csv { b',' } else { b'\t' })
                .from_writer(out);
            for row in rows {
                w.serialize(row).map_err(tifa::Error::csv_output)?;
            }
            w.flush()?;
        }
    }
    Ok(())
}

/// Writes `path` whole or not at all (see [`tifa::atomic_file`]).
pub fn write_file(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> tifa::Result<()>,
) -> anyhow::Result<()> {
    Ok(tifa::atomic_file::write(path, fill)?)
}

/// Writes to `-o FILE` (whole or not at all), or to standard output when
/// there is no FILE or it is `-`.
pub fn to_file_or_stdout(
    output: Option<&Path>,
    fill: impl FnOnce(&mut dyn Write) -> tifa::Result<()>,
) -> anyhow::Result<()> {
    match output {
        Some(path) if path.as_os_str() != "-" => write_file(path, fill),
        _ => {
            let mut out = stdout();
            fill(&mut out)?;
            out.flush()?;
            Ok(())
        }
    }
}

/// Whether to colour output.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// On a terminal unless NO_COLOR is set (auto), or as told.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none() && io::stdout().is_terminal()
            }
        }
    }
}
