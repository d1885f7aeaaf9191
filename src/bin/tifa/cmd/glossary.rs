//! `tifa glossary`: import, add to, list and export the glossary of fixed
//! political terms.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Subcommand;
use tifa::date::PartialDate;
use tifa::formats::{glossary_csv, omegat, tbx, GlossaryFormat};
use tifa::glossary::lint::lint;
use tifa::glossary::lookup::resolve_concept;
use tifa::glossary::merge::OnConflict;
use tifa::glossary::{validate, Concept, Entry, Kind, Source, Status, Term};
use tifa::import::glossary::{self as import, Options, Replace};

use super::{choice, open_glossary, open_store};
use crate::output::report::report_import;
use crate::output::{self, Format};
use crate::Outcome;

/// The glossary of fixed political terms: import, add, variant add, list,
/// export, lint.
///
/// Each concept has a category, Chinese terms, exactly one preferred English
/// rendering, admitted, superseded and deprecated renderings (each with its
/// own sources, evidence and the dates it was in force), a note and its
/// sources. A new database starts with the glossary bundled with tifa.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Import(ImportArgs),
    Add(Box<AddArgs>),
    /// Work on one rendering of a concept (`variant add`)
    #[command(subcommand)]
    Variant(VariantCommand),
    List(ListArgs),
    Export(ExportArgs),
    Lint(LintArgs),
    Substitutions(SubstitutionsArgs),
}

#[derive(Subcommand)]
enum VariantCommand {
    Add(Box<VariantArgs>),
}

/// Import glossary files: CSV (comma or semicolon), TSV, spreadsheets
/// (.xlsx, .xls, .ods: the first sheet), each with a header row, or TBX
/// (2008 martif, or v3).
///
/// Columns: zh and en (required; also 中文 and 英文), id, category (类别),
/// admitted, superseded, deprecated, note (备注), sources (来源). Several
/// terms in a cell are separated by " | ". Source ids are resolved in a
/// sources file (id,title,publisher,url,date): --sources, or sources.csv
/// next to the file; full citations as tifa exports them are read as they
/// are; without a sources file any text (a URL) is a source. A renderings
/// file (--renderings, or renderings.csv next to the files: concept, term,
/// status, kind, valid_from, valid_until, source, evidence, note) adds
/// renderings with their own provenance, to the files' concepts or the
/// glossary's.
///
/// The whole import is checked before anything is written: a concept with
/// two preferred renderings, an English term claimed by two concepts, empty
/// terms, unknown or missing columns, broken quoting, undecodable bytes.
/// Every problem is reported with its line, and if any is found nothing is
/// imported.
///
/// By default an import MERGES: a concept in the file is united with the
/// glossary's concept of the same id or the same Chinese term (renderings,
/// Chinese forms, sources and notes added, nothing lost); other concepts
/// stay. Where the two disagree (another preferred rendering, a term with
/// another status, another category), --on-conflict decides: fail (the
/// default: every conflict reported with its line, nothing imported),
/// skip (the glossary's concept is kept) or replace (the file's wins; a
/// replaced preferred rendering stays, as admitted). A file imported again
/// replaces what it gave before. With --replace the glossary becomes
/// exactly the imported files. Importing the same file again changes
/// nothing.
#[derive(clap::Args)]
struct ImportArgs {
    /// Glossary files
    #[arg(required = true)]
    files: Vec<PathBuf>,

    /// The sources file [default: sources.csv next to each file, if any]
    #[arg(long, value_name = "FILE")]
    sources: Option<PathBuf>,

    /// The renderings file [default: renderings.csv next to the files, if any]
    #[arg(long, value_name = "FILE")]
    renderings: Option<PathBuf>,

    /// Remove every concept that is not in the imported files
    #[arg(long)]
    replace: bool,

    /// When a concept disagrees with the glossary's: fail, skip, replace
    #[arg(long, default_value = "fail", value_parser = choice::<OnConflict>(&["fail", "skip", "replace"]))]
    on_conflict: OnConflict,
}

