//! The line grammar: what one logical line is, independent of its neighbours.
//!
//! Classification looks at a single line; context (where the line stands in
//! the page) is [`crate::assemble`]'s business. Every check is anchored at the
//! start of the line (after an optional bullet), so a line costs a few byte
//! comparisons unless it really starts like a marker.

use crate::model::Category;
use crate::source::text::trim;

/// What a line is, on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Kind<'a> {
    /// `论文 1：Title`.
    PaperHeading { number: u32, title: &'a str },
    /// `作者：A、B 等`; the text after the marker.
    Authors(&'a str),
    /// `论文链接：https://…`; the label and the text after the colon.
    Link { label: &'a str, rest: &'a str },
    /// `密码：9qzz` / `提取码：9qzz` on a line of its own.
    Password(&'a str),
    /// `摘要：…`; the text after the marker.
    Abstract(&'a str),
    /// `推荐：…`; the text after the marker.
    Recommendation(&'a str),
    /// `本周 10 篇 NLP 精选论文是：`.
    RadioHeading {
        heading: &'a str,
        count: Option<u32>,
        category: Option<Category>,
    },
    /// `6. Title. (from A, B)`.
    RadioEntry {
        number: u32,
        title: &'a str,
        from: &'a str,
    },
    /// A numbered line without `(from …)`: `1. Title`.
    Numbered { number: u32, rest: &'a str },
    /// `2022 年 3 月 6 日 机器之心`: the ISO date (`None` when the date is not
    /// on the calendar), the date as written, and the rest of the line.
    Date {
        date: Option<String>,
        raw: &'a str,
        rest: &'a str,
    },
    /// `参与：杜伟楚航、罗若天`.
    Contributors(&'a str),
    /// `来源：机器之心`.
    SourceLabel(&'a str),
    /// `目录`.
    ContentsHeading,
    /// `本周论文包括…`.
    Summary,
    /// `图 2 网络结构`.
    Caption,
    /// The line names the ArXiv Weekly Radiostation, or is one of its audio lines.
    Radiostation,
    /// `- 1 准确把握守正创新的辩证关系 7993401`.
    Trending {
        rank: u32,
        title: &'a str,
        heat: Option<u64>,
    },
    /// Copyright lines, follow prompts, ad markers, share widgets.
    Boilerplate,
    /// Anything else: a paragraph.
    Plain,
}

/// Removes a leading list bullet (`-`, `*`, `•`, `·`, `●`, …) and the spaces after it.
pub(crate) fn strip_bullet(s: &str) -> &str {
    let mut chars = s.chars();
    match chars.next() {
        Some('•' | '·' | '●' | '▪' | '◆' | '■' | '○' | '◇' | '▶' | '►' | '➤' | '✓' | '√') => {
            trim(chars.as_str())
        }
        Some('-' | '*' | '+' | '–' | '—') => {
            let rest = chars.as_str();
            if rest.starts_with(char::is_whitespace) {
                trim(rest)
            } else {
                s
            }
        }
        _ => s,
    }
}

/// Is `c` a colon, half- or full-width?
fn is_colon(c: char) -> bool {
    matches!(c, ':' | '：' | '︰' | '∶')
}

/// Matches `LABEL` + optional spaces + colon at the start of `s`, returning the
/// trimmed rest of the line.
pub(crate) fn after_label<'a>(s: &'a str, label: &str) -> Option<&'a str> {
    let rest = s.strip_prefix(label)?;
    let rest = rest.trim_start();
    let mut chars = rest.chars();
    if chars.next().is_some_and(is_colon) {
        Some(trim(chars.as_str()))
    } else {
        None
    }
}

/// Splits `s` at its first colon (half- or full-width), when the part before
/// it is short enough to be a label: at most `max_chars` characters besides
/// white space (`Project page : …`).
fn split_label(s: &str, max_chars: usize) -> Option<(&str, &str)> {
    let mut count = 0;
    for (i, c) in s.char_indices() {
        if is_colon(c) {
            return Some((trim(&s[..i]), trim(&s[i + c.len_utf8()..])));
        }
        if !c.is_whitespace() {
            count += 1;
            if count > max_chars {
                return None;
            }
        }
    }
    None
}

/// Parses a run of ASCII digits at the start of `s`, returning the number and the rest.
fn leading_number(s: &str) -> Option<(u32, &str)> {
    let end = s.bytes().take_while(u8::is_ascii_digit).count();
    if end == 0 || end > 9 {
        return None;
    }
    Some((s[..end].parse().ok()?, &s[end..]))
}

/// `1. `, `1、`, `1)`, `（1）` numbering at the start of a line: the number and the rest.
pub(crate) fn strip_numbering(s: &str) -> Option<(u32, &str)> {
    if let Some(inner) = s.strip_prefix(['(', '（']) {
        let (n, rest) = leading_number(inner.trim_start())?;
        let rest = rest.trim_start().strip_prefix([')', '）'])?;
        return Some((n, trim(rest)));
    }
    let (n, rest) = leading_number(s)?;
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(['.', '．', '、', ')', '）'])?;
    // "1.5 亿" is a number, not numbering.
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((n, trim(rest)))
}

/// Is this line the title of a digest (`7 Papers & Radios | …`)?
pub(crate) fn is_digest_title(s: &str) -> bool {
    // Cheap and anchored: the series name always carries "Papers".
    let Some(pos) = find_ascii_ci(s, "papers") else {
        return false;
    };
    let before = trim(&s[..pos]);
    let after = &s[pos..];
    before.bytes().all(|b| b.is_ascii_digit()) && !before.is_empty()
        || find_ascii_ci(after, "radio").is_some()
}

/// ASCII case-insensitive substring search for an ASCII `needle`.
///
/// `memchr2` finds the candidates for the needle's first byte in either case,
/// so a line without them costs one vectorized scan.
pub(crate) fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    let (&first, rest) = n.split_first()?;
    if h.len() < n.len() {
        return None;
    }
    let last_start = h.len() - n.len();
    memchr::memchr2_iter(
        first.to_ascii_lowercase(),
        first.to_ascii_uppercase(),
        &h[..=last_start],
    )
    .find(|&i| h[i + 1..i + n.len()].eq_ignore_ascii_case(rest))
}

/// Splits a title at its series separator (`|`, `｜`, `丨`): series and headlines.
pub(crate) fn split_title(title: &str) -> (Option<String>, Vec<String>) {
    let Some((i, c)) = title
        .char_indices()
        .find(|&(_, c)| matches!(c, '|' | '｜' | '丨'))
    else {
        return (None, Vec::new());
    };
    let series = trim(&title[..i]);
    let headlines = title[i + c.len_utf8()..]
        .split([';', '；'])
        .map(trim)
        .filter(|h| !h.is_empty())
        .map(str::to_owned)
        .collect();
    ((!series.is_empty()).then(|| series.to_owned()), headlines)
}

/// Labels that introduce a paper's link; the label must also end a short
/// run of text before a colon. Generalized: anything ending in these words.
const LINK_LABEL_ENDINGS: [&str; 8] = [
    "链接", "地址", "主页", "网址", "网盘", "代码", "页面", "主頁",
];
const LINK_LABEL_WORDS: [&str; 8] = [
    "github", "arxiv", "paper", "code", "project", "url", "link", "homepage",
];

fn is_link_label(label: &str) -> bool {
    if label.is_empty() || label.chars().count() > 12 {
        return false;
    }
    let label = strip_bullet(label);
    LINK_LABEL_ENDINGS.iter().any(|e| label.ends_with(e))
        || LINK_LABEL_WORDS
            .iter()
            .any(|w| label.len() <= 16 && find_ascii_ci(label, w) == Some(0))
}

/// Line-level boilerplate: prefixes of copyright lines, follow prompts, share
/// widgets and ad markers as the column's republishers print them.
const BOILERPLATE_PREFIXES: [&str; 45] = [
    "©",
    "(c)",
    "Copyright",
    "THE END",
    "The End",
    "—THE END",
    "- THE END",
    "转载请联系",
    "投稿或寻求报道",
    "关注公众号",
    "[广告]",
    "【广告】",
    "广告：",
    "广告:",
    "赞助链接",
    "随时掌握",
    "阅读原文",
    "点击阅读原文",
    "原标题",
    "责任编辑",
    "本文为澎湃号作者",
    "特别声明",
    "免责声明",
    "声明：",
    "网友评论",
    "分享到",
    "微信扫一扫",
    "扫一扫",
    "长按二维码",
    "长按识别",
    "点击上方",
    "点个在看",
    "喜欢此内容的人还喜欢",
    "推荐阅读",
    "相关推荐",
    "相关阅读",
    "热门推荐",
    "热门文章",
    "24小时热榜",
    "返回搜狐",
    "查看更多",
    "版权所有",
    "未经授权",
    "编辑：",
    "编辑:",
];

/// Phrases that make a (short) line boilerplate wherever they stand in it.
const BOILERPLATE_PHRASES: [&str; 6] = [
    "THE END",
    "转载请联系",
    "关注公众号",
    "版权所有",
    "仅供其表达个人看法",
    "本文来源于",
];

/// One automaton for all phrases: a single pass over the line.
static PHRASES: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| aho_corasick::AhoCorasick::new(BOILERPLATE_PHRASES).ok());

/// One anchored automaton for all prefixes: a walk over the line's first bytes.
static PREFIXES: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasick::builder()
            .start_kind(aho_corasick::StartKind::Anchored)
            .build(BOILERPLATE_PREFIXES)
            .ok()
    });

pub(crate) fn is_boilerplate(s: &str) -> bool {
    let anchored = aho_corasick::Input::new(s).anchored(aho_corasick::Anchored::Yes);
    PREFIXES.as_ref().is_some_and(|ac| ac.is_match(anchored))
        || (s.len() <= 320 // 80 characters of at most 4 bytes: skip the count on long lines
            && s.chars().count() <= 80
            && PHRASES.as_ref().is_some_and(|ac| ac.is_match(s)))
}

/// Classifies one logical line (already trimmed).
pub(crate) fn classify(line: &str) -> Kind<'_> {
    let s = strip_bullet(line);
    let Some(first) = s.chars().next() else {
        return Kind::Plain;
    };
    match first {
        '论' => {
            if let Some(k) = paper_heading(s) {
                return k;
            }
            if let Some((label, rest)) = split_label(s, 12)
                && is_link_label(label)
            {
                return Kind::Link { label, rest };
            }
        }
        '作' => {
            if let Some(rest) = after_label(s, "作者") {
                return Kind::Authors(rest);
            }
        }
        '摘' => {
            if let Some(rest) = after_label(s, "摘要") {
                return Kind::Abstract(rest);
            }
        }
        '推' => {
            if let Some(rest) = after_label(s, "推荐") {
                return Kind::Recommendation(rest);
            }
        }
        '参' => {
            if let Some(rest) = after_label(s, "参与") {
                return Kind::Contributors(rest);
            }
        }
        '来' => {
            if let Some(rest) = after_label(s, "来源") {
                return Kind::SourceLabel(rest);
            }
        }
        '密' | '提' => {
            if let Some(rest) = after_label(s, "密码").or_else(|| after_label(s, "提取码")) {
                return Kind::Password(rest);
            }
        }
        '目' => {
            let rest = s.trim_start_matches(['目', '录', '錄']);
            if (s.starts_with("目录") || s.starts_with("目錄"))
                && trim(rest).chars().all(|c| is_colon(c) || c.is_whitespace())
            {
                return Kind::ContentsHeading;
            }
        }
        '本' => {
            if let Some(k) = radio_heading(s) {
                return k;
            }
            if s.starts_with("本周") && s.chars().take(12).collect::<String>().contains("论文")
            {
                return Kind::Summary;
            }
        }
        '图' | 'F' if is_caption(s) => {
            return Kind::Caption;
        }
        '0'..='9' | '(' | '（' => {
            if let Some(k) = numbered(s) {
                return k;
            }
        }
        'P' | 'p' => {
            // "Paper 1: Title", as English reposts write the heading.
            if let Some(rest) = s
                .get(..5)
                .filter(|p| p.eq_ignore_ascii_case("paper"))
                .map(|_| &s[5..])
                && let Some(k) = numbered_heading(rest)
            {
                return k;
            }
        }
        _ => {}
    }
    // "7 Papers & Radios | … 2022" has a rank, a title and a "heat": a digest
    // title is never a trending item.
    if (first.is_ascii_digit() || first == '-')
        && !is_digest_title(s)
        && let Some(k) = trending(line)
    {
        return k;
    }
    if let Some(k) = date_line(s) {
        return k;
    }
    if is_boilerplate(s) {
        return Kind::Boilerplate;
    }
    if let Some((label, rest)) = split_label(s, 12)
        && is_link_label(label)
    {
        return Kind::Link { label, rest };
    }
    if find_ascii_ci(s, "radiostation").is_some() || is_radio_audio(s) {
        return Kind::Radiostation;
    }
    Kind::Plain
}

