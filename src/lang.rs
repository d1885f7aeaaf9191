//! The two languages of the memory, and telling them apart.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language tag tifa writes in exchange files (TMX `xml:lang`, TBX
    /// `langSet`): `en`, and `zh-CN` for simplified Chinese.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// Guesses the language of a text from its letters: Han characters count
    /// for about four Latin letters each, as a Chinese word is one or two
    /// characters where an English word is five or six letters. Returns `None`
    /// when the text has no letters at all.
    pub fn detect(text: &str) -> Option<Lang> {
        let mut han = 0usize;
        let mut latin = 0usize;
        for c in text.chars() {
            if c.is_ascii_alphabetic() {
                latin += 1;
            } else if is_han(c) {
                han += 1;
            } else if !c.is_ascii() && c.is_alphabetic() {
                latin += 1;
            }
        }
        if han == 0 && latin == 0 {
            None
        } else if han * 4 >= latin {
            Some(Lang::Zh)
        } else {
            Some(Lang::En)
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Lang {
    type Err = String;

    /// Accepts the codes a user or a file is likely to use: `en`, `EN`,
    /// `en-US`, `zh`, `zh-CN`, `zh_Hans`, `chinese`, `english`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        let primary = lower.split(['-', '_']).next().unwrap_or_default();
        match primary {
            "en" | "eng" | "english" => Ok(Lang::En),
            "zh" | "zho" | "chi" | "cmn" | "chinese" => Ok(Lang::Zh),
            _ => Err(format!(
                "unknown language {s:?}: tifa knows en (English) and zh (Chinese)"
            )),
        }
    }
}

/// CJK Unified Ideographs and their extensions, and the compatibility block.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

/// CJK punctuation and full-width forms (。，“ ”《》（）！ and the like).
pub fn is_cjk_punct(c: char) -> bool {
    ('\u{3000}'..='\u{303F}').contains(&c) || ('\u{FF00}'..='\u{FFEF}').contains(&c)
}

/// A Chinese character or CJK punctuation.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_languages() {
        assert_eq!(Lang::detect("The Two Upholds."), Some(Lang::En));
        assert_eq!(Lang::detect("坚决做到“两个维护”。"), Some(Lang::Zh));
        assert_eq!(
            Lang::detect("2023年GDP增长5.2%，CPI上涨0.2%。"),
            Some(Lang::Zh)
        );
        assert_eq!(
            Lang::detect("The Chinese term 两个维护 means the Two Upholds."),
            Some(Lang::En)
        );
        assert_eq!(Lang::detect("12 34."), None);
    }

    #[test]
    fn parses_language_tags() {
        for tag in ["en", "EN", "en-US", "en_GB", "english"] {
            assert_eq!(tag.parse::<Lang>(), Ok(Lang::En), "{tag}");
        }
        for tag in ["zh", "zh-CN", "zh_CN", "zh-Hans", "ZH-cn"] {
            assert_eq!(tag.parse::<Lang>(), Ok(Lang::Zh), "{tag}");
        }
        assert!("fr".parse::<Lang>().is_err());
    }
}
