//! `tifa segment`: print the sentences of a text, one per line.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;
use tifa::formats::decode::decode;
use tifa::{segment, Lang};

use super::{parse_lang, read_input};
use crate::output::{self, Format};
use crate::Outcome;

/// Split a text into sentences and print them, one per line.
///
/// Reads FILE (or standard input for `-`) in UTF-8, UTF-16 with a byte order
/// mark, or GB18030, and prints each sentence on its own line, exactly as
/// tifa would store it: line breaks inside a sentence become spaces (none
/// between Chinese characters).
#[derive(clap::Args)]
pub struct Args {
    /// The text to split; `-` reads standard input
    #[arg(default_value = "-")]
    file: PathBuf,

    /// The language of the text [default: detected]
    #[arg(long, value_parser = parse_lang)]
    lang: Option<Lang>,

    /// Print paragraph and sentence numbers too (`table`), or records
    #[arg(long, value_enum)]
    format: Option<Format>,
}

#[derive(Serialize)]
struct Row<'a> {
    paragraph: u32,
    sentence: u32,
    text: &'a str,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let (name, bytes) = read_input(&args.file)?;
    let (text, _) = decode(&name, &bytes)?;
    let lang = match args.lang {
        Some(lang) => lang,
        None => Lang::detect(&text).unwrap_or(Lang::En),
    };
    let segments = segment::segment(&text, lang);
    let mut out = output::stdout();
    match args.format {
        None => {
            for s in &segments {
                writeln!(out, "{}", s.text)?;
            }
        }
        Some(Format::Table) => {
            for s in &segments {
                writeln!(out, "{:>4}.{:<3} {}", s.paragraph, s.sentence, s.text)?;
            }
        }
        Some(format) => {
            let rows: Vec<Row<'_>> = segments
                .iter()
                .map(|s| Row {
                    paragraph: s.paragraph,
                    sentence: s.sentence,
                    text: &s.text,
                })
                .collect();
            output::write_records(&mut out, format, &rows)?;
        }
    }
    out.flush()?;
    Ok(Outcome::Success)
}
