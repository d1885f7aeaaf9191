//! Rewriting a text with its deprecated (and superseded) renderings replaced
//! by the preferred ones, so that the sentence stays English:
//! - only the term's span is replaced;
//! - an article is not doubled ("the “two maintenances”" becomes "the “Two
//!   Upholds”", not "the the"), and "the" is dropped after a possessive or
//!   a determiner ("its", "China's");
//! - after "a"/"an" a replacement that needs "the" is used without it if it
//!   can stand so ("a Two Upholds campaign"), with "a"/"an" made to agree;
//!   one with a postmodifier ("the Political Bureau of the CPC Central
//!   Committee") cannot: "presided over a central Politburo meeting" is left alone
//!   and reported;
//! - such a replacement is not put before a noun it would modify ("CCP
//!   officials" does not become "Communist Party of China officials"): left
//!   and reported;
//! - a possessive stays ("CCP's" becomes "the Communist Party of China's"),
//!   and an acronym replaced by a name with a postmodifier gets its article;
//! - a replacement at the start of a sentence keeps the capital.

use super::{Finding, Kind};
use crate::Lang;

/// A replacement made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Byte span in the original text, and what was there.
    pub start: usize,
    pub end: usize,
    pub found: String,
    pub replacement: String,
}

/// A finding that could not be fixed without breaking the sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub finding: Finding,
    /// Why, in a few words.
    pub reason: String,
}

/// A text with its fixes.
#[derive(Debug, Clone, PartialEq)]
pub struct Fixed {
    pub text: String,
    pub changes: Vec<Change>,
    pub skipped: Vec<Skipped>,
}

/// Words that may follow a noun phrase: a replacement with a postmodifier
/// may stand before them. Any other lower-case word after the span is taken
/// for a noun the term modifies ("Politburo meeting", "CCP officials"),
/// except words ending in -ed or -ly.
const FOLLOWERS: &[&str] = &[
    "of",
    "and",
    "or",
    "but",
    "nor",
    "to",
    "in",
    "on",
    "at",
    "for",
    "with",
    "by",
    "from",
    "as",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "since",
    "after",
    "before",
    "during",
    "under",
    "over",
    "through",
    "into",
    "across",
    "than",
    "while",
    "when",
    "where",
    "because",
    "if",
    "also",
    "has",
    "have",
    "had",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "does",
    "did",
    "do",
    "not",
    "said",
    "says",
    "say",
    "held",
    "holds",
    "hold",
    "met",
    "meets",
    "meet",
    "calls",
    "urges",
    "stresses",
    "leads",
    "lead",
    "led",
    "remains",
    "remain",
    "itself",
    "themselves",
    "against",
    "among",
    "about",
    "toward",
    "towards",
    "upon",
    "within",
    "without",
    "via",
    "per",
    "so",
    "yet",
    "then",
    "there",
    "here",
    "now",
    "again",
    "too",
    "even",
    "still",
];

/// Determiners after which a replacement drops its "the".
const DETERMINERS: &[&str] = &[
    "the", "its", "his", "her", "their", "our", "my", "your", "whose", "this", "that", "these",
    "those", "each", "every",
];

/// `text` with every deprecated or superseded rendering of `findings`
/// replaced, where that keeps the sentence grammatical, and every rendering
/// with a capital lowered ([`Kind::Case`]) given its capitals back.
pub fn fix(text: &str, findings: &[Finding]) -> Fixed {
    let mut out = String::with_capacity(text.len());
    let mut changes = Vec::new();
    let mut skipped = Vec::new();
    let mut last = 0;
    let mut fixes: Vec<&Finding> = findings
        .iter()
        .filter(|f| {
            matches!(f.kind, Kind::Deprecated | Kind::Superseded | Kind::Case) && f.side == Lang::En
        })
        .collect();
    fixes.sort_by_key(|f| f.start);
    for f in fixes {
        if f.start < last || f.end > text.len() || f.preferred.is_empty() {
            continue;
        }
        let planned = match (&f.kind, &f.like) {
            (Kind::Case, Some(right)) => Ok(Plan {
                article: None,
                replacement: right.clone(),
            }),
            (Kind::Case, None) => continue,
            _ => plan(text, f),
        };
        let plan = match planned {
            Ok(plan) => plan,
            Err(reason) => {
                skipped.push(Skipped {
                    finding: f.clone(),
                    reason,
                });
                continue;
            }
        };
        out.push_str(&text[last..plan.article.as_ref().map_or(f.start, |(s, _, _)| *s)]);
        if let Some((_, e, article)) = plan.article {
            out.push_str(&article);
            out.push_str(&text[e..f.start]);
        }
        out.push_str(&plan.replacement);
        changes.push(Change {
            start: f.start,
            end: f.end,
            found: f.found.clone(),
            replacement: plan.replacement,
        });
        last = f.end;
    }
    out.push_str(&text[last..]);
    Fixed {
        text: out,
        changes,
        skipped,
    }
}

