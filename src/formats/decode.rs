//! Decoding text files: UTF-8 (with or without a byte order mark), UTF-16
//! with a byte order mark, and GB18030 (which includes GBK and GB2312), which
//! is common for Chinese files. The encoding is detected, never asked for.
//!
//! Undecodable input is an error that names the byte offset: a binary file,
//! UTF-16 without a byte order mark, or bytes that are neither UTF-8 nor
//! GB18030. Line endings are left as they are; the segmenter reads `\n`,
//! `\r\n` and `\r` alike.

use std::path::Path;

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};

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
}

impl Charset {
    pub fn name(self) -> &'static str {
        match self {
            Charset::Utf8 => "UTF-8",
            Charset::Utf8Bom => "UTF-8 with BOM",
            Charset::Utf16Le => "UTF-16LE",
            Charset::Utf16Be => "UTF-16BE",
            Charset::Gb18030 => "GB18030",
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
            let decoded = GB18030.decode_without_bom_handling_and_without_replacement(bytes);
            match decoded {
                Some(text) if reads_as_chinese(&text) => {
                    check_text(&text, 0)
                        .map_err(|_| (bad, "control characters in GB18030 text".to_string()))?;
                    Ok((text.into_owned(), Charset::Gb18030))
                }
                _ => Err((bad, "invalid UTF-8, and not GB18030 either".into())),
            }
        }
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
    fn binary_and_broken_input_name_the_offset() {
        let e = dec(b"abc\x00\x01\x02\xff").unwrap_err().to_string();
        assert!(e.contains("byte 3") && e.contains("binary"), "{e}");
        let e = dec(b"caf\xe9 au lait").unwrap_err().to_string();
        assert!(e.contains("byte 3") && e.contains("not GB18030"), "{e}");
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
