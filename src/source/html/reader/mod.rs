//! The token reader: the located article read without a DOM.
//!
//! [`read`] follows the located element's tokens ([`crate::markup::Tokens`], the one
//! tokenizer) on a stack of open elements, with the tree-construction rules
//! of html5ever's "in body" insertion mode for the markup the column's
//! pages use, and builds a flat tree of the element: elements and text
//! nodes in document order, each with the end of its subtree. On that tree
//! it makes the container choice ([`super::container::choose_among`]'s
//! rules: the sites' selectors, then text density) and walks the chosen
//! container into [`Line`]s with the same [`Walker`] the DOM walk uses.
//!
//! It must produce exactly what the parse of the element by html5ever
//! would, so it **declines** (returns a [`Decline`]: the reason and the
//! byte it stood at; the caller parses) on any
//! markup where the parse could build something else than a plain stack of
//! open elements does: tables, forms, selects, templates, foreign content,
//! `<plaintext>`, formatting elements closed by anything but their own end
//! tag (html5ever would reopen them), a nested `<a>`, an end tag that
//! closes nothing or is ignored, a `</p>` without a `<p>`, a NUL byte, a
//! doctype in the body, an unterminated tag, nesting deeper than
//! [`MAX_DEPTH`], and a selector whose match depends on the page's quirks
//! mode. Character references and carriage returns are decoded by
//! html5ever's own tokenizer (all pieces of a page in one run), never here.
//!
//! [`prefix`] reads the page before the located element the same way, with
//! html5ever's modes before the body, into the tree html5ever builds of it:
//! the placement probe and the metadata's first piece, without that parse.

mod build;
mod decline;
pub(super) mod prefix;
mod references;

pub(crate) use decline::Decline;
#[cfg(test)]
use decline::Why;

use build::{build, build_to_end, lower, plain_attributes};

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use super::container::{CONTAINER_LIST, MIN_CONTAINER_TEXT, not_counted};
use super::select::Simple;
use super::walk::{Attrs, Walker, look};
use crate::markup::{Token, is_container, is_skipped};
use crate::source::Line;
use crate::text::trim;

/// Open elements deeper than this make the reader decline.
pub(super) const MAX_DEPTH: usize = 512;

/// An element of the flat tree: its name (ASCII-lowercased) and its
/// attributes (names lowercased, values decoded, the first of a name kept).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct El<'a> {
    name: Cow<'a, str>,
    attrs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
}

impl<'a> El<'a> {
    /// The element of the start tag `span` of `page`, named `name`, with
    /// its attributes as written; `None` when a parse may read them
    /// otherwise: the tag holds a character reference, a carriage return or
    /// a NUL, which html5ever decodes or replaces.
    pub(super) fn plain(page: &'a str, span: Range<usize>, name: &'a str) -> Option<El<'a>> {
        if memchr::memchr3(b'&', b'\r', 0, &page.as_bytes()[span.clone()]).is_some() {
            return None;
        }
        Some(El {
            name: lower(name),
            attrs: plain_attributes(page, span),
        })
    }
}

impl Attrs for El<'_> {
    fn name(&self) -> &str {
        &self.name
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| &**v)
    }

    fn has_attr(&self, name: &str) -> bool {
        self.attrs.iter().any(|(n, _)| n.eq_ignore_ascii_case(name))
    }
}

/// A node of the flat tree.
#[derive(Debug, PartialEq, Eq)]
enum Kind<'a> {
    Element(El<'a>),
    Text(Cow<'a, str>),
}

#[derive(Debug, PartialEq, Eq)]
struct Node<'a> {
    kind: Kind<'a>,
    /// One past the last node of this node's subtree.
    end: usize,
}

/// The located element, read: its flat tree and the container chosen in it.
#[derive(Debug)]
pub(super) struct Article<'a> {
    nodes: Vec<Node<'a>>,
    /// The chosen container's node.
    container: usize,
    /// The index in [`CONTAINER_LIST`] of the selector that chose it, or
    /// `None` for the text-density fallback.
    pub(super) how: Option<usize>,
    /// The text bytes of the chosen container ([`super::container::text_len`]).
    pub(super) chosen_text: usize,
    /// The element's own text bytes as the density fallback counts them
    /// ([`super::container::text_sums`]).
    pub(super) own_text: usize,
}

