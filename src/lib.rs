//! Parse saved pages of 机器之心's weekly column "7 Papers & Radios" into typed data.
//!
//! People save the column from wherever they find it: WeChat, jiqizhixin.com,
//! thepaper.cn, 163.com, toutiao.com, aggregator sites, Markdown reposts and
//! plain-text scrapes, in UTF-8 or GBK. This crate turns any of those into a
//! [`Digest`]: the [`Issue`] (title, headlines, date, intro, contents), each
//! featured [`Paper`] (title, authors, links, abstract, figures,
//! recommendation), and the "ArXiv Weekly Radiostation" [`RadioList`]s, with
//! the page's trailing ads, copyright lines, "关注公众号" prompts and trending
//! lists removed and kept aside in [`Stripped`] for audit.
//!
//! ```
//! let page = "\
//! 7 Papers & Radios | 谷歌训练大模型;费米实验室登《科学》封面
//! 本周论文包括谷歌的 PaLM 等研究。
//! 论文 1:PaLM: Scaling Language Modeling with Pathways
//! 作者:Aakanksha Chowdhery 、 Sharan Narang 等
//! 论文链接:https://arxiv.org/abs/2204.02311
//! 摘要:谷歌用 Pathways 系统训练了一个 5400 亿参数的大型语言模型。
//! 推荐:谷歌刚刚用 Pathways 训练了一个大模型。
//! 本周 10 篇 NLP 精选论文是:
//! 1. Complex-Valued Autoencoders for Object Discovery. (from Max Welling)
//! © THE END
//! ";
//! let digest = paper_digest::parse(page)?;
//! assert_eq!(digest.issue.series.as_deref(), Some("7 Papers & Radios"));
//! assert_eq!(digest.issue.headlines, ["谷歌训练大模型", "费米实验室登《科学》封面"]);
//! let paper = &digest.papers[0];
//! assert_eq!(paper.authors, ["Aakanksha Chowdhery", "Sharan Narang"]);
//! assert!(paper.et_al);
//! assert_eq!(paper.links[0].arxiv_id.as_deref(), Some("2204.02311"));
//! assert_eq!(digest.radio[0].category, Some(paper_digest::Category::Nlp));
//! assert_eq!(digest.radio[0].entries[0].from, ["Max Welling"]);
//! assert_eq!(digest.stripped.boilerplate, ["© THE END"]);
//! # Ok::<(), paper_digest::Error>(())
//! ```
//!
//! # Data flow
//!
//! bytes → text ([`parse_bytes`] detects the encoding) → logical lines (one
//! source module per format: plain text, Markdown, HTML) → classified lines
//! (one line grammar for every format) → [`Digest`].
//!
//! [`render`] turns a [`Digest`] back into a canonical text, Markdown or HTML
//! page that parses back to the same content.
//!
//! # What the parser promises
//!
//! * It never panics, on any input, and contains no `unsafe` code.
//! * A page is a digest when it yields at least one featured paper or one
//!   radio-list entry; anything else (a title-only page, a mention of the
//!   column, a single-paper article, a news page) is [`Error::NotADigest`],
//!   whose message says what the page did hold. Every digest is `Ok`, with
//!   anomalies as [`Warning`]s carrying a stable [`WarningCode`] and a line
//!   number.
//! * No line is dropped silently: a line that cannot be placed in a field ends
//!   up in [`Stripped`] or in a [`WarningCode::UnplacedLine`] warning; link
//!   text without a URL is kept in [`Link::text`].
//! * Values with a format are valid or `None`: an impossible date is `None`
//!   with a [`WarningCode::InvalidDate`] warning that quotes it.
//! * A page that ends where no digest ends (cut off mid-paper, mid-list, before
//!   what its contents announce, or mid-character) carries a
//!   [`WarningCode::PageTruncated`] warning; bytes that were invalid in the
//!   page's encoding carry [`WarningCode::InvalidBytes`] warnings with their line.
//! * Inputs above [`Parser::max_input_bytes`] (default
//!   [`DEFAULT_MAX_INPUT_BYTES`]) are refused with [`Error::TooLarge`].
//!
//! # JSON
//!
//! Every type derives serde's `Serialize` and `Deserialize`; with
//! `serde_json` a [`Digest`] serializes with snake_case keys, absent values as
//! `null` and empty lists as `[]`. Reading is lenient in both directions of
//! versioning: missing fields take their empty value, unknown fields are
//! ignored, and an unknown warning code reads as [`WarningCode::Other`].
//!
//! ```
//! let digest: paper_digest::Digest = serde_json::from_str(r#"{"papers": [{"title": "T"}]}"#)?;
//! assert_eq!(digest.papers[0].title, "T");
//! assert!(digest.papers[0].figures.is_empty());
//! # Ok::<(), serde_json::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod archive;
mod assemble;
mod dates;
mod decode;
mod error;
#[cfg(test)]
mod fixtures;
mod grammar;
mod links;
mod markup;
mod model;
mod precheck;
pub mod render;
mod sites;
mod source;
mod split;
mod text;
mod trailer;
mod truncation;
mod vocabulary;