fn paper_heading(s: &str) -> Option<Kind<'_>> {
    numbered_heading(s.strip_prefix("论文")?)
}

/// ` 1：Title` after `论文` / `Paper`.
fn numbered_heading(rest: &str) -> Option<Kind<'_>> {
    let (number, rest) = leading_number(rest.trim_start())?;
    let rest = rest.trim_start();
    let mut chars = rest.chars();
    let c = chars.next()?;
    if !(is_colon(c) || matches!(c, '.' | '．' | '、')) {
        return None;
    }
    let title = trim(chars.as_str());
    if title.is_empty() {
        return None;
    }
    Some(Kind::PaperHeading { number, title })
}

/// `本周 10 篇 NLP 精选论文是：`.
fn radio_heading(s: &str) -> Option<Kind<'_>> {
    let rest = s.strip_prefix("本周")?;
    let pos = rest.find("精选论文")?;
    if s.chars().count() > 40 {
        return None;
    }
    let heading = trim(s.trim_end_matches(|c: char| is_colon(c) || c.is_whitespace()));
    let before = trim(&rest[..pos]);
    let (count, word) = match leading_number(before) {
        Some((n, after)) => (
            Some(n),
            trim(after.trim_start().strip_prefix('篇').unwrap_or(after)),
        ),
        None => (None, before),
    };
    Some(Kind::RadioHeading {
        heading,
        count,
        category: category(word),
    })
}

