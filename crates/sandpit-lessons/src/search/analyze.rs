//! Turning text and queries into index terms, for Korean as Korean writers type it.
//!
//! Text is lowercased and NFC-normalised, then cut into runs of Hangul (and other CJK) and runs
//! of other letters and digits. Each document gets two kinds of terms, stored in separate index
//! columns:
//!
//! - **words** — whole words. A Latin word as it is (`gateway`); a Korean word with its particle
//!   or ending taken off ([`strip_particle`]: `서브넷을` → `서브넷`, `게이트웨이의` → `게이트웨이`),
//!   and two neighbouring Korean words also joined (`보안 그룹` → `보안그룹`), so that a query
//!   spaced either way finds the whole word.
//! - **grams** — the syllable bigrams of each stretch of Korean words separated only by spaces,
//!   taken across the spaces (`보안 그룹은` → `보안 안그 그룹 룹은`): a query's bigrams in a row
//!   match it anywhere, inside longer words and whatever the spacing (`보안그룹` = `보안 그룹`).
//!   A stretch of one syllable is kept whole.
//!
//! A query term must match by grams (Korean) or as a word prefix (Latin: `gate` → `gateway`,
//! `peer` → `peering`); the whole-word terms only rank (see `super::query`).

use crate::names::nfc;

/// Lowercase, NFC: the form text is matched in.
pub fn normalize(s: &str) -> String {
    nfc(s).chars().flat_map(char::to_lowercase).collect()
}

/// Hangul, Han, kana: scripts written without spaces between words, indexed by bigrams.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF | 0xA960..=0xA97F | 0xD7B0..=0xD7FF
        | 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

/// Particles and endings taken off a Korean word, longest first. Chosen from what study notes
/// attach to nouns (case particles, topic/additive particles, `하다`/`되다`/`이다` forms); the
/// same table is applied to text and query, so a word and its query always agree.
const PARTICLES: &[&str] = &[
    "했습니다",
    "됩니다",
    "합니다",
    "입니다",
    "에서는",
    "에서도",
    "에서의",
    "으로는",
    "으로도",
    "으로의",
    "에게서",
    "까지는",
    "부터는",
    "에게는",
    "이라는",
    "이라고",
    "이라면",
    "에서",
    "에게",
    "한테",
    "으로",
    "까지",
    "부터",
    "처럼",
    "보다",
    "마다",
    "이나",
    "이며",
    "이고",
    "이다",
    "이란",
    "과의",
    "와의",
    "에는",
    "에도",
    "에의",
    "로는",
    "로도",
    "로의",
    "라는",
    "라고",
    "하는",
    "하고",
    "하면",
    "하여",
    "해서",
    "하기",
    "한다",
    "된다",
    "되는",
    "되면",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "의",
    "에",
    "도",
    "만",
    "와",
    "과",
    "로",
    "랑",
    "된",
    "한",
];

/// Particles that also come off a one-syllable noun (`키를` → `키`); the others need two
/// syllables left, so that nouns ending in the same syllable (`국가`, `결과`) stay whole.
const AFTER_ONE_SYLLABLE: &[&str] = &["은", "는", "을", "를", "의", "에", "로", "와", "과", "도"];

/// `word` (lowercase Korean) without its particle or ending, if one is attached.
pub fn strip_particle(word: &str) -> &str {
    let len = word.chars().count();
    for p in PARTICLES {
        if let Some(stem) = word.strip_suffix(p) {
            let left = len - p.chars().count();
            if left >= 2 || left == 1 && AFTER_ONE_SYLLABLE.contains(p) {
                return stem;
            }
        }
    }
    word
}

/// A piece of normalised text: a Latin word, or a Korean word with whether only spaces separate
/// it from the previous Korean word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// A word of other letters and digits.
    Latin(&'a str),
    /// A Korean (CJK) word, and whether only spaces separate it from the previous one.
    Korean {
        /// The word.
        word: &'a str,
        /// Whether only spaces separate it from the previous Korean word.
        joined: bool,
    },
}

