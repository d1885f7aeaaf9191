//! `tifa check`: the linter for renderings.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use tifa::check::ignore::Ignore;
use tifa::check::input::{check_file, fix_file, AsOf, Checked};
use tifa::check::{accepted, check_memory, CaseRule, CheckOptions, Checker, Finding};
use tifa::date::PartialDate;
use tifa::formats::pairs::ColumnLangs;
use tifa::formats::Positions;
use tifa::store::Store;
use tifa::Lang;

use super::{open_glossary, open_memory, parse_lang, read_input};
use crate::output::check::{CheckFormat, Printer};
use crate::output::{self, ColorChoice};
use crate::Outcome;

/// Check texts for non-standard renderings of glossary terms.
///
/// English text: every deprecated rendering, with the preferred one; near
/// misses of multi-word terms such as "Communist Paty of China"; and near
/// renderings (nonstandard): spans that are a glossary rendering up to
/// inflection, function words, word order and the word substitutions that
/// the glossary's attested variants show ("comprehensive and strict
/// governance of the Party's conduct"), with a score from 0 to 1
/// (--min-score).
/// Aligned pairs (.tsv/.csv with en and zh columns): each pair is checked,
/// and a Chinese term of the source whose preferred or admitted rendering is
/// missing from the English side is reported ("两个维护 appears twice, "the
/// Two Upholds" once"). Pairs, TMX files (unit by unit) and the memory
/// also get bilingual QA: a number one side has and the other lacks (2023
/// for 二〇二四年, 1.3 billion for 12亿), Chinese left in the English, a
/// Chinese unit with no English, and one sentence translated two ways
/// (inconsistent). --memory checks the stored memory instead.
///
/// Each finding of the memory has a stable id, shown in brackets after its
/// place (`report.txt:3.1 [a1b2c3d4e5f6]`, an `id` field in JSON). A
/// finding reviewed and let stand is accepted with `--memory --accept ID`
/// (kept in the database, across rebuilds of the memory); later checks
/// leave it out and count it on standard error. `--accepted` lists the
/// acceptances, `--unaccept ID` undoes one.
///
/// Output is like a compiler's: path:line:col, the line and a caret under
/// the span; or JSON; or a report: one HTML page with the findings grouped
/// by concept, or an Excel workbook (`--format html|xlsx`, `-o FILE`).
/// Exit status: 0 clean, 1 findings, 2 error.
#[derive(clap::Args)]
pub struct Args {
    /// Files to check; `-` reads standard input
    #[arg(default_value = "-")]
    files: Vec<PathBuf>,

    /// Check the stored memory instead of files
    #[arg(long, conflicts_with_all = ["fix", "in_place"])]
    memory: bool,

    /// Write the text with deprecated renderings replaced by the preferred
    /// ones (to standard output; see --in-place). A replacement keeps the
    /// sentence grammatical (articles, possessives, capitals); one that
    /// cannot is not made and is reported on standard error (exit 1)
    #[arg(long)]
    fix: bool,

    /// With --fix, rewrite the files instead of printing them, keep each
    /// original as FILE.orig and print what was changed
    #[arg(long, requires = "fix")]
    in_place: bool,

    /// With --in-place, keep no FILE.orig
    #[arg(long, requires = "in_place")]
    no_backup: bool,

    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    format: CheckFormat,

    /// Write the findings to FILE (whole, once checking is done) instead of
    /// standard output; `-` is standard output
    #[arg(short, long, value_name = "FILE", conflicts_with = "fix")]
    output: Option<PathBuf>,

    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,

    /// The language of a `source` column in pairs files
    #[arg(long, value_parser = parse_lang)]
    source_lang: Option<Lang>,

    /// The language of a `target` column in pairs files
    #[arg(long, value_parser = parse_lang)]
    target_lang: Option<Lang>,

    /// Judge texts by the renderings in force at this date (YYYY-MM-DD,
    /// YYYY-MM, YYYY; default today): a superseded rendering is not a
    /// finding in a text of its time. `auto` reads each file's date from its
    /// name or first lines (today when it has none).
    #[arg(long, value_name = "DATE|auto", value_parser = parse_as_of)]
    as_of: Option<DateChoice>,

