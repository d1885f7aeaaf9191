//! Decoding text files: UTF-8 (with or without a byte order mark), UTF-16
//! with a byte order mark, GB18030 (which includes GBK and GB2312), common
//! for simplified Chinese files, and Big5, common for traditional Chinese
//! files from Hong Kong and Taiwan. The encoding is detected, never asked for.
//!
//! GB18030 and Big5 share most of their byte ranges, so a Big5 file usually
//! decodes as GB18030 too, into nonsense. They differ in their second bytes:
//! every character of GB2312 (the 7,445 characters simplified Chinese text
//! uses) has a second byte of 0xA1 or above, while about two in five Big5
//! characters have one from 0x40 to 0x7E. Text in which fewer than four in
//! five double-byte characters look like GB2312 is read as Big5 when it
//! decodes as Big5; otherwise as GB18030.
//!
//! Undecodable input is an error that names the byte offset: a binary file,
//! UTF-16 without a byte order mark, or bytes that are neither UTF-8 nor
//! GB18030 nor Big5. Line endings are left as they are; the segmenter reads `\n`,
//! `\r\n` and `\r` alike.

use std::path::Path;

use encoding_rs::{Encoding, BIG5, GB18030, UTF_16BE, UTF_16LE, UTF_8};

use crate::lang::is_cjk;
use crate::{Error, Result};

/// How a file was encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Gb18030,
    Big5,
}

impl Charset {
    pub fn name(self) -> &'static str {
        match self {
            Charset::Utf8 => "UTF-8",
            Charset::Utf8Bom => "UTF-8 with BOM",
            Charset::Utf16Le => "UTF-16LE",
            Charset::Utf16Be => "UTF-16BE",
            Charset::Gb18030 => "GB18030",
            Charset::Big5 => "Big5",
        }
    }
}

/// Decodes the bytes of `path` (named in errors only).
pub fn decode(path: &Path, bytes: &[u8]) -> Result<(String, Charset)> {
    let (bom_encoding, bom_len) = match Encoding::for_bom(bytes) {
        Some((enc, len)) => (Some(enc), len),
        None => (None, 0),
    };
    let body = &bytes[bom_len..];
    let err = |offset: usize, detail: String| Error::Decode {
        path: path.to_path_buf(),
        offset: offset as u64,
        detail,
    };
    match bom_encoding {
        Some(enc) if enc == UTF_8 => {
            let text = std::str::from_utf8(body).map_err(|e| {
                err(
                    bom_len + e.valid_up_to(),
                    "invalid UTF-8 after a UTF-8 byte order mark".into(),
                )
            })?;
            check_text(text, bom_len).map_err(|(o, d)| err(o, d))?;
            Ok((text.to_owned(), Charset::Utf8Bom))
        }
        Some(enc) => {
            let (charset, name) = if enc == UTF_16LE {
                (Charset::Utf16Le, "UTF-16LE")
            } else {
                debug_assert_eq!(enc, UTF_16BE);
                (Charset::Utf16Be, "UTF-16BE")
            };
            if !body.len().is_multiple_of(2) {
                return Err(err(
                    bytes.len() - 1,
                    format!("{name} text has an odd number of bytes"),
                ));
            }
            let text = enc
                .decode_without_bom_handling_and_without_replacement(body)
                .ok_or_else(|| {
                    let offset = first_bad_utf16(body, enc == UTF_16LE);
                    err(
                        bom_len + offset,
                        format!("invalid {name} (an unpaired surrogate)"),
                    )
                })?;
            check_text(&text, 0).map_err(|(o, d)| err(bom_len + o * 2, d))?;
            Ok((text.into_owned(), charset))
        }
        None => decode_unmarked(body).map_err(|(o, d)| err(o, d)),
    }
}

/// Text without a byte order mark: UTF-8 if it is, else GB18030 if that reads
/// as Chinese text.
fn decode_unmarked(bytes: &[u8]) -> Result<(String, Charset), (usize, String)> {
    if let Some(nul) = memchr::memchr(0, bytes) {
        let hint = if looks_like_utf16(bytes) {
            "a NUL byte: this looks like UTF-16 without a byte order mark; save it as UTF-8 or as UTF-16 with a BOM"
        } else {
            "a NUL byte: this is a binary file, not text"
        };
        return Err((nul, hint.into()));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => {
            check_text(text, 0)?;
            Ok((text.to_owned(), Charset::Utf8))
        }
        Err(e) => {
            let bad = e.valid_up_to();
            let mut order = [(GB18030, Charset::Gb18030), (BIG5, Charset::Big5)];
            if gb2312_share(bytes) < 0.8 {
                order.reverse();
            }
            for (encoding, charset) in order {
                if let Some(text) =
                    encoding.decode_without_bom_handling_and_without_replacement(bytes)
                {
                    if reads_as_chinese(&text) {
                        check_text(&text, 0).map_err(|_| {
                            (
                                bad,
                                format!("control characters in {} text", charset.name()),
                            )
                        })?;
                        return Ok((text.into_owned(), charset));
                    }
                }
            }
            Err((bad, "invalid UTF-8, and not GB18030 or Big5 either".into()))
        }
    }
}

