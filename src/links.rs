//! What a paper's link points at, decided from its label and its URL.
//!
//! The URL decides where it is unambiguous (a PDF, a code host, a video
//! site, an arXiv abstract page); the label decides otherwise (`代码地址`,
//! `项目主页`, `数据集`, `论文链接`); a specific label (`数据集`, `Demo`,
//! `视频`) wins over a generic host. Hosts are matched exactly (or as a
//! parent domain), never as a substring of the URL.

use std::borrow::Cow;
use std::sync::LazyLock;

use crate::model::LinkKind;
use crate::text::Prefixes;
use crate::vocabulary::LINK_KIND_WORDS;

// `LinkKind::of` is defined here, beside the rules, so that the model does
// not import the module that imports it.
impl LinkKind {
    /// The kind of a link with this label (`论文链接`, `代码地址`, …) and
    /// URL: the URL decides where it is unambiguous (a PDF, a code host, a
    /// video site, an arXiv abstract), the label otherwise. Hosts are
    /// matched exactly, never as a substring.
    pub fn of(label: &str, url: Option<&str>) -> LinkKind {
        kind(label, url)
    }
}

/// The kind of a link with this label and URL.
pub(crate) fn kind(label: &str, url: Option<&str>) -> LinkKind {
    let (host, path) = url.map(split).unwrap_or_default();
    let path_lower = ascii_lowercase(path);
    if host.is_some() && is_pdf(host.as_deref().unwrap_or_default(), &path_lower) {
        return LinkKind::Pdf;
    }
    let said = said(&lowercase(label));
    let says = |kind: Said| said & kind as u8 != 0;
    if says(Said::Dataset) {
        return LinkKind::Dataset;
    }
    if says(Said::Demo) {
        return LinkKind::Demo;
    }
    if says(Said::Video) {
        return LinkKind::Video;
    }
    if let Some(host) = host.as_deref()
        && let Some(kind) = kind_of_host(host, &path_lower)
    {
        return kind;
    }
    if says(Said::Code) {
        return LinkKind::Code;
    }
    if says(Said::Project) {
        return LinkKind::Project;
    }
    if says(Said::Paper) {
        return LinkKind::Abstract;
    }
    LinkKind::Other
}

/// What a label's words may say, one bit each: the groups of
/// [`LINK_KIND_WORDS`].
#[derive(Clone, Copy)]
enum Said {
    Dataset = 1,
    Demo = 2,
    Video = 4,
    Code = 8,
    Project = 16,
    Paper = 32,
}

/// Every group's words in one table keyed by first byte, each with its
/// group's bit. No word begins another (a test checks), so the word a
/// text starts with is the only one there.
static KIND_WORDS: LazyLock<Prefixes<u8>> = LazyLock::new(|| {
    let w = &LINK_KIND_WORDS;
    let groups = [
        (w.dataset, Said::Dataset),
        (w.demo, Said::Demo),
        (w.video, Said::Video),
        (w.code, Said::Code),
        (w.project, Said::Project),
        (w.paper, Said::Paper),
    ];
    Prefixes::new(
        groups
            .into_iter()
            .flat_map(|(words, said)| words.iter().map(move |word| (*word, said as u8))),
        false,
    )
});

/// The groups whose words the (lowercased) label holds, as bits: one
/// look-up at each character, where a search per word set up a scan of the
/// label each.
fn said(label: &str) -> u8 {
    label
        .char_indices()
        .filter_map(|(i, _)| KIND_WORDS.longest(&label[i..]))
        .fold(0, |bits, (_, bit)| bits | bit)
}

/// `s` ASCII-lowercased, borrowed when it has no uppercase ASCII letter.
fn ascii_lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// `s.to_lowercase()`, borrowed when that changes nothing: every
/// character is ASCII and not uppercase, or of a block without case
/// (CJK ideographs and punctuation, kana, full-width punctuation), as a
/// label's characters are.
fn lowercase(s: &str) -> Cow<'_, str> {
    if s.chars().all(lowercase_is_itself) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

/// Whether `c` is certainly its own lowercase (a test checks each block).
fn lowercase_is_itself(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_uppercase();
    }
    matches!(
        c,
        '\u{2E80}'..='\u{9FFF}' | '\u{FF01}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FFEF}'
    )
}

/// The lower-cased host and the path (with query) of a URL.
fn split(url: &str) -> (Option<Cow<'_, str>>, &str) {
    // Byte searches for the ASCII delimiters: what `split_once("://")`,
    // `find(['/', '?', '#'])`, `rsplit('@')` and `split(':')` find.
    let b = url.as_bytes();
    let scheme_end = memchr::memchr_iter(b':', b).find(|&i| b[i..].starts_with(b"://"));
    let rest = scheme_end
        .map_or(url, |i| &url[i + 3..])
        .trim_start_matches('/');
    let end = memchr::memchr3(b'/', b'?', b'#', rest.as_bytes()).unwrap_or(rest.len());
    let authority = &rest[..end];
    let host =
        memchr::memrchr(b'@', authority.as_bytes()).map_or(authority, |i| &authority[i + 1..]);
    let host = memchr::memchr(b':', host.as_bytes()).map_or(host, |i| &host[..i]);
    let host = host.trim_end_matches('.');
    let host = (!host.is_empty()).then(|| ascii_lowercase(host));
    (host, &rest[end..])
}