impl Article<'_> {
    /// The chosen container's logical lines, as [`super::walk::walk`]
    /// reads them from a tree.
    pub(super) fn lines(&self) -> Vec<Line<'static>> {
        let nodes = &self.nodes;
        let mut w = Walker::new();
        let mut open: Vec<usize> = Vec::new();
        let end = nodes[self.container].end;
        let mut i = self.container;
        while i < end {
            while let Some(&top) = open.last()
                && nodes[top].end <= i
            {
                if let Kind::Element(e) = &nodes[top].kind {
                    w.close(e);
                }
                open.pop();
            }
            match &nodes[i].kind {
                Kind::Text(t) => {
                    w.text(t);
                    i += 1;
                }
                Kind::Element(e) => {
                    let look = look(e);
                    if is_skipped(&e.name) || look.hidden {
                        i = nodes[i].end;
                    } else {
                        w.open(e, look);
                        open.push(i);
                        i += 1;
                    }
                }
            }
        }
        for &top in open.iter().rev() {
            if let Kind::Element(e) = &nodes[top].kind {
                w.close(e);
            }
        }
        w.flush();
        w.lines
    }
}

/// [`CONTAINER_LIST`] in simple form; `None` when one is not simple.
static SIMPLE: LazyLock<Option<Vec<Simple>>> =
    LazyLock::new(|| CONTAINER_LIST.iter().map(|s| Simple::of(s)).collect());

/// Reads the element `range` of the page (its start tag at `range.start`,
/// its end tag ending at `range.end`) without a DOM, and chooses the
/// container in it as [`super::container::choose_among`] would in its
/// parse, trying only the selectors `possible` lets through. `None` when it
/// declines.
pub(super) fn read(
    page: &str,
    range: Range<usize>,
    possible: impl Fn(usize) -> bool,
) -> Option<Article<'_>> {
    Tree::build_unless(page, range, &|_| false)
        .ok()?
        .choose(possible)
}

/// The located element read from its tokens, before the container is
/// chosen in it.
pub(super) struct Tree<'a> {
    nodes: Vec<Node<'a>>,
}

impl<'a> Tree<'a> {
    /// The flat tree of the element `range` of the page (see [`read`]);
    /// declined when the reader cannot be sure of html5ever's tree, or as
    /// soon as it reads an element that is `unwanted` (the caller will
    /// parse the element anyway).
    pub(super) fn build_unless(
        page: &'a str,
        range: Range<usize>,
        unwanted: &'a dyn Fn(&El<'_>) -> bool,
    ) -> Result<Tree<'a>, Decline> {
        build(page, range, unwanted).map(|nodes| Tree { nodes })
    }

    /// The flat tree of the element whose start tag begins at `start`, to
    /// where its tokens close it (the end of the page when nothing does),
    /// and that end; declined as [`Tree::build_unless`] is.
    pub(super) fn build_to_end(
        page: &'a str,
        start: usize,
        recorded: Option<&[Token<'a>]>,
        unwanted: &'a dyn Fn(&El<'_>) -> bool,
    ) -> Result<(Tree<'a>, usize), Decline> {
        build_to_end(page, start, recorded, unwanted).map(|(nodes, end)| (Tree { nodes }, end))
    }

    /// The container chosen in the tree (see [`read`]).
    pub(super) fn choose(self, possible: impl Fn(usize) -> bool) -> Option<Article<'a>> {
        choose(self.nodes, possible)
    }
}

