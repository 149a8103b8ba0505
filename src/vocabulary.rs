//! The column's line labels as data: every marker a line may start with
//! (`论文 1：`, `作者：`, `摘要：`, `推荐：`, `参与：`, `来源：`, `密码：`, `目录`),
//! with its aliases in Chinese (simplified and traditional) and in English as
//! a translated or English repost writes them. One table of them all,
//! keyed by first byte, finds the longest a line starts with; the classifier ([`crate::grammar::classify`]) holds only
//! the rules of what may follow each label.
//!
//! English aliases match ASCII case-insensitively. The colon after a label
//! may be half- or full-width (`:`, `：`, `︰`, `∶`), with spaces before it.
//! Link labels (`论文链接`, `代码地址`, `Paper:`, `Code:`, `Project page:`) are
//! open-ended: [`LINK_LABEL_ENDINGS`] and [`LINK_LABEL_WORDS`] hold their
//! endings and leading words, [`LINK_KIND_WORDS`] the words that say what a
//! link points at.
//!
//! Every other word the line grammar, the pre-check, the locator and the
//! trailer recognise is here too: the radio station's name and its audio
//! lines, the radio categories, the summary's and the captions' opening
//! words, the authors' `等` / `et al.`, the boilerplate phrases. The rules
//! that read them stay in their stages; a word added here reaches them all.

use std::sync::LazyLock;

use crate::text::{Prefixes, find_ascii_ci, trim};

/// What a label introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Label {
    /// A paper heading: the label, a number, a colon or period, the title.
    Paper,
    /// A paper's authors.
    Authors,
    /// A paper's abstract.
    Abstract,
    /// The editors' recommendation of a paper.
    Recommendation,
    /// The contributors (editors).
    Contributors,
    /// The source.
    Source,
    /// A download password on a line of its own.
    Password,
    /// The table of contents' heading, alone on its line.
    Contents,
}

/// Every label with its aliases.
pub(crate) const LABELS: &[(Label, &[&str])] = &[
    (Label::Paper, &["论文", "論文", "Paper"]),
    (Label::Authors, &["作者", "Authors", "Author"]),
    (Label::Abstract, &["摘要", "Abstract"]),
    (
        Label::Recommendation,
        &["推荐", "推薦", "Recommendation", "Recommended"],
    ),
    (
        Label::Contributors,
        &["参与", "參與", "Contributors", "Editors"],
    ),
    (Label::Source, &["来源", "來源", "Source"]),
    (
        Label::Password,
        &[
            "密码",
            "提取码",
            "密碼",
            "提取碼",
            "Password",
            "Extraction code",
        ],
    ),
    (
        Label::Contents,
        &["目录", "目錄", "Contents", "Table of contents"],
    ),
];

/// The aliases of `label`: its row of [`LABELS`], which lists the labels
/// in their order (a test checks), so the row is found by the label's
/// index, not a search.
pub(crate) fn aliases(label: Label) -> impl Iterator<Item = &'static str> {
    LABELS
        .get(label as usize)
        .filter(|(l, _)| *l == label)
        .map_or(&[][..], |(_, aliases)| aliases)
        .iter()
        .copied()
}

/// A radio list's heading starts with the first word and holds the second:
/// `本周 10 篇 NLP 精选论文是：`.
pub(crate) const RADIO_HEADING: (&str, &str) = ("本周", "精选论文");

/// The word (ASCII case-insensitive) that opens the parenthesis of a radio
/// entry's authors: `Title. (from A, B)`.
pub(crate) const RADIO_FROM: &str = "from";

/// The words (ASCII case-insensitive) of the series' title, `7 Papers &
/// Radios`: a title holds the first after its number, or the first and
/// then the second.
pub(crate) const SERIES: (&str, &str) = ("papers", "radio");

/// Is this line the title of a digest (`7 Papers & Radios | …`)?
pub(crate) fn is_digest_title(s: &str) -> bool {
    // Cheap and anchored: the series name always carries "Papers".
    let Some(pos) = find_ascii_ci(s, SERIES.0) else {
        return false;
    };
    let before = trim(&s[..pos]);
    let after = &s[pos..];
    before.bytes().all(|b| b.is_ascii_digit()) && !before.is_empty()
        || find_ascii_ci(after, SERIES.1).is_some()
}

