//! `tifa export`: the memory for CAT tools and spreadsheets.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::ValueEnum;
use tifa::formats::memory_csv::MemoryCsvWriter;
use tifa::formats::tmx::TmxWriter;
use tifa::glossary::Concept;
use tifa::search::resolve_concept;
use tifa::store::ExportFilter;
use tifa::store::Store;
use tifa::Lang;

use super::open_store;
use super::segment::parse_lang;
use crate::output::{self, write_file_atomically};
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
    #[arg(long, value_enum)]
    format: Option<ExportFormat>,

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

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Tmx,
    Csv,
    Tsv,
}

/// What a caller needs to export: the store, the filter, the format.
pub struct Export<'a> {
    pub store: &'a Store,
    pub filter: ExportFilter,
    pub format: ExportFormat,
    pub source: Lang,
    pub bom: bool,
    pub escape_formulas: bool,
}

/// Writes the export; returns (units, characters dropped).
pub fn write_export(e: &Export<'_>, out: &mut dyn Write) -> anyhow::Result<(u64, u64)> {
    let mut units = 0u64;
    let now = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    match e.format {
        ExportFormat::Tmx => {
            let mut w = TmxWriter::new(out, e.source, &now)?;
            e.store.for_each_export_unit_overlapped(&e.filter, |u| {
                units += 1;
                w.write(&u)
            })?;
            let (_, dropped) = w.finish()?;
            Ok((units, dropped))
        }
        ExportFormat::Csv | ExportFormat::Tsv => {
            let mut w = MemoryCsvWriter::new(
                out,
                e.format == ExportFormat::Tsv,
                e.bom,
                e.escape_formulas,
                e.source,
            )?;
            e.store.for_each_export_unit_overlapped(&e.filter, |u| {
                units += 1;
                w.write(&u)
            })?;
            w.finish()?;
            Ok((units, 0))
        }
    }
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<Outcome> {
    let store = open_store(db)?;
    let format = args.format.unwrap_or_else(|| {
        match args
            .output
            .as_ref()
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
        {
            Some(e) if e == "csv" => ExportFormat::Csv,
            Some(e) if e == "tsv" || e == "tab" => ExportFormat::Tsv,
            _ => ExportFormat::Tmx,
        }
    });
    let document = match &args.doc {
        Some(d) => Some(store.find_document(d)?.id),
        None => None,
    };
    let concept = match &args.term {
        Some(t) => {
            let concepts: Vec<Concept> = store.concepts()?.into_iter().map(|s| s.concept).collect();
            Some(resolve_concept(&concepts, t)?.id.clone())
        }
        None => None,
    };
    if let Some(since) = &args.since {
        let ok = since.len() >= 10
            && since.as_bytes()[4] == b'-'
            && since.as_bytes()[7] == b'-'
            && since[..4]
                .bytes()
                .chain(since[5..7].bytes())
                .chain(since[8..10].bytes())
                .all(|b| b.is_ascii_digit());
        if !ok {
            anyhow::bail!("--since takes a date YYYY-MM-DD, not {since:?}");
        }
    }
    let export = Export {
        store: &store,
        filter: ExportFilter {
            document,
            concept,
            since: args.since.clone(),
            bilingual_only: args.bilingual_only,
        },
        format,
        source: args.source_lang,
        bom: args.bom,
        escape_formulas: args.escape_formulas,
    };
    let (_, dropped) = match args.output.as_deref() {
        Some(path) if path.as_os_str() != "-" => {
            let mut counts = (0, 0);
            write_file_atomically(path, |out| {
                counts = write_export(&export, out)?;
                Ok(())
            })
            .with_context(|| format!("writing {}", path.display()))?;
            eprintln!("tifa: wrote {} units to {}", counts.0, path.display());
            counts
        }
        _ => {
            let mut out = output::stdout();
            let counts = write_export(&export, &mut out)?;
            out.flush()?;
            counts
        }
    };
    if dropped > 0 {
        eprintln!(
            "tifa: warning: {dropped} characters that XML 1.0 forbids were left out of the TMX"
        );
    }
    Ok(Outcome::Success)
}
