//! The differential property of the HTML source, shared by
//! `tests/differential.rs` (proptest) and the `html_differential` fuzz
//! target: pages that mix digest content with markup that byte scans get
//! wrong (comments in every form, CDATA, raw-text and escapable raw-text
//! elements before, inside and after the article, markup in attribute
//! values, odd end tags, foreign content, random ancestors), and the
//! visible text `scraper` reads from a parse of the whole, untouched page.
//!
//! A page is built from a byte string (each byte a choice), so that proptest
//! and libFuzzer drive the same grammar.

#![allow(dead_code)]

use scraper::{ElementRef, Html, Node, Selector};

/// Choices read from bytes; 0 once they run out.
pub struct Choices<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Choices<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Choices { bytes, at: 0 }
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        let b = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        usize::from(b) % n.max(1)
    }

    pub fn pick<T: Copy>(&mut self, list: &[T]) -> T {
        list[self.below(list.len())]
    }

    pub fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }
}

/// Markup whose contents are not visible, or are visible only as text.
pub const NOISE: &[&str] = &[
    // Scripts, with end tags as a parser reads them.
    "<script>var a = '<div>';</script>",
    "<script>if (a</scriptx) { b = '</div>'; }</script >",
    "<SCRIPT type=x>document.write('<p>隐藏</p>')</SCRIPT>",
    "<script><!--<script>x = '</div>'</script>--></script\n>",
    "<script><!-- y = '</p>' --></script/>",
    "<script src=\"a.js?x=<div>\"></script>",
    // Style and the other raw-text elements.
    "<style>p::before { content: '</div><p>'; }</style>",
    "<STYLE media=\"<b>\">a{}</STYLE >",
    "<title>如何使用 <script> 标签</title>",
    "<textarea></div><p>假段落</p></textarea>",
    "<xmp><b>xmp 里的标记</b></xmp>",
    "<iframe><p>iframe 内容</p></div></iframe>",
    "<noembed><i>noembed 文字</i></noembed>",
    "<noframes></div>noframes 文字</noframes>",
    "<noscript><p>请启用脚本</p></div></noscript>",
    // Comments in every form.
    "<!-- <div> -->",
    "<!-->",
    "<!--->",
    "<!-- a -- b --!>",
    "<!-- <script> -->",
    "<!---- x ---->",
    // Bogus comments and CDATA in HTML content.
    "<? 处理指令 <div> ?>",
    "<!x <p> >",
    "</ x <div>>",
    "<![CDATA[ <div> ]]>",
    "</>",
    // Markup in attribute values.
    "<span title=\"<div>\" data-x='</div>'>属性</span>",
    "<span x=a<b>y</b>",
    "<b class=\"</p>\">粗</b>",
    // Foreign content.
    "<svg><style><b>svg 样式</b></style></svg>",
    "<svg><title><i>图标</i></title></svg>",
    "<math><mi>x</mi></math>",
    // A lone `<` is text.
    "a < b <3 c",
    // Raw text and comments that hold what looks like a script or style.
    "<textarea>写 <script> 标签</textarea>",
    "<xmp><style></xmp>",
    "<noembed><script></noembed>",
    "<noframes><style></noframes>",
    "<iframe srcdoc=\"<script>\"><script></iframe>",
    "<p title='<script>'>属性里的脚本</p>",
    "<![CDATA[<script>]]>",
    "<? <script> ?>",
    "<!x <style> >",
    "</ <script> >",
    "<!--><script>此处可见</script>",
    "<noscript><style></noscript>",
];

/// Noise that may only stand after the article: it runs to the end.
pub const TAIL: &[&str] = &[
    "<plaintext></div><p>纯文本",
    "<script>var never = 'closed'",
    "<textarea>未关闭",
    "<!-- 未关闭的注释 <div>",
    "<style>p{}",
];