/// The aliases in one list, and the label of each.
static ALIASES: LazyLock<(Vec<&'static str>, Vec<Label>)> = LazyLock::new(|| {
    LABELS
        .iter()
        .flat_map(|(label, aliases)| aliases.iter().map(move |a| (*a, *label)))
        .unzip()
});

/// Every alias in one table keyed by its first byte (English ones ASCII
/// case-insensitively): the longest alias a line starts with, for a
/// look-up and a compare or two.
static TABLE: LazyLock<Prefixes<Label>> = LazyLock::new(|| {
    Prefixes::new(
        ALIASES.0.iter().copied().zip(ALIASES.1.iter().copied()),
        true,
    )
});

/// The label `s` starts with, and the text after the alias (untrimmed).
pub(crate) fn leading_label(s: &str) -> Option<(Label, &str)> {
    let (end, label) = TABLE.longest(s)?;
    let rest = &s[end..];
    // An English alias is a whole word: `Sources` and `Papers` are not labels.
    let ascii_word = s.as_bytes()[end - 1].is_ascii_alphabetic();
    if ascii_word && rest.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some((label, rest))
}

/// The column's byline, as its pages and reposts name the source
/// (`机器之心`, `机器之心报道`, `机器之心 & ArXiv Weekly Radiostation`).
pub(crate) const COLUMN_BYLINE: &str = "机器之心";

/// Labels that introduce a paper's link; the label must also end a short
/// run of text before a colon. Generalized: anything ending in these words.
pub(crate) const LINK_LABEL_ENDINGS: [&str; 8] = [
    "链接", "地址", "主页", "网址", "网盘", "代码", "页面", "主頁",
];

/// Words (ASCII case-insensitive) a link label may start with: `Paper:`,
/// `Code 与模型：`, `Github repo:`.
pub(crate) const LINK_LABEL_WORDS: [&str; 8] = [
    "github", "arxiv", "paper", "code", "project", "url", "link", "homepage",
];

/// The words of a link's label (lowercased) that say what it points at,
/// per kind. [`crate::links`] reads them in its order: the dataset, demo and
/// video words over the URL's host, the others under it.
pub(crate) struct LinkKindWords {
    /// A dataset or benchmark.
    pub dataset: &'static [&'static str],
    /// A demo to try.
    pub demo: &'static [&'static str],
    /// A video.
    pub video: &'static [&'static str],
    /// Source code.
    pub code: &'static [&'static str],
    /// A project page.
    pub project: &'static [&'static str],
    /// The paper itself (its abstract page).
    pub paper: &'static [&'static str],
}

/// See [`LinkKindWords`].
pub(crate) const LINK_KIND_WORDS: LinkKindWords = LinkKindWords {
    dataset: &["数据集", "dataset", "data set", "benchmark"],
    demo: &["demo", "演示", "试玩", "体验"],
    video: &["视频", "video"],
    code: &["代码", "源码", "code", "github", "开源"],
    project: &["主页", "项目", "homepage", "project", "website", "官网"],
    paper: &["论文", "paper", "arxiv", "文章"],
};

/// The words (English ones ASCII case-insensitive) that name each radio
/// category, as a list's heading (`本周 10 篇 NLP 精选论文是：`) or the
/// contents' radio entry (`ArXiv Weekly Radiostation：NLP、CV、ML`) writes
/// them.
pub(crate) struct CategoryWords {
    /// Natural language processing.
    pub nlp: &'static [&'static str],
    /// Computer vision.
    pub cv: &'static [&'static str],
    /// Machine learning.
    pub ml: &'static [&'static str],
}

/// See [`CategoryWords`].
pub(crate) const CATEGORY_WORDS: CategoryWords = CategoryWords {
    nlp: &["nlp", "自然语言处理"],
    cv: &["cv", "计算机视觉"],
    ml: &["ml", "机器学习"],
};

/// The radio station's name (ASCII case-insensitive): a line that names it
/// (`ArXiv Weekly Radiostation：NLP、CV、ML …`) is the radio's, not a
/// paper's.
pub(crate) const RADIOSTATION: &str = "radiostation";