pub use archive::Archive;
pub use dates::{Date, ParseDateError};
pub use error::{Error, Found, Missing, NotADigest, Unread};
pub use source::Format;

#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "read")]
pub mod read;

/// Hooks for this crate's own tests and fuzz targets; not part of the API
/// and not covered by semantic versioning.
#[doc(hidden)]
pub mod __private {
    /// The text the HTML source reads from a page (the article container's
    /// logical lines, one per line), before the line grammar sees it.
    pub fn html_text(page: &str) -> String {
        let doc = crate::source::read(page, crate::Format::Html);
        let lines: Vec<&str> = doc.lines.iter().map(|l| l.text.as_ref()).collect();
        lines.join("\n")
    }

    /// How the HTML source reads the page `bytes` (decoded as
    /// [`crate::parse_bytes`] decodes them), in words: the located path or
    /// the whole page's parse (and the step the located path gave up at),
    /// and for the page before the article and the article itself whether
    /// the token reader read it or where and why it declined. For
    /// contributors (`cargo run --example explain -- PAGE`); the wording
    /// is not stable.
    pub fn html_explain(bytes: &[u8]) -> String {
        let (page, _, _) = crate::decode::decode(bytes);
        let precheck = match crate::precheck::refusal(&page, crate::Format::Html) {
            Some(refusal) => format!(
                "pre-check: turns the page away ({})\n",
                refusal.into_error()
            ),
            None => "pre-check: lets the page through\n".to_owned(),
        };
        precheck + &crate::source::html::explain(&page)
    }

    /// The differential check of the HTML token reader on `page`: `Ok(true)`
    /// when the located article was read from its tokens and equals what
    /// its parse gives (container, how it was chosen, its lines),
    /// `Ok(false)` when there was nothing to compare (not located, or the
    /// reader declined), `Err` describing both when they differ.
    pub fn html_token_reader_agrees(page: &str) -> Result<bool, String> {
        crate::source::html::reader_agrees(page)
    }

    /// The differential check of the located reading on `page`: `Ok(true)`
    /// when the article was located and what the located path reads (its
    /// lines and the page's metadata, from the pieces it parses) equals the
    /// whole page's parse, with and without the date asked for;
    /// `Ok(false)` when it was not located; `Err` describing both when
    /// they differ.
    pub fn html_located_agrees(page: &str) -> Result<bool, String> {
        crate::source::html::located_agrees(page)
    }

    /// The differential check of the page before the located article read
    /// from its tokens (the placement probe's and the metadata's first
    /// piece) on `page`: `Ok(true)` when it was read and equals html5ever's
    /// parse of the same bytes (quirks mode and tree), `Ok(false)` when
    /// there was nothing to compare (not located, or the reading
    /// declined), `Err` describing both when they differ.
    pub fn html_prefix_agrees(page: &str) -> Result<bool, String> {
        crate::source::html::prefix_agrees(page)
    }

    /// The differential check of the tokens the HTML pre-parse pass records
    /// for the page it leaves (script bodies cut, deep nesting capped)
    /// against a tokenization of that page: `Err` with the first
    /// difference.
    pub fn html_reduced_tokens_agree(page: &str) -> Result<(), String> {
        crate::source::html::reduced_tokens_agree(page)
    }

