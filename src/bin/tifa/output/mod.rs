//! The binary's one output layer: `--format table|tsv|csv|json|jsonl`,
//! standard output and broken pipes, colour, files written whole, and the
//! printing that several commands share ([`check`]: findings, with their
//! HTML and Excel reports in [`check_html`] and [`check_xlsx`]; [`report`]:
//! import, glossary and memory summaries; [`progress`]: the import bar).

pub mod check;
pub mod check_html;
pub mod check_xlsx;
pub mod progress;
pub mod report;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

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

/// Where a command's output goes: standard output, streamed, or `-o FILE`,
/// kept in memory and written whole by [`Sink::commit`] (so that a failed
/// run leaves no half-written file, and the old file, if any, as it was).
pub enum Sink {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    File { path: PathBuf, buf: Vec<u8> },
}

impl Sink {
    /// `-o FILE`, or standard output when there is no FILE or it is `-`.
    pub fn new(output: Option<&Path>) -> Sink {
        match output {
            Some(path) if path.as_os_str() != "-" => Sink::File {
                path: path.to_path_buf(),
                buf: Vec::new(),
            },
            _ => Sink::Stdout(stdout()),
        }
    }

    pub fn is_file(&self) -> bool {
        matches!(self, Sink::File { .. })
    }

    /// Writes the file whole, or flushes standard output.
    pub fn commit(self) -> anyhow::Result<()> {
        match self {
            Sink::Stdout(mut out) => Ok(out.flush()?),
            Sink::File { path, buf } => {
                write_file(&path, |w| w.write_all(&buf).map_err(tifa::Error::output))
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(data),
            Sink::File { buf, .. } => buf.write(data),
        }
    }

    fn write_all(&mut self, data: &[u8]) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.write_all(data),
            Sink::File { buf, .. } => buf.write_all(data),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::File { .. } => Ok(()),
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