/// The category a heading's word names, never guessed.
pub(crate) fn category(word: &str) -> Option<Category> {
    let w = trim(word);
    if w.eq_ignore_ascii_case("nlp") || w == "自然语言处理" {
        Some(Category::Nlp)
    } else if w.eq_ignore_ascii_case("cv") || w == "计算机视觉" {
        Some(Category::Cv)
    } else if w.eq_ignore_ascii_case("ml") || w == "机器学习" {
        Some(Category::Ml)
    } else {
        None
    }
}

/// `10 NLP Papers音频：`, the audio player line under a radio list.
fn is_radio_audio(s: &str) -> bool {
    s.len() <= 240
        && s.chars().count() <= 60
        && s.contains("音频")
        && find_ascii_ci(s, "papers").is_some()
}

/// `图 2 网络结构`, `Figure 3: …`: short, starts with a figure number, not a sentence.
fn is_caption(s: &str) -> bool {
    let rest = if let Some(r) = s.strip_prefix('图') {
        r
    } else if let Some(r) = s.strip_prefix("Figure") {
        r
    } else if let Some(r) = s.strip_prefix("Fig.") {
        r
    } else {
        return false;
    };
    let rest = rest.trim_start();
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let n = s.chars().count();
    n <= 80 && !s.ends_with(['：', ':', '，', ',', '。', '；', ';', '！', '？'])
}

/// Radio entries, numbered lines.
fn numbered(s: &str) -> Option<Kind<'_>> {
    let (number, rest) = strip_numbering(s)?;
    if rest.is_empty() {
        return None;
    }
    if let Some((title, from)) = split_from(rest) {
        return Some(Kind::RadioEntry {
            number,
            title,
            from,
        });
    }
    Some(Kind::Numbered { number, rest })
}

/// Splits `Title. (from A, B)` into the title (no trailing period) and `A, B`.
pub(crate) fn split_from(rest: &str) -> Option<(&str, &str)> {
    let rest = trim(rest);
    let inner = rest.strip_suffix([')', '）'])?;
    let open = inner.rfind(['(', '（'])?;
    let par = &inner[open..];
    let par = par.strip_prefix('(').or_else(|| par.strip_prefix('（'))?;
    let par = par.trim_start();
    // `get`: the fifth byte may sit inside a CJK character (`(附音频)`).
    if !par.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("from")) {
        return None;
    }
    let from = trim(&par[4..]);
    let from = from.strip_prefix([':', '：']).map(trim).unwrap_or(from);
    let title = trim(&inner[..open]);
    let title = trim(title.trim_end_matches(['.', '。']));
    Some((title, from))
}

/// `- 1 准确把握守正创新的辩证关系 7993401`: rank, title, heat (`None`
/// when the figure overflows `u64`; [`trending_item`] reports it).
fn trending(line: &str) -> Option<Kind<'_>> {
    let (rank, title, heat) = trending_parts(line)?;
    Some(Kind::Trending {
        rank,
        title,
        heat: heat.parse().ok(),
    })
}

/// Rank, title and the heat figure as written.
fn trending_parts(line: &str) -> Option<(u32, &str, &str)> {
    let s = line.strip_prefix('-').map(str::trim_start).unwrap_or(line);
    let (rank, rest) = leading_number(s)?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = trim(rest);
    let split = rest.rfind(char::is_whitespace)?;
    let heat = rest[split..].trim();
    if heat.len() < 4 || !heat.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let title = trim(&rest[..split]);
    if title.is_empty() {
        return None;
    }
    Some((rank, title, heat))
}

/// A trending item's heat: the figure, none, or the digits as written when
/// they overflow `u64`.
pub(crate) type Heat<'a> = Result<Option<u64>, &'a str>;