/// The article's own lines.
const LINES: &[&str] = &[
    "7 Papers &amp; Radios | 谷歌训练大模型;费米实验室登《科学》封面",
    "本周论文包括谷歌的 PaLM、费米实验室的 W 玻色子质量测量等研究。",
    "论文 1：PaLM: Scaling Language Modeling with Pathways",
    "作者：Aakanksha Chowdhery 、 Sharan Narang 等",
    "论文链接：https://arxiv.org/abs/2204.02311",
    "摘要：谷歌用 Pathways 系统训练了一个 5400 亿参数的大型语言模型 PaLM，在数百项语言理解与生成任务上取得了突破性的表现。",
    "推荐：&lt;div&gt; 不是标签，a &amp; b 也不是。",
    "论文 2：High-precision measurement of the W boson mass",
    "摘要：费米实验室发现 W 玻色子的质量似乎比标准模型预测得要重。",
    "本周 10 篇 NLP 精选论文是：",
    "1. Complex-Valued Autoencoders for Object Discovery. (from Max Welling)",
];

/// Elements around the article: (open, close).
const ANCESTORS: &[(&str, &str)] = &[
    ("<div class=outer>", "</div>"),
    ("<section>", "</section>"),
    ("<table><tr><td>", "</td></tr></table>"),
    ("<ul><li>", "</li></ul>"),
    ("<center>", "</center>"),
    ("<DIV>", "</Div>"),
    ("<div title=\"</div>\">", "</div>"),
];

/// Inline wrappers of a line.
const WRAP: &[(&str, &str)] = &[
    ("", ""),
    ("<span>", "</span>"),
    ("<b>", "</b>"),
    ("<a href=\"https://example.com/?a=<b>\">", "</a>"),
    ("<span style=\"color:red\">", "</span>"),
];

/// Line blocks.
const BLOCKS: &[(&str, &str)] = &[
    ("<p>", "</p>"),
    ("<div>", "</div>"),
    ("<section><p>", "</p></section>"),
    ("<h2>", "</h2>"),
    ("<P class='<p>'>", "</P>"),
];

/// A page mixing the article with noise, as the choices say.
pub fn page(bytes: &[u8]) -> String {
    let mut c = Choices::new(bytes);
    let mut page = String::new();
    if c.below(4) > 0 {
        page.push_str("<!DOCTYPE html>");
    }
    page.push_str("<html><head><meta charset=\"utf-8\">");
    for _ in 0..c.below(3) {
        page.push_str(c.pick(NOISE));
    }
    page.push_str("</head><body>");
    for _ in 0..c.below(3) {
        page.push_str(c.pick(NOISE));
    }
    let ancestors: Vec<(&str, &str)> = (0..c.below(4)).map(|_| c.pick(ANCESTORS)).collect();
    for (open, _) in &ancestors {
        page.push_str(open);
        if c.below(4) == 0 {
            page.push_str(c.pick(NOISE));
        }
    }
    page.push_str("<div class=\"rich_media_content\" id=\"js_content\">");
    for line in LINES {
        if c.below(3) == 0 {
            page.push_str(c.pick(NOISE));
        }
        let (bo, bc) = c.pick(BLOCKS);
        let (wo, wc) = c.pick(WRAP);
        page.push_str(bo);
        page.push_str(wo);
        page.push_str(line);
        if c.below(4) == 0 {
            // Noise inside the line's block.
            page.push_str(c.pick(NOISE));
        }
        page.push_str(wc);
        page.push_str(bc);
    }
    page.push_str("</div>");
    for (_, close) in ancestors.iter().rev() {
        page.push_str(close);
    }
    for _ in 0..c.below(3) {
        page.push_str(c.pick(NOISE));
    }
    // Real pages end with scripts: a script that only looks like one
    // earlier on must not reach to this one's end tag.
    page.push_str("<script>window.end = 1;</script>");
    if c.below(3) == 0 {
        page.push_str(c.pick(TAIL));
    }
    page.push_str("</body></html>");
    if !c.done() {
        // Bytes left over: a second round of noise at the very end.
        for _ in 0..c.below(3) {
            page.push_str(c.pick(NOISE));
        }
    }
    page
}

