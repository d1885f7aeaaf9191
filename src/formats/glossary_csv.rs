//! Glossaries as tables (CSV, semicolon CSV, TSV, or a spreadsheet's first
//! sheet) with a header row, one row per concept; and the renderings file,
//! one row per non-preferred rendering with its own provenance.
//!
//! Concept columns (any order, names case-insensitive, English or Chinese):
//! `zh` (中文) and `en` (英文) are required; `id`, `category` (类别),
//! `admitted`, `superseded`, `deprecated`, `note` (备注) and `sources`
//! (来源) are optional. Several terms in one cell are separated by ` | `. A
//! `sources` cell lists the ids of sources defined in a sources file
//! (`id,title,publisher,url,date`, see [`read_sources`]), separated by
//! spaces, or full citations as tifa writes them in exports, separated by
//! ` | `: `[id] Title (Publisher, YYYY-MM-DD) <URL>`; without a sources
//! file, any other text (a URL, "Xinhua 2024-03-05") is a source of its
//! own.
//!
//! Renderings columns: `concept` (its id), `term`, `status` (admitted,
//! superseded, deprecated), and optionally `kind` (official, superseded,
//! press, literal), `valid_from`, `valid_until` (YYYY, YYYY-MM or
//! YYYY-MM-DD), `source` (source ids), `evidence`, `note`.
//!
//! Reading collects every problem with its line instead of stopping at the
//! first.

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use super::table::{self, Row, Table};
use crate::date::PartialDate;
use crate::glossary::{slug, Concept, Entry, Kind, Source, Status, Term};
use crate::{Error, Problem, Result};

/// The concept columns, as tifa names them.
pub const COLUMNS: [&str; 10] = [
    "id",
    "category",
    "zh",
    "en",
    "admitted",
    "superseded",
    "deprecated",
    "note",
    "sources",
    "case",
];

/// The separator between several terms or sources in one cell.
pub const LIST_SEPARATOR: &str = " | ";

/// The column a header names, whatever spelling a translator's spreadsheet
/// uses for it.
fn canonical(header: &str) -> &str {
    let lower = header.trim().to_lowercase();
    let name = match lower.as_str() {
        "chinese" | "zh-cn" | "zh-hans" | "source" | "中文" | "中文术语" | "汉语" | "原文"
        | "术语" | "中文表述" => "zh",
        "english" | "preferred" | "target" | "英文" | "英文译法" | "英语" | "译文" | "推荐译法"
        | "标准译法" | "英文表述" => "en",
        "notes" | "comment" | "comments" | "备注" | "说明" | "注释" => "note",
        "source_ids" | "来源" | "出处" => "sources",
        "类别" | "分类" | "领域" => "category",
        "编号" => "id",
        "其他译法" | "可接受译法" => "admitted",
        "旧译法" | "已废止译法" => "superseded",
        "不推荐译法" | "错误译法" | "弃用译法" => "deprecated",
        _ => return COLUMNS.iter().find(|c| **c == lower).copied().unwrap_or(""),
    };
    name
}

/// Reads a table, or the problem that stops it being read.
fn table_of(path: &Path, bytes: &[u8]) -> Result<std::result::Result<Table, Problem>> {
    table::read(path, bytes)
}

