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
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, rows)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            for row in rows {
                serde_json::to_writer(&mut *out, row)?;
                writeln!(out)?;
            }
        }
        Format::Csv | Format::Tsv | Format::Table => {
            let mut w = csv::WriterBuilder::new()
                .delimiter(if format == Format::Csv { b',' } else { b'\t' })
                .from_writer(out);
            for row in rows {
                w.serialize(row)?;
            }
            w.flush()?;
        }
    }
    Ok(())
}