    /// An ignore file of accepted findings (concept:ID, FILE:LINE or an
    /// exact phrase per line); a `.tifaignore` next to a checked file is
    /// read as well. Accepted findings are counted, not shown. With
    /// --memory, FILE:LINE is a document's path and paragraph
    #[arg(long, value_name = "FILE")]
    ignore: Vec<PathBuf>,

    /// With --memory: accept the finding ID (shown in brackets after its
    /// place) and store it in the database; later checks leave it out.
    /// Repeat for more: all are stored, or none if one is not a finding
    #[arg(long, value_name = "ID", requires = "memory", conflicts_with_all = ["unaccept", "accepted"])]
    accept: Vec<String>,

    /// With --accept: a note kept with the accepted findings (why they stand)
    #[arg(long, value_name = "TEXT", requires = "accept")]
    note: Option<String>,

    /// With --memory: undo the acceptance of the finding ID (repeat for more)
    #[arg(
        long,
        value_name = "ID",
        requires = "memory",
        conflicts_with = "accepted"
    )]
    unaccept: Vec<String>,

    /// With --memory: list the accepted findings (id, kind, text found,
    /// place, date, note) as text, json or jsonl
    #[arg(long, requires = "memory")]
    accepted: bool,

    /// The lowest score (0 to 1) of a near rendering that is reported;
    /// `--min-score 1.01` turns them off
    #[arg(long, value_name = "SCORE", default_value_t = tifa::check::near::DEFAULT_MIN_SCORE, value_parser = parse_score)]
    min_score: f64,

    /// Case: strict reports a rendering of a concept whose case matters
    /// (the glossary's `case` column) written with a capital lowered ("the
    /// two upholds", "party committee"); ignore never does
    #[arg(long, value_enum, default_value = "strict")]
    case: CaseChoice,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CaseChoice {
    Strict,
    Ignore,
}

fn parse_score(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..=2.0).contains(&v) => Ok(v),
        _ => Err(format!("{s:?} is not a score from 0 to 1")),
    }
}

#[derive(Clone, Copy)]
enum DateChoice {
    Date(PartialDate),
    Auto,
}