/// Reads a sources file: `id,title,publisher,url,date` (CSV or TSV).
pub fn read_sources(path: &Path, bytes: &[u8]) -> Result<(HashMap<String, Source>, Vec<Problem>)> {
    let mut out = HashMap::new();
    let table = match table_of(path, bytes)? {
        Ok(t) => t,
        Err(p) => return Ok((out, vec![p])),
    };
    let mut problems = Vec::new();
    let col = |name: &str| {
        table
            .headers
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
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
    for header in &table.headers {
        if !["id", "title", "publisher", "url", "date"]
            .contains(&header.to_ascii_lowercase().as_str())
        {
            problems.push(Problem::fatal(
                1,
                format!(
                    "unknown column {header:?} (the columns are id, title, publisher, url, date)"
                ),
            ));
        }
    }
    for row in table.rows.iter().filter(|r| !r.is_empty()) {
        let get = |i: Option<usize>| row.cell(i).to_string();
        let source = Source {
            id: get(Some(id)),
            title: get(Some(title)),
            publisher: get(publisher),
            url: get(url),
            date: get(date),
        };
        if source.id.is_empty() || source.title.is_empty() {
            problems.push(Problem::fatal(row.line, "a source needs an id and a title"));
            continue;
        }
        if !source.date.is_empty() && source.date.parse::<PartialDate>().is_err() {
            problems.push(Problem::fatal(
                row.line,
                format!(
                    "{}: the date {:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)",
                    source.id, source.date
                ),
            ));
        }
        if out.contains_key(&source.id) {
            problems.push(Problem::fatal(
                row.line,
                format!("the source id {:?} is defined twice", source.id),
            ));
            continue;
        }
        out.insert(source.id.clone(), source);
    }
    Ok((out, problems))
}

/// Splits a ` | `-separated cell into items; `None` marks an empty item
/// between separators.
fn list(cell: &str) -> Vec<Option<String>> {
    if cell.trim().is_empty() {
        return Vec::new();
    }
    cell.split(LIST_SEPARATOR.trim())
        .map(|s| {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_string())
        })
        .collect()
}

/// The sources a cell names: ids of the sources file (separated by
/// spaces), citations as tifa writes them (separated by ` | `), or, when
/// there is no sources file, any text, each ` | `-separated item a source
/// of its own.
fn sources_of(
    cell: &str,
    sources: &HashMap<String, Source>,
    line: u64,
    problems: &mut Vec<Problem>,
) -> Vec<Source> {
    let cell = cell.trim();
    let mut out = Vec::new();
    if cell.is_empty() {
        return out;
    }
    if cell.starts_with('[') {
        // Citations; a title may itself hold " | ".
        for item in cell.split(" | [") {
            let item = if item.starts_with('[') {
                item.to_string()
            } else {
                format!("[{item}")
            };
            match parse_citation(&item) {
                Some(s) => out.push(s),
                None => problems.push(Problem::fatal(
                    line,
                    format!("cannot read the citation {item:?}"),
                )),
            }
        }
    } else if !sources.is_empty() || cell.split_whitespace().all(|id| sources.contains_key(id)) {
        for id in cell.split_whitespace() {
            match sources.get(id) {
                Some(s) => out.push(s.clone()),
                None => problems.push(Problem::fatal(
                    line,
                    format!(
                        "unknown source {id:?} (not a citation, nor an id in the sources file)"
                    ),
                )),
            }
        }
    } else {
        for item in list(cell).into_iter().flatten() {
            let url = item
                .split_whitespace()
                .find(|w| w.starts_with("http://") || w.starts_with("https://"))
                .unwrap_or("")
                .to_string();
            out.push(Source::cited(item, url, String::new(), String::new()));
        }
    }
    out
}