/// A trailer line read as a trending item: rank, title, and the heat figure
/// when the list gives one. A figure too large for `u64` is `Err` with the
/// figure as written, so that the caller can warn about it.
pub(crate) fn trending_item(line: &str) -> Option<(u32, &str, Heat<'_>)> {
    if let Some((rank, title, heat)) = trending_parts(line) {
        return Some((rank, title, heat.parse().map(Some).map_err(|_| heat)));
    }
    let s = strip_bullet(line);
    let (rank, after) = leading_number(s)?;
    // The number must be set off: `3. 标题`, `3 标题`, not `5G 手机`.
    let rest = after.strip_prefix(['.', '、', '．']).unwrap_or(after);
    if !rest.starts_with(char::is_whitespace) && rest.len() == after.len() {
        return None;
    }
    let title = trim(rest);
    (!title.is_empty() && rank <= 100).then_some((rank, title, Ok(None)))
}

/// `2022 年 3 月 6 日 机器之心`, `2022-03-06 机器之心`, `2022/3/6`: the ISO date
/// (`None` when it is not on the calendar), the date as written, and the rest.
pub(crate) fn date_line(s: &str) -> Option<Kind<'_>> {
    let (date, raw, rest) = parse_date_prefix(s)?;
    let rest = trim(rest);
    if rest.chars().count() > 30 {
        return None;
    }
    Some(Kind::Date { date, raw, rest })
}

/// The earliest and latest year a digest date may carry (the column started
/// in 2019; the bounds leave room for reposts and archives).
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<u32> = 1990..=2100;