    /// Every alias of the paper label (`论文`, `論文`, `Paper`, …) in the
    /// vocabulary table, for the pre-check's soundness tests.
    pub fn paper_aliases() -> Vec<&'static str> {
        crate::vocabulary::aliases(crate::vocabulary::Label::Paper).collect()
    }

    /// Every label of the vocabulary table by name (`"Paper"`, `"Authors"`,
    /// …), with its aliases, the first the column's own, for the test that
    /// every alias reaches every stage.
    pub fn label_aliases() -> Vec<(String, Vec<&'static str>)> {
        crate::vocabulary::LABELS
            .iter()
            .map(|(label, aliases)| (format!("{label:?}"), aliases.to_vec()))
            .collect()
    }

    /// Does the pre-check let `input` (bytes, decoded and format-detected
    /// as [`crate::parse_bytes`] does) through to the parse?
    pub fn precheck(input: &[u8]) -> bool {
        let (text, _, _) = crate::decode::decode(input);
        crate::source::formats(&text, None)
            .iter()
            .any(|&format| crate::precheck::may_be_digest(&text, format))
    }

    /// Which stage of the pre-check turns `text` read as `format` away
    /// (`"marks"`, `"lines"`), or `None` when it lets the page through to
    /// the full parse.
    pub fn refusal_stage(text: &str, format: crate::Format) -> Option<&'static str> {
        crate::precheck::refusal(text, format).map(|r| match r.stage {
            crate::precheck::Stage::Marks => "marks",
            crate::precheck::Stage::Lines => "lines",
        })
    }

    /// The formats [`crate::parse_bytes`] reads `text` in, in order (the
    /// detected one first).
    pub fn formats(text: &str) -> Vec<crate::Format> {
        crate::source::formats(text, None).to_vec()
    }

    /// The full parse of `text` read as `format`, without the pre-check.
    pub fn parse_as_unchecked(
        text: &str,
        format: crate::Format,
    ) -> Result<crate::Digest, crate::Error> {
        crate::Parser::new()
            .format(format)
            .parse_text(text, crate::decode::Damage::default(), false)
            .map(|(digest, _)| digest)
    }

    /// The page's text as [`crate::parse_bytes`] decodes it.
    pub fn decode(input: &[u8]) -> String {
        crate::decode::decode(input).0.into_owned()
    }

    /// [`crate::parse_bytes`] without the pre-check: what the full parse
    /// says of every page.
    pub fn parse_bytes_unchecked(input: &[u8]) -> Result<crate::Digest, crate::Error> {
        let (text, _, damage) = crate::decode::decode(input);
        crate::Parser::new()
            .parse_text(&text, damage, false)
            .map(|(digest, _)| digest)
    }
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
pub use model::{
    Ad, Category, Digest, Figure, Issue, Link, LinkKind, Paper, PaperRef, RadioEntry, RadioList,
    Stripped, Trending, Warning, WarningCode,
};

/// The default input-size limit of [`Parser`]: 32 MiB, far above any real page.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

/// The result of [`Parser::parse_bytes_detailed`]: the digest plus how the
/// input was read.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Parsed {
    /// The digest.
    pub digest: Digest,
    /// The format the input was read as (detected, or as forced).
    pub format: Format,
    /// The WHATWG name of the encoding the bytes were decoded with
    /// (`"UTF-8"`, `"GBK"`, `"gb18030"`, …).
    pub encoding: &'static str,
}

/// Parses a page (plain text, Markdown or HTML, detected) with the default options.
///
/// # Errors
///
/// [`Error::NotADigest`] when the page yields no featured paper and no
/// radio-list entry; [`Error::TooLarge`] above [`DEFAULT_MAX_INPUT_BYTES`].
///
/// ```
/// let err = paper_digest::parse("今天天气很好。").unwrap_err();
/// assert!(err.to_string().starts_with("not a digest"));
/// // A title alone is not a digest either.
/// let err = paper_digest::parse("7 Papers & Radios | 标题\n").unwrap_err();
/// assert!(err.to_string().contains("title"), "{err}");
/// ```
pub fn parse(input: &str) -> Result<Digest, Error> {
    Parser::new().parse(input)
}