/// The word (ASCII case-insensitive) of the contents' radio entry: the
/// station's name or the series' `Radios` both begin with it.
pub(crate) const RADIO_CONTENTS: &str = "radios";

/// A radio list's audio line holds both words, the second ASCII
/// case-insensitive: `10 NLP Papers音频：`.
pub(crate) const RADIO_AUDIO: (&str, &str) = ("音频", "papers");

/// The summary starts with the first word and holds the second
/// within its first twelve characters: `本周论文包括…`.
pub(crate) const SUMMARY: (&str, &str) = ("本周", "论文");

/// The words a figure's caption starts with, before its number: `图 2 …`,
/// `Figure 3: …`, `Fig. 4 …`.
pub(crate) const CAPTION_WORDS: [&str; 3] = ["图", "Figure", "Fig."];

/// What ends a list of authors that names only the first few: `等人`,
/// `et al.`.
pub(crate) const ET_AL: [&str; 5] = ["等人", "等", "et al.", "et al", "etc."];

/// Phrases that make a (short) line boilerplate wherever they stand in it.
pub(crate) const BOILERPLATE_PHRASES: [&str; 6] = [
    "THE END",
    "转载请联系",
    "关注公众号",
    "版权所有",
    "仅供其表达个人看法",
    "本文来源于",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_finds_its_label() {
        for (label, aliases) in LABELS {
            for alias in *aliases {
                assert_eq!(
                    leading_label(&format!("{alias}：x")).map(|(l, _)| l),
                    Some(*label),
                    "{alias}"
                );
                assert_eq!(
                    leading_label(&format!("{} : x", alias.to_uppercase())),
                    Some((*label, " : x")),
                    "{alias}"
                );
            }
        }
    }

    #[test]
    fn english_aliases_are_whole_words() {
        assert_eq!(leading_label("Sources: x"), None);
        assert_eq!(leading_label("Papers & Radios"), None);
        assert_eq!(leading_label("Authorship: x"), None);
        assert_eq!(
            leading_label("Paper 1: x").map(|(l, _)| l),
            Some(Label::Paper)
        );
        // Chinese labels run on into the text.
        assert_eq!(
            leading_label("论文链接：x"),
            Some((Label::Paper, "链接：x"))
        );
    }

    /// The table answers as the anchored, leftmost-longest, ASCII
    /// case-insensitive automaton over the aliases did.
    #[test]
    fn the_table_agrees_with_an_automaton() {
        use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
        let ac = AhoCorasick::builder()
            .start_kind(StartKind::Anchored)
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&ALIASES.0)
            .expect("automaton");
        let mut texts = vec![String::new()];
        for alias in &ALIASES.0 {
            for cut in (0..=alias.len()).filter(|&i| alias.is_char_boundary(i)) {
                let head = &alias[..cut];
                for tail in ["", "s", "：x", " 1: x", "链接"] {
                    texts.push(format!("{head}{tail}"));
                    texts.push(format!("{}{tail}", head.to_uppercase()));
                }
            }
        }
        for text in &texts {
            let want = ac
                .find(Input::new(text).anchored(Anchored::Yes))
                .map(|m| (m.end(), ALIASES.1[m.pattern().as_usize()]));
            assert_eq!(TABLE.longest(text), want, "{text:?}");
        }
    }

    /// Each label has one row, at its index, as [`aliases`] reads them.
    #[test]
    fn labels_are_listed_once_in_their_order() {
        use Label::*;
        // Every label (a new one fails to compile here until it is listed).
        let all = [
            Paper,
            Authors,
            Abstract,
            Recommendation,
            Contributors,
            Source,
            Password,
            Contents,
        ];
        for label in all {
            match label {
                Paper | Authors | Abstract | Recommendation | Contributors | Source | Password
                | Contents => {}
            }
        }
        assert_eq!(LABELS.len(), all.len());
        for (i, (label, aliases)) in LABELS.iter().enumerate() {
            assert_eq!(*label as usize, i, "{label:?}");
            assert!(!aliases.is_empty(), "{label:?}");
        }
        for label in all {
            assert!(aliases(label).next().is_some(), "{label:?}");
        }
    }

    #[test]
    fn no_alias_is_listed_twice() {
        let mut all: Vec<String> = ALIASES.0.iter().map(|a| a.to_lowercase()).collect();
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n);
    }
}