/// `YYYY-MM-DD` when the day exists in the Gregorian calendar (month lengths,
/// leap years) and the year is plausible; `None` otherwise.
pub(crate) fn calendar_date(year: u32, month: u32, day: u32) -> Option<String> {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (PLAUSIBLE_YEARS.contains(&year) && (1..=days).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Parses a date at the start of `s`: `YYYY-MM-DD` when it is on the calendar
/// (`None` for `2022年2月31日`), the date as written, and the rest of `s`.
/// Text is only read as a date when its month is 1 to 12 and its day 1 to 31.
pub(crate) fn parse_date_prefix(s: &str) -> Option<(Option<String>, &str, &str)> {
    let b = s.as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let (year, rest) = leading_number(s)?;
    if !PLAUSIBLE_YEARS.contains(&year) || s.bytes().take_while(u8::is_ascii_digit).count() != 4 {
        return None;
    }
    let (rest, chinese) = date_sep(rest, '年')?;
    let (month, rest) = leading_number(rest)?;
    let (rest, _) = date_sep(rest, if chinese { '月' } else { '\0' })?;
    let (day, rest) = leading_number(rest)?;
    let rest = rest.trim_start();
    let rest = if chinese {
        rest.strip_prefix(['日', '号']).unwrap_or(rest)
    } else {
        rest
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let raw = trim(&s[..s.len() - rest.len()]);
    // Drop a time of day ("12:02") that follows the date.
    let mut rest = trim(rest);
    if let Some((_, after)) = leading_number(rest)
        && let Some(after) = after.strip_prefix(':')
    {
        let end = after
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b':')
            .count();
        rest = trim(&after[end..]);
    }
    Some((calendar_date(year, month, day), raw, rest))
}

/// A date separator: `年`/`月` (with spaces) for Chinese dates, or one of `-/.`.
fn date_sep(s: &str, chinese: char) -> Option<(&str, bool)> {
    let t = s.trim_start();
    if chinese != '\0'
        && let Some(r) = t.strip_prefix(chinese)
    {
        return Some((r.trim_start(), true));
    }
    let r = s.strip_prefix(['-', '/', '.'])?;
    Some((r, false))
}

/// Splits a name list (`A 、 B 等`, `A, B and C`, `Cui2,∗, Che1`) into names
/// and whether it ended with `等` / `et al.`.
pub(crate) fn split_names(s: &str) -> (Vec<String>, bool) {
    let mut s = trim(s);
    let mut et_al = false;
    for suffix in ["等人", "等", "et al.", "et al", "etc."] {
        if let Some(rest) = s.strip_suffix(suffix) {
            s = trim(rest);
            et_al = true;
            break;
        }
    }
    let s = s.trim_end_matches([',', '，', '、', ';', '；']);
    let mut names = Vec::new();
    for part in s.split([',', '，', '、', ';', '；']) {
        for name in part.split(" and ") {
            let name = trim(name);
            let name = trim(name.trim_end_matches(|c: char| {
                c.is_ascii_digit() || matches!(c, '∗' | '*' | '†' | '‡' | '§' | '¶' | '#' | '♯')
            }));
            if name.is_empty() || !name.chars().any(char::is_alphabetic) {
                continue;
            }
            names.push(name.to_owned());
        }
    }
    (names, et_al)
}

/// The first `http(s)://` URL in `s`, trailing punctuation removed.
pub(crate) fn find_url(s: &str) -> Option<&str> {
    let start = s.find("https://").or_else(|| s.find("http://"))?;
    let tail = &s[start..];
    let end = tail
        .char_indices()
        .find(|&(_, c)| {
            c.is_whitespace() || !c.is_ascii() || matches!(c, '"' | '<' | '>' | '`' | '\'')
        })
        .map_or(tail.len(), |(i, _)| i);
    let mut url = &tail[..end];
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?']);
        let trimmed = if trimmed.ends_with(')') && !trimmed.contains('(') {
            &trimmed[..trimmed.len() - 1]
        } else {
            trimmed
        };
        if trimmed.len() == url.len() {
            break;
        }
        url = trimmed;
    }
    (url.len() > "https://".len()).then_some(url)
}

/// The arXiv identifier and version a URL or a link's text names: the one
/// place the crate reads arXiv references.
///
/// Recognized: URLs whose host is exactly `arxiv.org` or a subdomain of it
/// (`export.arxiv.org`), with or without a scheme, under `abs/`, `pdf/`,
/// `html/` or `format/`; `arXiv:2204.02311` (a space after the colon
/// allowed); and a text that is nothing but an identifier. Identifiers are
/// new-style (`2204.02311`, `0706.0001`, with a valid `YYMM`) or old-style
/// (`hep-th/9901001`, `math.GT/0309136`, `cs/0112017`); a version suffix
/// (`v2`) is returned apart from the identifier.
pub(crate) fn arxiv_reference(s: &str) -> Option<(String, Option<u32>)> {
    let whole = trim(s);
    if let Some(found) = arxiv_identifier(whole).filter(|(_, _, len)| *len == whole.len()) {
        return Some((found.0, found.1));
    }
    let mut tokens = s
        .split(|c: char| {
            c.is_whitespace()
                || !c.is_ascii()
                || matches!(
                    c,
                    '"' | '\'' | '<' | '>' | '(' | ')' | '[' | ']' | '`' | ',' | ';'
                )
        })
        .filter(|t| !t.is_empty())
        .peekable();
    while let Some(token) = tokens.next() {
        // `arXiv:2204.02311`, `arXiv: 2204.02311`.
        if token.len() >= 5 && token[..5].eq_ignore_ascii_case("arxiv") {
            let after = &token[5..];
            if let Some(id) = after.strip_prefix(':') {
                let id = if id.is_empty() {
                    tokens.peek().copied().unwrap_or("")
                } else {
                    id
                };
                if let Some((id, version, _)) = arxiv_identifier(id) {
                    return Some((id, version));
                }
                continue;
            }
        }
        if let Some(found) = arxiv_url(token) {
            return Some(found);
        }
    }
    None
}

/// An arXiv URL (with or without its scheme) on the exact host.
fn arxiv_url(token: &str) -> Option<(String, Option<u32>)> {
    let rest = ["https://", "http://"]
        .iter()
        .find(|p| token.len() >= p.len() && token[..p.len()].eq_ignore_ascii_case(p))
        .map_or(token, |p| &token[p.len()..]);
    let (authority, path) = rest.split_once('/')?;
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.split(':').next().unwrap_or(host);
    let host = host.strip_suffix('.').unwrap_or(host);
    let suffix = ".arxiv.org";
    let on_arxiv = host.eq_ignore_ascii_case("arxiv.org")
        || (host.len() > suffix.len()
            && host.is_char_boundary(host.len() - suffix.len())
            && host[host.len() - suffix.len()..].eq_ignore_ascii_case(suffix));
    if !on_arxiv {
        return None;
    }
    let path = ["abs/", "pdf/", "html/", "format/"]
        .iter()
        .find_map(|p| path.strip_prefix(p))?;
    arxiv_identifier(path).map(|(id, version, _)| (id, version))
}

/// An arXiv identifier at the start of `s`: the identifier, its version, and
/// how many bytes of `s` they took. The identifier must end there (at the
/// end of `s` or before a byte that is not a letter or digit).
fn arxiv_identifier(s: &str) -> Option<(String, Option<u32>, usize)> {
    let b = s.as_bytes();
    let digits = |from: usize| {
        b[from.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let id_len = if digits(0) == 4 && b.get(4) == Some(&b'.') && (4..=5).contains(&digits(5)) {
        // New style: YYMM.NNNN (to 2014) or YYMM.NNNNN.
        let month = (b[2] - b'0') * 10 + (b[3] - b'0');
        if !(1..=12).contains(&month) {
            return None;
        }
        5 + digits(5)
    } else {
        // Old style: archive(.XX)/YYMMNNN.
        let slash = s.find('/')?;
        let archive = &s[..slash];
        let (name, class) = archive.split_once('.').unwrap_or((archive, ""));
        let name_ok = name.len() >= 2
            && name.bytes().all(|c| c.is_ascii_lowercase() || c == b'-')
            && !name.starts_with('-');
        let class_ok = class.len() <= 2 && class.bytes().all(|c| c.is_ascii_alphabetic());
        if !name_ok || !class_ok || digits(slash + 1) != 7 {
            return None;
        }
        slash + 8
    };
    let mut len = id_len;
    let mut version = None;
    if matches!(b.get(len), Some(b'v' | b'V')) {
        let n = digits(len + 1);
        if n > 0 {
            version = s[len + 1..len + 1 + n].parse().ok();
            len += 1 + n;
        }
    }
    if b.get(len).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    Some((s[..id_len].to_owned(), version, len))
}

/// The password after `密码` / `提取码` in a link line.
pub(crate) fn find_password(s: &str) -> Option<&str> {
    let pos = s
        .find("提取码")
        .map(|p| p + "提取码".len())
        .or_else(|| s.find("密码").map(|p| p + "密码".len()))?;
    password_value(&s[pos..])
}

/// A link's text without its password clause (`… 密码：9qzz`, `(提取码: ab12)`),
/// which [`find_password`] reads.
pub(crate) fn before_password(s: &str) -> &str {
    let Some(pos) = s.find("提取码").or_else(|| s.find("密码")) else {
        return s;
    };
    if find_password(s).is_none() {
        return s;
    }
    trim(&s[..pos]).trim_end_matches([',', '，', ';', '；', '(', '（', '、'])
}

/// The password at the start of `s` (after an optional colon).
pub(crate) fn password_value(s: &str) -> Option<&str> {
    let s = s.trim_start();
    let s = s
        .strip_prefix(|c: char| is_colon(c))
        .unwrap_or(s)
        .trim_start();
    let end = s
        .char_indices()
        .find(|&(_, c)| !c.is_ascii_alphanumeric())
        .map_or(s.len(), |(i, _)| i);
    (end > 0).then(|| &s[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paper_heading_variants() {
        for line in [
            "论文 1:Training Compute-Optimal",
            "论文 1：Training Compute-Optimal",
            "论文1 ： Training Compute-Optimal",
            "• 论文 1: Training Compute-Optimal",
            "Paper 1: Training Compute-Optimal",
        ] {
            assert_eq!(
                classify(line),
                Kind::PaperHeading {
                    number: 1,
                    title: "Training Compute-Optimal"
                },
                "{line}"
            );
        }
        // A colon inside the title: only the first marker splits.
        assert_eq!(
            classify("论文 7:StyTr^2 :Image Style Transfer with Transformers"),
            Kind::PaperHeading {
                number: 7,
                title: "StyTr^2 :Image Style Transfer with Transformers"
            }
        );
    }

    #[test]
    fn metadata_markers_with_bullets_and_colons() {
        for line in [
            "作者:A、B",
            "作者：A、B",
            "- 作者：A、B",
            "• 作者: A、B",
            "* 作者 ： A、B",
        ] {
            assert_eq!(classify(line), Kind::Authors("A、B"), "{line}");
        }
        assert_eq!(classify("摘要：一段。"), Kind::Abstract("一段。"));
        assert_eq!(classify("推荐: 好文。"), Kind::Recommendation("好文。"));
        assert_eq!(
            classify("参与:杜伟楚航、罗若天"),
            Kind::Contributors("杜伟楚航、罗若天")
        );
        assert_eq!(classify("目录"), Kind::ContentsHeading);
        assert_eq!(classify("目录："), Kind::ContentsHeading);
        // Prose that merely starts with a marker word is not a marker.
        assert_eq!(classify("作者们认为这很重要。"), Kind::Plain);
        assert_eq!(classify("推荐阅读"), Kind::Boilerplate);
    }

    #[test]
    fn link_labels() {
        for label in [
            "论文链接",
            "论文地址",
            "项目地址",
            "代码地址",
            "项目主页",
            "网盘链接",
            "GitHub 地址",
            "Github",
        ] {
            let line = format!("{label}：https://example.com/x");
            assert_eq!(
                classify(&line),
                Kind::Link {
                    label,
                    rest: "https://example.com/x"
                },
                "{line}"
            );
        }
        assert_eq!(classify("密码：9qzz"), Kind::Password("9qzz"));
        assert_eq!(classify("提取码: 9qzz"), Kind::Password("9qzz"));
        assert_eq!(
            find_password("https://pan.baidu.com/s/1x 密码：9qzz"),
            Some("9qzz")
        );
        assert_eq!(
            find_password("https://pan.baidu.com/s/1x (提取码: ab12)"),
            Some("ab12")
        );
    }

    #[test]
    fn radio_lines() {
        assert_eq!(
            classify("本周 10 篇 NLP 精选论文是:"),
            Kind::RadioHeading {
                heading: "本周 10 篇 NLP 精选论文是",
                count: Some(10),
                category: Some(Category::Nlp)
            }
        );
        assert_eq!(
            classify("本周10篇CV精选论文是："),
            Kind::RadioHeading {
                heading: "本周10篇CV精选论文是",
                count: Some(10),
                category: Some(Category::Cv)
            }
        );
        assert!(matches!(
            classify("本周 10 篇强化学习精选论文是："),
            Kind::RadioHeading { category: None, .. }
        ));
        assert_eq!(
            classify("6. Chordal Sparsity for Lipschitz. (from George J. Pappas, Rajeev Alur)"),
            Kind::RadioEntry {
                number: 6,
                title: "Chordal Sparsity for Lipschitz",
                from: "George J. Pappas, Rajeev Alur"
            }
        );
        assert_eq!(
            classify("2、Title（from 张三）"),
            Kind::RadioEntry {
                number: 2,
                title: "Title",
                from: "张三"
            }
        );
        assert_eq!(classify("10 NLP Papers音频："), Kind::Radiostation);
    }

    #[test]
    fn summary_and_captions() {
        assert_eq!(classify("本周论文包括费米实验室发现。"), Kind::Summary);
        assert_eq!(classify("本周的重要论文包括谷歌的研究。"), Kind::Summary);
        assert_eq!(classify("图 2 网络结构"), Kind::Caption);
        assert_eq!(classify("图 3 CAPE 计算示意图"), Kind::Caption);
        assert_eq!(classify("Figure 1: Overview"), Kind::Caption);
        assert_eq!(classify("图 1 展示了我们的方法。"), Kind::Plain);
        assert_eq!(classify("如下图 1 所示:"), Kind::Plain);
    }

    #[test]
    fn dates() {
        assert_eq!(
            classify("2022 年 3 月 6 日 机器之心"),
            Kind::Date {
                date: Some("2022-03-06".into()),
                raw: "2022 年 3 月 6 日",
                rest: "机器之心"
            }
        );
        assert_eq!(
            classify("2022-04-10 12:02 机器之心"),
            Kind::Date {
                date: Some("2022-04-10".into()),
                raw: "2022-04-10",
                rest: "机器之心"
            }
        );
        assert_eq!(
            classify("2021/6/6"),
            Kind::Date {
                date: Some("2021-06-06".into()),
                raw: "2021/6/6",
                rest: ""
            }
        );
        assert_eq!(classify("2022 年 13 月 6 日"), Kind::Plain);
    }

    #[test]
    fn impossible_dates_are_kept_as_written_without_a_value() {
        assert_eq!(
            classify("2022年2月31日 机器之心"),
            Kind::Date {
                date: None,
                raw: "2022年2月31日",
                rest: "机器之心"
            }
        );
        for (y, m, d, ok) in [
            (2020, 2, 29, true),
            (2022, 2, 29, false),
            (2000, 2, 29, true),
            (2100, 2, 29, false),
            (2022, 4, 31, false),
            (2022, 12, 31, true),
            (1900, 1, 1, false),
            (2022, 0, 1, false),
            (2022, 1, 0, false),
        ] {
            assert_eq!(calendar_date(y, m, d).is_some(), ok, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn trailer_lines() {
        assert_eq!(
            classify("- 1 准确把握守正创新的辩证关系 7993401"),
            Kind::Trending {
                rank: 1,
                title: "准确把握守正创新的辩证关系",
                heat: Some(7993401)
            }
        );
        for line in [
            "© THE END",
            "转载请联系本公众号获得授权",
            "关注公众号:拾黑(shiheibook)了解更多",
            "[广告]赞助链接:",
            "随时掌握互联网精彩",
            "投稿或寻求报道:content@jiqizhixin.com",
        ] {
            assert_eq!(classify(line), Kind::Boilerplate, "{line}");
        }
    }

    #[test]
    fn prose_about_ads_is_not_an_ad_marker() {
        assert_eq!(
            classify("广告行业的研究表明，推荐系统很重要。"),
            Kind::Plain
        );
        assert_eq!(classify("广告：某某产品"), Kind::Boilerplate);
    }

    #[test]
    fn names() {
        assert_eq!(
            split_names("Jordan Hoffmann 、 Sebastian Borgeaud 等"),
            (
                vec![
                    "Jordan Hoffmann".to_owned(),
                    "Sebastian Borgeaud".to_owned()
                ],
                true
            )
        );
        assert_eq!(
            split_names("Yiming Cui2,∗, Wanxiang Che1, Ting Liu1"),
            (
                vec![
                    "Yiming Cui".to_owned(),
                    "Wanxiang Che".to_owned(),
                    "Ting Liu".to_owned()
                ],
                false
            )
        );
        assert_eq!(split_names("A, B and C et al.").0, ["A", "B", "C"]);
        assert!(split_names("A, B and C et al.").1);
        assert_eq!(split_names("张三，李四").0, ["张三", "李四"]);
    }

    fn arxiv_id(s: &str) -> Option<String> {
        arxiv_reference(s).map(|(id, _)| id)
    }

    #[test]
    fn urls_and_arxiv_ids() {
        assert_eq!(
            find_url("论文链接:https://arxiv.org/pdf/2203.15556.pdf"),
            Some("https://arxiv.org/pdf/2203.15556.pdf")
        );
        assert_eq!(find_url("见 https://a.com/x)。"), Some("https://a.com/x"));
        assert_eq!(find_url("https://a.com/x，密码"), Some("https://a.com/x"));
        assert_eq!(
            arxiv_id("https://arxiv.org/pdf/2203.15556.pdf").as_deref(),
            Some("2203.15556")
        );
        assert_eq!(
            arxiv_id("https://arxiv.org/abs/2010.08961v2").as_deref(),
            Some("2010.08961")
        );
        assert_eq!(
            arxiv_id("http://arxiv.org/abs/cs/0112017").as_deref(),
            Some("cs/0112017")
        );
        assert_eq!(arxiv_id("https://arxiv.org/list/cs.CL"), None);
        assert_eq!(arxiv_id("https://example.com/2203.15556"), None);
    }

    #[test]
    fn arxiv_references_in_link_text() {
        let r = |s: &str| arxiv_reference(s);
        let id = |s: &str, v: Option<u32>| Some((s.to_owned(), v));
        assert_eq!(r("arXiv:2204.02311"), id("2204.02311", None));
        assert_eq!(r("arXiv: 2204.02311v2"), id("2204.02311", Some(2)));
        assert_eq!(r("ARXIV:2204.02311"), id("2204.02311", None));
        assert_eq!(r("arxiv.org/abs/2204.02311"), id("2204.02311", None));
        assert_eq!(
            r("见 arxiv.org/pdf/2204.02311v3.pdf"),
            id("2204.02311", Some(3))
        );
        assert_eq!(
            r("https://export.arxiv.org/abs/2204.02311"),
            id("2204.02311", None)
        );
        assert_eq!(
            r("http://arxiv.org/abs/hep-th/9901001v1"),
            id("hep-th/9901001", Some(1))
        );
        assert_eq!(r("arXiv:cs/0112017"), id("cs/0112017", None));
        assert_eq!(r("arXiv:math.GT/0309136"), id("math.GT/0309136", None));
        assert_eq!(r("2204.02311v2"), id("2204.02311", Some(2)));
        assert_eq!(r("0706.0001"), id("0706.0001", None));
        // Hosts are matched exactly, not by suffix.
        assert_eq!(r("https://notarxiv.org/abs/2204.02311"), None);
        assert_eq!(r("https://arxiv.org.evil.com/abs/2204.02311"), None);
        assert_eq!(r("notarxiv.org/abs/2204.02311"), None);
        // Not identifiers.
        assert_eq!(r("2213.02311"), None);
        assert_eq!(r("arXiv:22040.2311"), None);
        assert_eq!(r("共 2204.02311 元"), None);
        assert_eq!(r("arXiv:2204.023111"), None);
    }

    #[test]
    fn titles() {
        assert!(is_digest_title("7 Papers & Radios | 谷歌;费米"));
        assert!(is_digest_title("7 Papers | 谷歌"));
        assert!(is_digest_title("7Papers&Radios丨标题"));
        assert!(!is_digest_title("Papers with code"));
        let (series, headlines) = split_title(
            "7 Papers & Radios | 谷歌用Pathways训练5400亿参数大模型;费米实验室研究登《科学》封面",
        );
        assert_eq!(series.as_deref(), Some("7 Papers & Radios"));
        assert_eq!(
            headlines,
            [
                "谷歌用Pathways训练5400亿参数大模型",
                "费米实验室研究登《科学》封面"
            ]
        );
    }

    // The limits and guards of the grammar, each pinned at its edge.

    #[test]
    fn labels_are_at_most_twelve_characters() {
        assert_eq!(
            split_label("abcdefghijkl:x", 12),
            Some(("abcdefghijkl", "x"))
        );
        assert_eq!(split_label("abcdefghijklm:x", 12), None);
        // White space before the colon does not count (found by the
        // `roundtrip` fuzz target: `Project page : https://…`).
        assert_eq!(
            split_label("Project page : https://a.com", 12),
            Some(("Project page", "https://a.com"))
        );
        assert_eq!(
            classify("Project page : https://a.com"),
            Kind::Link {
                label: "Project page",
                rest: "https://a.com"
            }
        );
        assert_eq!(split_label("a b c d e f g h i j k l m: x", 12), None);
        assert_eq!(split_label("ab：cd", 1), None);
        assert!(is_link_label("数据集与代码的下载页面"));
        assert!(is_link_label("一二三四五六七八九十链接"));
        assert!(!is_link_label("一二三四五六七八九十一链接"));
        assert!(!is_link_label(""));
        // English words open a label of at most 16 bytes.
        assert!(is_link_label("Github repo"));
        assert!(is_link_label("Code 与模型"));
        assert!(!is_link_label("Github 项目介绍"));
        assert!(!is_link_label("Github repository"));
        assert!(!is_link_label("My code"));
        assert!(is_link_label("- 代码"));
    }

    #[test]
    fn numbers_are_at_most_nine_digits() {
        assert_eq!(leading_number("123456789 x"), Some((123_456_789, " x")));
        assert_eq!(leading_number("1234567890 x"), None);
        assert_eq!(leading_number("x1"), None);
        assert_eq!(
            classify("123456789. T (from A)"),
            Kind::RadioEntry {
                number: 123_456_789,
                title: "T",
                from: "A"
            }
        );
        assert_eq!(classify("1234567890. T (from A)"), Kind::Plain);
    }

    #[test]
    fn numbering_forms() {
        assert_eq!(strip_numbering("（3） 标题"), Some((3, "标题")));
        assert_eq!(strip_numbering("( 3 )标题"), Some((3, "标题")));
        assert_eq!(strip_numbering("(3 标题"), None);
        assert_eq!(strip_numbering("3．标题"), Some((3, "标题")));
        assert_eq!(strip_numbering("3 标题"), None);
        assert_eq!(strip_numbering("1.5 亿"), None);
    }

    #[test]
    fn radio_headings_are_at_most_forty_characters() {
        let word = "长".repeat(40 - "本周 1 篇  精选论文是".chars().count());
        let forty = format!("本周 1 篇 {word} 精选论文是");
        assert_eq!(forty.chars().count(), 40);
        assert!(matches!(
            classify(&forty),
            Kind::RadioHeading {
                count: Some(1),
                category: None,
                ..
            }
        ));
        let forty_one = format!("本周 1 篇 {word}长 精选论文是");
        assert!(!matches!(classify(&forty_one), Kind::RadioHeading { .. }));
        // No count: the category word alone.
        assert_eq!(
            classify("本周 CV 精选论文是"),
            Kind::RadioHeading {
                heading: "本周 CV 精选论文是",
                count: None,
                category: Some(Category::Cv)
            }
        );
        assert_eq!(
            classify("本周 3 篇 计算机视觉 精选论文是:"),
            Kind::RadioHeading {
                heading: "本周 3 篇 计算机视觉 精选论文是",
                count: Some(3),
                category: Some(Category::Cv)
            }
        );
        assert_eq!(category(" 自然语言处理 "), Some(Category::Nlp));
        assert_eq!(category("机器学习"), Some(Category::Ml));
        assert_eq!(category("ml"), Some(Category::Ml));
        assert_eq!(category("Nlp"), Some(Category::Nlp));
        assert_eq!(category("强化学习"), None);
        // A summary that mentions papers is not a heading.
        assert_eq!(classify("本周的论文很多。"), Kind::Summary);
        assert_eq!(classify("本周天气很好，适合读精选的文章。"), Kind::Plain);
    }

    #[test]
    fn boilerplate_phrases_decide_short_lines_only() {
        // A phrase inside the line, not at its start.
        assert_eq!(classify("本站内容版权所有，侵权必究"), Kind::Boilerplate);
        assert_eq!(
            classify("以上内容仅供其表达个人看法，不代表本站立场"),
            Kind::Boilerplate
        );
        let eighty = format!("{}版权所有", "长".repeat(76));
        assert_eq!(eighty.chars().count(), 80);
        assert_eq!(classify(&eighty), Kind::Boilerplate);
        let eighty_one = format!("{}版权所有", "长".repeat(77));
        assert_eq!(classify(&eighty_one), Kind::Plain);
        // Prefixes decide at any length.
        let long = format!("© {}", "长".repeat(200));
        assert_eq!(classify(&long), Kind::Boilerplate);
        assert!(!is_boilerplate("这是一段普通的文字。"));
    }

    #[test]
    fn contents_heading_is_the_word_alone() {
        assert_eq!(classify("目錄"), Kind::ContentsHeading);
        assert_eq!(classify("目录 ："), Kind::ContentsHeading);
        assert_eq!(classify("目录学的研究"), Kind::Plain);
        assert_eq!(classify("目的：提升性能"), Kind::Plain);
        assert_eq!(classify("目"), Kind::Plain);
    }

    #[test]
    fn radio_audio_lines_are_short() {
        assert_eq!(classify("10 CV Papers音频："), Kind::Radiostation);
        let sixty = format!("10 CV Papers音频{}", "长".repeat(60 - 14));
        assert_eq!(sixty.chars().count(), 60);
        assert_eq!(classify(&sixty), Kind::Radiostation);
        let sixty_one = format!("{sixty}长");
        assert_eq!(classify(&sixty_one), Kind::Plain);
        assert_eq!(classify("Papers 的视频"), Kind::Plain);
        assert_eq!(classify("音频节目"), Kind::Plain);
    }

    #[test]
    fn trending_items_in_the_trailer() {
        assert_eq!(trending_item("3. 标题"), Some((3, "标题", Ok(None))));
        assert_eq!(trending_item("3、标题"), Some((3, "标题", Ok(None))));
        assert_eq!(trending_item("- 100 标题"), Some((100, "标题", Ok(None))));
        assert_eq!(trending_item("101 标题"), None);
        assert_eq!(trending_item("5G 手机"), None);
        assert_eq!(trending_item("3. "), None);
        assert_eq!(
            trending_item("- 2 中国黄金 7932363"),
            Some((2, "中国黄金", Ok(Some(7_932_363))))
        );
        // A heat figure needs four digits.
        assert_eq!(classify("- 2 中国黄金 793"), Kind::Plain);
        assert_eq!(classify("2 中国黄金"), Kind::Plain);
        assert_eq!(
            classify("-2 中国黄金 7932363"),
            Kind::Trending {
                rank: 2,
                title: "中国黄金",
                heat: Some(7_932_363)
            }
        );
    }
}
