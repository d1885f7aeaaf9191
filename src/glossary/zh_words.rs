//! Chinese word boundaries for the term matcher.
//!
//! Chinese is written without spaces, so a term found as a substring may
//! straddle two words: 民生 ("people's wellbeing") is a substring of
//! 人民|生活 ("people's lives"), 乡 ("township") of 城乡 ("urban and
//! rural"), 区 ("district") of 地区 ("region"). A hit of two or more
//! characters counts when a word segmenter puts a boundary at both of its
//! ends, counting the boundaries of dictionary words inside longer words
//! (特别行政区 in 香港特别行政区, 政协 in 人民政协, 脱贫攻坚 in
//! 脱贫攻坚战 are hits: a compound built on the term still holds it); what
//! happens inside a long term does not matter (全面|从严治党 is one hit of
//! 全面从严治党). A one-character term must be a word of its own.
//!
//! The segmenter is jieba (jieba-rs, MIT, with its bundled dictionary of
//! about 350,000 words) in its search mode, run without its HMM so that an
//! unknown run of characters falls apart into single characters (a
//! boundary everywhere) rather than being guessed into a word: when the
//! dictionary does not know, the hit stands. Only a window of Han characters around each hit is
//! segmented, so the cost is per hit, not per text; the dictionary is loaded
//! once, the first time a Chinese term is found (about 0.1 s).
//!
//! Measured on the bundled report of the 20th National Congress
//! (tm/zh/cpc-20th-national-congress-report.zh.txt) with the bundled
//! glossary's 2,519 Chinese terms, every substring occurrence of every term
//! (a throwaway harness calling this function, 2026-12-04): 1,664
//! occurrences, 91 rejected; 90 of the rejections are right (区 in 地区 and
//! 行政区, 乡 in 城乡, 镇 in 城镇, 民生 in 人民生命, 民建 in 人民建), one is
//! wrong (界别 in 各界别, which jieba reads 各界|别).

use std::sync::OnceLock;

use jieba_rs::Jieba;

use crate::lang::is_han;
use crate::normalize::simplified;

/// How many characters of context the segmenter sees on each side.
const CONTEXT: usize = 8;

fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

/// Whether the Chinese term found at `start..end` of `text` (byte offsets)
/// begins and ends on word boundaries, as the segmenter reads the run of
/// Han characters around it. Text that is not Han at either side is a
/// boundary.
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let (Some(before), Some(after)) = (text.get(..start), text.get(end..)) else {
        return true;
    };
    let left: Vec<char> = before
        .chars()
        .rev()
        .take_while(|&c| is_han(c))
        .take(CONTEXT)
        .collect();
    let right: Vec<char> = after
        .chars()
        .take_while(|&c| is_han(c))
        .take(CONTEXT)
        .collect();
    if left.is_empty() && right.is_empty() {
        return true;
    }
    // The window in simplified characters, and where the hit is in it, in
    // bytes of the window.
    let mut window = String::with_capacity((left.len() + right.len()) * 3 + (end - start));
    window.extend(left.iter().rev().map(|&c| simplified(c)));
    let from = window.len();
    window.extend(text[start..end].chars().map(simplified));
    let to = window.len();
    window.extend(right.iter().map(|&c| simplified(c)));
    // The boundaries of the words and of the dictionary words inside them
    // (search mode: 香港特别行政区 also gives 特别行政区, 行政区 …).
    let tokens = jieba().cut_for_search(&window, false);
    if text[start..end].chars().nth(1).is_none() {
        // One character combines with anything: it must be a word alone
        // (区 in 地区 or 行政区 is not "district").
        return tokens
            .iter()
            .any(|t| t.byte_start == from && t.byte_end == to);
    }
    let on = |at: usize| {
        at == 0
            || at == window.len()
            || tokens
                .iter()
                .any(|t| t.byte_start == at || t.byte_end == at)
    };
    on(from) && on(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(text: &str, term: &str) -> bool {
        let start = text.find(term).expect("term in text");
        on_word_boundaries(text, start, start + term.len())
    }

    #[test]
    fn terms_across_words_are_not_hits() {
        // (text, term, whether it is a hit)
        let cases = [
            ("人民生活得到改善。", "民生", false),
            ("保障和改善民生。", "民生", true),
            ("国家保护城乡集体经济组织的合法的权利和利益", "乡", false),
            ("乡、民族乡、镇的人民代表大会", "乡", true),
            ("民族区域自治地区", "区", false),
            ("全面从严治党永远在路上", "全面从严治党", true),
            ("以习近平同志为核心的党中央", "党中央", true),
            ("坚决做到“两个维护”", "两个维护", true),
            ("推进一带一路建设", "一带一路", true),
            ("维护国家安全", "国家安全", true),
            ("扎实推进共同富裕", "共同富裕", true),
            ("坚持改革开放", "改革开放", true),
            ("人民群众", "民群", false),
            // Traditional characters are read as simplified.
            ("維護國家安全", "國家安全", true),
            ("國家保護城鄉集體經濟組織", "鄉", false),
            // A hit at the edge of the text, or next to non-Han text.
            ("民生", "民生", true),
            ("GDP民生", "民生", true),
        ];
        for (text, term, want) in cases {
            assert_eq!(hit(text, term), want, "{term} in {text}");
        }
    }

    #[test]
    fn offsets_outside_the_text_or_inside_a_character_are_hits() {
        assert!(on_word_boundaries("民生", 0, 99));
        assert!(on_word_boundaries("民生", 1, 3));
    }
}
