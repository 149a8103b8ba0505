//! The line vocabulary in English: the seed with every label translated, as
//! an English or translated repost writes it, gives the Chinese seed's digest.

use crate::common;

use common::{SEED, seed};
use paper_digest::{Digest, LinkKind};

/// The Chinese labels of the seed and their English translations.
const TRANSLATIONS: [(&str, &str); 5] = [
    ("论文链接", "Paper"),
    ("论文 ", "Paper "),
    ("作者", "Authors"),
    ("摘要", "Abstract"),
    ("推荐", "Recommendation"),
];

/// The seed with every label translated; every other label line gets a
/// full-width colon, the others keep the half-width one.
fn translated() -> String {
    let mut out = String::new();
    let mut n = 0;
    for line in SEED.lines() {
        let mut line = line.to_owned();
        for (zh, en) in TRANSLATIONS {
            if let Some(rest) = line.strip_prefix(zh) {
                n += 1;
                let rest = if n % 2 == 0 {
                    rest.replacen(':', "：", 1)
                } else {
                    rest.to_owned()
                };
                line = format!("{en}{rest}");
                break;
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    assert!(n >= 35, "the seed's labels were translated ({n})");
    out
}

/// The digest with each link's label (kept as written) replaced by its
/// position, so that only what the labels mean is compared.
fn without_link_labels(mut d: Digest) -> Digest {
    for p in &mut d.papers {
        for l in &mut p.links {
            l.label.clear();
        }
    }
    d
}

#[test]
fn english_labels_give_the_chinese_digest() {
    let english = translated();
    assert!(
        english
            .lines()
            .all(|l| !TRANSLATIONS.iter().any(|(zh, _)| l.starts_with(zh))),
        "no Chinese label is left"
    );
    let got = paper_digest::parse(&english).expect("the translated seed parses");
    let want = seed();
    assert_eq!(got.papers[0].links[0].label, "Paper");
    assert_eq!(got.papers[0].links[0].kind, want.papers[0].links[0].kind);
    assert_eq!(without_link_labels(got), without_link_labels(want));
}

#[test]
fn english_link_labels_name_their_kind() {
    let page = "7 Papers & Radios | A\n\
        Paper 1: A Title\n\
        Authors: Alice, Bob\n\
        Paper: https://arxiv.org/abs/2204.02311\n\
        Code: https://example.org/a/b\n\
        Project page: https://example.org/a\n\
        Abstract: An abstract.\n\
        Recommendation: Worth reading.\n";
    let d = paper_digest::parse(page).expect("parses");
    let p = &d.papers[0];
    assert_eq!(p.authors, ["Alice", "Bob"]);
    let kinds: Vec<LinkKind> = p.links.iter().map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        [LinkKind::Abstract, LinkKind::Code, LinkKind::Project]
    );
    assert_eq!(p.abstract_text.as_deref(), Some("An abstract."));
    assert_eq!(p.recommendation.as_deref(), Some("Worth reading."));
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}