/// Parses every digest in an input that holds several one after another (a
/// dump of scrapes, an aggregator's archive page, an issue saved twice into
/// one file), in input order, with the default options.
///
/// A new digest begins where a digest title (`7 Papers & Radios | …`) stands
/// after the previous digest's papers or radio lists and is followed by
/// papers or radio lists of its own. [`parse`] returns only the first and
/// warns ([`WarningCode::MoreDigestsFollow`]) when more follow.
///
/// # Errors
///
/// As [`parse`]: the input as a whole is not a digest, or is too large.
///
/// ```
/// let one = "7 Papers & Radios | 第一期\n论文 1：甲\n摘要：甲的摘要。\n";
/// let two = "7 Papers & Radios | 第二期\n论文 1：乙\n摘要：乙的摘要。\n";
/// let digests = paper_digest::parse_all(&format!("{one}{two}"))?;
/// assert_eq!(digests.len(), 2);
/// assert_eq!(digests[1].issue.headlines, ["第二期"]);
/// assert_eq!(digests[1].papers[0].number, 1);
///
/// let first = paper_digest::parse(&format!("{one}{two}"))?;
/// assert_eq!(first.papers.len(), 1);
/// assert_eq!(
///     first.warnings.last().map(|w| w.code),
///     Some(paper_digest::WarningCode::MoreDigestsFollow)
/// );
/// # Ok::<(), paper_digest::Error>(())
/// ```
pub fn parse_all(input: &str) -> Result<Vec<Digest>, Error> {
    Parser::new().parse_all(input)
}

/// Parses a page given as bytes: the encoding (UTF-8, GBK/GB18030, a BOM, a
/// `<meta charset>`) is detected first, then the page is parsed as by [`parse`].
///
/// # Errors
///
/// As [`parse`].
///
/// ```
/// let page = "7 Papers & Radios | 标题\n论文 1：某论文\n摘要：一段摘要。\n";
/// let (gbk, _, _) = encoding_rs::GBK.encode(page);
/// let digest = paper_digest::parse_bytes(&gbk)?;
/// assert_eq!(digest.papers[0].title, "某论文");
/// # Ok::<(), paper_digest::Error>(())
/// ```
pub fn parse_bytes(input: &[u8]) -> Result<Digest, Error> {
    Parser::new().parse_bytes(input)
}

/// A configured parser: forced format, input-size limit, strictness.
///
/// ```
/// use paper_digest::{Format, Parser};
///
/// let parser = Parser::new().format(Format::Text).max_input_bytes(1 << 20).strict(false);
/// let digest = parser.parse("7 Papers & Radios | 标题\n论文 1：某论文\n")?;
/// assert_eq!(digest.papers.len(), 1);
/// # Ok::<(), paper_digest::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Parser {
    format: Option<Format>,
    max_input_bytes: usize,
    strict: bool,
    furniture: Vec<regex::Regex>,
}

/// Parsers are equal when their options are, furniture rules compared by
/// their patterns.
impl PartialEq for Parser {
    fn eq(&self, other: &Self) -> bool {
        self.format == other.format
            && self.max_input_bytes == other.max_input_bytes
            && self.strict == other.strict
            && self.furniture.len() == other.furniture.len()
            && self
                .furniture
                .iter()
                .zip(&other.furniture)
                .all(|(a, b)| a.as_str() == b.as_str())
    }
}

impl Eq for Parser {}

impl Default for Parser {
    fn default() -> Self {
        Self::new()
    }
}

impl Parser {
    /// A parser that detects the format, refuses inputs above
    /// [`DEFAULT_MAX_INPUT_BYTES`] and is lenient (anomalies are warnings).
    pub fn new() -> Self {
        Parser {
            format: None,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            strict: false,
            furniture: Vec::new(),
        }
    }

    /// Reads every input as `format` instead of detecting it.
    #[must_use]
    pub fn format(mut self, format: Format) -> Self {
        self.format = Some(format);
        self
    }