/// Add a concept to the glossary, or add to one (--update).
///
/// The glossary is checked as a whole first: an English or Chinese term that
/// belongs to another concept is refused. Give the source that attests the
/// rendering (--source-title, --source-url, --source-date). With --update,
/// what you give is merged into the concept with that --id: Chinese forms,
/// renderings and sources are added, the category and note change only if
/// you give them, and nothing else is touched.
#[derive(clap::Args)]
struct AddArgs {
    /// The Chinese term (repeat for other forms; the first is the main one)
    #[arg(long, required_unless_present = "update")]
    zh: Vec<String>,
    /// The preferred English rendering
    #[arg(long, required_unless_present = "update")]
    en: Option<String>,
    /// Another acceptable rendering (repeatable)
    #[arg(long)]
    admitted: Vec<String>,
    /// A rendering to replace by the preferred one (repeatable)
    #[arg(long)]
    deprecated: Vec<String>,
    /// The category (theory, party-building, discipline, institutions, ...)
    #[arg(long)]
    category: Option<String>,
    /// Usage, capitalisation, article; where sources disagree
    #[arg(long)]
    note: Option<String>,
    /// The case of the renderings matters: `tifa check` reports one written
    /// with a capital lowered ("the two upholds" for "the Two Upholds")
    #[arg(long)]
    case_sensitive: bool,
    /// The concept's id [default: made from the English rendering]
    #[arg(long, required_if_eq("update", "true"))]
    id: Option<String>,
    /// Add to the concept with this --id instead of adding a new one
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
    /// Its date, YYYY-MM-DD (or YYYY-MM, YYYY)
    #[arg(long, value_parser = parse_date)]
    source_date: Option<PartialDate>,
}

/// Add a rendering to a concept, touching nothing else of it.
///
/// CONCEPT is the concept's id or any of its terms. The rendering gets its
/// status (admitted, superseded, deprecated), its kind (official,
/// superseded, press, literal), the dates it was in force, where it was
/// seen (--source-*) and the words around it there (--evidence). The
/// concept's category, note, sources and other renderings stay as they are,
/// and `tifa build` keeps the addition when it loads glossary/ again.
#[derive(clap::Args)]
struct VariantArgs {
    /// The concept (its id or any of its terms)
    concept: String,
    /// The rendering
    term: String,
    /// Its status
    #[arg(long, value_parser = choice::<Status>(&["admitted", "superseded", "deprecated"]))]
    status: Status,
    /// What kind of rendering it is
    #[arg(long, value_parser = choice::<Kind>(&["official", "superseded", "press", "literal"]))]
    kind: Option<Kind>,
    /// When it came into use (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long, value_parser = parse_date)]
    valid_from: Option<PartialDate>,
    /// When it went out of use
    #[arg(long, value_parser = parse_date)]
    valid_until: Option<PartialDate>,
    /// The words around it where it was seen
    #[arg(long, default_value = "")]
    evidence: String,
    /// A note on it
    #[arg(long, default_value = "")]
    note: String,
    /// Title of the page or document where it was seen
    #[arg(long, requires = "source_url")]
    source_title: Option<String>,
    /// Its address
    #[arg(long)]
    source_url: Option<String>,
    /// Its publisher or outlet
    #[arg(long, default_value = "")]
    source_publisher: String,
    /// Its date
    #[arg(long, value_parser = parse_date)]
    source_date: Option<PartialDate>,
}

/// Review the glossary: what a reviewer should not accept.
///
/// Every rendering sourced (the preferred one by the concept's sources,
/// every other by its own), source URLs and dates present and real, dates in
/// order, evidence that shows the rendering it attests, superseded
/// renderings with the date they were replaced, no form preferred in one
/// concept and replaced in another without a note, no concept under two ids
/// (the same Chinese term, traditional or simplified, or the same preferred
/// rendering), known categories. FILES are glossary files (with their
/// sources and renderings files) to lint before importing them; without
/// FILES the glossary in use is linted. Exit status 1 when there are errors.
#[derive(clap::Args)]
struct LintArgs {
    /// Glossary files [default: the glossary of the database]
    files: Vec<PathBuf>,
    /// Also list warnings
    #[arg(short, long)]
    warnings: bool,
}