/// The choices that put `NOISE[item]` in one place: 0 in the head, 1 at the
/// start of the body, 2 inside the first line's block, 3 between two lines
/// of the article, 4 after the article, 5 inside an ancestor of the
/// article; 6 puts `TAIL[item]` at the end of the page.
pub fn placed(item: u8, place: u8) -> Vec<u8> {
    let plain_line = [1u8, 0, 0, 1];
    let lines = |n: usize| std::iter::repeat_n(plain_line, n).flatten();
    let mut b: Vec<u8> = match place {
        0 => vec![1, 1, item, 0, 0],
        1 => vec![1, 0, 1, item, 0],
        5 => vec![1, 0, 0, 1, 0, 0, item],
        _ => vec![1, 0, 0, 0],
    };
    match place {
        2 => {
            b.extend([1, 0, 0, 0, item]);
            b.extend(lines(10));
        }
        3 => {
            b.extend(plain_line);
            b.extend([0, item, 0, 0, 1]);
            b.extend(lines(9));
        }
        _ => b.extend(lines(11)),
    }
    match place {
        4 => b.extend([1, item, 1]),
        6 => b.extend([0, 0, item]),
        _ => b.extend([0, 1]),
    }
    b
}

/// Elements whose text is never shown (the crate's list, which is the
/// definition of "visible" here).
const INVISIBLE: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "head", "textarea", "select",
    "button", "object", "canvas", "math",
];

/// The visible text of the article in a parse of the whole page: the text
/// nodes under `#js_content` (or under `<body>` when the parse has no such
/// element), outside [`INVISIBLE`] elements.
pub fn visible_text(page: &str) -> String {
    let html = Html::parse_document(page);
    let container = Selector::parse("#js_content")
        .ok()
        .and_then(|s| html.select(&s).next())
        .or_else(|| {
            Selector::parse("body")
                .ok()
                .and_then(|s| html.select(&s).next())
        })
        .unwrap_or_else(|| html.root_element());
    let mut out = String::new();
    for node in container.descendants() {
        if let Node::Text(t) = node.value() {
            let hidden = node
                .ancestors()
                .take_while(|a| a.id() != container.id())
                .any(|a| {
                    ElementRef::wrap(a).is_some_and(|e| INVISIBLE.contains(&e.value().name()))
                });
            if !hidden {
                out.push_str(t);
            }
        }
    }
    out
}