fn parse_as_of(s: &str) -> Result<DateChoice, String> {
    if s.eq_ignore_ascii_case("auto") {
        Ok(DateChoice::Auto)
    } else {
        s.parse().map(DateChoice::Date)
    }
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<Outcome> {
    let sink = output::Sink::new(args.output.as_deref());
    if args.format == CheckFormat::Xlsx
        && !args.fix
        && !sink.is_file()
        && std::io::stdout().is_terminal()
    {
        anyhow::bail!("--format xlsx writes a binary file: give -o FILE");
    }
    // Colour is for a terminal: `auto` never colours a file.
    let color = match args.color {
        ColorChoice::Auto if sink.is_file() => false,
        choice => choice.enabled(),
    };
    let mut store = if args.memory {
        open_memory(db)?
    } else {
        open_glossary(db)?
    };
    if args.accepted {
        list_accepted(&store, args.format, sink)?;
        return Ok(Outcome::Success);
    }
    if !args.unaccept.is_empty() {
        let ids = ids_of(&args.unaccept);
        let removed = store.unaccept(&ids)?;
        say_acceptances(sink, "unaccepted", &removed)?;
        return Ok(Outcome::Success);
    }
    let concepts: Vec<_> = store.concepts()?.into_iter().map(|s| s.concept).collect();
    if concepts.is_empty() {
        anyhow::bail!(
            "the glossary is empty: run `tifa build` (or `tifa glossary import FILE`) first"
        );
    }
    let (date, as_of) = match args.as_of {
        Some(DateChoice::Date(d)) => (d, AsOf::Given),
        Some(DateChoice::Auto) => (PartialDate::today(), AsOf::Auto),
        None => (PartialDate::today(), AsOf::Given),
    };
    let checker = Checker::new(
        concepts,
        CheckOptions {
            as_of: date,
            min_score: args.min_score,
            case: match args.case {
                CaseChoice::Strict => CaseRule::Strict,
                CaseChoice::Ignore => CaseRule::Ignore,
            },
        },
    )?;
    if !args.accept.is_empty() {
        let ids = ids_of(&args.accept);
        let note = args.note.as_deref().unwrap_or("");
        let stored = accepted::accept(&mut store, &checker, &ids, note)?;
        say_acceptances(sink, "accepted", &stored)?;
        return Ok(Outcome::Success);
    }
    let mut out = Printer::new(sink, args.format, color);

    if args.memory {
        // The memory has no file beside it: only --ignore files apply, a
        // FILE:LINE entry naming a document's path and paragraph.
        let ignore = read_ignores(&args.ignore)?;
        let stored = store.accepted_ids()?;
        out.checked(&format!("the memory in {}", db.display()));
        let (mut count, mut by_store, mut by_file) = (0usize, 0usize, 0usize);
        check_memory(&store, &checker, |m| {
            if stored.contains(&m.id) {
                by_store += 1;
                return Ok(());
            }
            if ignore.accepts(&m.path, m.paragraph, &m.finding) {
                by_file += 1;
                return Ok(());
            }
            count += 1;
            let more = if m.more > 0 {
                format!(" (and {} more places)", m.more)
            } else {
                String::new()
            };
            let place = format!("{}:{}.{}{more}", m.path, m.paragraph, m.sentence);
            out.memory_finding(&place, &m.id, &m.text, &m.finding)
                .map_err(|e| tifa::Error::io("<standard output>", e))
        })?;
        out.finish()?.commit()?;
        not_shown(by_store, "stored with --accept");
        not_shown(by_file, "ignore files");
        return Ok(found_if(count > 0));
    }

    if args.fix {
        let mut skipped = 0usize;
        for file in &args.files {
            let (name, bytes) = read_input(file)?;
            let fixed = fix_file(&checker, &name, &bytes, as_of)?;
            let shown = name.display().to_string();
            let original = String::from_utf8_lossy(&bytes);
            let mut positions = Positions::new(&original);
            let in_place = args.in_place && file.as_os_str() != "-";
            for skip in &fixed.skipped {
                let (line, col) = positions.at(skip.finding.start);
                eprintln!(
                    "{shown}:{line}:{col}: not fixed: {:?} → {:?}: {}",
                    skip.finding.found, skip.finding.preferred, skip.reason
                );
            }
            skipped += fixed.skipped.len();
            if in_place {
                let mut positions = Positions::new(&original);
                for c in &fixed.changes {
                    let (line, col) = positions.at(c.start);
                    writeln!(
                        out.out,
                        "{shown}:{line}:{col}: {:?} → {:?}",
                        c.found, c.replacement
                    )?;
                }
                if !fixed.changes.is_empty() {
                    if !args.no_backup {
                        let backup = backup_path(file);
                        std::fs::copy(file, &backup).with_context(|| {
                            format!(
                                "keeping a backup of {} as {}",
                                file.display(),
                                backup.display()
                            )
                        })?;
                    }
                    output::write_file(file, |w| {
                        w.write_all(fixed.text.as_bytes())
                            .map_err(tifa::Error::output)
                    })
                    .with_context(|| format!("writing {}", file.display()))?;
                }
            } else {
                out.out.write_all(fixed.text.as_bytes())?;
            }
        }
        out.finish()?.commit()?;
        return Ok(found_if(skipped > 0));
    }

    let columns = ColumnLangs {
        source: args.source_lang,
        target: args.target_lang,
    };
    let given = read_ignores(&args.ignore)?;
    let mut count = 0usize;
    let mut accepted = 0usize;
    for file in &args.files {
        let (name, bytes) = read_input(file)?;
        let mut judged = check_file(&checker, &name, &bytes, columns, as_of)?;
        let ignore = ignore_for(file, &given)?;
        let name = name.display().to_string();
        out.checked(&name);
        if as_of == AsOf::Auto && !judged.dated_by_file {
            eprintln!(
                "tifa: warning: {name}: no date in its name or first lines; judged as of {}",
                judged.as_of
            );
        }
        let shown = name.as_str();
        if !ignore.is_empty() {
            let before = judged.checked.count();
            match &mut judged.checked {
                Checked::Pairs { rows } => {
                    for row in rows.iter_mut() {
                        let line = row.line;
                        row.findings.retain(|f| !ignore.accepts(shown, line, f));
                    }
                }
                Checked::Text { text, findings } => {
                    let mut positions = Positions::new(text);
                    findings.retain(|f| !ignore.accepts(shown, positions.at(f.start).0, f));
                }
            }
            accepted += before - judged.checked.count();
        }
        count += judged.checked.count();
        match judged.checked {
            Checked::Pairs { rows } => {
                for row in &rows {
                    let place = format!("{name}:{}", row.line);
                    for f in &row.findings {
                        out.finding(&place, Some(f.side), row.cell(f.side), f)?;
                    }
                }
            }
            Checked::Text { text, findings } => {
                let mut positions = Positions::new(&text);
                for f in &findings {
                    let (line, col) = positions.at(f.start);
                    let place = format!("{name}:{line}:{col}");
                    let line_start = positions.line_start();
                    let line_end = text[f.start..]
                        .find('\n')
                        .map_or(text.len(), |i| f.start + i);
                    let rel = Finding {
                        start: f.start - line_start,
                        end: f.end.min(line_end) - line_start,
                        ..f.clone()
                    };
                    out.finding(&place, None, &text[line_start..line_end], &rel)?;
                }
            }
        }
    }
    out.finish()?.commit()?;
    not_shown(accepted, "ignore files");
    Ok(found_if(count > 0))
}

/// Tells standard error how many accepted findings were left out, and
/// why.
fn not_shown(n: usize, why: &str) {
    if n > 0 {
        eprintln!(
            "tifa: {n} accepted finding{} not shown ({why})",
            if n == 1 { "" } else { "s" }
        );
    }
}

/// Finding ids as given, trimmed and in lower case (as they are shown).
fn ids_of(given: &[String]) -> Vec<String> {
    given
        .iter()
        .map(|id| id.trim().to_ascii_lowercase())
        .collect()
}

/// What `--accept` or `--unaccept` did, one acceptance a line:
/// `accepted ID: kind "found" at place`.
fn say_acceptances(
    mut sink: output::Sink,
    done: &str,
    acceptances: &[tifa::store::AcceptedFinding],
) -> anyhow::Result<()> {
    for a in acceptances {
        writeln!(
            sink,
            "{done} {}: {} {:?} at {}",
            a.id, a.kind, a.found, a.place
        )?;
    }
    sink.commit()?;
    Ok(())
}

/// `--accepted`: the stored acceptances, one a line, or as JSON.
fn list_accepted(store: &Store, format: CheckFormat, mut sink: output::Sink) -> anyhow::Result<()> {
    let accepted = store.accepted_findings()?;
    match format {
        CheckFormat::Json => output::write_records(&mut sink, output::Format::Json, &accepted)?,
        CheckFormat::Jsonl => output::write_records(&mut sink, output::Format::Jsonl, &accepted)?,
        CheckFormat::Text => {
            for a in &accepted {
                let date = a.accepted_at.get(..10).unwrap_or(&a.accepted_at);
                write!(
                    sink,
                    "{} {} {:?} at {}, accepted {date}",
                    a.id, a.kind, a.found, a.place
                )?;
                if a.note.is_empty() {
                    writeln!(sink)?;
                } else {
                    writeln!(sink, ": {}", a.note)?;
                }
            }
        }
        CheckFormat::Html | CheckFormat::Xlsx => {
            anyhow::bail!("--accepted lists as text, json or jsonl, not as a report")
        }
    }
    sink.commit()?;
    Ok(())
}

/// The entries of the `--ignore` files.
fn read_ignores(paths: &[PathBuf]) -> anyhow::Result<Ignore> {
    let mut given = Ignore::default();
    for path in paths {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("reading the ignore file {}", path.display()))?;
        given.add(path, &text)?;
    }
    Ok(given)
}

/// The entries of `--ignore` files and of the `.tifaignore` next to `file`.
fn ignore_for(file: &Path, given: &Ignore) -> anyhow::Result<Ignore> {
    let mut ignore = given.clone();
    if file.as_os_str() == "-" {
        return Ok(ignore);
    }
    let beside = file
        .parent()
        .map_or_else(|| PathBuf::from(".tifaignore"), |d| d.join(".tifaignore"));
    if beside.is_file() {
        let text = std::fs::read_to_string(&beside)
            .with_context(|| format!("reading the ignore file {}", beside.display()))?;
        ignore.add(&beside, &text)?;
    }
    Ok(ignore)
}

/// FILE.orig beside FILE.
fn backup_path(file: &Path) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".orig");
    PathBuf::from(name)
}

fn found_if(found: bool) -> Outcome {
    if found {
        Outcome::Found
    } else {
        Outcome::Success
    }
}
