//! `tifa lookup`: the standard rendering of a term.

use std::io::Write;
use std::path::Path;

use serde::Serialize;
use tifa::formats::glossary_csv::citation;
use tifa::glossary::lookup::{lookup, Hit, MatchKind};
use tifa::glossary::{Concept, Status, Term};

use super::open_glossary;
use crate::output::{self, Format};
use crate::Outcome;

/// Look up a term, Chinese or English, in the glossary.
///
/// Gives the concept's preferred English rendering, the status of the form
/// you typed ("'two maintenances' is deprecated: use 'the Two Upholds'"), the
/// other renderings, the note and the sources. Case, full- and half-width
/// forms, curly and straight quotes, hyphens and spaces, a leading "the" and
/// plural or possessive endings do not matter. A part of a term lists the
/// concepts that contain it (`tifa lookup 治党`); a misspelling gets
/// suggestions. Exits with status 1 when nothing is found.
#[derive(clap::Args)]
pub struct Args {
    /// The term to look up
    #[arg(required = true, num_args = 1..)]
    text: Vec<String>,

    /// At most this many concepts
    #[arg(long, default_value_t = 10)]
    limit: usize,

    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

#[derive(Serialize)]
struct Row<'a> {
    query: &'a str,
    kind: MatchKind,
    matched: &'a str,
    matched_status: Option<Status>,
    concept: &'a Concept,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<Outcome> {
    let query = args.text.join(" ");
    let store = open_glossary(db)?;
    let concepts: Vec<Concept> = store.concepts()?.into_iter().map(|s| s.concept).collect();
    if concepts.is_empty() {
        anyhow::bail!(
            "the glossary is empty: run `tifa build` (or `tifa glossary import FILE`) first"
        );
    }
    let hits = lookup(&concepts, &query, args.limit);
    let mut out = output::stdout();
    if hits.is_empty() {
        if args.format == Format::Table {
            writeln!(out, "nothing in the glossary for {query:?}")?;
        }
        out.flush()?;
        return Ok(Outcome::Found);
    }
    match args.format {
        Format::Table => print_hits(&mut out, &query, &hits)?,
        format => {
            let rows: Vec<Row<'_>> = hits
                .iter()
                .map(|h| Row {
                    query: &query,
                    kind: h.kind,
                    matched: &h.term,
                    matched_status: h.status,
                    concept: h.concept,
                })
                .collect();
            output::write_records(&mut out, format, &rows)?;
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}

fn print_hits(out: &mut dyn Write, query: &str, hits: &[Hit<'_>]) -> std::io::Result<()> {
    match hits[0].kind {
        MatchKind::Exact => {}
        MatchKind::Partial => writeln!(out, "{} concepts contain {query:?}:\n", hits.len())?,
        MatchKind::Suggestion => writeln!(out, "nothing is exactly {query:?}; did you mean:\n")?,
    }
    for (i, hit) in hits.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let c = hit.concept;
        writeln!(
            out,
            "{}  →  {}    [{}, {}]",
            c.zh.join(" / "),
            c.preferred(),
            c.category,
            c.id
        )?;
        match (hit.kind, hit.status) {
            (MatchKind::Exact, Some(Status::Deprecated)) => writeln!(
                out,
                "  {:?} is deprecated: use {:?}",
                query.trim(),
                c.preferred()
            )?,
            (MatchKind::Exact, Some(Status::Superseded)) => {
                let term = c.en.iter().find(|t| t.text == hit.term);
                match term.and_then(|t| t.valid_until) {
                    Some(until) => writeln!(
                        out,
                        "  {:?} was the official rendering until {until}: use {:?}",
                        query.trim(),
                        c.preferred()
                    )?,
                    None => writeln!(
                        out,
                        "  {:?} is a superseded official rendering: use {:?}",
                        query.trim(),
                        c.preferred()
                    )?,
                }
            }
            (MatchKind::Exact, Some(Status::Admitted)) => writeln!(
                out,
                "  {:?} is admitted; the preferred rendering is {:?}",
                query.trim(),
                c.preferred()
            )?,
            (MatchKind::Exact, Some(Status::Preferred)) => {
                writeln!(out, "  {:?} is the preferred rendering", c.preferred())?
            }
            (MatchKind::Suggestion, _) => writeln!(out, "  (close to {:?})", hit.term)?,
            _ => {}
        }
        let admitted: Vec<&str> = c.terms_with(Status::Admitted).collect();
        if !admitted.is_empty() {
            writeln!(out, "  admitted:   {}", admitted.join("; "))?;
        }
        let deprecated: Vec<&str> = c.terms_with(Status::Deprecated).collect();
        if !deprecated.is_empty() {
            writeln!(out, "  deprecated: {}", deprecated.join("; "))?;
        }
        let history: Vec<&Term> = c
            .en
            .iter()
            .filter(|t| {
                t.status == Status::Superseded || t.valid_from.is_some() || t.valid_until.is_some()
            })
            .collect();
        if !history.is_empty() {
            writeln!(out, "  history:")?;
            for t in history {
                writeln!(out, "    {}", in_time(t))?;
            }
        }
        if !c.note.is_empty() {
            writeln!(out, "  note: {}", c.note)?;
        }
        for s in &c.sources {
            writeln!(out, "  source: {}", citation(s))?;
        }
    }
    Ok(())
}

/// One line of a concept's history: a rendering, its status and the dates
/// it was in force ("\"General Staff Headquarters\" superseded, until
/// 2016-01-11: replaced by …").
fn in_time(t: &Term) -> String {
    let span = match (t.valid_from, t.valid_until) {
        (Some(from), Some(until)) => format!("{from} to {until}"),
        (Some(from), None) => format!("since {from}"),
        (None, Some(until)) => format!("until {until}"),
        (None, None) => "dates unknown".to_string(),
    };
    let mut line = format!("{:?} {}, {span}", t.text, t.status.code());
    if !t.note.is_empty() {
        line.push_str(": ");
        line.push_str(&t.note);
    }
    line
}
