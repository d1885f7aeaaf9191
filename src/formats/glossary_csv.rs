//! Glossaries as CSV or TSV with a header row, one row per concept.
//!
//! Columns (any order, names case-insensitive): `zh` and `en` are required;
//! `id`, `category`, `admitted`, `deprecated`, `note` and `sources` are
//! optional. Several terms in one cell are separated by ` | `. A `sources`
//! cell lists the ids of sources defined in a sources file
//! (`id,title,publisher,url,date`, see [`read_sources`]), separated by
//! spaces, or full citations as tifa writes them in exports, separated by
//! ` | `: `[id] Title (Publisher, YYYY-MM-DD) <URL>`.
//!
//! CSV follows RFC 4180; TSV has no quoting (a cell ends at a tab). Reading
//! collects every problem with its line instead of stopping at the first.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use super::decode::decode;
use super::{Delimiter, GlossaryFormat};
use crate::glossary::{slug, Concept, Entry, Source, Status, Term};
use crate::normalize::nfc;
use crate::Problem;
use crate::{Error, Result};

pub const COLUMNS: [&str; 8] = [
    "id",
    "category",
    "zh",
    "en",
    "admitted",
    "deprecated",
    "note",
    "sources",
];

/// The separator between several terms or sources in one cell.
pub const LIST_SEPARATOR: &str = " | ";

/// The delimiter of a glossary table, by its extension: .csv is CSV,
/// anything else (.tsv, .tab, .txt) TSV.
fn delimiter_for(path: &Path) -> Delimiter {
    match GlossaryFormat::from_path(path) {
        GlossaryFormat::Csv => Delimiter::Comma,
        _ => Delimiter::Tab,
    }
}

fn reader(text: &str, delimiter: Delimiter) -> csv::Reader<&[u8]> {
    let mut b = csv::ReaderBuilder::new();
    b.has_headers(true).flexible(false);
    match delimiter {
        Delimiter::Tab => b.delimiter(b'\t').quoting(false),
        Delimiter::Comma => b.delimiter(b','),
    };
    b.from_reader(text.as_bytes())
}

fn csv_problem(e: &csv::Error) -> Problem {
    let line = e.position().map_or(0, |p| p.line());
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => format!(
            "this row has {len} fields where the header has {expected_len} (a quote left open or a stray delimiter?)"
        ),
        _ => e.to_string(),
    };
    Problem::fatal(line, message)
}

/// Reads a sources file: `id,title,publisher,url,date` (CSV or TSV).
pub fn read_sources(path: &Path, bytes: &[u8]) -> Result<(HashMap<String, Source>, Vec<Problem>)> {
    let (text, _) = decode(path, bytes)?;
    let mut rdr = reader(&text, delimiter_for(path));
    let mut problems = Vec::new();
    let mut out = HashMap::new();
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Ok((out, vec![csv_problem(&e)])),
    };
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let (Some(id), Some(title)) = (col("id"), col("title")) else {
        return Ok((
            out,
            vec![Problem::fatal(
                1,
                "a sources file needs the columns id and title (and publisher, url, date)",
            )],
        ));
    };
    let (publisher, url, date) = (col("publisher"), col("url"), col("date"));
    for header in headers.iter() {
        if !["id", "title", "publisher", "url", "date"]
            .contains(&header.trim().to_ascii_lowercase().as_str())
        {
            problems.push(Problem::fatal(
                1,
                format!(
                    "unknown column {header:?} (the columns are id, title, publisher, url, date)"
                ),
            ));
        }
    }
    for record in rdr.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(csv_problem(&e));
                break;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let get = |i: Option<usize>| {
            i.and_then(|i| record.get(i))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let source = Source {
            id: get(Some(id)),
            title: get(Some(title)),
            publisher: get(publisher),
            url: get(url),
            date: get(date),
        };
        if source.id.is_empty() || source.title.is_empty() {
            problems.push(Problem::fatal(line, "a source needs an id and a title"));
            continue;
        }
        if out.contains_key(&source.id) {
            problems.push(Problem::fatal(
                line,
                format!("the source id {:?} is defined twice", source.id),
            ));
            continue;
        }
        out.insert(source.id.clone(), source);
    }
    Ok((out, problems))
}

