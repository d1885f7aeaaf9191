//! The English abbreviation rules, read from `rules.en.txt` (data, not code).

use std::collections::HashSet;
use std::sync::OnceLock;

/// What a word before a full stop says about a sentence boundary there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abbrev {
    Title,
    Number,
    Inner,
    Final,
    Acronym,
}

#[derive(Debug, Default)]
pub struct Rules {
    title: HashSet<String>,
    number: HashSet<String>,
    inner: HashSet<String>,
    fin: HashSet<String>,
    acronym: HashSet<String>,
    starter: HashSet<String>,
}

const RULES_EN: &str = include_str!("rules.en.txt");

impl Rules {
    /// The rules shipped with tifa.
    pub fn english() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(|| Rules::parse(RULES_EN).expect("rules.en.txt is valid"))
    }

    /// Parses the rules format: `CLASS WORD` per line, `#` comments.
    pub fn parse(text: &str) -> Result<Rules, String> {
        let mut rules = Rules::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (class, word) = line
                .split_once(char::is_whitespace)
                .ok_or_else(|| format!("line {}: expected CLASS WORD", n + 1))?;
            let word = word.trim().to_lowercase();
            let set = match class {
                "title" => &mut rules.title,
                "number" => &mut rules.number,
                "inner" => &mut rules.inner,
                "final" => &mut rules.fin,
                "acronym" => &mut rules.acronym,
                "starter" => &mut rules.starter,
                other => return Err(format!("line {}: unknown class {other:?}", n + 1)),
            };
            set.insert(word);
        }
        Ok(rules)
    }

    /// The class of an abbreviation (`word` without its final full stop, any
    /// case), or `None` for an ordinary word.
    pub fn abbrev(&self, word: &str) -> Option<Abbrev> {
        let mut buf = [0u8; 16];
        let lower = lower_ascii(word, &mut buf)?;
        if self.title.contains(lower) {
            Some(Abbrev::Title)
        } else if self.inner.contains(lower) {
            Some(Abbrev::Inner)
        } else if self.number.contains(lower) {
            Some(Abbrev::Number)
        } else if self.fin.contains(lower) {
            Some(Abbrev::Final)
        } else if self.acronym.contains(lower) || is_dotted_acronym(word) {
            Some(Abbrev::Acronym)
        } else {
            None
        }
    }

    /// Whether `word` commonly begins a sentence.
    pub fn is_starter(&self, word: &str) -> bool {
        let mut buf = [0u8; 16];
        lower_ascii(word, &mut buf).is_some_and(|w| self.starter.contains(w))
    }
}

/// Lower-cases a short ASCII word into `buf`; `None` if it is long or not ASCII
/// (no rule word is either).
fn lower_ascii<'a>(word: &str, buf: &'a mut [u8; 16]) -> Option<&'a str> {
    if word.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    let out = &mut buf[..word.len()];
    out.copy_from_slice(word.as_bytes());
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

/// "U.S", "P.R.C", "a.m": one to three letters between dots, at least one dot.
fn is_dotted_acronym(word: &str) -> bool {
    word.contains('.')
        && word.split('.').all(|part| {
            (1..=3).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_alphabetic())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_rules_parse_and_classify() {
        let r = Rules::english();
        assert_eq!(r.abbrev("Mr"), Some(Abbrev::Title));
        assert_eq!(r.abbrev("No"), Some(Abbrev::Number));
        assert_eq!(r.abbrev("e.g"), Some(Abbrev::Inner));
        assert_eq!(r.abbrev("Ltd"), Some(Abbrev::Final));
        assert_eq!(r.abbrev("U.S"), Some(Abbrev::Acronym));
        assert_eq!(r.abbrev("P.R.C"), Some(Abbrev::Acronym));
        assert_eq!(r.abbrev("capabilities"), None);
        assert!(r.is_starter("The"));
        assert!(!r.is_starter("President"));
    }

    #[test]
    fn bad_rules_are_rejected() {
        assert!(Rules::parse("titles mr").is_err());
        assert!(Rules::parse("mr").is_err());
    }
}
