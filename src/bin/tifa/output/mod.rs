//! The one output layer: `--format table|tsv|csv|json|jsonl`, stdout handling
//! and broken pipes.

use std::io::{self, BufWriter, Write};

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

/// Writes a file through a temporary file in the same folder, renamed into
/// place when complete, so that a failed write never leaves half a file.
pub fn write_file_atomically(
    path: &std::path::Path,
    fill: impl FnOnce(&mut dyn Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tifa-tmp"));
    let result = (|| {
        let file = std::fs::File::create(&tmp)?;
        let mut out = BufWriter::new(file);
        fill(&mut out)?;
        out.flush()?;
        out.get_ref().sync_all()?;
        std::fs::rename(&tmp, path)?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
