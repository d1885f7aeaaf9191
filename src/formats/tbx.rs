//! TBX glossaries: TBX 2008 (ISO 30042:2008, "martif", in the TBX-Basic
//! style that OmegaT 3.6 and translate-toolkit read) and TBX v3 (ISO
//! 30042:2019, TBX-Basic dialect, DCA style).
//!
//! A concept is a `termEntry` (v3: `conceptEntry`) whose id is the concept's
//! id; its category is `descrip type="subjectField"`, its note a `note`, each
//! source an `admin type="source"` holding the citation tifa writes in CSV
//! exports. Each term is a `tig` (v3: `termSec`) inside the `langSet`
//! (`langSec`) of its language, with `termNote type="administrativeStatus"`:
//! preferredTerm-admn-sts, admittedTerm-admn-sts or deprecatedTerm-admn-sts.
//!
//! Writing goes through quick-xml's writer (escaping is its job; characters
//! XML 1.0 forbids are dropped). Reading uses quick-xml's event reader and
//! reports problems with their line.

use std::io::Write;
use std::path::Path;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};

use super::glossary_csv::{citation, parse_citation};
use super::Positions;
use crate::formats::decode::decode;
use crate::glossary::{slug, Concept, Entry, Kind, Source, Status, Term};
use crate::normalize::nfc;
use crate::Problem;
use crate::{Error, Lang, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    /// TBX 2008, `<martif>`.
    Martif,
    /// TBX v3 (ISO 30042:2019), TBX-Basic dialect.
    V3,
}

const TBX3_NS: &str = "urn:iso:std:iso:30042:ed-2";

/// Characters XML 1.0 allows.
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().all(xml_char) {
        s.into()
    } else {
        s.chars()
            .filter(|c| xml_char(*c))
            .collect::<String>()
            .into()
    }
}

/// An XML ID for a concept id: ids must start with a letter or underscore.
fn xml_id(id: &str) -> String {
    match id.chars().next() {
        Some(c) if c.is_alphabetic() || c == '_' => id.to_string(),
        _ => format!("c-{id}"),
    }
}

fn status_value(status: Status) -> &'static str {
    status.tbx()
}

/// The prefixes of the term-level notes that carry what TBX-Basic has no
/// data category for: the kind of rendering and the dates it was in force.
const KIND_NOTE: &str = "kind: ";
const FROM_NOTE: &str = "valid from: ";
const UNTIL_NOTE: &str = "valid until: ";

type XmlWriter<'a> = Writer<&'a mut dyn Write>;

fn io(e: std::io::Error) -> Error {
    Error::output(e)
}

fn element(w: &mut XmlWriter<'_>, name: &str, attrs: &[(&str, &str)], text: &str) -> Result<()> {
    let mut start = BytesStart::new(name);
    for (k, v) in attrs {
        start.push_attribute((*k, clean(v).as_ref()));
    }
    w.write_event(Event::Start(start)).map_err(io)?;
    w.write_event(Event::Text(BytesText::new(&clean(text))))
        .map_err(io)?;
    w.write_event(Event::End(BytesEnd::new(name))).map_err(io)?;
    Ok(())
}

fn open(w: &mut XmlWriter<'_>, name: &str, attrs: &[(&str, &str)]) -> Result<()> {
    let mut start = BytesStart::new(name);
    for (k, v) in attrs {
        start.push_attribute((*k, *v));
    }
    w.write_event(Event::Start(start)).map_err(io)
}

fn close(w: &mut XmlWriter<'_>, name: &str) -> Result<()> {
    w.write_event(Event::End(BytesEnd::new(name))).map_err(io)
}

