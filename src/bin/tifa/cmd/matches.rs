//! `tifa match`: fuzzy matches from the memory.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tifa::formats::decode::decode;
use tifa::fuzzy::{diff, find_matches, mark_shared_concepts, Change, FuzzyMatch};
use tifa::{segment, Lang};

use super::{open_memory, parse_lang, read_input};
use crate::output::{self, ColorChoice, Format};
use crate::Outcome;

/// Find the units of the memory closest to a sentence (fuzzy matches).
///
/// For each query, the best matches with a similarity score, best first,
/// their other-language side and where they occur. The score is
/// 100 × (1 − edit distance ÷ the longer length): the distance counts
/// inserted, deleted and replaced words (English, after folding case,
/// quotes, dashes and spacing; punctuation marks count as words) or
/// characters (Chinese). 100 means identical text; a sentence that differs
/// only in case or spacing scores 99. Matches are put in the bands CAT tools
/// use: 100, 95-99, 85-94, 75-84, below 75. On a terminal the words that
/// differ are marked: [-deleted-] from the match, {+inserted+} by the query.
/// Candidates are the stored sentences that hold at least two of the
/// query's rarest words (or character pairs, for Chinese), and its numbers,
/// so a lookup never reads the whole memory. Each match names the glossary
/// concepts it shares with the query. Exits with status 1 when nothing
/// reaches --min.
#[derive(clap::Args)]
pub struct Args {
    /// The sentence to match
    #[arg(required_unless_present = "file")]
    text: Option<String>,

    /// Match every sentence of a file instead (`-` for standard input)
    #[arg(long, value_name = "FILE")]
    file: Option<PathBuf>,

    /// The language of the query [default: detected]
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,

    /// At most this many matches per query
    #[arg(long, default_value_t = 5)]
    limit: usize,

    /// The lowest score shown, in percent
    #[arg(long, default_value_t = 70)]
    min: u32,

    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    format: Format,

    /// Colour: auto (on a terminal, unless NO_COLOR is set), always, never
    #[arg(long, value_enum, default_value = "auto")]
    color: ColorChoice,
}

#[derive(Serialize)]
struct Row<'a> {
    query: &'a str,
    #[serde(flatten)]
    found: &'a FuzzyMatch,
}

pub fn run(args: Args, db: &Path) -> anyhow::Result<Outcome> {
    let store = open_memory(db)?;
    let queries: Vec<String> = match (&args.text, &args.file) {
        (Some(t), _) => vec![t.clone()],
        (None, Some(file)) => {
            let (name, bytes) = read_input(file)?;
            let (text, _) = decode(&name, &bytes)?;
            let lang = args
                .lang
                .or_else(|| Lang::detect(&text))
                .unwrap_or(Lang::En);
            segment::segment(&text, lang)
                .into_iter()
                .map(|s| s.text)
                .collect()
        }
        (None, None) => Vec::new(),
    };
    let glossary: Vec<_> = store.concepts()?.into_iter().map(|s| s.concept).collect();
    let color = args.color.enabled();
    let mut out = output::stdout();
    let mut any = false;
    for query in &queries {
        let lang = args
            .lang
            .or_else(|| Lang::detect(query))
            .unwrap_or(Lang::En);
        let mut found = find_matches(&store, query, lang, args.limit, args.min)?;
        mark_shared_concepts(&store, &glossary, query, &mut found)?;
        any |= !found.is_empty();
        match args.format {
            Format::Table => {
                if queries.len() > 1 {
                    writeln!(out, "» {query}")?;
                }
                if found.is_empty() {
                    writeln!(out, "  no match of {}% or more", args.min)?;
                }
                for m in &found {
                    writeln!(
                        out,
                        "  {:>3}%  [{}]  {}:{}.{}",
                        m.score, m.band, m.path, m.paragraph, m.sentence
                    )?;
                    let shown = if color && m.score < 100 {
                        marked(query, &m.text, lang)
                    } else {
                        m.text.clone()
                    };
                    writeln!(out, "        {shown}")?;
                    if let Some(t) = &m.translation {
                        writeln!(out, "        {t}")?;
                    }
                    if !m.concepts.is_empty() {
                        writeln!(out, "        shares: {}", m.concepts.join(", "))?;
                    }
                }
            }
            format => {
                let rows: Vec<Row<'_>> = found.iter().map(|m| Row { query, found: m }).collect();
                output::write_records(&mut out, format, &rows)?;
            }
        }
    }
    out.flush()?;
    Ok(if any {
        Outcome::Success
    } else {
        Outcome::Found
    })
}

/// The match with what differs from the query marked: words only in the
/// match in red ([-…-]), words only in the query in green ({+…+}).
fn marked(query: &str, found: &str, lang: Lang) -> String {
    let sep = if lang == Lang::Zh { "" } else { " " };
    diff(query, found, lang)
        .into_iter()
        .map(|c| match c {
            Change::Same(t) => t,
            Change::Inserted(t) => format!("\x1b[32m{{+{t}+}}\x1b[0m"),
            Change::Deleted(t) => format!("\x1b[31m[-{t}-]\x1b[0m"),
        })
        .collect::<Vec<_>>()
        .join(sep)
}
