//! Structured target: an arbitrary valid `Digest`, rendered to text, Markdown
//! and HTML by `paper_digest::render`, parses back to the same content.
//!
//! The digest is drawn from fixed vocabularies so that no value reads as a
//! marker of the line grammar (see the `render` module docs for what a valid
//! digest is); libFuzzer explores its shape: how many papers, lists, links,
//! paragraphs and figures, which optional fields are present.
#![no_main]

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use paper_digest::{
    LinkKind,
    Category, Digest, Figure, Format, Issue, Link, Paper, Parser, RadioEntry, RadioList, render,
};

const WORDS: &[&str] = &["Scaling", "Language", "Models", "Vision", "Transformers", "Graph", "Learning", "Neural", "Diffusion", "Agents", "with", "for"];
const ZH: &[&str] = &["模型", "训练", "研究", "方法", "图像", "语言", "推理", "数据", "性能", "结构"];
const NAMES: &[&str] = &["Jordan Hoffmann", "Sebastian Borgeaud", "张三", "李四", "Max Welling", "Li Fei-Fei", "George J. Pappas"];
const LABELS: &[&str] = &["论文链接", "项目地址", "代码地址", "项目主页"];

fn pick<'a>(u: &mut Unstructured<'_>, from: &[&'a str]) -> Result<&'a str> {
    u.choose(from).copied()
}

fn words(u: &mut Unstructured<'_>, from: &[&str], sep: &str, min: usize, max: usize) -> Result<String> {
    let n = u.int_in_range(min..=max)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        out.push(pick(u, from)?);
    }
    Ok(out.join(sep))
}

fn names(u: &mut Unstructured<'_>, min: usize, max: usize) -> Result<Vec<String>> {
    let n = u.int_in_range(min..=max)?;
    (0..n).map(|_| pick(u, NAMES).map(str::to_owned)).collect()
}

fn sentence(u: &mut Unstructured<'_>) -> Result<String> {
    Ok(format!("{}。", words(u, ZH, "", 2, 8)?))
}

fn digest(u: &mut Unstructured<'_>) -> Result<Digest> {
    let headlines: Vec<String> = (0..u.int_in_range(1..=3)?)
        .map(|_| words(u, ZH, "", 1, 4))
        .collect::<Result<_>>()?;
    let title = format!("7 Papers & Radios | {}", headlines.join(";"));
    let mut papers = Vec::new();
    for number in 1..=u.int_in_range(0..=4u32)? {
        let links = (0..u.int_in_range(0..=2)?)
            .map(|i| {
                let arxiv = u.arbitrary::<bool>()?;
                let id = format!("2203.{:05}", u.int_in_range(0..=99_999u32)?);
                let label = pick(u, LABELS)?;
                let url = if arxiv { format!("https://arxiv.org/abs/{id}") } else { format!("https://github.com/a/b{i}") };
                Ok(Link {
                    kind: LinkKind::of(label, Some(&url)),
                    label: label.to_owned(),
                    url: Some(url),
                    arxiv_id: arxiv.then_some(id),
                    ..Link::default()
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let paragraphs = (0..u.int_in_range(0..=3)?).map(|_| sentence(u)).collect::<Result<Vec<_>>>()?;
        let figures = (0..u.int_in_range(0..=2)?)
            .map(|i| {
                let image = u.arbitrary::<bool>()?.then(|| format!("https://img.example.com/{number}-{i}.png"));
                Ok(Figure { image, caption: Some(format!("图 {} {}", i + 1, words(u, ZH, "", 1, 3)?)) })
            })
            .collect::<Result<Vec<_>>>()?;
        papers.push(Paper {
            number,
            title: words(u, WORDS, " ", 2, 6)?,
            authors: names(u, 1, 3)?,
            et_al: u.arbitrary()?,
            links,
            abstract_text: (!paragraphs.is_empty()).then(|| paragraphs.join("\n")),
            figures,
            recommendation: if u.arbitrary()? { Some(sentence(u)?) } else { None },
        });
    }
    let mut radio = Vec::new();
    for (i, category) in [Category::Nlp, Category::Cv, Category::Ml].into_iter().enumerate() {
        if !u.arbitrary::<bool>()? {
            continue;
        }
        let entries = (1..=u.int_in_range(1..=3u32)?)
            .map(|number| Ok(RadioEntry { number, title: words(u, WORDS, " ", 2, 6)?, from: names(u, 1, 2)? }))
            .collect::<Result<Vec<_>>>()?;
        // A list may lose its heading where one can stand: after a paper or a list.
        let headless = (i > 0 || !papers.is_empty()) && !radio.is_empty() && u.arbitrary::<bool>()?;
        radio.push(RadioList {
            heading: (!headless).then(|| format!("本周 {} 篇 {category} 精选论文是", entries.len())),
            category: (!headless).then_some(category),
            entries,
        });
    }
    // A digest has content: a page with neither is rightly not a digest.
    if papers.is_empty() && radio.is_empty() {
        return Err(libfuzzer_sys::arbitrary::Error::IncorrectFormat);
    }
    let mut contents: Vec<String> = papers.iter().map(|p| p.title.clone()).collect();
    if !radio.is_empty() {
        contents.push("ArXiv Weekly Radiostation：NLP、CV、ML 更多精选论文（附音频）".to_owned());
    }
    Ok(Digest {
        issue: Issue {
            title: Some(title),
            series: Some("7 Papers & Radios".to_owned()),
            headlines,
            date: if u.arbitrary()? { Some(format!("20{:02}-{:02}-{:02}", u.int_in_range(19..=26)?, u.int_in_range(1..=12)?, u.int_in_range(1..=28)?)) } else { None },
            source: if u.arbitrary()? { Some("机器之心".to_owned()) } else { None },
            contributors: names(u, 0, 3)?,
            summary: Some(format!("本周论文包括{}", sentence(u)?)),
            contents,
        },
        papers,
        radio,
        ..Digest::default()
    })
}

/// What plain text can carry: figures without images.
fn text_view(d: &Digest) -> Digest {
    let mut d = d.clone();
    for p in &mut d.papers {
        p.figures.retain(|f| f.caption.is_some());
        for f in &mut p.figures {
            f.image = None;
        }
    }
    d
}

fn check(expected: &Digest, rendered: &str, format: Format) {
    let back = Parser::new().format(format).parse(rendered).unwrap_or_else(|e| panic!("{format:?}: {e}\n{rendered}"));
    assert_eq!(
        (&back.issue, &back.papers, &back.radio),
        (&expected.issue, &expected.papers, &expected.radio),
        "{format:?} round trip\n{rendered}"
    );
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(d) = digest(&mut u) else { return };
    check(&text_view(&d), &render::text(&d), Format::Text);
    check(&d, &render::markdown(&d), Format::Markdown);
    check(&d, &render::html(&d), Format::Html);
});