/// Whether `host` is `domain` or one of its subdomains.
fn under(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|sub| sub.ends_with('.'))
}

fn is_pdf(host: &str, path: &str) -> bool {
    let file = path.split(['?', '#']).next().unwrap_or_default();
    file.ends_with(".pdf")
        || (under(host, "arxiv.org") && file.starts_with("/pdf/"))
        || (under(host, "openreview.net") && file.starts_with("/pdf"))
}

fn kind_of_host(host: &str, path: &str) -> Option<LinkKind> {
    const CODE: &[&str] = &[
        "github.com",
        "gitlab.com",
        "gitee.com",
        "bitbucket.org",
        "codeberg.org",
        "sourceforge.net",
        "git.io",
    ];
    const VIDEO: &[&str] = &[
        "youtube.com",
        "youtu.be",
        "bilibili.com",
        "b23.tv",
        "vimeo.com",
        "v.qq.com",
        "ixigua.com",
    ];
    const DATASET: &[&str] = &["kaggle.com", "zenodo.org", "data.mendeley.com"];
    const PAPER: &[&str] = &[
        "arxiv.org",
        "openreview.net",
        "aclanthology.org",
        "doi.org",
        "semanticscholar.org",
        "proceedings.neurips.cc",
        "papers.nips.cc",
        "proceedings.mlr.press",
        "openaccess.thecvf.com",
        "nature.com",
        "science.org",
        "dl.acm.org",
        "ieeexplore.ieee.org",
        "biorxiv.org",
        "medrxiv.org",
    ];
    let any = |list: &[&str]| list.iter().any(|d| under(host, d));
    if under(host, "huggingface.co") || under(host, "hf.co") {
        return Some(if path.starts_with("/datasets/") {
            LinkKind::Dataset
        } else if path.starts_with("/spaces/") {
            LinkKind::Demo
        } else if path.starts_with("/papers/") {
            LinkKind::Abstract
        } else {
            // A model repository: weights and code.
            LinkKind::Code
        });
    }
    // Self-hosted forges: git.openi.org.cn, gitlab.example.edu, …
    let forge = ["git.", "gitlab.", "gitea.", "code."]
        .iter()
        .any(|p| host.starts_with(p));
    if any(CODE) || forge {
        return Some(LinkKind::Code);
    }
    if any(VIDEO) {
        return Some(LinkKind::Video);
    }
    if any(DATASET) {
        return Some(LinkKind::Dataset);
    }
    if any(PAPER) {
        return Some(LinkKind::Abstract);
    }
    if host.ends_with(".github.io") || host.ends_with(".gitlab.io") {
        return Some(LinkKind::Project);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use LinkKind::*;

    /// Label and URL pairs as the column prints them, one or more per kind.
    #[test]
    fn kinds_from_real_labels_and_hosts() {
        let cases = [
            ("论文链接", "https://arxiv.org/abs/2203.15556", Abstract),
            ("论文地址", "https://arxiv.org/abs/2204.02311v2", Abstract),
            ("论文链接", "https://openreview.net/forum?id=abc", Abstract),
            (
                "论文链接",
                "https://aclanthology.org/2022.acl-long.1/",
                Abstract,
            ),
            (
                "论文链接",
                "https://www.nature.com/articles/s41586-022-04448-z",
                Abstract,
            ),
            (
                "论文链接",
                "https://huggingface.co/papers/2401.00001",
                Abstract,
            ),
            (
                "论文链接",
                "https://example-university.edu/~someone/paper",
                Abstract,
            ),
            ("论文链接", "https://arxiv.org/pdf/2203.15556.pdf", Pdf),
            ("论文地址", "https://arxiv.org/pdf/2203.15556", Pdf),
            ("论文链接", "https://openreview.net/pdf?id=abc", Pdf),
            (
                "论文链接",
                "https://www.science.org/doi/pdf/10.1126/science.abk3342.PDF",
                Pdf,
            ),
            (
                "代码地址",
                "https://github.com/google-research/pathways",
                Code,
            ),
            ("项目地址", "https://github.com/NVlabs/stylegan3", Code),
            ("论文链接", "https://github.com/someone/paper-repo", Code),
            ("代码", "https://gitee.com/mindspore/models", Code),
            ("模型地址", "https://huggingface.co/bigscience/bloom", Code),
            (
                "项目地址",
                "https://git.openi.org.cn/PCL-Platform.Intelligence/PanGu-Alpha",
                Code,
            ),
            ("Code", "https://example.com/code.zip", Code),
            ("项目主页", "https://nvlabs.github.io/stylegan3", Project),
            ("项目地址", "https://jonbarron.info/mipnerf360/", Project),
            ("Project page", "https://example.org/", Project),
            ("数据集地址", "https://github.com/someone/dataset", Dataset),
            ("数据集", "https://huggingface.co/datasets/squad", Dataset),
            ("下载地址", "https://www.kaggle.com/datasets/x/y", Dataset),
            (
                "Demo 地址",
                "https://huggingface.co/spaces/stabilityai/stable-diffusion",
                Demo,
            ),
            ("在线试玩", "https://example.com/play", Demo),
            ("试用地址", "https://huggingface.co/spaces/x/y", Demo),
            (
                "视频链接",
                "https://www.bilibili.com/video/BV1xx411c7mD",
                Video,
            ),
            ("链接", "https://www.youtube.com/watch?v=abc", Video),
            ("链接", "https://youtu.be/abc", Video),
            ("网盘链接", "https://pan.baidu.com/s/1abc", Other),
            ("链接", "https://example.com/", Other),
        ];
        for (label, url, expected) in cases {
            assert_eq!(kind(label, Some(url)), expected, "{label} {url}");
        }
    }

    #[test]
    fn hosts_match_exactly_not_as_substrings() {
        assert_eq!(kind("链接", Some("https://notgithub.com/x")), Other);
        assert_eq!(
            kind("链接", Some("https://github.com.evil.example/x")),
            Other
        );
        assert_eq!(
            kind("链接", Some("https://example.com/?u=github.com")),
            Other
        );
        assert_eq!(kind("链接", Some("https://user@GitHub.com:443/x")), Code);
        assert_eq!(
            kind("链接", Some("https://export.arxiv.org/abs/2203.15556")),
            Abstract
        );
    }

    /// The blocks [`lowercase_is_itself`] takes as caseless are: every
    /// character in them lowercases to itself alone.
    #[test]
    fn caseless_blocks_lowercase_to_themselves() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if lowercase_is_itself(c) {
                assert!(c.to_lowercase().eq([c]), "U+{:04X}", c as u32);
            }
        }
        assert_eq!(lowercase("论文链接"), "论文链接");
        assert!(matches!(lowercase("论文链接"), Cow::Borrowed(_)));
        assert_eq!(lowercase("Demo 地址"), "demo 地址");
        // Not ASCII, and lowercased to ASCII: the Kelvin sign.
        assert_eq!(lowercase("BENCHMAR\u{212A}"), "benchmark");
        assert_eq!(kind("BENCHMAR\u{212A}", None), LinkKind::Dataset);
    }

    /// The table says what a `contains` search for each group's words
    /// says, in labels that hold the words whole, cut, doubled, glued and
    /// mixed with other text.
    #[test]
    fn the_word_table_agrees_with_a_search_per_word() {
        let w = &LINK_KIND_WORDS;
        let groups = [
            (w.dataset, Said::Dataset),
            (w.demo, Said::Demo),
            (w.video, Said::Video),
            (w.code, Said::Code),
            (w.project, Said::Project),
            (w.paper, Said::Paper),
        ];
        let words: Vec<&str> = groups.iter().flat_map(|(w, _)| w.iter().copied()).collect();
        for a in &words {
            for b in &words {
                assert!(a == b || !b.starts_with(a), "{a:?} begins {b:?}");
            }
        }
        let mut labels = vec![String::new(), "链接".to_owned(), "x".to_owned()];
        for word in &words {
            let cut = &word[..word.char_indices().last().map_or(0, |(i, _)| i)];
            for label in [
                word.to_string(),
                format!("{word}{word}"),
                format!("项目{word}地址"),
                format!("{cut}链接"),
                format!("a{cut}"),
                format!("{word} {}", words[0]),
            ] {
                labels.push(label);
            }
        }
        for label in &labels {
            let want = groups
                .iter()
                .filter(|(words, _)| words.iter().any(|w| label.contains(w)))
                .fold(0, |bits, (_, said)| bits | *said as u8);
            assert_eq!(said(label), want, "{label:?}");
        }
    }

    /// The byte-wise split of a URL agrees with the `str` methods.
    #[test]
    fn urls_split_as_str_methods_split_them() {
        fn by_str(url: &str) -> (Option<String>, String) {
            let rest = url
                .split_once("://")
                .map_or(url, |(_, rest)| rest)
                .trim_start_matches('/');
            let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            let authority = &rest[..end];
            let host = authority.rsplit('@').next().unwrap_or(authority);
            let host = host.split(':').next().unwrap_or(host);
            let host = host.trim_end_matches('.').to_ascii_lowercase();
            ((!host.is_empty()).then_some(host), rest[end..].to_owned())
        }
        for url in [
            "https://arxiv.org/abs/2203.15556",
            "https://user@GitHub.com:443/x",
            "http://a:b@c.d:8/e?f#g",
            "ftp:/x",
            "//x.org/y",
            "x.org",
            "https://例子.测试/路径",
            ":://a",
            "a://b://c",
            "https://x.org./?q=a:b@c",
            "",
            "@:",
        ] {
            let (host, path) = split(url);
            assert_eq!(
                (host.map(Cow::into_owned), path.to_owned()),
                by_str(url),
                "{url}"
            );
        }
    }

    #[test]
    fn a_link_without_url_goes_by_its_label() {
        assert_eq!(kind("代码地址", None), Code);
        assert_eq!(kind("论文链接", None), Abstract);
        assert_eq!(kind("网盘链接", None), Other);
    }
}