    /// Refuses inputs larger than `limit` bytes with [`Error::TooLarge`].
    #[must_use]
    pub fn max_input_bytes(mut self, limit: usize) -> Self {
        self.max_input_bytes = limit;
        self
    }

    /// When `true`, a page that produces any warning is an [`Error::Strict`]
    /// carrying the warnings, instead of an `Ok` digest.
    #[must_use]
    pub fn strict(mut self, strict: bool) -> Self {
        self.strict = strict;
        self
    }

    /// Adds a furniture rule: every line the regular expression matches is
    /// site furniture, kept in [`Stripped::boilerplate`] and never read as
    /// content. For the lines a user's own aggregator or archive adds to
    /// every page (a footer, a banner, a "saved from" note) that the
    /// built-in rules do not know. Rules are matched against each logical
    /// line's text (see the `regex` crate for the syntax; anchor with `^`
    /// and `$` to match whole lines).
    ///
    /// ```
    /// use paper_digest::Parser;
    /// use regex::Regex;
    ///
    /// let page = "\
    /// 7 Papers & Radios | 标题
    /// 论文 1：某论文
    /// 摘要：一段摘要。
    /// 由 MyFeeds 于 2022-04-11 08:00 抓取 · 原文链接
    /// ";
    /// let plain = Parser::new().parse(page)?;
    /// assert!(plain.papers[0].abstract_text.as_deref().unwrap().contains("MyFeeds"));
    ///
    /// let parser = Parser::new().furniture(Regex::new(r"^由 MyFeeds 于 .* 抓取").unwrap());
    /// let digest = parser.parse(page)?;
    /// assert_eq!(digest.papers[0].abstract_text.as_deref(), Some("一段摘要。"));
    /// assert_eq!(digest.stripped.boilerplate, ["由 MyFeeds 于 2022-04-11 08:00 抓取 · 原文链接"]);
    /// # Ok::<(), paper_digest::Error>(())
    /// ```
    #[must_use]
    pub fn furniture(mut self, rule: regex::Regex) -> Self {
        self.furniture.push(rule);
        self
    }

    /// Adds a furniture rule given as a pattern string, compiled with the
    /// crate's own `regex` (so a caller needs no `regex` dependency of its
    /// own): see [`furniture`](Self::furniture) for what a rule does.
    ///
    /// ```
    /// use paper_digest::{Error, Parser};
    ///
    /// let page = "7 Papers & Radios | 标题\n论文 1：某论文\n摘要：一段摘要。\n由 MyFeeds 抓取\n";
    /// let digest = Parser::new().furniture_pattern(r"^由 MyFeeds")?.parse(page)?;
    /// assert_eq!(digest.stripped.boilerplate, ["由 MyFeeds 抓取"]);
    ///
    /// let err = Parser::new().furniture_pattern("(").unwrap_err();
    /// assert!(matches!(err, Error::InvalidPattern { .. }));
    /// assert_eq!(err.code(), "invalid_pattern");
    /// # Ok::<(), paper_digest::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidPattern`] when `pattern` is not a regular expression.
    pub fn furniture_pattern(self, pattern: &str) -> Result<Self, Error> {
        let rule = regex::Regex::new(pattern).map_err(|e| Error::InvalidPattern {
            pattern: pattern.to_owned(),
            message: e.to_string(),
        })?;
        Ok(self.furniture(rule))
    }

    /// Parses a page given as text.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`], [`Error::NotADigest`], and in strict mode [`Error::Strict`].
    pub fn parse(&self, input: &str) -> Result<Digest, Error> {
        self.check_size(input.len())?;
        self.parse_text(input, decode::Damage::default(), true)
            .map(|(digest, _)| digest)
    }

    /// Parses every digest in a text that holds several, as [`parse_all`].
    ///
    /// # Errors
    ///
    /// As [`Parser::parse`]; in strict mode, the warnings of the first
    /// digest that has any.
    pub fn parse_all(&self, input: &str) -> Result<Vec<Digest>, Error> {
        self.check_size(input.len())?;
        self.parse_text_all(input, decode::Damage::default())
    }