/// The share of double-byte characters whose bytes lie in the GB2312 area
/// (first byte 0xA1 to 0xF7, second byte 0xA1 to 0xFE), walking the bytes as
/// GB18030 does: ASCII is one byte, a second byte of 0x30 to 0x39 starts a
/// four-byte sequence, anything else is a pair. 1.0 when there are none.
fn gb2312_share(bytes: &[u8]) -> f64 {
    let (mut pairs, mut gb2312) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        let lead = bytes[i];
        if lead < 0x80 {
            i += 1;
            continue;
        }
        let Some(&trail) = bytes.get(i + 1) else {
            break;
        };
        if (0x30..=0x39).contains(&trail) {
            i += 4;
            continue;
        }
        pairs += 1;
        if (0xA1..=0xF7).contains(&lead) && (0xA1..=0xFE).contains(&trail) {
            gb2312 += 1;
        }
        i += 2;
    }
    if pairs == 0 {
        1.0
    } else {
        gb2312 as f64 / pairs as f64
    }
}

fn looks_like_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(400)];
    let zeros = sample.iter().filter(|&&b| b == 0).count();
    zeros * 4 >= sample.len() && sample.len() >= 4
}

/// A text whose non-ASCII characters are mostly Chinese characters and
/// punctuation: a real GB18030 file, not Latin-1 or binary that happens to
/// decode.
fn reads_as_chinese(text: &str) -> bool {
    let mut non_ascii = 0usize;
    let mut chinese = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        // Chinese text also uses general punctuation: “ ” ‘ ’ — ……
        if is_cjk(c) || ('\u{2010}'..='\u{2027}').contains(&c) {
            chinese += 1;
        }
    }
    non_ascii > 0 && chinese * 10 >= non_ascii * 9
}

/// Rejects text that is really binary: C0 control characters other than tab,
/// line feed, form feed and carriage return. Returns the offending character's
/// offset in `text` (plus `base`).
fn check_text(text: &str, base: usize) -> Result<(), (usize, String)> {
    match text
        .bytes()
        .position(|b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C) || b == 0x7F)
    {
        Some(i) => Err((
            base + i,
            format!(
                "control character U+{:04X}: this is a binary file, not text",
                text.as_bytes()[i]
            ),
        )),
        None => Ok(()),
    }
}

fn first_bad_utf16(body: &[u8], little_endian: bool) -> usize {
    let units: Vec<u16> = body
        .chunks_exact(2)
        .map(|p| {
            if little_endian {
                u16::from_le_bytes([p[0], p[1]])
            } else {
                u16::from_be_bytes([p[0], p[1]])
            }
        })
        .collect();
    let mut i = 0;
    while i < units.len() {
        match units[i] {
            0xD800..=0xDBFF
                if units
                    .get(i + 1)
                    .is_some_and(|u| (0xDC00..=0xDFFF).contains(u)) =>
            {
                i += 2
            }
            0xD800..=0xDFFF => return i * 2,
            _ => i += 1,
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> Result<(String, Charset)> {
        decode(Path::new("t.txt"), bytes)
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(dec(b"Hi.").unwrap(), ("Hi.".into(), Charset::Utf8));
        assert_eq!(
            dec(b"\xEF\xBB\xBFHi.").unwrap(),
            ("Hi.".into(), Charset::Utf8Bom)
        );
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("两个维护 Two".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(dec(&le).unwrap(), ("两个维护 Two".into(), Charset::Utf16Le));
        let mut be = vec![0xFE, 0xFF];
        be.extend("Upholds".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(dec(&be).unwrap(), ("Upholds".into(), Charset::Utf16Be));
    }

    #[test]
    fn gb18030_is_detected() {
        let (bytes, _, _) = GB18030.encode("坚决做到“两个维护”。全面从严治党。");
        let (text, cs) = dec(&bytes).unwrap();
        assert_eq!(cs, Charset::Gb18030);
        assert_eq!(text, "坚决做到“两个维护”。全面从严治党。");
    }

    #[test]
    fn big5_is_detected_and_not_taken_for_gb18030() {
        let traditional =
            "全面從嚴治黨，堅決做到「兩個維護」。中國共產黨第二十次全國代表大會報告。";
        let (bytes, _, unmappable) = BIG5.encode(traditional);
        assert!(!unmappable);
        // The same bytes read as GB18030 without an error: only the detection
        // keeps them from being taken for simplified Chinese.
        assert!(GB18030
            .decode_without_bom_handling_and_without_replacement(&bytes)
            .is_some());
        let (text, cs) = dec(&bytes).unwrap();
        assert_eq!(cs, Charset::Big5);
        assert_eq!(text, traditional);
        // Simplified text in GB18030 stays GB18030.
        let (bytes, _, _) = GB18030.encode("全面从严治党，坚决做到“两个维护”。");
        assert_eq!(dec(&bytes).unwrap().1, Charset::Gb18030);
    }

    #[test]
    fn binary_and_broken_input_name_the_offset() {
        let e = dec(b"abc\x00\x01\x02\xff").unwrap_err().to_string();
        assert!(e.contains("byte 3") && e.contains("binary"), "{e}");
        let e = dec(b"caf\xe9 au lait").unwrap_err().to_string();
        assert!(e.contains("byte 3") && e.contains("not GB18030"), "{e}");
        assert!(e.contains("Big5"), "{e}");
        let e = dec(b"a\x1bb").unwrap_err().to_string();
        assert!(
            e.contains("byte 1") && e.contains("control character"),
            "{e}"
        );
        let utf16_no_bom: Vec<u8> = "Hello".encode_utf16().flat_map(u16::to_le_bytes).collect();
        let e = dec(&utf16_no_bom).unwrap_err().to_string();
        assert!(e.contains("UTF-16 without a byte order mark"), "{e}");
    }
}