fn choose(nodes: Vec<Node<'_>>, possible: impl Fn(usize) -> bool) -> Option<Article<'_>> {
    let simple = SIMPLE.as_ref()?;
    let (text, counted) = sums(&nodes);
    let mut how = None;
    'selectors: for (i, sel) in simple.iter().enumerate() {
        if !possible(i) {
            continue;
        }
        let mut best: Option<(usize, usize)> = None;
        for (n, node) in nodes.iter().enumerate() {
            let Kind::Element(e) = &node.kind else {
                continue;
            };
            let exact = sel.matches(e, false);
            // The page's quirks mode would decide.
            if exact != sel.matches(e, true) {
                return None;
            }
            if exact && text[n] >= MIN_CONTAINER_TEXT && best.is_none_or(|(_, t)| text[n] >= t) {
                best = Some((n, text[n]));
            }
        }
        if let Some((n, _)) = best {
            how = Some((n, i));
            break 'selectors;
        }
    }
    let own_text = counted[0];
    let container = match how {
        Some((n, _)) => n,
        None => {
            // The density fallback steps from the page's body into the
            // element only when it is a counted container with text.
            let Kind::Element(root) = &nodes[0].kind else {
                return None;
            };
            if !is_container(&root.name) || own_text == 0 {
                return None;
            }
            densest(&nodes, &counted)
        }
    };
    Some(Article {
        container,
        how: how.map(|(_, i)| i),
        chosen_text: text[container],
        own_text,
        nodes,
    })
}

/// Per node: its text bytes ([`super::container::text_len`], every text
/// node) and its counted text bytes ([`super::container::text_sums`]:
/// without the subtrees [`not_counted`] leaves out; 0 inside them).
fn sums(nodes: &[Node<'_>]) -> (Vec<usize>, Vec<usize>) {
    let mut text = vec![0; nodes.len()];
    let mut counted = vec![0; nodes.len()];
    // Open elements: node, and whether its text counts.
    let mut open: Vec<(usize, bool)> = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        while let Some(&(top, _)) = open.last()
            && nodes[top].end <= i
        {
            open.pop();
            if let Some(&(parent, _)) = open.last() {
                text[parent] += text[top];
                counted[parent] += counted[top];
            }
        }
        match &node.kind {
            Kind::Text(t) => {
                let n = trim(t).len();
                if let Some(&(parent, counts)) = open.last() {
                    text[parent] += n;
                    if counts {
                        counted[parent] += n;
                    }
                }
            }
            Kind::Element(e) => {
                let counts = open.last().is_none_or(|&(_, c)| c) && !not_counted(e, &look(e));
                open.push((i, counts));
            }
        }
    }
    while let Some((top, _)) = open.pop() {
        if let Some(&(parent, _)) = open.last() {
            text[parent] += text[top];
            counted[parent] += counted[top];
        }
    }
    // Counted sums of elements left out are not counted in their parent.
    (text, counted)
}