/// Splits a ` | `-separated cell into trimmed items; `None` marks an empty
/// item between separators.
fn list(cell: &str) -> Vec<Option<String>> {
    if cell.trim().is_empty() {
        return Vec::new();
    }
    cell.split(LIST_SEPARATOR.trim())
        .map(|s| {
            let s = s.trim();
            (!s.is_empty()).then(|| nfc(s).into_owned())
        })
        .collect()
}

/// The line where a quoted CSV field opens and is never closed, if any.
fn unclosed_quote(text: &str) -> Option<u64> {
    let mut line = 1u64;
    let mut opened_at = None;
    let mut field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (opened_at, c) {
            (Some(_), '"') => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    opened_at = None;
                }
            }
            (None, '"') if field_start => opened_at = Some(line),
            _ => {}
        }
        if c == '\n' {
            line += 1;
        }
        field_start = opened_at.is_none() && matches!(c, ',' | '\n' | '\r');
    }
    opened_at
}

/// Reads a glossary file. Structural problems (undecodable bytes, unknown or
/// missing columns, broken quoting) and problems with single rows are all
/// returned; nothing is validated across rows here (see
/// [`crate::glossary::validate`]).
pub fn read(
    path: &Path,
    bytes: &[u8],
    sources: &HashMap<String, Source>,
) -> Result<(Vec<Entry>, Vec<Problem>)> {
    let (text, _) = decode(path, bytes)?;
    let delimiter = delimiter_for(path);
    let mut rdr = reader(&text, delimiter);
    let mut problems = Vec::new();
    let mut entries = Vec::new();
    if delimiter == Delimiter::Comma {
        if let Some(line) = unclosed_quote(&text) {
            problems.push(Problem::fatal(
                line,
                "a quoted field opens here and is never closed",
            ));
            return Ok((entries, problems));
        }
    }
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Ok((entries, vec![csv_problem(&e)])),
    };
    let mut cols: HashMap<&str, usize> = HashMap::new();
    for (i, header) in headers.iter().enumerate() {
        let name = header
            .trim()
            .trim_start_matches('\u{feff}')
            .to_ascii_lowercase();
        let canonical = match name.as_str() {
            "chinese" | "zh-cn" | "zh-hans" | "source" => "zh",
            "english" | "preferred" | "target" => "en",
            "notes" | "comment" => "note",
            "source_ids" => "sources",
            other => other,
        };
        match COLUMNS.iter().find(|c| **c == canonical) {
            Some(c) => {
                if cols.insert(c, i).is_some() {
                    problems.push(Problem::fatal(1, format!("the column {c} appears twice")));
                }
            }
            None => problems.push(Problem::fatal(
                1,
                format!(
                    "unknown column {header:?} (the columns are {})",
                    COLUMNS.join(", ")
                ),
            )),
        }
    }
    for required in ["zh", "en"] {
        if !cols.contains_key(required) {
            problems.push(Problem::fatal(
                1,
                format!("the column {required} is missing"),
            ));
        }
    }
    if problems.iter().any(|p| p.fatal) {
        return Ok((entries, problems));
    }
    for record in rdr.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(csv_problem(&e));
                break;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let cell = |name: &str| cols.get(name).and_then(|&i| record.get(i)).unwrap_or("");
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut row_problems = Vec::new();
        let mut terms = |name: &str, status: Status, out: &mut Vec<Term>| {
            for item in list(cell(name)) {
                match item {
                    Some(text) => out.push(Term { text, status }),
                    None => row_problems.push(Problem::fatal(
                        line,
                        format!("an empty term in the {name} column"),
                    )),
                }
            }
        };
        let mut en = Vec::new();
        terms("en", Status::Preferred, &mut en);
        terms("admitted", Status::Admitted, &mut en);
        terms("deprecated", Status::Deprecated, &mut en);
        let mut zh = Vec::new();
        for item in list(cell("zh")) {
            match item {
                Some(t) => zh.push(t),
                None => row_problems.push(Problem::fatal(line, "an empty term in the zh column")),
            }
        }
        let mut concept_sources = Vec::new();
        let source_cell = cell("sources").trim();
        if source_cell.starts_with('[') {
            // Citations, separated by " | "; a title may itself hold " | ".
            for item in source_cell.split(" | [") {
                let item = if item.starts_with('[') {
                    item.to_string()
                } else {
                    format!("[{item}")
                };
                match parse_citation(&item) {
                    Some(s) => concept_sources.push(s),
                    None => row_problems.push(Problem::fatal(
                        line,
                        format!("cannot read the citation {item:?}"),
                    )),
                }
            }
        } else {
            // Source ids, separated by spaces.
            for id in source_cell.split_whitespace() {
                match sources.get(id) {
                    Some(s) => concept_sources.push(s.clone()),
                    None => row_problems.push(Problem::fatal(
                        line,
                        format!(
                            "unknown source {id:?} (not a citation, nor an id in the sources file)"
                        ),
                    )),
                }
            }
        }
        let preferred = en
            .iter()
            .find(|t| t.status == Status::Preferred)
            .map(|t| t.text.clone())
            .unwrap_or_default();
        let id = match cell("id").trim() {
            "" => slug(&preferred),
            id => id.to_string(),
        };
        let category = match cell("category").trim() {
            "" => "uncategorized".to_string(),
            c => c.to_string(),
        };
        problems.extend(row_problems);
        entries.push(Entry {
            line,
            concept: Concept {
                id,
                category,
                zh,
                en,
                note: nfc(cell("note").trim()).into_owned(),
                sources: concept_sources,
            },
        });
    }
    Ok((entries, problems))
}