/// The word substitutions `tifa check` generalises when it looks for near
/// renderings, learnt from the glossary: a pair of content words (as stems)
/// that tells a non-standard rendering from a correct one of the same
/// concept, seen in two or more concepts, with those concepts.
#[derive(clap::Args)]
struct SubstitutionsArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

fn parse_date(s: &str) -> Result<PartialDate, String> {
    s.parse()
}

/// List the concepts of the glossary.
#[derive(clap::Args)]
struct ListArgs {
    /// Only this category
    #[arg(long)]
    category: Option<String>,
    /// Only English terms of this status (one row per term)
    #[arg(long, value_parser = choice::<Status>(&["preferred", "admitted", "superseded", "deprecated"]))]
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
        Command::Variant(VariantCommand::Add(a)) => run_variant(*a, db),
        Command::List(a) => run_list(a, db),
        Command::Export(a) => run_export(a, db),
        Command::Lint(a) => run_lint(a, db),
        Command::Substitutions(a) => run_substitutions(a, db),
    }
}

fn run_import(args: ImportArgs, db: &Path) -> anyhow::Result<Outcome> {
    let mut store = open_store(db)?;
    let options = Options {
        sources: args.sources.clone(),
        renderings: args.renderings.clone(),
        replace: if args.replace {
            Replace::Everything
        } else {
            Replace::Nothing
        },
        on_conflict: args.on_conflict,
    };
    let outcome = import::import_files(&mut store, &args.files, &options)?;
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

/// The source the --source-* options name, if any.
fn cited(
    title: Option<String>,
    url: Option<String>,
    publisher: String,
    date: Option<PartialDate>,
) -> Vec<Source> {
    match (title, url) {
        (Some(title), Some(url)) => vec![Source::cited(
            title,
            url,
            publisher,
            date.map(|d| d.to_string()).unwrap_or_default(),
        )],
        _ => Vec::new(),
    }
}

fn run_add(args: AddArgs, db: &Path) -> anyhow::Result<Outcome> {
    let sources = cited(
        args.source_title,
        args.source_url,
        args.source_publisher,
        args.source_date,
    );
    let mut en = Vec::new();
    if let Some(preferred) = &args.en {
        en.push(Term::new(preferred.trim(), Status::Preferred));
    }
    for (terms, status) in [
        (&args.admitted, Status::Admitted),
        (&args.deprecated, Status::Deprecated),
    ] {
        for t in terms {
            let mut term = Term::new(t.trim(), status);
            term.sources = sources.clone();
            en.push(term);
        }
    }
    let id = match (&args.id, &args.en) {
        (Some(id), _) => id.clone(),
        (None, Some(en)) => tifa::glossary::slug(en),
        (None, None) => anyhow::bail!("give --en, or the --id of the concept to update"),
    };
    let mut store = open_store(db)?;
    let existing = store.concepts()?.into_iter().find(|s| s.concept.id == id);
    let concept = match (&existing, args.update) {
        (Some(_), false) => anyhow::bail!(
            "the glossary has a concept {id:?} already: give another --id, or --update to add to it"
        ),
        (None, true) => anyhow::bail!("the glossary has no concept {id:?} to update"),
        (Some(stored), true) => {
            // What is not given stays as it is.
            let mut c = stored.concept.clone();
            c.zh = args.zh.iter().map(|z| z.trim().to_string()).collect();
            c.en = en;
            c.category = args.category.unwrap_or_else(|| "uncategorized".into());
            c.note = args.note.unwrap_or_default();
            c.sources = sources;
            c.case_sensitive |= args.case_sensitive;
            c
        }
        (None, false) => Concept {
            id,
            category: args.category.unwrap_or_else(|| "uncategorized".into()),
            zh: args.zh.iter().map(|z| z.trim().to_string()).collect(),
            en,
            note: args.note.unwrap_or_default(),
            sources,
            case_sensitive: args.case_sensitive,
        },
    };
    let outcome = import::add_concepts(
        &mut store,
        vec![Entry { line: 0, concept }],
        OnConflict::Replace,
    )?;
    let mut out = output::stdout();
    report_import(
        &mut out,
        if args.update { "updated" } else { "added" },
        &outcome,
    )?;
    out.flush()?;
    Ok(Outcome::Success)
}

fn run_variant(args: VariantArgs, db: &Path) -> anyhow::Result<Outcome> {
    let mut store = open_store(db)?;
    let concepts: Vec<Concept> = store.concepts()?.into_iter().map(|s| s.concept).collect();
    let mut concept = resolve_concept(&concepts, &args.concept)?.clone();
    let key = tifa::normalize::term_key(&args.term);
    if let Some(t) = concept
        .en
        .iter()
        .find(|t| tifa::normalize::term_key(&t.text) == key)
    {
        anyhow::bail!(
            "{} has {:?} already, as {}",
            concept.id,
            t.text,
            t.status.code()
        );
    }
    let term = Term {
        text: args.term.trim().to_string(),
        status: args.status,
        kind: args.kind,
        valid_from: args.valid_from,
        valid_until: args.valid_until,
        sources: cited(
            args.source_title,
            args.source_url,
            args.source_publisher,
            args.source_date,
        ),
        evidence: args.evidence,
        note: args.note,
    };
    concept.en.push(term);
    let id = concept.id.clone();
    let outcome = import::add_concepts(
        &mut store,
        vec![Entry { line: 0, concept }],
        OnConflict::Fail,
    )?;
    let mut out = output::stdout();
    report_import(
        &mut out,
        &format!("{id}: {:?} added", args.term.trim()),
        &outcome,
    )?;
    out.flush()?;
    Ok(Outcome::Success)
}

fn run_substitutions(args: SubstitutionsArgs, db: &Path) -> anyhow::Result<Outcome> {
    let concepts: Vec<Concept> = open_glossary(db)?
        .concepts()?
        .into_iter()
        .map(|s| s.concept)
        .collect();
    let index = tifa::check::near::NearIndex::new(&concepts);
    let subs = index.substitutions();
    let mut out = output::stdout();
    match args.format {
        Format::Table => {
            for s in subs {
                writeln!(
                    out,
                    "{:<14} {:<14} {} concepts: {}",
                    s.from,
                    s.to,
                    s.concepts.len(),
                    s.concepts.join(", ")
                )?;
            }
        }
        format => output::write_records(&mut out, format, subs)?,
    }
    out.flush()?;
    if subs.is_empty() {
        eprintln!("tifa: warning: the glossary shows no substitution in two or more concepts");
        return Ok(Outcome::Found);
    }
    Ok(Outcome::Success)
}

fn run_lint(args: LintArgs, db: &Path) -> anyhow::Result<Outcome> {
    let mut out = output::stdout();
    let concepts: Vec<Concept> = if args.files.is_empty() {
        open_glossary(db)?
            .concepts()?
            .into_iter()
            .map(|s| s.concept)
            .collect()
    } else {
        let entries = import::read_files(&args.files, &Options::default())?;
        let problems = validate(&entries.iter().map(|(_, e)| e.clone()).collect::<Vec<_>>());
        if let Some(p) = problems.iter().find(|p| p.fatal) {
            anyhow::bail!(
                "the files do not make a valid glossary: line {}: {}",
                p.line,
                p.message
            );
        }
        entries.into_iter().map(|(_, e)| e.concept).collect()
    };
    let found = lint(&concepts);
    let errors = found.iter().filter(|l| l.error).count();
    for l in found.iter().filter(|l| l.error || args.warnings) {
        let kind = if l.error { "error" } else { "warning" };
        writeln!(out, "{kind}: {}: {}", l.concept, l.message)?;
    }
    writeln!(
        out,
        "{} concepts: {errors} errors, {} warnings",
        concepts.len(),
        found.len() - errors
    )?;
    out.flush()?;
    Ok(if errors > 0 {
        Outcome::Found
    } else {
        Outcome::Success
    })
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
    let store = open_glossary(db)?;
    let concepts: Vec<Concept> = store.concepts()?.into_iter().map(|s| s.concept).collect();
    if concepts.is_empty() {
        anyhow::bail!(
            "the glossary in {} is empty: nothing to export (import one with `tifa glossary import FILE`)",
            db.display()
        );
    }
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
