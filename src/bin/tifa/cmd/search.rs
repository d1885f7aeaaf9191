//! `tifa search`: a concordance over the memory.

use std::io::Write;
use std::path::Path;

use serde::Serialize;
use tifa::glossary::Status;
use tifa::search::{search, SearchQuery};
use tifa::Lang;

use super::{choice, open_memory, parse_lang};
use crate::output::{self, ColorChoice, Format};
use crate::Outcome;

/// Search the memory: a keyword-in-context concordance.
///
/// An English QUERY matches whole words as a phrase (any case; hyphens and
/// spaces alike: "party building" finds "Party-building"); a Chinese QUERY
/// matches any substring, one or two characters too. --term finds every
/// sentence that uses a glossary concept in any of its renderings (name the
/// concept by its id or by any of its terms); --status keeps the renderings
/// of one status. Exits with status 1 when nothing is found.
#[derive(clap::Args)]
pub struct Args {
    /// The phrase to find
    #[arg(required_unless_present = "term")]
    query: Option<String>,

    /// A glossary concept (its id or any of its terms)
    #[arg(long, value_name = "CONCEPT_OR_TERM")]
    term: Option<String>,

    /// With --term: only renderings of this status (preferred, admitted,
    /// deprecated), or near misses (misspelled)
    #[arg(long, requires = "term",
          value_parser = choice::<Occurrences>(&["preferred", "admitted", "deprecated", "misspelled"]))]
    status: Option<Occurrences>,

    /// Only sentences of this document (id, path or unique part of it)
    #[arg(long)]
    doc: Option<String>,

    /// Only sentences in this language
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,

    /// At most this many sentences
    #[arg(long, default_value_t = 50)]
    limit: usize,

    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    format: Format,

    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
}

/// Which occurrences of a concept `--status` keeps: of renderings of one
/// status, or near misses (`None`), as [`SearchQuery::status`] takes them.
#[derive(Clone, Copy)]
struct Occurrences(Option<Status>);

impl std::str::FromStr for Occurrences {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        if s.eq_ignore_ascii_case("misspelled") {
            Ok(Occurrences(None))
        } else {
            s.parse().map(|status| Occurrences(Some(status)))
        }
    }
}

#[derive(Serialize)]
struct Row<'a> {
    path: &'a str,
    paragraph: u64,
    sentence: u64,
    lang: Lang,
    left: &'a str,
    matched: &'a str,
    right: &'a str,
    text: &'a str,
}

/// The context on each side of a match, in characters.
const CONTEXT: usize = 40;

fn left_context(text: &str, start: usize) -> &str {
    let from = text[..start]
        .char_indices()
        .rev()
        .nth(CONTEXT - 1)
        .map_or(0, |(i, _)| i);
    &text[from..start]
}

fn right_context(text: &str, end: usize) -> &str {
    let to = text[end..]
        .char_indices()
        .nth(CONTEXT)
        .map_or(text.len(), |(i, _)| end + i);
    &text[end..to]
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<Outcome> {
    let store = open_memory(db)?;
    let document = match &args.doc {
        Some(d) => Some(store.find_document(d)?.id),
        None => None,
    };
    let query = SearchQuery {
        text: args.query.clone(),
        term: args.term.clone(),
        document,
        lang: args.lang,
        status: args.status.map(|o| o.0),
        limit: args.limit,
    };
    let hits = search(&store, &query)?;
    let mut out = output::stdout();
    if hits.is_empty() {
        if args.format == Format::Table {
            writeln!(out, "nothing found")?;
        }
        out.flush()?;
        return Ok(Outcome::Found);
    }
    let mut rows = Vec::new();
    for hit in &hits {
        let spans = if hit.spans.is_empty() {
            vec![(0, 0)]
        } else {
            hit.spans.clone()
        };
        for (start, end) in spans {
            rows.push(Row {
                path: &hit.path,
                paragraph: hit.paragraph,
                sentence: hit.sentence,
                lang: hit.lang,
                left: left_context(&hit.text, start),
                matched: &hit.text[start..end],
                right: right_context(&hit.text, end),
                text: &hit.text,
            });
        }
    }
    match args.format {
        Format::Table => {
            let (on, off) = if args.color.enabled() {
                ("\x1b[1;31m", "\x1b[0m")
            } else {
                ("", "")
            };
            for r in &rows {
                let place = format!("{}:{}.{}", r.path, r.paragraph, r.sentence);
                let pad = CONTEXT.saturating_sub(r.left.chars().count());
                writeln!(
                    out,
                    "{place}\n    {}{} {on}{}{off} {}",
                    " ".repeat(pad),
                    r.left.replace(['\n', '\t'], " "),
                    r.matched,
                    r.right.replace(['\n', '\t'], " ")
                )?;
            }
            let more = if hits.len() == args.limit {
                " (the limit; --limit shows more)"
            } else {
                ""
            };
            writeln!(
                out,
                "{} matches in {} sentences{more}",
                rows.len(),
                hits.len()
            )?;
        }
        format => output::write_records(&mut out, format, &rows)?,
    }
    out.flush()?;
    Ok(Outcome::Success)
}