struct Plan {
    replacement: String,
    /// A changed article before the span: its span and the new text ("a" →
    /// "an").
    article: Option<(usize, usize, String)>,
}

/// The text before `at` without the spaces, opening quotes and brackets
/// right before it.
fn lead_in(text: &str, at: usize) -> &str {
    text[..at].trim_end_matches(|c: char| c.is_whitespace() || "\"“‘'(".contains(c))
}

/// The word before `at` (skipping spaces and opening quotes), with its span.
fn word_before(text: &str, at: usize) -> Option<(usize, usize, &str)> {
    let before = lead_in(text, at);
    let end = before.len();
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '\'' || c == '’')
        .last()
        .map(|(i, _)| i)?;
    Some((start, end, &text[start..end]))
}

/// The word after `at` (skipping spaces and closing quotes); `None` at
/// punctuation or the end.
fn word_after(text: &str, at: usize) -> Option<&str> {
    let rest = text[at..].trim_start_matches([' ', '\t', '"', '”', '’', '\'']);
    let end = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '-'))
        .map_or(rest.len(), |(i, _)| i);
    (end > 0).then(|| &rest[..end])
}

fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

/// "a" or "an" before `word`, by its first sound as far as spelling tells.
fn indefinite(word: &str) -> &'static str {
    let lower = word.to_lowercase();
    let vowel = lower.starts_with(['a', 'e', 'i', 'o', 'u'])
        && !["uni", "use", "usu", "eu", "one", "once"]
            .iter()
            .any(|p| lower.starts_with(p));
    let letter_name =
        is_acronym(word) && word.starts_with(['F', 'H', 'L', 'M', 'N', 'R', 'S', 'X']);
    if vowel || letter_name {
        "an"
    } else {
        "a"
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// How to replace the finding's span, or why it cannot be.
fn plan(text: &str, f: &Finding) -> Result<Plan, String> {
    let found = &text[f.start..f.end];
    // A possessive stays.
    let possessive = ["'s", "’s", "s'", "s’"]
        .into_iter()
        .find(|p| found.ends_with(p) && found.len() > p.len());
    let core = possessive.map_or(found, |p| {
        &found[..found.len() - p.len() + usize::from(p.starts_with('s'))]
    });
    let mut replacement = f.preferred.trim().to_string();
    let postmodified = [" of ", " for ", " with ", " on "]
        .iter()
        .any(|p| replacement.contains(p));
    let before = word_before(text, f.start);
    let lower_before = before.map(|(_, _, w)| w.to_lowercase());
    let lower_before = lower_before.as_deref();
    let mut article = None;
    let has_the = replacement.starts_with("the ");
    match lower_before {
        Some(w)
            if has_the && (DETERMINERS.contains(&w) || w.ends_with("'s") || w.ends_with("’s")) =>
        {
            replacement = replacement["the ".len()..].to_string();
        }
        Some("a") | Some("an") => {
            if has_the && postmodified {
                return Err(format!(
                    "after \"{}\" the full form cannot stand; rewrite by hand",
                    before.map_or("", |(_, _, w)| w),
                ));
            }
            if has_the {
                replacement = replacement["the ".len()..].to_string();
            }
            if let Some((s, e, w)) = before {
                let want = indefinite(&replacement);
                let want = if w.starts_with(char::is_uppercase) {
                    capitalised(want)
                } else {
                    want.to_string()
                };
                if want != w {
                    article = Some((s, e, want));
                }
            }
        }
        _ => {}
    }
    // Before a noun it would modify, a postmodified name cannot stand.
    if postmodified {
        if let Some(next) = word_after(text, f.end) {
            let lower = next.to_lowercase();
            let follows = next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                || FOLLOWERS.contains(&lower.as_str())
                || lower.ends_with("ed")
                || lower.ends_with("ly");
            if !follows && possessive.is_none() {
                return Err(format!(
                    "it modifies \"{next}\", which the full form cannot; rewrite by hand"
                ));
            }
        }
    }
    // An acronym stands alone; the name it is replaced by takes "the".
    if is_acronym(core)
        && postmodified
        && !replacement.starts_with("the ")
        && !matches!(lower_before, Some(w) if DETERMINERS.contains(&w) || w == "a" || w == "an")
        && replacement.starts_with(char::is_uppercase)
    {
        replacement = format!("the {replacement}");
    }
    let lead = lead_in(text, f.start);
    let sentence_start = lead.is_empty() || lead.ends_with(['.', '!', '?', '。']);
    if sentence_start && found.starts_with(char::is_uppercase) {
        replacement = capitalised(&replacement);
    }
    if let Some(p) = possessive {
        if replacement.ends_with('s') {
            replacement.push_str(if p.contains('’') { "’" } else { "'" });
        } else {
            replacement.push_str(if p.contains('’') { "’s" } else { "'s" });
        }
    }
    Ok(Plan {
        replacement,
        article,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check_english, CheckOptions, Checker};
    use crate::glossary::{test_concept, test_glossary, Status};

    fn checker() -> Checker {
        let mut concepts = test_glossary();
        concepts.push(test_concept(
            "politburo",
            "中共中央政治局",
            &[
                (
                    "the Political Bureau of the CPC Central Committee",
                    Status::Preferred,
                ),
                ("central Politburo", Status::Deprecated),
            ],
        ));
        concepts.push(test_concept(
            "cpc-name",
            "中国共产党党员",
            &[
                ("Communist Party of China", Status::Preferred),
                ("CCP", Status::Deprecated),
            ],
        ));
        Checker::new(concepts, CheckOptions::default()).unwrap()
    }

    /// (text, fixed text, how many fixes were skipped): sentences as the
    /// press writes them.
    #[test]
    fn fixes_fit_the_sentence() {
        let m = checker();
        let cases: &[(&str, &str, usize)] = &[
            (
                "achieve the “two maintenances.”",
                "achieve the “Two Upholds.”",
                0,
            ),
            ("Two maintenances matter.", "The Two Upholds matter.", 0),
            (
                "promoting comprehensive and strict party governance.",
                "promoting full and rigorous Party self-governance.",
                0,
            ),
            (
                "They said: two maintenances",
                "They said: the Two Upholds",
                0,
            ),
            // No "the the" at a sentence start or inside one.
            (
                "The central Politburo met on Friday.",
                "The Political Bureau of the CPC Central Committee met on Friday.",
                0,
            ),
            (
                "Central Politburo members met.",
                "Central Politburo members met.",
                1,
            ),
            (
                "Xi presided over a central Politburo meeting on Monday.",
                "Xi presided over a central Politburo meeting on Monday.",
                1,
            ),
            (
                "Xi presided over the central Politburo's meeting.",
                "Xi presided over the Political Bureau of the CPC Central Committee's meeting.",
                0,
            ),
            // A possessive stays, an acronym's name gets its article.
            (
                "the CCP's Xinhua reported",
                "the Communist Party of China's Xinhua reported",
                0,
            ),
            (
                "CCP’s Xinhua reported",
                "The Communist Party of China’s Xinhua reported",
                0,
            ),
            (
                "He said the CCP has led.",
                "He said the Communist Party of China has led.",
                0,
            ),
            (
                "He said CCP leads.",
                "He said the Communist Party of China leads.",
                0,
            ),
            ("CCP officials said.", "CCP officials said.", 1),
            // "a" agrees with what follows it.
            (
                "It is a two maintenances campaign.",
                "It is a Two Upholds campaign.",
                0,
            ),
            ("China's two maintenances", "China's Two Upholds", 0),
        ];
        for (input, want, skipped) in cases {
            let f = check_english(&m, input).unwrap();
            let fixed = fix(input, &f);
            assert_eq!(&fixed.text, want, "{input}");
            assert_eq!(
                fixed.skipped.len(),
                *skipped,
                "{input}: {:?}",
                fixed.skipped
            );
            assert_eq!(
                fixed.changes.len() + fixed.skipped.len(),
                f.iter()
                    .filter(|f| matches!(f.kind, Kind::Deprecated | Kind::Superseded))
                    .count(),
                "{input}"
            );
        }
    }

    #[test]
    fn articles_agree() {
        for (word, want) in [
            ("Upholds", "an"),
            ("Two", "a"),
            ("unified", "a"),
            ("SCO", "an"),
            ("CPC", "a"),
            ("eight-point", "an"),
            ("one-China", "a"),
        ] {
            assert_eq!(indefinite(word), want, "{word}");
        }
    }
}