/// Writes `concepts` as TBX, streaming.
pub fn write(out: &mut dyn Write, concepts: &[Concept], flavour: Flavour) -> Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(io)?;
    let (entry, lang_set, term_group, header) = match flavour {
        Flavour::Martif => {
            w.get_mut()
                .write_all(b"\n<!DOCTYPE martif SYSTEM \"TBXcoreStructV02.dtd\">")
                .map_err(io)?;
            open(&mut w, "martif", &[("type", "TBX"), ("xml:lang", "en")])?;
            ("termEntry", "langSet", "tig", "martifHeader")
        }
        Flavour::V3 => {
            open(
                &mut w,
                "tbx",
                &[
                    ("type", "TBX-Basic"),
                    ("style", "dca"),
                    ("xml:lang", "en"),
                    ("xmlns", TBX3_NS),
                ],
            )?;
            ("conceptEntry", "langSec", "termSec", "tbxHeader")
        }
    };
    open(&mut w, header, &[])?;
    open(&mut w, "fileDesc", &[])?;
    open(&mut w, "sourceDesc", &[])?;
    element(
        &mut w,
        "p",
        &[],
        "tifa glossary of fixed English renderings of Chinese political terms (zh to en)",
    )?;
    close(&mut w, "sourceDesc")?;
    close(&mut w, "fileDesc")?;
    close(&mut w, header)?;
    open(&mut w, "text", &[])?;
    open(&mut w, "body", &[])?;
    for c in concepts {
        open(&mut w, entry, &[("id", &xml_id(&c.id))])?;
        element(&mut w, "descrip", &[("type", "subjectField")], &c.category)?;
        if !c.note.is_empty() {
            element(&mut w, "note", &[], &c.note)?;
        }
        for s in &c.sources {
            element(&mut w, "admin", &[("type", "source")], &citation(s))?;
        }
        open(&mut w, lang_set, &[("xml:lang", Lang::Zh.tag())])?;
        for (i, zh) in c.zh.iter().enumerate() {
            let status = if i == 0 {
                Status::Preferred
            } else {
                Status::Admitted
            };
            open(&mut w, term_group, &[])?;
            element(&mut w, "term", &[], zh)?;
            element(
                &mut w,
                "termNote",
                &[("type", "administrativeStatus")],
                status_value(status),
            )?;
            close(&mut w, term_group)?;
        }
        close(&mut w, lang_set)?;
        open(&mut w, lang_set, &[("xml:lang", Lang::En.tag())])?;
        for t in &c.en {
            open(&mut w, term_group, &[])?;
            element(&mut w, "term", &[], &t.text)?;
            element(
                &mut w,
                "termNote",
                &[("type", "administrativeStatus")],
                status_value(t.status),
            )?;
            if !t.evidence.is_empty() {
                element(&mut w, "descrip", &[("type", "context")], &t.evidence)?;
            }
            for s in &t.sources {
                element(&mut w, "admin", &[("type", "source")], &citation(s))?;
            }
            if let Some(kind) = t.kind {
                element(&mut w, "note", &[], &format!("{KIND_NOTE}{}", kind.code()))?;
            }
            if let Some(d) = t.valid_from {
                element(&mut w, "note", &[], &format!("{FROM_NOTE}{d}"))?;
            }
            if let Some(d) = t.valid_until {
                element(&mut w, "note", &[], &format!("{UNTIL_NOTE}{d}"))?;
            }
            if !t.note.is_empty() {
                element(&mut w, "note", &[], &t.note)?;
            }
            close(&mut w, term_group)?;
        }
        close(&mut w, lang_set)?;
        close(&mut w, entry)?;
    }
    close(&mut w, "body")?;
    close(&mut w, "text")?;
    close(
        &mut w,
        if flavour == Flavour::Martif {
            "martif"
        } else {
            "tbx"
        },
    )?;
    w.get_mut().write_all(b"\n").map_err(io)?;
    Ok(())
}

#[derive(Default)]
struct Pending {
    line: u64,
    id: String,
    category: String,
    note: String,
    sources: Vec<Source>,
    zh: Vec<(String, Option<Status>)>,
    en: Vec<(Term, Option<Status>)>,
}

/// A source cited in an `admin type="source"` element.
fn source_of(value: &str) -> Source {
    parse_citation(value).unwrap_or_else(|| Source {
        id: slug(value).chars().take(48).collect(),
        title: value.to_string(),
        publisher: String::new(),
        url: String::new(),
        date: String::new(),
    })
}

