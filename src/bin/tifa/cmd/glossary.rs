//! `tifa glossary`: import, add to, list and export the glossary of fixed
//! political terms.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Subcommand;
use tifa::formats::{glossary_csv, omegat, tbx, GlossaryFormat};
use tifa::glossary::{Concept, Entry, Source, Status, Term};
use tifa::import::glossary::{self as import, Replace};

use super::{choice, open_store};
use crate::output::report::report_import;
use crate::output::{self, Format};
use crate::Outcome;

/// The glossary of fixed political terms: import, add, list, export.
///
/// Each concept has a category, Chinese terms, exactly one preferred English
/// rendering, admitted and deprecated renderings, a note and its sources.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Import(ImportArgs),
    Add(Box<AddArgs>),
    List(ListArgs),
    Export(ExportArgs),
}

/// Import glossary files: CSV or TSV with a header row, or TBX (2008
/// martif, or v3).
///
/// CSV/TSV columns: zh and en (required), id, category, admitted, deprecated, note,
/// sources. Several terms in a cell are separated by " | ". Source ids are
/// resolved in a sources file (id,title,publisher,url,date): --sources, or
/// sources.csv next to the file; full citations as tifa exports them are
/// read as they are.
///
/// The whole import is checked before anything is written: a concept with
/// two preferred renderings, an English term claimed by two concepts, empty
/// terms, unknown or missing columns, broken quoting, undecodable bytes.
/// Every problem is reported with its line, and if any is found nothing is
/// imported.
///
/// By default an import MERGES: concepts in the file are added, or replace
/// the concept with the same id; other concepts stay. With --replace the
/// glossary becomes exactly the imported files. Importing the same file
/// again changes nothing.
#[derive(clap::Args)]
struct ImportArgs {
    /// Glossary files
    #[arg(required = true)]
    files: Vec<PathBuf>,

    /// The sources file [default: sources.csv next to each file, if any]
    #[arg(long, value_name = "FILE")]
    sources: Option<PathBuf>,

    /// Remove every concept that is not in the imported files
    #[arg(long)]
    replace: bool,
}

/// Add a concept to the glossary.
///
/// The glossary is checked as a whole first: an English or Chinese term that
/// belongs to another concept is refused. Give the source that attests the
/// rendering (--source-title, --source-url, --source-date).
#[derive(clap::Args)]
struct AddArgs {
    /// The Chinese term (repeat for other forms; the first is the main one)
    #[arg(long, required = true)]
    zh: Vec<String>,
    /// The preferred English rendering
    #[arg(long, required = true)]
    en: String,
    /// Another acceptable rendering (repeatable)
    #[arg(long)]
    admitted: Vec<String>,
    /// A rendering to replace by the preferred one (repeatable)
    #[arg(long)]
    deprecated: Vec<String>,
    /// The category (theory, party-building, discipline, institutions, ...)
    #[arg(long, default_value = "uncategorized")]
    category: String,
    /// Usage, capitalisation, article; where sources disagree
    #[arg(long, default_value = "")]
    note: String,
    /// The concept's id [default: made from the English rendering]
    #[arg(long)]
    id: Option<String>,
    /// Replace the concept with the same id if there is one
    #[arg(long)]
    update: bool,
    /// Title of the source that attests the rendering
    #[arg(long, requires = "source_url")]
    source_title: Option<String>,
    /// Its address
    #[arg(long)]
    source_url: Option<String>,
    /// Its publisher (Xinhua, China Daily, Qiushi, ...)
    #[arg(long, default_value = "")]
    source_publisher: String,
    /// Its date, YYYY-MM-DD
    #[arg(long, default_value = "")]
    source_date: String,
}

