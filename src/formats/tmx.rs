//! TMX: a streaming writer of TMX 1.4b and a streaming reader of any TMX 1.x.
//!
//! The writer goes through quick-xml's writer, which escapes text and keeps
//! the tags balanced; characters XML 1.0 forbids are dropped and counted.
//! The reader takes `xml:lang` or the older `lang`, language tags in any
//! form (en-US, EN, zh-CN, zh-Hans, zh_CN), `srclang="*all*"`, and reduces
//! inline markup to its text: the native codes inside bpt, ept, ph, it and
//! ut (and their sub-flows) are not text and are left out; hi keeps its
//! text. A malformed file is an error with its line and column.

use std::io::Write;
use std::path::{Path, PathBuf};

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::{Reader, Writer};

use super::{Positions, UnitReader, UnitWriter};
use crate::normalize::nfc;
use crate::{Error, Lang, Result, Unit};

/// "2026-11-22T04:25:01Z" → "20261122T042501Z", the form TMX recommends.
pub fn tmx_date(rfc3339: &str) -> String {
    let digits: String = rfc3339
        .chars()
        .filter(|c| c.is_ascii_digit())
        .take(14)
        .collect();
    if digits.len() == 14 {
        format!("{}T{}Z", &digits[..8], &digits[8..])
    } else {
        String::new()
    }
}

fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// `s` without the characters XML 1.0 forbids, counting them in
/// `dropped`. Text is checked byte by byte first: only control bytes and
/// U+FFFE/U+FFFF (EF BF BE/BF) can be forbidden in a Rust string.
fn clean<'t>(s: &'t str, dropped: &mut u64) -> std::borrow::Cow<'t, str> {
    let b = s.as_bytes();
    let suspect = b.iter().enumerate().any(|(i, &c)| {
        (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r'))
            || (c == 0xEF
                && b.get(i + 1) == Some(&0xBF)
                && matches!(b.get(i + 2), Some(0xBE | 0xBF)))
    });
    if !suspect {
        return s.into();
    }
    let kept: String = s.chars().filter(|c| xml_char(*c)).collect();
    *dropped += (s.chars().count() - kept.chars().count()) as u64;
    kept.into()
}

/// Writes TMX 1.4b one unit at a time.
pub struct TmxWriter<W: Write> {
    w: Writer<W>,
    srclang: Lang,
    dropped: u64,
}

fn xml_err(e: std::io::Error) -> Error {
    Error::output(e)
}