/// Reads a TBX file (martif or v3). Problems come with their line.
pub fn read(path: &Path, bytes: &[u8]) -> Result<(Vec<Entry>, Vec<Problem>)> {
    let (text, _) = decode(path, bytes)?;
    let mut reader = Reader::from_str(&text);
    reader.config_mut().trim_text(false);
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut current: Option<Pending> = None;
    let mut lang: Option<String> = None;
    let mut term: Option<(Term, Option<Status>)> = None;
    let mut text_buf = String::new();
    let mut capture: Option<(String, Option<String>)> = None; // element, type attribute
    let mut root_seen = false;
    let mut lines = Positions::new(&text);
    loop {
        let position = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let at = reader.error_position() as usize;
                problems.push(Problem::fatal(
                    lines.line(at),
                    format!("malformed XML: {e}"),
                ));
                break;
            }
        };
        match event {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                let attr = |key: &str| -> Option<String> {
                    e.attributes().flatten().find_map(|a| {
                        let k = String::from_utf8_lossy(a.key.as_ref()).into_owned();
                        (k == key || k.ends_with(&format!(":{key}")) && key == "lang").then(|| {
                            a.unescape_value()
                                .map(|v| v.into_owned())
                                .unwrap_or_default()
                        })
                    })
                };
                if !root_seen {
                    root_seen = true;
                    if name != "martif" && name != "tbx" {
                        problems.push(Problem::fatal(
                            lines.line(position),
                            format!("the root element is <{name}>, not <martif> (TBX 2008) or <tbx> (TBX v3)"),
                        ));
                        break;
                    }
                }
                match name.as_str() {
                    "termEntry" | "conceptEntry" => {
                        current = Some(Pending {
                            line: lines.line(position),
                            id: attr("id").unwrap_or_default(),
                            ..Pending::default()
                        });
                    }
                    "langSet" | "langSec" => lang = attr("xml:lang").or_else(|| attr("lang")),
                    "tig" | "ntig" | "termSec" => {
                        term = Some((Term::new(String::new(), Status::Admitted), None))
                    }
                    "term" | "termNote" | "descrip" | "note" | "admin" => {
                        text_buf.clear();
                        capture = Some((name.clone(), attr("type")));
                    }
                    _ => {}
                }
                stack.push(name);
            }
            Event::Text(t) if capture.is_some() => {
                text_buf.push_str(
                    &t.decode()
                        .map_err(|e| Error::file(path, format!("bad text: {e}")))?,
                );
            }
            Event::CData(t) if capture.is_some() => {
                text_buf.push_str(&String::from_utf8_lossy(&t));
            }
            Event::GeneralRef(r) if capture.is_some() => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    text_buf.push(c);
                } else {
                    let name = String::from_utf8_lossy(&r).into_owned();
                    match quick_xml::escape::resolve_predefined_entity(&name) {
                        Some(s) => text_buf.push_str(s),
                        None => problems.push(Problem::fatal(
                            lines.line(position),
                            format!("unknown entity &{name};"),
                        )),
                    }
                }
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
                stack.pop();
                let line = lines.line(position);
                if let Some((el, kind)) = capture.take().filter(|(el, _)| *el == name) {
                    let value = nfc(text_buf.trim()).into_owned();
                    let in_term = term.is_some();
                    match (el.as_str(), kind.as_deref()) {
                        ("term", _) => {
                            if let Some(t) = term.as_mut() {
                                t.0.text = value;
                            }
                        }
                        ("descrip", Some("context")) if in_term => {
                            if let Some(t) = term.as_mut() {
                                t.0.evidence = value;
                            }
                        }
                        ("admin", Some("source")) if in_term => {
                            if let Some(t) = term.as_mut() {
                                t.0.sources.push(source_of(&value));
                            }
                        }
                        ("note", _) if in_term => {
                            if let Some(t) = term.as_mut() {
                                let bad_date = |v: &str| {
                                    Problem::fatal(
                                        line,
                                        format!("not a date in a term note: {v:?}"),
                                    )
                                };
                                if let Some(k) = value.strip_prefix(KIND_NOTE) {
                                    t.0.kind = Kind::parse(k);
                                } else if let Some(d) = value.strip_prefix(FROM_NOTE) {
                                    match d.parse() {
                                        Ok(d) => t.0.valid_from = Some(d),
                                        Err(_) => problems.push(bad_date(d)),
                                    }
                                } else if let Some(d) = value.strip_prefix(UNTIL_NOTE) {
                                    match d.parse() {
                                        Ok(d) => t.0.valid_until = Some(d),
                                        Err(_) => problems.push(bad_date(d)),
                                    }
                                } else {
                                    if !t.0.note.is_empty() {
                                        t.0.note.push(' ');
                                    }
                                    t.0.note.push_str(&value);
                                }
                            }
                        }
                        ("termNote", Some("administrativeStatus")) => match Status::parse(&value) {
                            Some(s) => {
                                if let Some(t) = term.as_mut() {
                                    t.1 = Some(s);
                                }
                            }
                            None => problems.push(Problem::fatal(
                                line,
                                format!("unknown administrative status {value:?}"),
                            )),
                        },
                        ("descrip", Some("subjectField")) if !in_term => {
                            if let Some(c) = current.as_mut() {
                                c.category = value;
                            }
                        }
                        ("note", _) if !in_term && lang.is_none() => {
                            if let Some(c) = current.as_mut() {
                                if !c.note.is_empty() {
                                    c.note.push(' ');
                                }
                                c.note.push_str(&value);
                            }
                        }
                        ("admin", Some("source")) => {
                            if let Some(c) = current.as_mut() {
                                let source = source_of(&value);
                                if !c.sources.contains(&source) {
                                    c.sources.push(source);
                                }
                            }
                        }
                        _ => {}
                    }
                }
                match name.as_str() {
                    "tig" | "ntig" | "termSec" => {
                        if let (Some(t), Some(c)) = (term.take(), current.as_mut()) {
                            match lang.as_deref().map(|l| l.parse::<crate::Lang>()) {
                                Some(Ok(crate::Lang::Zh)) => c.zh.push((t.0.text, t.1)),
                                Some(Ok(crate::Lang::En)) => c.en.push(t),
                                _ => {}
                            }
                        }
                    }
                    "langSet" | "langSec" => lang = None,
                    "termEntry" | "conceptEntry" => {
                        if let Some(p) = current.take() {
                            entries.push(finish(p, &mut problems));
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !root_seen && problems.is_empty() {
        problems.push(Problem::fatal(
            1,
            "no TBX content (no <martif> or <tbx> element)",
        ));
    }
    Ok((entries, problems))
}

/// A concept from what was read: statuses filled in (the first English term
/// without a status is preferred if none is), the id made from the
/// preferred term if missing.
fn finish(p: Pending, problems: &mut Vec<Problem>) -> Entry {
    let has_preferred = p.en.iter().any(|(_, s)| *s == Some(Status::Preferred));
    let mut promoted = has_preferred;
    let mut en = Vec::new();
    for (mut term, status) in p.en {
        let status = status.unwrap_or_else(|| {
            if promoted {
                Status::Admitted
            } else {
                promoted = true;
                Status::Preferred
            }
        });
        if term.text.is_empty() {
            problems.push(Problem::fatal(p.line, "an empty English <term>"));
            continue;
        }
        term.status = status;
        en.push(term);
    }
    en.sort_by_key(|t| t.status);
    let mut zh: Vec<(String, Option<Status>)> = p.zh;
    zh.sort_by_key(|(_, s)| *s != Some(Status::Preferred));
    let zh: Vec<String> = zh.into_iter().map(|(t, _)| t).collect();
    if zh.iter().any(String::is_empty) {
        problems.push(Problem::fatal(p.line, "an empty Chinese <term>"));
    }
    let mut id = p.id;
    if let Some(rest) = id
        .strip_prefix("c-")
        .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    {
        id = rest.to_string();
    }
    let concept = Concept {
        id,
        category: if p.category.is_empty() {
            "uncategorized".into()
        } else {
            p.category
        },
        zh: zh.into_iter().filter(|z| !z.is_empty()).collect(),
        en,
        note: p.note,
        sources: p.sources,
        // TBX has no data category for it; it stays in tifa's CSV.
        case_sensitive: false,
    };
    let concept = if concept.id.is_empty() {
        Concept {
            id: slug(concept.preferred()),
            ..concept
        }
    } else {
        concept
    };
    Entry {
        line: p.line,
        concept,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Concept> {
        vec![Concept {
            note: "Always with 'the' & capitalised: <the Two Upholds>.\u{1}".into(),
            sources: vec![Source {
                id: "s1".into(),
                title: "Fish & chips \"quoted\"".into(),
                publisher: "China Daily".into(),
                url: "https://example.org/a?b=1&c=2".into(),
                date: "2021-12-29".into(),
            }],
            ..crate::glossary::test_concept(
                "two-upholds",
                "两个维护",
                &[
                    ("the Two Upholds", Status::Preferred),
                    ("two maintenances", Status::Deprecated),
                ],
            )
        }]
    }

    #[test]
    fn round_trips_in_both_flavours() {
        for flavour in [Flavour::Martif, Flavour::V3] {
            let mut out = Vec::new();
            write(&mut out, &sample(), flavour).unwrap();
            let xml = String::from_utf8(out).unwrap();
            assert!(xml.contains("deprecatedTerm-admn-sts"), "{xml}");
            assert!(!xml.contains('\u{1}'));
            let (entries, problems) = read(Path::new("g.tbx"), xml.as_bytes()).unwrap();
            assert!(problems.is_empty(), "{problems:?}");
            let mut want = sample();
            want[0].note = want[0].note.replace('\u{1}', "");
            assert_eq!(
                entries.into_iter().map(|e| e.concept).collect::<Vec<_>>(),
                want,
                "{xml}"
            );
        }
    }

    #[test]
    fn malformed_xml_names_the_line() {
        let xml = "<?xml version=\"1.0\"?>\n<martif type=\"TBX\">\n<text><body>\n<termEntry id=\"a\">\n</body></text></martif>\n";
        let (_, problems) = read(Path::new("g.tbx"), xml.as_bytes()).unwrap();
        assert!(
            problems.iter().any(|p| p.fatal && p.line >= 4),
            "{problems:?}"
        );
    }
}