/// List the concepts of the glossary.
#[derive(clap::Args)]
struct ListArgs {
    /// Only this category
    #[arg(long)]
    category: Option<String>,
    /// Only English terms of this status (one row per term)
    #[arg(long, value_parser = choice::<Status>(&["preferred", "admitted", "deprecated"]))]
    status: Option<Status>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

/// Export the glossary for CAT tools and spreadsheets.
///
/// csv: UTF-8 with a header row (zh, en, admitted, deprecated, category,
/// note, sources, id), RFC 4180; --bom for Excel. It imports back as it was.
///
/// omegat: OmegaT's glossary format: tab-separated source term, target term,
/// comment; UTF-8; no header row. Name the file .utf8 or .txt and put it in
/// the project's glossary/ folder. zh→en by default (every Chinese form with
/// the preferred English, the comment giving the other renderings and the
/// note); --direction en-zh lists every English rendering, deprecated ones
/// marked as such.
///
/// tbx: TBX 2008 (martif) in the TBX-Basic style, which OmegaT 3.6 and
/// translate-toolkit read, with every term's administrative status
/// (preferred, admitted, deprecated), the category, note and sources.
///
/// tbx3: TBX v3 (ISO 30042:2019), TBX-Basic dialect.
#[derive(clap::Args)]
struct ExportArgs {
    /// The format to write
    #[arg(long, value_parser = choice::<GlossaryFormat>(&["csv", "omegat", "tbx", "tbx3"]))]
    format: GlossaryFormat,
    /// Where to write [default: standard output]
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Start the file with a byte order mark (for Excel)
    #[arg(long)]
    bom: bool,
    /// Term direction for the OmegaT format
    #[arg(long, value_parser = choice::<omegat::Direction>(&["zh-en", "en-zh"]), default_value = "zh-en")]
    direction: omegat::Direction,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<Outcome> {
    match args.command {
        Command::Import(a) => run_import(a, db),
        Command::Add(a) => run_add(*a, db),
        Command::List(a) => run_list(a, db),
        Command::Export(a) => run_export(a, db),
    }
}

fn run_import(args: ImportArgs, db: &Path) -> anyhow::Result<Outcome> {
    let mut store = open_store(db)?;
    let replace = if args.replace {
        Replace::Everything
    } else {
        Replace::Nothing
    };
    let outcome = import::import_files(&mut store, &args.files, args.sources.as_deref(), replace)?;
    let mut out = output::stdout();
    let label = args
        .files
        .iter()
        .map(|f| f.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    report_import(&mut out, &label, &outcome)?;
    out.flush()?;
    Ok(Outcome::Success)
}

fn run_add(args: AddArgs, db: &Path) -> anyhow::Result<Outcome> {
    let mut en = vec![Term {
        text: args.en.trim().to_string(),
        status: Status::Preferred,
    }];
    en.extend(args.admitted.iter().map(|t| Term {
        text: t.trim().to_string(),
        status: Status::Admitted,
    }));
    en.extend(args.deprecated.iter().map(|t| Term {
        text: t.trim().to_string(),
        status: Status::Deprecated,
    }));
    let sources = match (args.source_title, args.source_url) {
        (Some(title), Some(url)) => vec![Source::cited(
            title,
            url,
            args.source_publisher,
            args.source_date,
        )],
        _ => Vec::new(),
    };
    let concept = Concept {
        id: args.id.unwrap_or_else(|| tifa::glossary::slug(&args.en)),
        category: args.category,
        zh: args.zh.iter().map(|z| z.trim().to_string()).collect(),
        en,
        note: args.note,
        sources,
    };
    let mut store = open_store(db)?;
    if !args.update && store.concepts()?.iter().any(|s| s.concept.id == concept.id) {
        anyhow::bail!(
            "the glossary has a concept {:?} already: give another --id, or --update to replace it",
            concept.id
        );
    }
    let outcome = import::add_concepts(&mut store, vec![Entry { line: 0, concept }])?;
    let mut out = output::stdout();
    report_import(&mut out, "added", &outcome)?;
    out.flush()?;
    Ok(Outcome::Success)
}

fn run_list(args: ListArgs, db: &Path) -> anyhow::Result<Outcome> {
    let store = open_store(db)?;
    let concepts: Vec<Concept> = store
        .concepts()?
        .into_iter()
        .map(|s| s.concept)
        .filter(|c| {
            args.category
                .as_deref()
                .is_none_or(|cat| c.category.eq_ignore_ascii_case(cat))
        })
        .filter(|c| args.status.is_none_or(|s| c.terms_with(s).next().is_some()))
        .collect();
    let mut out = output::stdout();
    match (args.format, args.status) {
        (Format::Table, None) => {
            for c in &concepts {
                let others = c.en.len() - 1;
                let more = if others > 0 {
                    format!("  (+{others})")
                } else {
                    String::new()
                };
                writeln!(
                    out,
                    "{:<16} {}  →  {}{more}   [{}]",
                    c.category,
                    c.zh.join(" / "),
                    c.preferred(),
                    c.id
                )?;
            }
        }
        (Format::Table, Some(status)) => {
            for c in &concepts {
                for t in c.terms_with(status) {
                    if status == Status::Preferred {
                        writeln!(out, "{}  {t}   [{}]", c.zh[0], c.id)?;
                    } else {
                        writeln!(
                            out,
                            "{:<10} {t:?} → {:?}  ({})",
                            status.code(),
                            c.preferred(),
                            c.zh[0]
                        )?;
                    }
                }
            }
        }
        (Format::Csv, _) => glossary_csv::write(&mut out, &concepts, false)?,
        (format, _) => output::write_records(&mut out, format, &concepts)?,
    }
    out.flush()?;
    Ok(Outcome::Success)
}

fn run_export(args: ExportArgs, db: &Path) -> anyhow::Result<Outcome> {
    let store = open_store(db)?;
    let concepts: Vec<Concept> = store.concepts()?.into_iter().map(|s| s.concept).collect();
    let write = |out: &mut dyn Write| -> tifa::Result<()> {
        match args.format {
            GlossaryFormat::Csv | GlossaryFormat::Tsv => {
                glossary_csv::write(out, &concepts, args.bom)
            }
            GlossaryFormat::Omegat => omegat::write(out, &concepts, args.direction, args.bom),
            GlossaryFormat::Tbx => tbx::write(out, &concepts, tbx::Flavour::Martif),
            GlossaryFormat::Tbx3 => tbx::write(out, &concepts, tbx::Flavour::V3),
        }
    };
    output::to_file_or_stdout(args.output.as_deref(), write).with_context(|| {
        match args.output.as_deref().filter(|p| p.as_os_str() != "-") {
            Some(path) => format!("writing {}", path.display()),
            None => "writing the glossary".into(),
        }
    })?;
    Ok(Outcome::Success)
}