impl<W: Write> TmxWriter<W> {
    /// Starts the file: declaration, header (with `creationdate`, an RFC 3339
    /// time given by the caller) and the opening of the body.
    pub fn new(out: W, srclang: Lang, creationdate: &str) -> Result<Self> {
        let mut w = Writer::new_with_indent(out, b' ', 2);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
            .map_err(xml_err)?;
        w.get_mut()
            .write_all(b"\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">")
            .map_err(xml_err)?;
        let mut tmx = BytesStart::new("tmx");
        tmx.push_attribute(("version", "1.4"));
        w.write_event(Event::Start(tmx)).map_err(xml_err)?;
        let mut header = BytesStart::new("header");
        let version = env!("CARGO_PKG_VERSION");
        let date = tmx_date(creationdate);
        for (k, v) in [
            ("creationtool", "tifa"),
            ("creationtoolversion", version),
            ("segtype", "sentence"),
            ("o-tmf", "tifa"),
            ("adminlang", "en"),
            ("srclang", srclang.tag()),
            ("datatype", "plaintext"),
            ("creationdate", date.as_str()),
        ] {
            header.push_attribute((k, v));
        }
        w.write_event(Event::Empty(header)).map_err(xml_err)?;
        w.write_event(Event::Start(BytesStart::new("body")))
            .map_err(xml_err)?;
        Ok(TmxWriter {
            w,
            srclang,
            dropped: 0,
        })
    }

    fn prop(&mut self, kind: &str, value: &str) -> Result<()> {
        let value = clean(value, &mut self.dropped);
        let mut p = BytesStart::new("prop");
        p.push_attribute(("type", kind));
        self.w.write_event(Event::Start(p)).map_err(xml_err)?;
        self.w
            .write_event(Event::Text(BytesText::new(&value)))
            .map_err(xml_err)?;
        self.w
            .write_event(Event::End(BytesEnd::new("prop")))
            .map_err(xml_err)?;
        Ok(())
    }

    fn write_unit(&mut self, u: &Unit) -> Result<()> {
        let mut tu = BytesStart::new("tu");
        let id = u.id.to_string();
        tu.push_attribute(("tuid", id.as_str()));
        let date = tmx_date(&u.created);
        if !date.is_empty() {
            tu.push_attribute(("creationdate", date.as_str()));
        }
        // A unit without the header's source language names its own.
        let has_source = match self.srclang {
            Lang::En => u.en.is_some(),
            Lang::Zh => u.zh.is_some(),
        };
        if !has_source {
            let own = if u.en.is_some() { Lang::En } else { Lang::Zh };
            tu.push_attribute(("srclang", own.tag()));
        }
        self.w.write_event(Event::Start(tu)).map_err(xml_err)?;
        if let Some(d) = &u.document {
            self.prop("x-document", d)?;
        }
        if let Some(p) = u.paragraph {
            self.prop("x-paragraph", &p.to_string())?;
        }
        if let Some(s) = u.sentence {
            self.prop("x-sentence", &s.to_string())?;
        }
        for c in &u.concepts {
            self.prop("x-concept", c)?;
        }
        let sides = match self.srclang {
            Lang::En => [(Lang::En, &u.en), (Lang::Zh, &u.zh)],
            Lang::Zh => [(Lang::Zh, &u.zh), (Lang::En, &u.en)],
        };
        for (lang, text) in sides {
            let Some(text) = text else { continue };
            let text = clean(text, &mut self.dropped);
            let mut tuv = BytesStart::new("tuv");
            tuv.push_attribute(("xml:lang", lang.tag()));
            self.w.write_event(Event::Start(tuv)).map_err(xml_err)?;
            self.w
                .write_event(Event::Start(BytesStart::new("seg")))
                .map_err(xml_err)?;
            self.w
                .write_event(Event::Text(BytesText::new(&text)))
                .map_err(xml_err)?;
            self.w
                .write_event(Event::End(BytesEnd::new("seg")))
                .map_err(xml_err)?;
            self.w
                .write_event(Event::End(BytesEnd::new("tuv")))
                .map_err(xml_err)?;
        }
        self.w
            .write_event(Event::End(BytesEnd::new("tu")))
            .map_err(xml_err)?;
        Ok(())
    }

    /// Closes the file; returns the output and how many characters that XML
    /// 1.0 forbids were dropped.
    pub fn finish(mut self) -> Result<(W, u64)> {
        self.w
            .write_event(Event::End(BytesEnd::new("body")))
            .map_err(xml_err)?;
        self.w
            .write_event(Event::End(BytesEnd::new("tmx")))
            .map_err(xml_err)?;
        self.w.get_mut().write_all(b"\n").map_err(xml_err)?;
        Ok((self.w.into_inner(), self.dropped))
    }
}

impl<W: Write> UnitWriter for TmxWriter<W> {
    fn write(&mut self, unit: &Unit) -> Result<()> {
        self.write_unit(unit)
    }

    fn finish(self: Box<Self>) -> Result<u64> {
        Ok(TmxWriter::finish(*self)?.1)
    }
}

/// Reads the units of a TMX file one at a time.
pub struct TmxReader<'a> {
    path: PathBuf,
    reader: Reader<&'a [u8]>,
    position: Positions<'a>,
    /// `tu`s with no text in either language, skipped.
    pub skipped: u64,
    /// Extra `tuv`s of a language a `tu` already had, ignored.
    pub extra: u64,
    done: bool,
}

impl<'a> TmxReader<'a> {
    /// A reader of `text`, which must be TMX (a `<tmx>` element near the
    /// start).
    pub fn new(path: &Path, text: &'a str) -> Result<Self> {
        if !looks_like_tmx(text) {
            return Err(Error::file(path, "not a TMX file (no <tmx> element)"));
        }
        let mut reader = Reader::from_str(text);
        reader.config_mut().trim_text(false);
        Ok(TmxReader {
            path: path.to_path_buf(),
            reader,
            position: Positions::new(text),
            skipped: 0,
            extra: 0,
            done: false,
        })
    }