    /// Parses every digest in a page given as bytes, detecting its encoding
    /// first, as [`parse_all`].
    ///
    /// # Errors
    ///
    /// As [`Parser::parse_all`].
    pub fn parse_bytes_all(&self, input: &[u8]) -> Result<Vec<Digest>, Error> {
        self.check_size(input.len())?;
        let (text, _, damage) = decode::decode(input);
        self.parse_text_all(&text, damage)
    }

    /// Parses a page given as bytes, detecting its encoding.
    ///
    /// # Errors
    ///
    /// As [`Parser::parse`].
    pub fn parse_bytes(&self, input: &[u8]) -> Result<Digest, Error> {
        self.parse_bytes_detailed(input).map(|parsed| parsed.digest)
    }

    /// Parses a page given as bytes and reports the format and encoding used.
    ///
    /// ```
    /// let (gbk, _, _) = encoding_rs::GBK.encode("7 Papers & Radios | 标题\n论文 1：某论文\n");
    /// let parsed = paper_digest::Parser::new().parse_bytes_detailed(&gbk)?;
    /// assert_eq!(parsed.encoding, "GBK");
    /// assert_eq!(parsed.format, paper_digest::Format::Text);
    /// # Ok::<(), paper_digest::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Parser::parse`].
    pub fn parse_bytes_detailed(&self, input: &[u8]) -> Result<Parsed, Error> {
        self.check_size(input.len())?;
        let (text, encoding, damage) = decode::decode(input);
        let (digest, format) = self.parse_text(&text, damage, true)?;
        Ok(Parsed {
            digest,
            format,
            encoding: encoding.name(),
        })
    }

    fn check_size(&self, size: usize) -> Result<(), Error> {
        if size > self.max_input_bytes {
            return Err(Error::TooLarge {
                size,
                limit: self.max_input_bytes,
            });
        }
        Ok(())
    }

    /// Parses decoded text; with `precheck`, a page that cannot be a digest
    /// is turned away before any source reads it. The page is read in each
    /// of [`source::formats`] until one finds a digest.
    fn parse_text(
        &self,
        input: &str,
        damage: decode::Damage,
        precheck: bool,
    ) -> Result<(Digest, Format), Error> {
        let (digest, format) = self.read_as(input, precheck, |document| {
            split::first(document, &self.furniture, damage)
        })?;
        if self.strict && !digest.warnings.is_empty() {
            return Err(Error::Strict(digest.warnings));
        }
        Ok((digest, format))
    }

    fn parse_text_all(&self, input: &str, damage: decode::Damage) -> Result<Vec<Digest>, Error> {
        let (digests, _) = self.read_as(input, true, |document| {
            split::all(document, &self.furniture, damage)
        })?;
        if self.strict
            && let Some(d) = digests.iter().find(|d| !d.warnings.is_empty())
        {
            return Err(Error::Strict(d.warnings.clone()));
        }
        Ok(digests)
    }

    /// `input` read in each of its [`source::formats`] in turn (those the
    /// pre-check lets through, with `precheck`) and assembled with
    /// `assemble`, up to the first that is not [`Error::NotADigest`]; when
    /// none is a digest, the first format's refusal.
    fn read_as<T>(
        &self,
        input: &str,
        precheck: bool,
        assemble: impl Fn(source::Document<'_>) -> Result<T, Error>,
    ) -> Result<(T, Format), Error> {
        let mut refusal = None;
        for (i, &format) in source::formats(input, self.format).iter().enumerate() {
            if i > 0 && !source::retry(input, format) {
                break;
            }
            let refused = if precheck {
                precheck::refusal(input, format)
            } else {
                None
            };
            let result = match refused {
                Some(refusal) => Err(refusal.into_error()),
                None => assemble(source::read(input, format)),
            };
            match result {
                Err(e @ Error::NotADigest(_)) => {
                    refusal.get_or_insert(e);
                }
                other => return other.map(|t| (t, format)),
            }
        }
        Err(refusal.unwrap_or_else(|| Error::NotADigest(NotADigest::precheck())))
    }
}