/// `[id] Title (Publisher, 2022-10-25) <https://...>`, the citation form tifa
/// writes in exports.
pub fn citation(s: &Source) -> String {
    let inner = match (s.publisher.is_empty(), s.date.is_empty()) {
        (false, false) => format!(" ({}, {})", s.publisher, s.date),
        (false, true) => format!(" ({})", s.publisher),
        (true, false) => format!(" ({})", s.date),
        (true, true) => String::new(),
    };
    let url = if s.url.is_empty() {
        String::new()
    } else {
        format!(" <{}>", s.url)
    };
    format!("[{}] {}{inner}{url}", s.id, s.title)
}

fn looks_like_date(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 10
        && s.bytes().all(|b| b.is_ascii_digit() || b == b'-')
        && s.as_bytes()[0].is_ascii_digit()
}

/// Parses [`citation`]'s form back.
pub fn parse_citation(s: &str) -> Option<Source> {
    let rest = s.trim().strip_prefix('[')?;
    let (id, mut rest) = rest.split_once(']')?;
    let mut url = String::new();
    if rest.ends_with('>') {
        let open = rest.rfind(" <")?;
        url = rest[open + 2..rest.len() - 1].to_string();
        rest = &rest[..open];
    }
    let (mut publisher, mut date) = (String::new(), String::new());
    if rest.ends_with(')') {
        if let Some(open) = rest.rfind(" (") {
            let inner = &rest[open + 2..rest.len() - 1];
            match inner.rsplit_once(", ") {
                Some((p, d)) if looks_like_date(d) => {
                    publisher = p.to_string();
                    date = d.to_string();
                }
                _ if looks_like_date(inner) => date = inner.to_string(),
                _ => publisher = inner.to_string(),
            }
            rest = &rest[..open];
        }
    }
    let title = rest.trim().to_string();
    (!id.trim().is_empty() && !title.is_empty()).then(|| Source {
        id: id.trim().to_string(),
        title,
        publisher,
        url,
        date,
    })
}