    fn error(&mut self, offset: usize, message: String) -> Error {
        let (line, column) = self.position.at(offset);
        Error::Line {
            path: self.path.clone(),
            line,
            message: format!("column {column}: {message}"),
        }
    }
}

fn attr(e: &BytesStart<'_>, names: &[&str]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        names.contains(&key.as_str()).then(|| {
            a.unescape_value()
                .map(|v| v.into_owned())
                .unwrap_or_default()
        })
    })
}

/// Elements whose content is a native code, not text.
fn is_code(name: &[u8]) -> bool {
    matches!(name, b"bpt" | b"ept" | b"ph" | b"it" | b"ut" | b"sub")
}

impl UnitReader for TmxReader<'_> {
    fn skipped(&self) -> u64 {
        self.skipped
    }
}

impl Iterator for TmxReader<'_> {
    type Item = Result<Unit>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let mut in_tu: Option<u64> = None;
        let mut lang: Option<Lang> = None;
        let mut in_seg = false;
        let mut code_depth = 0u32;
        let mut seg = String::new();
        let mut en: Option<String> = None;
        let mut zh: Option<String> = None;
        loop {
            let offset = self.reader.buffer_position() as usize;
            let event = match self.reader.read_event() {
                Ok(e) => e,
                Err(e) => {
                    self.done = true;
                    let at = self.reader.error_position() as usize;
                    return Some(Err(self.error(at, format!("malformed TMX: {e}"))));
                }
            };
            match event {
                Event::Start(e) => {
                    let name = e.local_name();
                    match name.as_ref() {
                        b"tu" => {
                            let line = self.position.line(offset);
                            in_tu = Some(line);
                            en = None;
                            zh = None;
                        }
                        b"tuv" => {
                            lang = attr(&e, &["xml:lang", "lang"]).and_then(|l| l.parse().ok());
                        }
                        b"seg" => {
                            in_seg = true;
                            seg.clear();
                        }
                        n if in_seg && is_code(n) => code_depth += 1,
                        _ => {}
                    }
                }
                Event::End(e) => match e.local_name().as_ref() {
                    b"seg" => in_seg = false,
                    b"tuv" => {
                        let text = nfc(seg.trim()).into_owned();
                        seg.clear();
                        let slot = match lang {
                            Some(Lang::En) => Some(&mut en),
                            Some(Lang::Zh) => Some(&mut zh),
                            None => None,
                        };
                        if let Some(slot) = slot {
                            if text.is_empty() {
                            } else if slot.is_none() {
                                *slot = Some(text);
                            } else {
                                self.extra += 1;
                            }
                        }
                        lang = None;
                    }
                    b"tu" => {
                        let line = in_tu.take().unwrap_or(0);
                        if en.is_none() && zh.is_none() {
                            self.skipped += 1;
                            continue;
                        }
                        return Some(Ok(Unit::at_line(line, en.take(), zh.take())));
                    }
                    n if in_seg && is_code(n) => code_depth = code_depth.saturating_sub(1),
                    _ => {}
                },
                Event::Text(t) if in_seg && code_depth == 0 => match t.decode() {
                    Ok(s) => seg.push_str(&s),
                    Err(e) => {
                        self.done = true;
                        return Some(Err(self.error(offset, format!("bad text: {e}"))));
                    }
                },
                Event::CData(t) if in_seg && code_depth == 0 => {
                    seg.push_str(&String::from_utf8_lossy(&t))
                }
                Event::GeneralRef(r) if in_seg && code_depth == 0 => {
                    if let Ok(Some(c)) = r.resolve_char_ref() {
                        seg.push(c);
                    } else {
                        let name = String::from_utf8_lossy(&r).into_owned();
                        match quick_xml::escape::resolve_predefined_entity(&name) {
                            Some(s) => seg.push_str(s),
                            None => {
                                self.done = true;
                                return Some(Err(
                                    self.error(offset, format!("unknown entity &{name};"))
                                ));
                            }
                        }
                    }
                }
                Event::Eof => {
                    self.done = true;
                    if in_tu.is_some() {
                        let end = self.position.len();
                        return Some(Err(self.error(end, "the file ends inside a <tu>".into())));
                    }
                    return None;
                }
                _ => {}
            }
        }
    }
}