/// The words of normalised `text`, in order.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    // Whether only whitespace lies between the last Korean word and here.
    let mut after_korean = false;
    let bytes_len = text.len();
    while i < bytes_len {
        let c = text[i..].chars().next().unwrap_or(' ');
        if is_cjk(c) {
            let start = i;
            while let Some(c) = text[i..].chars().next().filter(|c| is_cjk(*c)) {
                i += c.len_utf8();
            }
            out.push(Token::Korean { word: &text[start..i], joined: after_korean });
            after_korean = true;
        } else if is_word_char(c) {
            let start = i;
            while let Some(c) = text[i..].chars().next().filter(|c| is_word_char(*c)) {
                i += c.len_utf8();
            }
            out.push(Token::Latin(&text[start..i]));
            after_korean = false;
        } else {
            if !c.is_whitespace() {
                after_korean = false;
            }
            i += c.len_utf8();
        }
    }
    out
}

/// The index terms of normalised text: (words, grams), each space-separated.
pub fn terms(text: &str) -> (String, String) {
    let mut words = String::with_capacity(text.len());
    let mut grams = String::with_capacity(text.len() * 2);
    let mut stretch: Vec<char> = Vec::new();
    let mut previous: Option<&str> = None;
    let flush = |stretch: &mut Vec<char>, grams: &mut String| {
        if stretch.len() == 1 {
            grams.push(stretch[0]);
            grams.push(' ');
        }
        for pair in stretch.windows(2) {
            grams.push(pair[0]);
            grams.push(pair[1]);
            grams.push(' ');
        }
        stretch.clear();
    };
    for token in tokens(text) {
        match token {
            Token::Latin(w) => {
                flush(&mut stretch, &mut grams);
                previous = None;
                words.push_str(w);
                words.push(' ');
            }
            Token::Korean { word, joined } => {
                if !joined {
                    flush(&mut stretch, &mut grams);
                }
                stretch.extend(word.chars());
                let stem = strip_particle(word);
                if let (true, Some(prev)) = (joined, previous) {
                    words.push_str(prev);
                    words.push_str(stem);
                    words.push(' ');
                }
                // A particle alone (`VPC를` leaves `를`) is no word.
                if !stem.is_empty() && !PARTICLES.contains(&stem) {
                    words.push_str(stem);
                    words.push(' ');
                }
                previous = Some(stem);
            }
        }
    }
    flush(&mut stretch, &mut grams);
    (words, grams)
}

/// The syllable bigrams of a Korean stretch, as an index phrase (one syllable: itself).
pub fn bigrams(stretch: &str) -> Vec<String> {
    let chars: Vec<char> = stretch.chars().collect();
    if chars.len() == 1 {
        return vec![chars[0].to_string()];
    }
    chars.windows(2).map(|p| p.iter().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn particles_and_endings_come_off_and_nouns_stay() {
        for (word, stem) in [
            ("서브넷을", "서브넷"),
            ("게이트웨이의", "게이트웨이"),
            ("보안그룹은", "보안그룹"),
            ("라우팅에서는", "라우팅"),
            ("키를", "키"),
            ("암호화하면", "암호화"),
            ("연결됩니다", "연결"),
            ("국가", "국가"),
            ("권한", "권한"),
            ("로드밸런서", "로드밸런서"),
            ("가용", "가용"),
        ] {
            assert_eq!(strip_particle(word), stem, "{word}");
        }
    }

    #[test]
    fn terms_join_korean_words_and_take_bigrams_across_spaces() {
        let (words, grams) = terms(&normalize("보안 그룹은 NAT-Gateway와, 키"));
        assert_eq!(words, "보안 보안그룹 그룹 nat gateway 키 ");
        assert_eq!(grams, "보안 안그 그룹 룹은 와 키 ");
        let (words, grams) = terms("보안그룹은");
        assert_eq!((words.as_str(), grams.as_str()), ("보안그룹 ", "보안 안그 그룹 룹은 "));
    }
}