/// How an exported CSV is laid out: the columns in the order tifa writes
/// them (Chinese and English first, so that spreadsheet users and CAT tools
/// see the term pair at once).
pub const EXPORT_COLUMNS: [&str; 8] = [
    "zh",
    "en",
    "admitted",
    "deprecated",
    "category",
    "note",
    "sources",
    "id",
];

/// Writes concepts as CSV (RFC 4180) with a header row; sources as full
/// citations, so that the file stands on its own and imports back as it was.
pub fn write(out: &mut dyn Write, concepts: &[Concept], bom: bool) -> Result<()> {
    if bom {
        out.write_all("\u{feff}".as_bytes())
            .map_err(Error::output)?;
    }
    let mut w = csv::WriterBuilder::new().from_writer(out);
    let csv_err = Error::csv_output;
    w.write_record(EXPORT_COLUMNS).map_err(csv_err)?;
    for c in concepts {
        let join = |status: Status| {
            c.terms_with(status)
                .collect::<Vec<_>>()
                .join(LIST_SEPARATOR)
        };
        let sources: Vec<String> = c.sources.iter().map(citation).collect();
        w.write_record([
            c.zh.join(LIST_SEPARATOR).as_str(),
            c.preferred(),
            &join(Status::Admitted),
            &join(Status::Deprecated),
            &c.category,
            &c.note,
            &sources.join(LIST_SEPARATOR),
            &c.id,
        ])
        .map_err(csv_err)?;
    }
    w.flush().map_err(Error::output)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_round_trip() {
        let s = Source {
            id: "cpc20".into(),
            title: "Full text of the report to the 20th National Congress of the CPC (official English text)".into(),
            publisher: "Xinhua".into(),
            url: "https://english.news.cn/20221025/x.html".into(),
            date: "2022-10-25".into(),
        };
        assert_eq!(parse_citation(&citation(&s)), Some(s.clone()));
        let bare = Source {
            publisher: String::new(),
            url: String::new(),
            ..s
        };
        assert_eq!(parse_citation(&citation(&bare)), Some(bare));
        assert_eq!(parse_citation("cpc20"), None);
    }

    #[test]
    fn reads_rows_and_reports_problems_with_lines() {
        let text = "id,category,zh,en,admitted,deprecated,note,sources\n\
            two-upholds,theory,两个维护,the Two Upholds,,two maintenances,\"Always with 'the', capitalised\",s1\n\
            x,theory,两个确立,A | | B,,,,nope\n";
        let sources = HashMap::from([(
            "s1".to_string(),
            Source {
                id: "s1".into(),
                title: "T".into(),
                publisher: String::new(),
                url: String::new(),
                date: String::new(),
            },
        )]);
        let (entries, problems) = read(Path::new("g.csv"), text.as_bytes(), &sources).unwrap();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].concept.preferred(), "the Two Upholds");
        assert_eq!(entries[0].concept.sources[0].title, "T");
        let lines: Vec<(u64, &str)> = problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert!(
            lines
                .iter()
                .any(|(l, m)| *l == 3 && m.contains("empty term")),
            "{lines:?}"
        );
        assert!(
            lines
                .iter()
                .any(|(l, m)| *l == 3 && m.contains("unknown source")),
            "{lines:?}"
        );
    }

    #[test]
    fn unclosed_quotes_are_found() {
        assert_eq!(unclosed_quote("a,b\n\"c,\"\"d\"\"\",e\n"), None);
        assert_eq!(unclosed_quote("a,b\nx,\"open\ny,z\n"), Some(2));
        assert_eq!(unclosed_quote("a,b\"c\n"), None);
    }

    #[test]
    fn unknown_and_missing_columns() {
        let (_, problems) =
            read(Path::new("g.csv"), b"zh,english,colour\n", &HashMap::new()).unwrap();
        assert!(problems
            .iter()
            .any(|p| p.message.contains("unknown column \"colour\"")));
        let (_, problems) = read(Path::new("g.tsv"), b"zh\tnote\n", &HashMap::new()).unwrap();
        assert!(problems
            .iter()
            .any(|p| p.message.contains("the column en is missing")));
    }
}