/// Text without its white space, for comparing text split into lines
/// differently.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Pieces of an article's markup for the token reader's differential
/// property: what the column's pages hold (blocks, lists, inline and
/// formatting elements, links, images, character references in text and in
/// attributes, carriage returns, `<pre>` and its first line feed, comments,
/// raw-text elements, hidden and styled elements, containers the sites'
/// selectors name), and what the reader must decline or follow exactly
/// (misnested formatting elements, a nested `<a>`, stray and mismatched end
/// tags, tables, forms, selects, foreign content, list items and
/// definitions without their end tags, headings closing headings, `</>`, a
/// doctype in the body).
pub const ARTICLE_PIECES: &[&str] = &[
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<section>",
    "</section>",
    "<span>",
    "</span>",
    "<b>",
    "</b>",
    "<strong>",
    "</strong>",
    "<em>",
    "</em>",
    "<i>",
    "</i>",
    "<font size=2>",
    "</font>",
    "<a href=\"https://arxiv.org/abs/2203.15556\">",
    "<a href=\"/x?a=1&amp;b=2&copy=3&notit;\">",
    "<a href='#top'>",
    "</a>",
    "<ul>",
    "</ul>",
    "<ol start=\"3\">",
    "</ol>",
    "<li>",
    "<li value=7>",
    "</li>",
    "<dl>",
    "<dt>",
    "<dd>",
    "</dd>",
    "</dl>",
    "<h2>",
    "</h2>",
    "<h3>",
    "</h3>",
    "<blockquote>",
    "</blockquote>",
    "<pre>",
    "<pre>\n",
    "<pre>\r\n",
    "</pre>",
    "<br>",
    "<br/>",
    "</br>",
    "<hr>",
    "<img data-src=\"https://img.example/a.png?x=1&amp;y=2\" alt=\"图 1\">",
    "<img src=\"data:x\" width=1 height=1>",
    "<figure>",
    "<figcaption>",
    "</figcaption>",
    "</figure>",
    "<center>",
    "</center>",
    "<section style=\"font-size: 12px; text-align: center\">",
    "<p style=\"display:none\">隐藏</p>",
    "<div hidden>隐藏</div>",
    "<nav>导航</nav>",
    "<div class=\"rich_media_content\">",
    "<div class=\"RichText\">",
    "<div class=\"Post_Body\">",
    "<div id=\"content\">",
    "<article class=\"article\">",
    "</article>",
    "<main>",
    "</main>",
    "<div class=\"index_cententWrap_x\">",
    "<DIV CLASS=\"entry\" ID=x>",
    "<p class=a class=b id=c id=d>",
    "<!-- 注释 -->",
    "<!--><!--->",
    "<?php x ?>",
    "</ x>",
    "</>",
    "<!DOCTYPE html>",
    "<script>var a = 1;</script>",
    "<style>p{}</style>",
    "<noscript><p>无脚本</p></noscript>",
    "<iframe src=x></iframe>",
    "<textarea>文本框</textarea>",
    "<title>标题</title>",
    "<table><tr><td>格</td></tr></table>",
    "<table>",
    "<td>",
    "<form>",
    "</form>",
    "<select><option>选</select>",
    "<svg><p>",
    "</svg>",
    "<math>",
    "<button>按钮</button>",
    "<xmp>x</xmp>",
    "<plaintext>",
    "<nobr>",
    "<listing>",
    "<input type=hidden>",
    "<object>",
    "<template>",
    "</body>",
    "</html>",
    "<body class=x>",
    "<ruby>",
    "<rt>",
    "<sup>",
    "</sup>",
    "</h4>",
    "</li></ul>",
    "</img>",
    "<p/>",
    "<div/>",
    "<image>",
    "<wbr>",
    "<source src=x>",
    "<meta name=x content=y>",
    "<param name=x>",
    "<unknown-el>",
    "</unknown-el>",
];

/// Text pieces: plain, white space, references, carriage returns.
pub const ARTICLE_TEXT: &[&str] = &[
    "论文 2：另一个标题",
    "作者：张三、李四",
    "摘要：本文提出……",
    " ",
    "\n",
    "\r\n",
    "\r",
    "\t \n ",
    "a &amp; b",
    "&nbsp;",
    "&lt;div&gt;",
    "&notit; &notin; &not",
    "&#x4e2d;&#20013;&#0;&#x110000;&#128;",
    "&amp",
    "&",
    "a < b",
    "<3",
    "&NotANamedRef;",
    "推荐：值得一读。",
    "ArXiv Weekly Radiostation",
    "1. Title One. (from Jane Doe)",
];

