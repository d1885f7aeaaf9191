//! `tifa show`: the documents of the memory, or one document's sentences.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::open_memory;
use crate::output::{self, Format};
use crate::Outcome;

/// List the documents in the memory, or show one document's sentences with
/// their positions (paragraph.sentence).
///
/// DOC is a document's id, its path as imported, or a unique file name
/// (`tifa show report-a.en.txt`).
#[derive(clap::Args)]
pub struct Args {
    /// The document to show [default: list all documents]
    doc: Option<String>,

    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Serialize)]
struct Row<'a> {
    position: u64,
    paragraph: u64,
    sentence: u64,
    unit: i64,
    en: Option<&'a str>,
    zh: Option<&'a str>,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<Outcome> {
    let store = open_memory(db)?;
    let mut out = output::stdout();
    let Some(query) = args.doc else {
        let docs = store.documents()?;
        match args.format {
            Format::Table => {
                writeln!(
                    out,
                    "{:>4}  {:<5} {:>6}  {:<16} path",
                    "id", "lang", "units", "encoding"
                )?;
                for d in &docs {
                    let lang = d.lang.map_or("en+zh", |l| l.code());
                    writeln!(
                        out,
                        "{:>4}  {:<5} {:>6}  {:<16} {}",
                        d.id, lang, d.units, d.encoding, d.path
                    )?;
                }
            }
            format => output::write_records(&mut out, format, &docs)?,
        }
        out.flush()?;
        return Ok(Outcome::Success);
    };
    let doc = store.find_document(&query)?;
    let occurrences = store.document_occurrences(doc.id)?;
    match args.format {
        Format::Table => {
            let lang = doc
                .lang
                .map_or_else(|| "en+zh".to_string(), |l| l.to_string());
            writeln!(
                out,
                "{} — {} ({lang}, {} units, {}, imported {})",
                doc.path, doc.title, doc.units, doc.encoding, doc.imported_at
            )?;
            for o in &occurrences {
                let text = match (&o.en, &o.zh) {
                    (Some(en), Some(zh)) => format!("{en}\n{:>10}{zh}", ""),
                    (Some(t), None) | (None, Some(t)) => t.clone(),
                    (None, None) => String::new(),
                };
                writeln!(out, "{:>5}.{:<3} {text}", o.paragraph, o.sentence)?;
            }
        }
        format => {
            let rows: Vec<Row<'_>> = occurrences
                .iter()
                .map(|o| Row {
                    position: o.position,
                    paragraph: o.paragraph,
                    sentence: o.sentence,
                    unit: o.unit,
                    en: o.en.as_deref(),
                    zh: o.zh.as_deref(),
                })
                .collect();
            output::write_records(&mut out, format, &rows)?;
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}