/// Checks that a decoded text is TMX at all (a `<tmx>` root) before any of
/// it is read as units.
fn looks_like_tmx(text: &str) -> bool {
    let head = &text[..text.floor_char_boundary(4096)];
    head.contains("<tmx")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRICKY: &[&str] = &[
        "Fish & chips",
        "five &lt; six",
        "\"quoted\" and 'single'",
        "tab\there",
        "=SUM(A1)",
        "两个维护 & <the Two Upholds>",
        "ends with ]]>",
    ];

    #[test]
    fn round_trip_with_tricky_strings() {
        let mut out = Vec::new();
        let mut w = TmxWriter::new(&mut out, Lang::En, "2026-11-22T04:25:01Z").unwrap();
        for (i, s) in TRICKY.iter().enumerate() {
            w.write_unit(&Unit {
                id: i as i64 + 1,
                en: Some(s.to_string()),
                zh: Some(format!("中文{i}")),
                created: "2026-11-22T04:25:01Z".into(),
                document: Some("tm/a.txt".into()),
                paragraph: Some(1),
                sentence: Some(i as u64 + 1),
                concepts: vec!["two-upholds".into()],
            })
            .unwrap();
        }
        w.write_unit(&Unit {
            id: 99,
            en: Some("bell\u{7}here".into()),
            ..Unit::default()
        })
        .unwrap();
        let (_, dropped) = w.finish().unwrap();
        assert_eq!(dropped, 1);
        let xml = String::from_utf8(out).unwrap();
        assert!(xml.contains("creationdate=\"20261122T042501Z\""));
        let units: Vec<Unit> = TmxReader::new(Path::new("t.tmx"), &xml)
            .unwrap()
            .collect::<Result<_>>()
            .unwrap();
        assert_eq!(units.len(), TRICKY.len() + 1);
        for (u, s) in units.iter().zip(TRICKY) {
            assert_eq!(u.en.as_deref(), Some(*s));
        }
        assert_eq!(units.last().unwrap().en.as_deref(), Some("bellhere"));
    }

    #[test]
    fn reads_other_tools_tmx() {
        let xml = r#"<?xml version="1.0"?>
<tmx version="1.1"><header srclang="*all*" creationtool="x" creationtoolversion="1" segtype="paragraph" o-tmf="x" adminlang="EN" datatype="plaintext"/>
<body>
<tu><tuv lang="EN-US"><seg>Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept> <hi>now</hi>.<ph>&lt;br/&gt;</ph></seg></tuv>
<tuv xml:lang="zh_CN"><seg>现在按确定。</seg></tuv><tuv xml:lang="zh-Hans"><seg>另一个</seg></tuv></tu>
<tu><tuv xml:lang="en"><seg> </seg></tuv></tu>
</body></tmx>"#;
        let mut reader = TmxReader::new(Path::new("t.tmx"), xml).unwrap();
        let units: Vec<Unit> = reader.by_ref().collect::<Result<_>>().unwrap();
        assert_eq!(units.len(), 1);
        assert_eq!(units[0].en.as_deref(), Some("Press OK now."));
        assert_eq!(units[0].zh.as_deref(), Some("现在按确定。"));
        assert_eq!((reader.skipped, reader.extra), (1, 1));
    }

    #[test]
    fn malformed_tmx_names_line_and_column() {
        let xml = "<tmx version=\"1.4\"><body>\n<tu><tuv xml:lang=\"en\"><seg>a</tuv></tu>\n</body></tmx>";
        let err = TmxReader::new(Path::new("bad.tmx"), xml)
            .unwrap()
            .find_map(|r| r.err())
            .unwrap()
            .to_string();
        assert!(err.starts_with("bad.tmx:2: column"), "{err}");
    }
}