/// Elements as their open and close markup, for well-formed runs of the
/// article (the close may be omitted where HTML allows it).
pub const ARTICLE_PAIRS: &[(&str, &str)] = &[
    ("<p>", "</p>"),
    ("<p>", ""),
    ("<div>", "</div>"),
    (
        "<section style=\"font-size: 12px; text-align: center\">",
        "</section>",
    ),
    ("<span>", "</span>"),
    ("<b>", "</b>"),
    ("<strong>", "</strong>"),
    ("<em class=x>", "</em>"),
    ("<font size=2>", "</font>"),
    ("<a href=\"https://arxiv.org/abs/2203.15556\">", "</a>"),
    (
        "<a href=\"/x?a=1&amp;b=2&copy=3&notit;\" title='&lt;&gt'>",
        "</a>",
    ),
    ("<ul><li>", "</ul>"),
    ("<ol start=\"3\"><li>", "</li><li value=9>九</li></ol>"),
    ("<li>", ""),
    ("<dl><dt>", "<dd>定义</dl>"),
    ("<h2>", "</h2>"),
    ("<h3>", "</h4>"),
    ("<blockquote>", "</blockquote>"),
    ("<pre>", "</pre>"),
    ("<pre>\n", "</pre>"),
    ("<pre>\r\n", "</pre>"),
    (
        "<figure><img data-src=\"https://img.example/a.png?x=1&amp;y=2\" alt=\"图 1\">",
        "</figure>",
    ),
    ("<figcaption>", "</figcaption>"),
    ("<center>", "</center>"),
    ("<div hidden>", "</div>"),
    ("<p style=\"display:none\">", "</p>"),
    ("<nav>", "</nav>"),
    ("<div class=\"rich_media_content\">", "</div>"),
    ("<div class=\"RichText\">", "</div>"),
    ("<div class=\"Post_Body\">", "</div>"),
    ("<div id=\"content\">", "</div>"),
    ("<article class=\"article\">", "</article>"),
    ("<main>", "</main>"),
    ("<div class=\"index_cententWrap_x\">", "</div>"),
    ("<DIV CLASS=\"entry\" ID=x>", "</DIV>"),
    ("<p class=a class=b id=c id=d>", "</P>"),
    ("<sup>", "</sup>"),
    ("<unknown-el>", "</unknown-el>"),
    ("<div/>", "</div>"),
];

/// A page whose article (`<div class="rich_media_content" id="js_content">`
/// or a container no selector names, chosen by text density) holds the
/// column's text and markup from [`ARTICLE_PAIRS`], [`ARTICLE_TEXT`] and
/// (less often) [`ARTICLE_PIECES`], as the choices say: the input of the
/// token reader's differential property and fuzz target.
pub fn article_page(bytes: &[u8]) -> String {
    let mut c = Choices::new(bytes);
    let mut page = String::new();
    if c.below(3) > 0 {
        page.push_str("<!DOCTYPE html>");
    }
    page.push_str("<html><head><title>7 Papers &amp; Radios | 甲</title></head><body>");
    let container = c.pick(&[
        "<div class=\"rich_media_content\" id=\"js_content\">",
        "<div id=\"js_content\" class=\"Rich_Media_Content\">",
        "<section class=post>",
        "<div class=entry>",
        "<article>",
    ]);
    page.push_str(container);
    page.push_str(&"本周论文包括……".repeat(40));
    page.push_str("<p>论文 1：标题</p>");
    // Open pairs, innermost last.
    let mut open: Vec<&str> = Vec::new();
    let mut n = 0;
    while !c.done() && n < 200 {
        n += 1;
        match c.below(10) {
            0..=3 => page.push_str(c.pick(ARTICLE_TEXT)),
            4..=6 => {
                let (o, cl) = c.pick(ARTICLE_PAIRS);
                page.push_str(o);
                open.push(cl);
            }
            7 | 8 => {
                if let Some(cl) = open.pop() {
                    page.push_str(cl);
                }
            }
            _ => page.push_str(c.pick(ARTICLE_PIECES)),
        }
    }
    while let Some(cl) = open.pop() {
        page.push_str(cl);
    }
    page.push_str("<p>论文 3：结尾</p>");
    let name = container[1..].split([' ', '>']).next().unwrap_or("div");
    if c.below(5) > 0 {
        page.push_str(&format!("</{name}>"));
        page.push_str("<p>页脚</p>");
        page.push_str("</body></html>");
    }
    page
}

