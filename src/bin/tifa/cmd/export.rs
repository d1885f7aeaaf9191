//! `tifa export`: the memory for CAT tools and spreadsheets.

use std::path::{Path, PathBuf};

use anyhow::Context;
use tifa::export::{export, filter, ExportOptions};
use tifa::formats::Format;
use tifa::Lang;

use super::{choice, open_memory, parse_lang};
use crate::output;
use crate::Outcome;

/// Export the memory as TMX 1.4b, CSV or TSV.
///
/// TMX: one tu per unit (tuid, creationdate), with props for the document,
/// paragraph and sentence where it first occurs and for the glossary
/// concepts found in it; tuv xml:lang "en" and "zh-CN". Put it in an OmegaT
/// project's tm/ (or tm/auto/ for exact matches to be inserted). Characters
/// XML 1.0 forbids are dropped, and counted in a warning.
///
/// CSV/TSV: UTF-8 with a header row (source language first), RFC 4180
/// quoting for CSV; --bom for Excel; --escape-formulas for cells that start
/// with = + - @.
///
/// Units are streamed from the database: memory stays flat however large
/// the export.
#[derive(clap::Args)]
pub struct Args {
    /// The format to write [default: from the extension of --output, else tmx]
    #[arg(long, value_parser = choice::<Format>(&["tmx", "csv", "tsv"]))]
    format: Option<Format>,

    /// Where to write [default: standard output]
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Only units of this document (id, path or unique part of it)
    #[arg(long)]
    doc: Option<String>,

    /// Only units using this glossary concept (its id or any of its terms)
    #[arg(long, value_name = "CONCEPT_OR_TERM")]
    term: Option<String>,

    /// Only units created on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    since: Option<String>,

    /// Only units with both an English and a Chinese side
    #[arg(long)]
    bilingual_only: bool,

    /// The source language (TMX srclang; the first column of CSV/TSV)
    #[arg(long, value_parser = parse_lang, default_value = "en")]
    source_lang: Lang,

    /// Start CSV/TSV with a byte order mark (for Excel)
    #[arg(long)]
    bom: bool,

    /// Prefix CSV/TSV cells that start with = + - @ with an apostrophe
    #[arg(long)]
    escape_formulas: bool,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<Outcome> {
    let store = open_memory(db)?;
    let format = args.format.unwrap_or_else(|| {
        args.output
            .as_deref()
            .and_then(Format::from_path)
            .filter(|f| f.writable())
            .unwrap_or(Format::Tmx)
    });
    let options = ExportOptions {
        filter: filter(
            &store,
            args.doc.as_deref(),
            args.term.as_deref(),
            args.since.as_deref(),
            args.bilingual_only,
        )?,
        format,
        source: args.source_lang,
        bom: args.bom,
        escape_formulas: args.escape_formulas,
    };
    let mut summary = Default::default();
    let to_file = args.output.as_deref().filter(|p| p.as_os_str() != "-");
    output::to_file_or_stdout(to_file, |out| {
        summary = export(&store, &options, out)?;
        Ok(())
    })
    .with_context(|| match to_file {
        Some(path) => format!("writing {}", path.display()),
        None => "writing the export".into(),
    })?;
    if let Some(path) = to_file {
        eprintln!("tifa: wrote {} units to {}", summary.units, path.display());
    }
    if summary.dropped > 0 {
        eprintln!(
            "tifa: warning: {} characters that XML 1.0 forbids were left out of the TMX",
            summary.dropped
        );
    }
    Ok(Outcome::Success)
}
