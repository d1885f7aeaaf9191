//! Exporting the memory for CAT tools and spreadsheets: the units a filter
//! takes, streamed from the store into a TMX, CSV or TSV writer.

use std::io::Write;

use crate::formats::{self, Format, WriteOptions};
use crate::glossary::lookup::resolve_concept;
use crate::store::{ExportFilter, Store};
use crate::{Error, Lang, Result};

/// What to export, and how.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    pub filter: ExportFilter,
    pub format: Format,
    /// The source language (TMX srclang; the first column of CSV/TSV).
    pub source: Lang,
    /// Start CSV/TSV with a byte order mark (for Excel).
    pub bom: bool,
    /// Prefix CSV/TSV cells that start with = + - @ with an apostrophe.
    pub escape_formulas: bool,
}

/// What an export wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportSummary {
    pub units: u64,
    /// Characters that XML 1.0 forbids, left out of a TMX file.
    pub dropped: u64,
}

/// Writes the export to `out`. Units are streamed from the database, so
/// memory stays flat however large the export.
pub fn export(
    store: &Store,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> Result<ExportSummary> {
    let created = time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let mut writer = formats::writer(
        options.format,
        out,
        &WriteOptions {
            source: options.source,
            bom: options.bom,
            escape_formulas: options.escape_formulas,
            created,
        },
    )?;
    let mut units = 0u64;
    store.for_each_export_unit_overlapped(&options.filter, |u| {
        units += 1;
        writer.write(&u)
    })?;
    let dropped = writer.finish()?;
    Ok(ExportSummary { units, dropped })
}

/// The filter a user's choices make: a document (id, path or unique part
/// of it), a glossary concept (its id or any of its terms), a date
/// (YYYY-MM-DD, or an RFC 3339 time), bilingual units only.
pub fn filter(
    store: &Store,
    document: Option<&str>,
    concept: Option<&str>,
    since: Option<&str>,
    bilingual_only: bool,
) -> Result<ExportFilter> {
    let document = match document {
        Some(d) => Some(store.find_document(d)?.id),
        None => None,
    };
    let concept = match concept {
        Some(t) => {
            let concepts: Vec<_> = store.concepts()?.into_iter().map(|s| s.concept).collect();
            Some(resolve_concept(&concepts, t)?.id.clone())
        }
        None => None,
    };
    if let Some(since) = since {
        let date = time::macros::format_description!("[year]-[month]-[day]");
        let rfc3339 = &time::format_description::well_known::Rfc3339;
        if time::Date::parse(since, &date).is_err()
            && time::OffsetDateTime::parse(since, rfc3339).is_err()
        {
            return Err(Error::Invalid(format!(
                "--since takes a date YYYY-MM-DD, not {since:?}"
            )));
        }
    }
    Ok(ExportFilter {
        document,
        concept,
        since: since.map(str::to_string),
        bilingual_only,
    })
}