/// Elements that the metadata selectors (the sites' headlines, dates and
/// sources, `og:title`, date meta tags and attributes, `<title>`, `<h1>`)
/// match, or nearly match, with empty, odd and character-reference
/// values: the pieces [`metadata_page`] puts before, in and after the
/// article.
pub const METADATA_PIECES: &[&str] = &[
    "<title>7 Papers &amp; Radios | 甲_澎湃新闻</title>",
    "<title></title>",
    "<h1>一号标题</h1>",
    "<h1 class=\"article-title\">头条标题</h1>",
    "<h1 id=\"activity-name\"> </h1>",
    "<h2 class=\"post_title\">网易标题</h2>",
    "<div class=\"text-title\"><h1>搜狐标题</h1></div>",
    "<div class=\"article__title\">标题</div>",
    "<div class=\"x_index_title_y\">澎湃标题</div>",
    "<p class=\"article&#95;_title\">引用拼的类</p>",
    "<p id=\"activity&#45;name\">引用拼的 id</p>",
    "<p data-title=\"a &amp; b\">不读的值</p>",
    "<meta property=\"og:title\" content=\"OG 标题\">",
    "<meta property=\"og:title\" content=\"\">",
    "<meta name=\"pubdate\" content=\"2022-04-09\">",
    "<meta property=\"article:published_time\" content=\"不是日期\">",
    "<meta itemprop=datePublished content=\"2022-04-08\">",
    "<time datetime=\"2022-04-12\">四月</time>",
    "<time datetime=\"x\">2022-04-13</time>",
    "<span data-ptime=\"1649548800\">时</span>",
    "<span ptime=\"1649548800000\">毫秒</span>",
    "<em id=\"publish_time\">2022-04-10</em>",
    "<p class=\"time\">2022年4月11日</p>",
    "<div class=\"date-source\"><span class=\"source\">来源</span><span class=\"date\">2022-04-13</span></div>",
    "<span class=\"source\">不在 date-source 里</span>",
    "<span id=\"js_name\">机器之心</span>",
    "<a id=\"ne_article_source\" href=\"/?a&amp;b\">网易号</a>",
    "<meta name=\"author\" content=\"作者\">",
    "<div class=\"article-meta\"><span>2022-04-10 08:00</span></div>",
    "<p>正文&nbsp;段落</p>",
    "<div><p>嵌套",
    "</div>",
];

/// A page whose head, page before the article, article and page after it
/// hold [`METADATA_PIECES`] as the choices say, around a located article
/// (`#js_content` or a container chosen by text density): the input of the
/// located-versus-whole property and fuzz target for the page's metadata.
pub fn metadata_page(bytes: &[u8]) -> String {
    let mut c = Choices::new(bytes);
    let mut page = String::new();
    if c.below(3) > 0 {
        page.push_str("<!DOCTYPE html>");
    }
    let pieces = |c: &mut Choices<'_>, page: &mut String| {
        for _ in 0..c.below(4) {
            page.push_str(c.pick(METADATA_PIECES));
        }
    };
    page.push_str("<html><head>");
    pieces(&mut c, &mut page);
    page.push_str("</head><body>");
    pieces(&mut c, &mut page);
    let container = c.pick(&[
        (
            "<div class=\"rich_media_content\" id=\"js_content\">",
            "</div>",
        ),
        ("<div class=entry>", "</div>"),
        ("<article>", "</article>"),
    ]);
    page.push_str(container.0);
    page.push_str(&"本周论文包括……".repeat(40));
    page.push_str("<p>论文 1：标题</p>");
    pieces(&mut c, &mut page);
    page.push_str("<p>论文 2：标题</p>");
    page.push_str(container.1);
    pieces(&mut c, &mut page);
    page.push_str("</body></html>");
    page
}