/// [`super::container::densest`] from the element down. The element has
/// counted text (the caller checks), so each step, into a child holding
/// 60 % of it, lands on one that has text too.
fn densest(nodes: &[Node<'_>], counted: &[usize]) -> usize {
    let mut current = 0;
    loop {
        let total = counted[current];
        debug_assert!(total > 0);
        let mut child = current + 1;
        let mut next = None;
        while child < nodes[current].end {
            if let Kind::Element(e) = &nodes[child].kind
                && is_container(&e.name)
                && counted[child] * 10 >= total * 6
            {
                next = Some(child);
                break;
            }
            child = nodes[child].end;
        }
        match next {
            Some(c) => current = c,
            None => return current,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Found, locate, reader_agrees, reader_agrees_on, reduce};
    use super::*;
    use references::{Job, Pending, decode};

    /// A located page whose article holds `inner`.
    fn page(inner: &str) -> String {
        format!(
            "<html><head><title>t</title></head><body><div id=js_content>{}<p>论文 1：标题</p>{inner}<p>论文 2：标题</p></div><p>页脚</p></body></html>",
            "本周论文包括……".repeat(40)
        )
    }

    /// Whether the reader reads the element `<div id=js_content>` holding
    /// `inner` (a page of its own): checked against the parse of the
    /// element, `Err` being a disagreement.
    fn reads(inner: &str) -> bool {
        reads_in("<div id=js_content>", inner)
    }

    fn reads_in(start: &str, inner: &str) -> bool {
        let page = format!("{start}{}{inner}</div>", "本周论文包括……".repeat(40));
        let found = Found {
            range: 0..page.len(),
            tag_end: start.len(),
            rivals: Vec::new(),
            name: b"div",
            inside: vec![true; CONTAINER_LIST.len()],
        };
        reader_agrees_on(&page, &found).unwrap_or_else(|e| panic!("{inner}: {e}"))
    }

    /// The lines the reader reads from the located article holding
    /// `inner`, after its first heading.
    fn lines(inner: &str) -> Vec<(String, Vec<String>)> {
        let page = page(inner);
        let (reduced, _, _) = reduce(&page);
        let found = locate(&reduced).unwrap();
        assert_eq!(reader_agrees(&page), Ok(true));
        let read = read(&reduced, found.range.clone(), |i| found.inside[i]).unwrap();
        read.lines()
            .into_iter()
            .skip_while(|l| !l.text.starts_with("论文 1"))
            .skip(1)
            .map(|l| (l.text.into_owned(), l.hrefs))
            .collect()
    }

    #[test]
    fn reads_what_the_sites_write() {
        for inner in [
            "<p>a<b>b</b>c</p>",
            "<P CLASS=x>大写<BR>标签</P>",
            "<p>x<div>y</div>",
            "<p>x<h2>y</h2>",
            "<h2>x</h3>",
            "<h2>x<h3>y</h3>",
            "<p>x<dd>y</dd>",
            "<ul><li>a<li>b</ul>",
            "<ol start=3><li>a<li value=9>b</ol>",
            "<dl><dt>a<dd>b<dt>c</dl>",
            "<p>a<!-- c -->b</p>",
            "<pre>\nx\ny</pre>",
            "<pre>\r\nx</pre>",
            "<pre>x</pre>",
            "<p>a\r\nb\rc</p>",
            "<script>var a = '&amp;';</script><style>p{}</style><noscript>x</noscript>",
            "<p>a &amp; b&nbsp;c &notit; &lt;p&gt;</p>",
            "<a href=\"/x?a=1&amp;b=2&copy=3\">链接</a>",
            "<a href=x href=y>重复</a>",
            "<p><span>a</span></p><span>b<i>c</i></span>",
            "<div/>x</div>",
            "<img data-src=\"a.png\" alt=\"图 1\"><p style=\"display:none\">隐藏</p>",
            "<section><p>a<p>b</section>",
            "<p>a<hr>b",
            "<b>a</b><i>b</i><u>c</u><font size=2>d</font>",
            "<p><a href=x><b>粗</b></a><b><i>斜</i></b></p>",
            "<p><span><q>x</span>y</p>",
            "<SCRIPT>a</Script><Style>b</STYLE>",
        ] {
            assert!(reads(inner), "{inner}");
        }
    }

    #[test]
    fn declines_what_a_stack_does_not_follow() {
        for inner in [
            "<table><tr><td>x</td></tr></table>",
            "<form>x</form>",
            "<select><option>x</select>",
            "<svg><p>x</p></svg>",
            "<math>x</math>",
            "<template>x</template>",
            "<plaintext>x",
            "<button>x</button>",
            "<textarea>x</textarea>",
            "<title>x</title>",
            "<xmp>x</xmp>",
            "<nobr>x</nobr>",
            "<p><b>x</p>y",
            "<a href=a>x<a href=b>y</a>",
            "<b><i>x</b></i>",
            "<b><p>x</b></p>",
            "x</span>",
            "x</p>",
            "x</br>",
            "<span><p>x</span></p>",
            "<ul><li>x</ul></li>",
            "<p>x</li>",
            "<!DOCTYPE html>",
            "a</>b",
            "a\0b",
            "<listing>x</listing>",
            "<body class=x>",
            "</div></div><p>x</p><div>",
            "<p>x</div>",
            "<pre>&#10;x</pre>",
            "<h2>x<h3>y</h3></h2>",
        ] {
            assert!(!reads(inner), "{inner}");
        }
        let deep = "<span>".repeat(MAX_DEPTH + 1);
        assert!(!reads(&deep));
        assert!(reads(&"<span>".repeat(MAX_DEPTH - 4)));
    }

    /// A class that matches a container selector only without regard to
    /// case depends on the page's quirks mode: declined.
    #[test]
    fn declines_a_match_that_depends_on_quirks_mode() {
        let text = "正文".repeat(100);
        let inner = format!("<div class=RICH_media_content>{text}</div>");
        assert!(!reads_in("<div class=entry>", &inner));
        let inner = format!("<div class=rich_media_content>{text}</div>");
        assert!(reads_in("<div class=entry>", &inner));
    }

    #[test]
    fn references_carriage_returns_and_line_feeds() {
        assert_eq!(
            lines("<p>a &amp; b&nbsp;c &notit; &lt;p&gt;</p><p>x\r\ny</p><pre>\nz</pre>"),
            [
                ("a & b\u{a0}c ¬it; <p>".to_owned(), vec![]),
                ("x y".to_owned(), vec![]),
                ("z".to_owned(), vec![]),
                ("论文 2：标题".to_owned(), vec![]),
            ]
        );
        // The attribute-value rule: `&copy=` is not a reference there.
        assert_eq!(
            lines("<a href=\"/x?a=1&amp;b=2&copy=3&copy;\">链接</a>")[0],
            ("链接".to_owned(), vec!["/x?a=1&b=2&copy=3©".to_owned()])
        );
    }

    /// A tree as nested names and texts (`div(p("a") hr "b")`), adjacent
    /// texts merged: the reader's flat tree from node `i`.
    fn shape_of(nodes: &[Node<'_>], i: usize) -> String {
        match &nodes[i].kind {
            Kind::Text(t) => format!("{t:?}"),
            Kind::Element(e) => {
                let mut children = Vec::new();
                let mut child = i + 1;
                while child < nodes[i].end {
                    children.push(shape_of(nodes, child));
                    child = nodes[child].end;
                }
                format!("{}({})", e.name, merged(children))
            }
        }
    }

    /// The same shape of html5ever's parse.
    fn shape_of_dom(node: ego_tree::NodeRef<'_, scraper::Node>) -> String {
        match node.value() {
            scraper::Node::Text(t) => format!("{:?}", &**t),
            scraper::Node::Element(e) => format!(
                "{}({})",
                e.name(),
                merged(node.children().map(shape_of_dom).collect())
            ),
            _ => String::new(),
        }
    }

    fn merged(children: Vec<String>) -> String {
        let mut out: Vec<String> = Vec::new();
        for c in children.into_iter().filter(|c| !c.is_empty()) {
            match out.last_mut() {
                Some(last) if last.ends_with('"') && c.starts_with('"') => {
                    last.pop();
                    last.push_str(&c[1..]);
                }
                _ => out.push(c),
            }
        }
        out.join(" ")
    }

    /// Each start-tag rule of the reader (`start_rule`) builds the tree
    /// html5ever builds, differentially: every fragment is read, not
    /// declined, and its tree equals the parse's.
    #[test]
    fn each_start_rule_builds_html5evers_tree() {
        for inner in [
            "<p>a<hr>b",
            "<hr>c<p>d",
            "<dl><dt>a<dd>b<dt>c</dl>",
            "<p>a<dd>b",
            "<p>a<dt>b",
            "<dd><p>a<dd>b",
            "<dt><span>a<dt>b",
            "<ul><li>a<li>b<li><p>c<li>d</ul>",
            "<li><div>a<li>b",
            "<p>a<h2>b</h2>c",
            "<h2>a<h3>b</h3>c",
            "<p>a<pre>\nb</pre>",
            "<p>a<div>b</div>c",
            "<p><b>a</b>c<i>d</i></p>",
            "<p>a<img src=x>b<br>c",
            "<p>a<span>b<em>c</em></span>",
            "<p>A &amp; B</p>x &lt; y",
            "<section><article>a</article></section>",
            "<p>a</p><script></script><style></style><p>b</p>",
            "<iframe src=x></iframe><noscript></noscript>c",
            "<span>a<span>b</span>c</span>d",
            "<p>a<input placeholder=x>b",
            "<p>a<input type=hidden>b",
        ] {
            let page = format!("<div id=js_content>{inner}</div>");
            assert_eq!(tree_against_parse(&page), Some(true), "{inner}");
        }
        // The element runs to the end of the page: its text to the last
        // byte is read.
        for page in [
            "<div id=js_content><p>a</p>tail",
            "<div id=js_content>a<b>b</b>c",
            "<div id=js_content><pre>\nx",
        ] {
            assert_eq!(tree_against_parse(page), Some(true), "{page}");
        }
        // Where the reader may decline, it never reads another tree.
        for page in [
            "<div id=js_content><p>a</p>x</>y",
            "<div id=js_content><p>a</p><script>var x",
            "<div id=js_content><p>a</p",
            "<div id=js_content><p>a</div",
            "<div id=js_content><li>a</li></br><p>b",
            "<div id=js_content><p>a</body>b</html>c",
            "<div id=js_content><p>a</form></table></select>b",
            "<div id=js_content><span><div>a</span>b</div>",
            "<div id=js_content><em><p>a</em>b</p>c",
        ] {
            assert_ne!(tree_against_parse(page), Some(false), "{page}");
        }
    }

    /// Whether the reader's tree of `page` (an element from its first byte
    /// to its end tag or the end of the page) equals html5ever's parse of
    /// the page; `None` when the reader declines.
    fn tree_against_parse(page: &str) -> Option<bool> {
        let nodes = build(page, 0..page.len(), &|_| false).ok()?;
        let html = scraper::Html::parse_document(page);
        let div = html
            .select(&scraper::Selector::parse("#js_content").unwrap())
            .next()
            .unwrap();
        let (ours, theirs) = (shape_of(&nodes, 0), shape_of_dom(*div));
        if ours != theirs {
            eprintln!("the reader: {ours}\nthe parse:  {theirs}");
        }
        Some(ours == theirs)
    }

    /// The reader's formatting and void elements are the element sets',
    /// but those it declines (`nobr`: a second one runs the adoption
    /// agency; `image`, read as `img`; `col` and `frame`, ignored in a
    /// body) and `hr`, a void element with a rule of its own.
    #[test]
    fn the_readers_formatting_and_void_elements_are_the_element_sets() {
        use crate::markup::{FORMATTING, VOID, is_one_of, is_void};
        let is_formatting = |n: &[u8]| is_one_of(n, &FORMATTING);
        use build::{Start, start_rule};
        let names: Vec<&str> = FORMATTING
            .iter()
            .chain(&VOID)
            .map(|n| std::str::from_utf8(n).unwrap())
            .chain(["div", "span", "p", "table", "custom-element"])
            .collect();
        for name in names {
            let rule = start_rule(name);
            if matches!(name, "nobr" | "image" | "col" | "frame") {
                assert_eq!(rule, Start::Decline, "{name}");
            } else if name == "hr" {
                assert_eq!(rule, Start::Hr);
            } else {
                assert_eq!(
                    rule == Start::Formatting,
                    is_formatting(name.as_bytes()),
                    "{name}"
                );
                assert_eq!(rule == Start::Void, is_void(name.as_bytes()), "{name}");
            }
        }
    }

    /// Elements deeper than [`MAX_DEPTH`] make the reader decline; up to
    /// it, it reads.
    #[test]
    fn the_reader_reads_to_its_depth_limit() {
        let nested = |depth: usize| {
            format!(
                "<div id=js_content>{}x{}</div>",
                "<div>".repeat(depth - 1),
                "</div>".repeat(depth - 1)
            )
        };
        assert!(build(&nested(MAX_DEPTH), 0..nested(MAX_DEPTH).len(), &|_| false).is_ok());
        let deeper = nested(MAX_DEPTH + 1);
        let declined = build(&deeper, 0..deeper.len(), &|_| false).err();
        assert_eq!(declined.map(|d| d.why), Some(Why::TooDeep));
    }

    /// An element the caller does not want read (it will parse the
    /// element instead) stops the reader.
    #[test]
    fn an_unwanted_element_stops_the_reader() {
        let page = "<div id=js_content><p>a</p><h1 class=title>b</h1><p>c</p></div>";
        let h1 = |e: &El<'_>| e.name == "h1";
        let declined = Tree::build_unless(page, 0..page.len(), &h1).err();
        assert_eq!(declined.map(|d| d.why), Some(Why::Unwanted));
        let h2 = |e: &El<'_>| e.name == "h2";
        assert!(Tree::build_unless(page, 0..page.len(), &h2).is_ok());
    }

    /// An element its own content closes before its end tag (a list item
    /// by the next item) is not the element the parse holds alone: the
    /// reader declines.
    #[test]
    fn an_element_closed_by_its_content_stops_the_reader() {
        // A list item is not read alone at all.
        for page in ["<li id=js_content>a<li>b</li>", "<li id=js_content>a<li>b"] {
            let declined = build(page, 0..page.len(), &|_| false).err();
            assert_eq!(declined, Some(Why::NotAnElement.at(0)), "{page}");
        }
        // A paragraph is, up to the block that closes it.
        let page = "<p id=js_content>a<div>b</div></p>";
        let declined = build(page, 0..page.len(), &|_| false).err();
        assert_eq!(declined, Some(Why::ClosedByContent.at(18)), "{page}");
    }

    /// `tag.class` needs both the tag and the class.
    #[test]
    fn a_tag_and_class_selector_needs_both() {
        let el = |tag: &'static str| {
            let tag_src = format!("<{tag} class=\"a Rich_Media\">");
            El {
                name: Cow::Borrowed(tag),
                attrs: plain_attributes(&tag_src, 0..tag_src.len())
                    .into_iter()
                    .map(|(n, v)| (Cow::Owned(n.into_owned()), Cow::Owned(v.into_owned())))
                    .collect(),
            }
        };
        let sel = Simple::TagClass("div", "rich_media");
        assert!(sel.matches(&el("div"), true));
        assert!(
            !sel.matches(&el("div"), false),
            "classes are exact outside quirks"
        );
        assert!(!sel.matches(&el("p"), true));
        assert!(!Simple::TagClass("div", "b").matches(&el("div"), true));
    }

    /// The density fallback steps into a container child only when it holds
    /// 60 % of the text: not at 27 %, at 78 % it does.
    #[test]
    fn the_density_fallback_steps_in_at_sixty_percent() {
        let chosen = |child_text: &str| {
            let inner = format!("<section>{child_text}</section>");
            // The parse agrees, and the chosen container's text is:
            assert!(reads_in("<div>", &inner));
            let page = format!("<div>{}{inner}</div>", "本周论文包括……".repeat(40));
            read(&page, 0..page.len(), |_| true).unwrap().chosen_text
        };
        // 960 bytes of the element's own text beside the section's.
        assert_eq!(chosen(&"短文".repeat(60)), 960 + 360);
        assert_eq!(chosen(&"短文".repeat(560)), 3360);
    }

    /// A decoded text node (one with a reference) between the element's
    /// children: the density fallback steps over it to the child after.
    #[test]
    fn the_density_fallback_steps_over_a_decoded_text() {
        let text = "本周论文包括……".repeat(40);
        assert!(reads_in(
            "<div>",
            &format!("A &amp; B<div><p>{text}</p></div>")
        ));
        assert!(reads_in(
            "<div>",
            &format!("A\r\nB<section>{text}</section>")
        ));
    }

    /// An element's attributes as the selectors' pre-filter reads them:
    /// names in any case, values exact, no attribute no match.
    #[test]
    fn an_element_has_the_attributes_of_its_start_tag() {
        let tag = "<p data-Src=\"x\" lang=zh>";
        let el = El {
            name: Cow::Borrowed("p"),
            attrs: plain_attributes(tag, 0..tag.len()),
        };
        assert!(el.has_attr("data-src") && el.has_attr("DATA-SRC") && el.has_attr("lang"));
        assert!(!el.has_attr("src") && !el.has_attr("data") && !el.has_attr("class"));
        assert_eq!((el.attr("lang"), el.attr("class")), (Some("zh"), None));
        assert_eq!(el.name(), "p");
    }

    /// The tokenizer's attribute states, differentially against
    /// html5ever's tokenizer on tags without references.
    #[test]
    fn attributes_as_html5ever_reads_them() {
        for tag in [
            "<p>",
            "<p a=1 B=\"2\" c='3' d e = f g=>",
            "<p a\"b=c>",
            "<p / a / b=1/>",
            "<p =x>",
            "<p a=1 A=2 a=3>",
            "<p a='x\"y' b=\"x'y\">",
            "<p a=b/c d=e>",
            "<p\ta\n=\x0cb\tc>",
            "<p a=\"1\"b=2>",
            "<p a=<b c=d<e>",
            "<p 甲=乙 data-X=\"中文\">",
            "<img src=x/>",
            "<p a='>' b=\">\">",
        ] {
            let ours: Vec<(String, String)> = plain_attributes(tag, 0..tag.len())
                .into_iter()
                .map(|(n, v)| (n.into_owned(), v.into_owned()))
                .collect();
            let mut nodes = vec![Node {
                kind: Kind::Element(El {
                    name: Cow::Borrowed("p"),
                    attrs: Vec::new(),
                }),
                end: 1,
            }];
            decode(
                tag,
                &[Job::Tag(0..tag.len())],
                &[Pending::Attrs { node: 0, job: 0 }],
                &mut nodes,
            )
            .unwrap();
            let Kind::Element(e) = &nodes[0].kind else {
                unreachable!()
            };
            let theirs: Vec<(String, String)> = e
                .attrs
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect();
            assert_eq!(ours, theirs, "{tag}");
        }
    }

    /// An unwanted element, with references in its attributes or not,
    /// stops the reading; others do not.
    #[test]
    fn unwanted_elements_stop_the_reading() {
        let unwanted = |e: &El<'_>| e.name() == "h1" || e.attr("class") == Some("a&b");
        for (inner, read) in [
            ("<p>x</p>", true),
            ("<h1>x</h1>", false),
            ("<p class=\"a&amp;b\">x</p>", false),
            ("<p class=\"a&amp;c\">x</p>", true),
        ] {
            let page = format!("<div>{inner}</div>");
            let tree = Tree::build_unless(&page, 0..page.len(), &unwanted);
            assert_eq!(tree.is_ok(), read, "{inner}");
        }
    }

    /// Found by the `token_reader` fuzz target: a start tag whose quoted
    /// value runs to the end of the page, which ends in a `>` (of an end
    /// tag inside the value). html5ever drops the tag; the reader took the
    /// last `>` for its end.
    #[test]
    fn fuzz_1_attribute_value_open_to_the_end_of_the_page() {
        for inner in [
            "<img data-src=\"https://a/b.png\n<p>x</p>",
            "<img data-src='a.png>",
            "</p a='>",
        ] {
            assert!(!reads(inner), "{inner}");
        }
        assert!(reads("<img data-src=\"a.png\"><p a=>x</p>"));
        // An unquoted value ends at the `>` of what follows it.
        assert!(reads("<p a=b"));
    }

    #[test]
    fn simple_selectors() {
        assert_eq!(Simple::of("#js_content"), Some(Simple::Id("js_content")));
        assert_eq!(Simple::of(".post_body"), Some(Simple::Class("post_body")));
        assert_eq!(Simple::of("main"), Some(Simple::Tag("main")));
        assert_eq!(
            Simple::of("article.article"),
            Some(Simple::TagClass("article", "article"))
        );
        assert_eq!(
            Simple::of("[class*=index_cententWrap]"),
            Some(Simple::ClassHas("index_cententWrap"))
        );
        for other in ["div p", "#a.b", "[id=x]", "Main", ".a:first-child", ""] {
            assert_eq!(Simple::of(other), None, "{other}");
        }
        assert!(SIMPLE.is_some(), "every container selector is simple");
    }
}