/// Reads a glossary table. Structural problems (undecodable bytes, unknown
/// or missing columns, broken quoting) and problems with single rows are
/// all returned; nothing is validated across rows here (see
/// [`crate::glossary::validate`]).
pub fn read(
    path: &Path,
    bytes: &[u8],
    sources: &HashMap<String, Source>,
) -> Result<(Vec<Entry>, Vec<Problem>)> {
    let mut entries = Vec::new();
    let table = match table_of(path, bytes)? {
        Ok(t) => t,
        Err(p) => return Ok((entries, vec![p])),
    };
    let mut problems = Vec::new();
    let mut cols: HashMap<&str, usize> = HashMap::new();
    for (i, header) in table.headers.iter().enumerate() {
        match canonical(header) {
            "" => problems.push(Problem::fatal(
                1,
                format!(
                    "unknown column {header:?} (the columns are {})",
                    COLUMNS.join(", ")
                ),
            )),
            c => {
                if cols.insert(c, i).is_some() {
                    problems.push(Problem::fatal(1, format!("the column {c} appears twice")));
                }
            }
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
    for row in table.rows.iter().filter(|r| !r.is_empty()) {
        entries.push(concept_row(row, &cols, sources, &mut problems));
    }
    Ok((entries, problems))
}

fn concept_row(
    row: &Row,
    cols: &HashMap<&str, usize>,
    sources: &HashMap<String, Source>,
    problems: &mut Vec<Problem>,
) -> Entry {
    let line = row.line;
    let cell = |name: &str| row.cell(cols.get(name).copied());
    let mut en = Vec::new();
    for (name, status) in [
        ("en", Status::Preferred),
        ("admitted", Status::Admitted),
        ("superseded", Status::Superseded),
        ("deprecated", Status::Deprecated),
    ] {
        for item in list(cell(name)) {
            match item {
                Some(text) => en.push(Term::new(text, status)),
                None => problems.push(Problem::fatal(
                    line,
                    format!("an empty term in the {name} column"),
                )),
            }
        }
    }
    let mut zh = Vec::new();
    for item in list(cell("zh")) {
        match item {
            Some(t) => zh.push(t),
            None => problems.push(Problem::fatal(line, "an empty term in the zh column")),
        }
    }
    let concept_sources = sources_of(cell("sources"), sources, line, problems);
    let preferred = en
        .iter()
        .find(|t| t.status == Status::Preferred)
        .map(|t| t.text.clone())
        .unwrap_or_default();
    let id = match cell("id") {
        "" => slug(&preferred),
        id => id.to_string(),
    };
    let category = match cell("category") {
        "" => "uncategorized".to_string(),
        c => c.to_string(),
    };
    let case_sensitive = match cell("case").trim() {
        "" => false,
        c if c.eq_ignore_ascii_case("strict") => true,
        other => {
            problems.push(Problem::fatal(
                line,
                format!("the case column is \"strict\" (the case of the renderings matters) or empty, not {other:?}"),
            ));
            false
        }
    };
    Entry {
        line,
        concept: Concept {
            id,
            category,
            zh,
            en,
            note: cell("note").to_string(),
            sources: concept_sources,
            case_sensitive,
        },
    }
}

/// A non-preferred rendering read from a renderings file, with the concept
/// it belongs to and its line.
#[derive(Debug, Clone)]
pub struct Rendering {
    pub line: u64,
    pub concept: String,
    pub term: Term,
}

/// The columns of a renderings file.
pub const RENDERING_COLUMNS: [&str; 9] = [
    "concept",
    "term",
    "status",
    "kind",
    "valid_from",
    "valid_until",
    "source",
    "evidence",
    "note",
];

/// Reads a renderings file: one non-preferred English rendering per row,
/// each with its status, kind, dates, sources and evidence.
pub fn read_renderings(
    path: &Path,
    bytes: &[u8],
    sources: &HashMap<String, Source>,
) -> Result<(Vec<Rendering>, Vec<Problem>)> {
    let mut out = Vec::new();
    let table = match table_of(path, bytes)? {
        Ok(t) => t,
        Err(p) => return Ok((out, vec![p])),
    };
    let mut problems = Vec::new();
    let mut cols: HashMap<&str, usize> = HashMap::new();
    for (i, header) in table.headers.iter().enumerate() {
        let lower = header.to_ascii_lowercase();
        let name = if lower == "sources" {
            "source"
        } else {
            lower.as_str()
        };
        match RENDERING_COLUMNS.iter().find(|c| **c == name) {
            Some(c) => {
                cols.insert(c, i);
            }
            None => problems.push(Problem::fatal(
                1,
                format!(
                    "unknown column {header:?} (the columns are {})",
                    RENDERING_COLUMNS.join(", ")
                ),
            )),
        }
    }
    for required in ["concept", "term", "status"] {
        if !cols.contains_key(required) {
            problems.push(Problem::fatal(
                1,
                format!("the column {required} is missing"),
            ));
        }
    }
    if problems.iter().any(|p| p.fatal) {
        return Ok((out, problems));
    }
    for row in table.rows.iter().filter(|r| !r.is_empty()) {
        let line = row.line;
        let cell = |name: &str| row.cell(cols.get(name).copied());
        let (concept, text) = (cell("concept"), cell("term"));
        if concept.is_empty() || text.is_empty() {
            problems.push(Problem::fatal(
                line,
                "a rendering needs a concept and a term",
            ));
            continue;
        }
        let status = match Status::parse(cell("status")) {
            Some(Status::Preferred) => {
                problems.push(Problem::fatal(
                    line,
                    format!("{concept}: {text:?}: a concept's preferred rendering is its en cell, not a rendering row"),
                ));
                continue;
            }
            Some(s) => s,
            None => {
                problems.push(Problem::fatal(
                    line,
                    format!(
                        "{concept}: {text:?}: unknown status {:?} (admitted, superseded or deprecated)",
                        cell("status")
                    ),
                ));
                continue;
            }
        };
        let kind = match cell("kind") {
            "" => None,
            k => match Kind::parse(k) {
                Some(k) => Some(k),
                None => {
                    problems.push(Problem::fatal(
                        line,
                        format!("{concept}: unknown kind {k:?} (official, superseded, press or literal)"),
                    ));
                    None
                }
            },
        };
        let mut date = |name: &str| match cell(name) {
            "" => None,
            d => match d.parse::<PartialDate>() {
                Ok(d) => Some(d),
                Err(e) => {
                    problems.push(Problem::fatal(line, format!("{concept}: {name}: {e}")));
                    None
                }
            },
        };
        let (valid_from, valid_until) = (date("valid_from"), date("valid_until"));
        let term = Term {
            text: text.to_string(),
            status,
            kind,
            valid_from,
            valid_until,
            sources: sources_of(cell("source"), sources, line, &mut problems),
            evidence: cell("evidence").to_string(),
            note: cell("note").to_string(),
        };
        out.push(Rendering {
            line,
            concept: concept.to_string(),
            term,
        });
    }
    Ok((out, problems))
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
        // The group that the final ")" closes (a publisher may hold
        // parentheses of its own: "Xinhua (as carried by ...)").
        let mut depth = 0i32;
        let mut open = None;
        for (i, c) in rest.char_indices().rev() {
            match c {
                ')' => depth += 1,
                '(' => {
                    depth -= 1;
                    if depth == 0 {
                        open = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        if let Some(open) = open.filter(|&o| o > 0 && rest[..o].ends_with(' ')) {
            let inner = &rest[open + 1..rest.len() - 1];
            match inner.rsplit_once(", ") {
                Some((p, d)) if looks_like_date(d) => {
                    publisher = p.to_string();
                    date = d.to_string();
                }
                _ if looks_like_date(inner) => date = inner.to_string(),
                _ => publisher = inner.to_string(),
            }
            rest = &rest[..open - 1];
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
pub const EXPORT_COLUMNS: [&str; 10] = [
    "zh",
    "en",
    "admitted",
    "superseded",
    "deprecated",
    "category",
    "note",
    "sources",
    "id",
    "case",
];

/// Writes concepts as CSV (RFC 4180) with a header row; sources as full
/// citations, so that the file stands on its own and imports back as it was
/// (but for what renderings know of themselves: their sources, dates and
/// evidence, which TBX keeps).
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
            &join(Status::Superseded),
            &join(Status::Deprecated),
            &c.category,
            &c.note,
            &sources.join(LIST_SEPARATOR),
            &c.id,
            if c.case_sensitive { "strict" } else { "" },
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
        let nested = Source {
            id: "x".into(),
            title: "Xi leads China (Xinhua, as carried by NsNewsWire)".into(),
            publisher: "Xinhua (as carried by nsnewswire.com)".into(),
            url: "https://nsnewswire.com/x".into(),
            date: "2018-04-19".into(),
        };
        assert_eq!(parse_citation(&citation(&nested)), Some(nested));
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