/// What pages write before their body: doctypes, comments, white space,
/// the head's elements (a title with references or a `<`, scripts,
/// styles, `noscript`), and what a head does not hold (text, a `<div>`, a
/// `<template>`), each of which implies or ends a part of the page.
pub const HEAD_PIECES: &[&str] = &[
    "<meta charset=\"utf-8\">",
    "<title>7 Papers &amp; Radios | 甲</title>",
    "<title>a<b</title>",
    "<title>a &lt; b <i></title>",
    "<TITLE>大写</TITLE>",
    "<script>var a = '<div>';</script>",
    "<style>p { color: red }</style>",
    "<noscript><img src=x></noscript>",
    "<noframes></noframes>",
    "<link rel=stylesheet href=a.css>",
    "<base href=\"/\">",
    "<meta property=\"og:title\" content=\"a &amp; b\">",
    "<meta name=\"pubdate\" content=\"2022-04-09\">",
    "\n  ",
    "\r\n",
    "<!-- 注释 -->",
    "文字",
    "<div>不在头里</div>",
    "<template></template>",
    "<head>",
    "<html lang=en>",
    "</br>",
];

/// Markup pages put in the body before the article: open and closed
/// elements, formatting elements, lists, headings, a `<pre>`, and what the
/// reader does not follow (tables, forms, selects, foreign content).
pub const BODY_PIECES: &[&str] = &[
    "<div class=\"wrap\">",
    "<section>",
    "</div>",
    "<p>",
    "</p>",
    "<b>",
    "</b>",
    "<a href=\"/x\">",
    "</a>",
    "<span>",
    "</span>",
    "<ul><li>",
    "<li>",
    "</ul>",
    "<h2>",
    "</h2>",
    "<pre>\n",
    "<br>",
    "<img src=x>",
    "正文 &amp; 更多",
    " ",
    "<!-- x -->",
    "<table><tr><td>",
    "<form action=/s>",
    "</form>",
    "<input placeholder=\"搜索\">",
    "<select>",
    "<svg>",
    "<nobr>",
    "<script>x</script>",
    "<title>体里</title>",
    "<body class=again>",
    "<!DOCTYPE html>",
    "</body>",
    "</html>",
];

/// A page whose start (doctype, `html`, head, body and what the body holds
/// before the article) varies as the choices say, around a located article
/// (`#js_content` or a container chosen by text density): the input of
/// the property that the page before the article, read from its tokens, is
/// what html5ever parses.
pub fn prefix_page(bytes: &[u8]) -> String {
    let mut c = Choices::new(bytes);
    let mut page = String::new();
    page.push_str(c.pick(&[
        "",
        "<!DOCTYPE html>",
        "<!doctype HTML>",
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01 Transitional//EN\">",
        "<!-- 先 --><!DOCTYPE html>",
        " \n<!DOCTYPE html>",
        "<!DOCTYPE html><!DOCTYPE html>",
    ]));
    page.push_str(c.pick(&["<html>", "<html lang=\"zh-CN\">", "", "<HTML>", "\n<html>"]));
    if c.below(4) > 0 {
        page.push_str(c.pick(&["<head>", "<head id=h>", "<HEAD>"]));
    }
    for _ in 0..c.below(5) {
        page.push_str(c.pick(HEAD_PIECES));
    }
    if c.below(4) > 0 {
        page.push_str("</head>");
    }
    page.push_str(c.pick(&["", "\n", "<!-- 间 -->", "x"]));
    if c.below(4) > 0 {
        page.push_str(c.pick(&["<body>", "<body class=\"zh\">", "<BODY>"]));
    }
    for _ in 0..c.below(6) {
        page.push_str(c.pick(BODY_PIECES));
    }
    page.push_str(c.pick(&[
        "<div class=\"rich_media_content\" id=\"js_content\">",
        "<div class=entry>",
        "<article>",
    ]));
    page.push_str(&"本周论文包括……".repeat(40));
    page.push_str("<p>论文 1：标题</p><p>论文 2：标题</p></div></body></html>");
    page
}
