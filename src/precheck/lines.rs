//! The second stage of the pre-check: the line shapes of the evidence rule,
//! looked for at the places where a logical line may start, in the visible
//! text, before any tree is built.
//!
//! The full parse accepts a page only with a paper or a radio entry and
//! evidence that it is a digest ([`crate::assemble`]'s `has_evidence`: the
//! series title, a radio entry, or a paper with an author line or a link
//! label). A paper needs a line the grammar reads as a paper heading, and
//! an author line or a link label is a line of its own too: so this stage
//! reads, at each place where a line may start, as much of the line as
//! decides whether it can be
//!
//! * a paper heading ([`heading`]: the paper label, a number, a separator
//!   and a title, as [`grammar::numbered_heading`] reads them), or
//! * an author line or a link label ([`label`]: `作者：`, or a short label
//!   before a colon that [`grammar::is_link_label`] takes), or
//! * a contents heading (`目录`), which only serves the refusal's message.
//!
//! The functions that decide are the grammar's own, applied to the start of
//! the line; the shapes are decided within their first [`CAP`] bytes once
//! white space runs are one space, so that is all a candidate line keeps.
//!
//! Like the first stage, this one must be **sound**: it may count a line the
//! source never makes, never miss one it makes. Where a line starts and what
//! it holds is only known up to the markup, so:
//!
//! * a line may start wherever the source may break one: after a block tag,
//!   a `<br>`, any end tag (it may end a hidden or skipped element), any tag
//!   that is neither inline nor a block (an image, a form control, a hidden
//!   element), a start tag with attributes (it may be the article's
//!   container), a line feed, and in Markdown after any raw line end or
//!   markup that may hold a line break (`<`, an image's `!`). Each of these
//!   opens a new candidate line, and the lines already open go on (a break
//!   the source does not make);
//! * only a block start tag (not a table, whose stray text is moved before
//!   it) surely ends every open line;
//! * markup the scan does not read through (a hidden element, an image, an
//!   unknown character reference, Markdown's inline markup) may hide or
//!   stand for any text: an open line that can still become one of the
//!   shapes ([`heading_viable`], [`label_viable`]) counts as that shape
//!   there. At the start of a line such markup is taken for nothing, which
//!   only makes more lines start.
//!
//! The text of `<script>` and `<style>` elements and of comments is no
//! visible text, as in the first stage, nor is that of the raw-text elements
//! the source skips (`iframe`, `noscript`, `textarea`, which end at their own
//! end tag); everything else is read as if it were shown, hidden or not
//! (hidden text only adds candidate lines). Where the source may leave an
//! element's body out (it skips `button`, `select`, `svg`, …; an element
//! may be hidden), the text before it and after its end may make one line:
//! the lines open there wait for the element's end ([`Gap`]) and go on from
//! each tag where it may end, as the tree builder's rules say (any end tag;
//! a start tag only of the same name, or one that leaves foreign content);
//! markup inside that may keep it open past its own end tag (a table cell,
//! an integration point holding HTML, a block inside an ordinary element)
//! makes them count as what they may become instead. Every element the tree
//! builder treats as ordinary (custom elements, `label`, `time`, …) lets the
//! text run through, as [`super::runs_through`] says.
//!
//! An author line or a link label is evidence only where it may follow a
//! paper heading ([`Found::evidence`]): a paper's lines come after its
//! heading, so a page's own bylines and footers before the only heading
//! are none. Text order is line order but for a table's stray text, which
//! the tree builder moves before the table: after a table's start, every
//! label counts.

mod shape;
mod tables;
mod tags;
mod through;

use crate::grammar;
use crate::markup::{INTEGRATION, is_one_of};
use crate::text::{is_trim_char, trim};
use shape::{
    TITLE_CAP, at_start, body, contents_viable, heading, heading_viable, hopeless, judge, label,
    label_viable,
};
use tables::Tables;
use through::Through;

pub(crate) use shape::CAP;
pub(super) use tables::KEEP_OPEN;

/// What lines of the shapes the scan found at the places where a line may
/// start.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Found {
    /// Lines that are, or may be, paper headings.
    pub(crate) headings: usize,
    /// The first line read whole that is a paper heading: its number and
    /// its title (as far as the candidate line kept it).
    pub(crate) first: Option<(u32, String)>,
    /// Lines that are, or may be, author lines or link labels.
    pub(crate) labels: usize,
    /// Those of them that may come after a paper heading: a paper's author
    /// line or link label is a line of its section, after its heading, so
    /// only these are evidence ([`Found::decided`]).
    pub(crate) evidence: usize,
    /// A line that may be a paper heading has been read (or counted).
    heading_seen: bool,
    /// The order of the lines may differ from the order of the text: a
    /// table may move its stray text before itself (foster parenting), so
    /// after a table's start every label may follow a heading.
    unordered: bool,
    /// A line that is, or may be, a contents heading.
    pub(crate) contents: bool,
    /// The series title by its number (`7 Papers`) may be a line or an
    /// element's text ([`Numbered`](through::Numbered)).
    pub(crate) title: bool,
    /// A radio entry's `(from` may be in a line, cut by markup
    /// ([`Parened`](through::Parened)).
    pub(crate) from: bool,
}

impl Found {
    /// Is what was found enough for the full parse to decide?
    pub(crate) fn decided(&self) -> bool {
        self.headings > 0 && (self.evidence > 0 || self.title)
    }

    /// One more line that is, or may be, an author line or a link label.
    fn label(&mut self) {
        self.labels += 1;
        if self.heading_seen || self.unordered {
            self.evidence += 1;
        }
    }
}

/// How many candidate lines may be open at once; past that, each counts as
/// every shape it may still become and the scan starts afresh (never more
/// than a few are open on a real page).
const MAX_OPEN: usize = 16;

/// A candidate line: its text so far (white space runs made one space, at
/// most [`CAP`] bytes) and which shapes it may still become.
#[derive(Clone, Default, PartialEq, Eq)]
struct Open {
    text: String,
    /// Characters other than white space.
    visible: usize,
    /// It may still be a paper heading.
    heading: bool,
    /// It may still be a contents heading.
    contents: bool,
    /// A colon was read: it is a label or never will be.
    colon: bool,
    /// It is a paper heading, whose title is being read.
    titled: bool,
    /// What the run of white space and invisible characters the text ends
    /// in holds: 1 white space, 2 an invisible character.
    run: u8,
    /// It stands for lines that may only become a label ([`Open::wild`]):
    /// its text is unknown, `visible` the fewest characters they hold.
    wild: bool,
}

impl Open {
    fn new() -> Self {
        Open {
            heading: true,
            contents: true,
            ..Open::default()
        }
    }

    /// A character that [`trim`] removes: each run of them keeps one white
    /// space and one invisible character (in the order they came), which
    /// the grammar reads as it reads the whole run (white space may stand
    /// between a label and its number or colon, an invisible character may
    /// not), and which counts for no more characters of a label.
    fn space(&mut self, c: char) {
        let (bit, kept) = if c.is_whitespace() {
            (1, ' ')
        } else {
            (2, '\u{200B}')
        };
        if self.run & bit == 0 && !self.text.is_empty() {
            self.text.push(kept);
        }
        self.run |= bit;
    }

    /// A line that stands for many past their start that may only become
    /// a label (no heading, no contents heading, no colon yet), the fewest
    /// of whose characters are `visible`: a colon may make it a label
    /// while it has at most 13. When too many lines are open (each element
    /// the source may leave out doubles them: with and without its text),
    /// they become one.
    fn wild(visible: usize) -> Self {
        Open {
            visible,
            wild: true,
            ..Open::default()
        }
    }

    /// May it only become a label?
    fn label_only(&self) -> bool {
        self.wild || !(self.heading || self.contents || self.colon || self.titled)
    }

    /// Still at its start: nothing but white space and one bullet read.
    fn at_start(&self) -> bool {
        !self.wild && self.visible <= 1 && at_start(&self.text)
    }

    /// May the line read so far be one of the shapes? Only if it was found
    /// a heading, or holds a colon (a label), or may be a contents heading.
    fn worth_judging(&self) -> bool {
        self.visible > 0 && (self.titled || self.colon || self.contents)
    }

    /// May it still become a label? At most 12 characters besides white
    /// space before the colon, one more for a bullet.
    fn label_open(&self) -> bool {
        !self.colon && self.visible <= 13
    }
}

/// Candidate lines that may go on after an element whose body the HTML
/// source may leave out (an element it skips, or one that may be hidden):
/// they wait for the element's end, which may be at any tag up to its own
/// end tag; at each, a copy of them goes on as an open line.
struct Gap {
    lines: Vec<Open>,
    /// The element's name, ASCII-lowercased.
    name: Vec<u8>,
    /// Elements of the same name opened inside it, not yet closed.
    depth: usize,
}

/// Elements whose end tag closes them whatever ordinary or block elements
/// are open inside (the tree builder pops up to them, or runs the adoption
/// agency): the special ones the HTML source skips, and the formatting
/// elements. An end tag of any other element is ignored while a special
/// element is open inside it.
const CLOSES_INSIDE: [&[u8]; 18] = [
    b"button",
    b"select",
    b"svg",
    b"math",
    b"object",
    b"template",
    b"a",
    b"b",
    b"big",
    b"code",
    b"em",
    b"font",
    b"i",
    b"nobr",
    b"s",
    b"small",
    b"strike",
    b"strong",
];

/// The candidate lines open at the current place of a scan, and what was
/// found.
pub(crate) struct Lines {
    open: Vec<Open>,
    /// Lines waiting for the end of an element that may be left out.
    gaps: Vec<Gap>,
    /// Inside the gaps, an [`INTEGRATION`] point may be open.
    integration: bool,
    /// The series title by its number and a radio entry's `(from`, in an
    /// HTML page's text.
    through: Through,
    /// Where the text is as to tables.
    tables: Tables,
    pub(crate) found: Found,
}

impl Lines {
    /// A scan at the start of a page, where a line starts.
    pub(crate) fn new() -> Self {
        Lines {
            open: vec![Open::new()],
            gaps: Vec::new(),
            integration: false,
            through: Through::new(),
            tables: Tables::default(),
            found: Found::default(),
        }
    }

    /// Counts what `line` is (read whole with `whole`, else cut off by
    /// markup that may hide anything: then also what it may become); `true`
    /// when it was counted as something, so that it need not stay open.
    fn count(found: &mut Found, line: &str, whole: bool) -> bool {
        let shape = judge(line);
        let mut heading = shape.heading.is_some();
        let mut label = shape.label;
        let mut contents = shape.contents;
        if !whole {
            let s = body(line);
            heading |= heading_viable(s);
            label |= label_viable(s);
            contents |= contents_viable(s);
        }
        if heading {
            found.headings += 1;
            found.heading_seen = true;
            if let (None, Some((number, title))) = (&found.first, shape.heading) {
                found.first = Some((number, title.to_owned()));
            }
        }
        if label {
            found.label();
        }
        found.contents |= contents;
        heading || label
    }

    /// An element named `name` starts whose body the source may leave out
    /// (it skips the element; or, with `shown`, it may also show it): the
    /// lines open past their start wait for its end ([`Gap`]); with `shown`
    /// they also go on through its body.
    fn gap(&mut self, name: &[u8], shown: bool) {
        let waiting: usize = self.gaps.iter().map(|g| g.lines.len()).sum();
        let lines: Vec<Open> = if shown {
            self.open
                .iter()
                .filter(|l| !l.at_start())
                .cloned()
                .collect()
        } else {
            let (start, past): (Vec<Open>, Vec<Open>) = std::mem::take(&mut self.open)
                .into_iter()
                .partition(Open::at_start);
            self.open = start;
            past
        };
        if waiting + lines.len() > MAX_OPEN {
            // Too many waiting: each counts as what it may become.
            for l in &lines {
                Self::count_open(&mut self.found, l);
            }
        } else {
            // Even without lines waiting: where the element may end, a
            // line may start ([`Self::resume_gaps`]).
            self.gaps.push(Gap {
                lines,
                name: name.to_ascii_lowercase(),
                depth: 0,
            });
        }
        if self.open.is_empty() {
            self.open.push(Open::new());
        }
        self.start();
    }

    /// Counts `l`, cut off by markup that may hide anything, as what it may
    /// become.
    fn count_open(found: &mut Found, l: &Open) {
        if l.wild {
            found.label();
        } else {
            Self::count(found, &l.text, l.titled);
        }
    }

    /// Every waiting line counts as what it may become: an element may stay
    /// open past its end tag.
    fn give_up_gaps(&mut self) {
        self.integration = false;
        for gap in std::mem::take(&mut self.gaps) {
            for l in gap.lines {
                Self::count_open(&mut self.found, &l);
            }
        }
    }

    /// A tag (a start tag `name` with `start`, else an end tag), where each
    /// element waited for may end: the lines waiting for it go on from here
    /// (a copy, or themselves at the element's own end tag).
    fn tag_in_gaps(&mut self, name: &[u8], start: bool) {
        if self.gaps.is_empty() {
            return;
        }
        if is_one_of(name, &INTEGRATION) {
            // Its end tag closes it (foreign content pops up to it), and a
            // start tag inside it is the question: while one is open, any
            // start tag may keep the elements waited for open (an SVG
            // icon's `<title>Share</title>` holds none).
            if start && self.integration {
                return self.give_up_gaps();
            }
            self.integration = start;
            return self.resume_gaps(name, start);
        }
        if start {
            let keeps_open = self.integration || is_one_of(name, &KEEP_OPEN);
            // A special element that stays open (not void, not raw text,
            // which ends at its own end tag).
            let special_inside = super::is_special(name)
                && !crate::markup::is_raw_text(name)
                && !super::is_void(name);
            let select_inside = !is_one_of(name, &[b"option", b"optgroup", b"hr"]);
            let give_up = keeps_open
                || self.gaps.iter().any(|g| {
                    (special_inside && !is_one_of(&g.name, &CLOSES_INSIDE))
                        || (g.name == b"select" && select_inside)
                });
            if give_up {
                self.give_up_gaps();
                return;
            }
        }
        self.resume_gaps(name, start);
    }

    /// The lines waiting in each gap go on from a tag where its element may
    /// end (a copy of them, or the lines themselves at the element's own end
    /// tag), unless the same line is open already (an icon's many empty
    /// elements). Any end tag may end it (it may close an element around
    /// it); of the start tags only one of the same name may (`<button>`,
    /// `<a>`: the tree builder closes the open one), and in an `svg` or
    /// `math` one that breaks out of foreign content
    /// ([`BREAKOUT`](crate::markup::BREAKOUT)): no other start
    /// tag closes an element the scan waits for without giving up first
    /// ([`Self::tag_in_gaps`]).
    fn resume_gaps(&mut self, name: &[u8], start: bool) {
        let mut resumed = Vec::new();
        let mut ends = false;
        self.gaps.retain_mut(|g| {
            let same = g.name.eq_ignore_ascii_case(name);
            if start {
                g.depth += usize::from(same);
                let foreign = g.name == b"svg" || g.name == b"math";
                let breaks_out = foreign && is_one_of(name, &crate::markup::BREAKOUT);
                if !(same || breaks_out) {
                    return true;
                }
            } else if same {
                if g.depth == 0 {
                    ends = true;
                    resumed.append(&mut g.lines);
                    return false;
                }
                g.depth -= 1;
            }
            ends = true;
            resumed.extend(g.lines.iter().cloned());
            true
        });
        for l in resumed {
            if self.open.contains(&l) {
                continue;
            }
            if self.open.len() >= MAX_OPEN {
                self.make_room();
            }
            self.open.push(l);
        }
        if ends {
            // The element left out may end here: a line may start after it.
            self.start();
        }
    }

    /// A line may start here.
    fn start(&mut self) {
        if self.open.iter().any(|l| l.visible == 0 && !l.wild) {
            return;
        }
        if self.open.len() >= MAX_OPEN {
            self.make_room();
        }
        self.open.push(Open::new());
    }

    /// Too many lines are open: those that may only become a label become
    /// one [`Open::wild`] line, and every other past its start counts as
    /// what it may become (as if cut off by [`Self::unknown`] markup).
    fn make_room(&mut self) {
        let found = &mut self.found;
        let mut fewest: Option<usize> = None;
        self.open.retain(|l| {
            if l.at_start() {
                return true;
            }
            if l.label_only() {
                fewest = Some(fewest.map_or(l.visible, |v| v.min(l.visible)));
            } else {
                Self::count_open(found, l);
            }
            false
        });
        if let Some(visible) = fewest {
            self.open.push(Open::wild(visible));
        }
        if self.open.is_empty() {
            self.open.push(Open::new());
        }
    }

    /// A line may end here, or go on: every open line is counted as it is,
    /// and a new one may start. A line counted here goes on only when it may
    /// still become a paper heading: `Paper 1:` is a link label where it
    /// ends, and a heading when a title follows (`Paper 1：<b></b>Title`).
    pub(crate) fn soft(&mut self) {
        let found = &mut self.found;
        self.open.retain(|l| {
            !(l.worth_judging() && Self::count(found, &l.text, true)) || (l.heading && !l.titled)
        });
        self.start();
    }

    /// Every open line ends here (a block starts, a `<br>`, the end of the
    /// input), and a new one starts.
    pub(crate) fn hard(&mut self) {
        // Drained, not taken: the vector keeps its room.
        let found = &mut self.found;
        for line in self.open.drain(..) {
            if line.worth_judging() {
                Self::count(found, &line.text, true);
            }
        }
        self.open.push(Open::new());
    }

    /// Markup that may hide or stand for any text, or break the line: each
    /// open line past its start counts as what it may become, and a new
    /// line may start after it.
    pub(crate) fn unknown(&mut self) {
        let found = &mut self.found;
        self.open.retain(|l| {
            if l.at_start() {
                return true;
            }
            Self::count_open(found, l);
            false
        });
        if self.open.is_empty() {
            self.open.push(Open::new());
        }
    }

    /// One character of visible text.
    fn char(&mut self, c: char) {
        self.char_unless_at_start(c, false);
    }

    /// One character of visible text, which with `markup_at_start` is
    /// markup to the lines still at their start (`#`, `>` in Markdown).
    fn char_unless_at_start(&mut self, c: char, markup_at_start: bool) {
        let found = &mut self.found;
        let space = is_trim_char(c);
        self.open.retain_mut(|l| {
            if markup_at_start && l.at_start() {
                return true;
            }
            if l.wild {
                // A colon makes it a label; else one more character.
                if space {
                    return true;
                }
                if grammar::is_colon(c) {
                    found.label();
                    return false;
                }
                l.visible += 1;
                return l.label_open();
            }
            if space {
                l.space(c);
                return true;
            }
            l.run = 0;
            if l.text.capacity() == 0 {
                // One allocation for all the line may keep (most lines
                // die within a few characters, their text would grow from
                // 8 bytes four times).
                l.text.reserve(CAP);
            }
            l.text.push(c);
            l.visible += 1;
            if l.titled {
                // A heading: its title is read on for the message.
                if l.text.len() >= TITLE_CAP {
                    Self::count(found, &l.text, true);
                    return false;
                }
                return true;
            }
            if l.text.len() >= CAP {
                Self::count(found, &l.text, true);
                return false;
            }
            if l.at_start() {
                return true;
            }
            let s = body(&l.text);
            if l.heading {
                l.heading = heading_viable(s);
                if l.heading && heading(s).is_some() {
                    l.titled = true;
                    found.heading_seen = true;
                    return true;
                }
            }
            if grammar::is_colon(c) && !l.colon {
                l.colon = true;
                // `Paper 1:` is a heading if a title follows, else a label:
                // the line decides when it ends.
                if !l.heading && label(s) {
                    Self::count(found, &l.text, true);
                    return false;
                }
            }
            if l.contents {
                l.contents = contents_viable(s);
            }
            l.heading || l.contents || l.label_open()
        });
    }

    /// No candidate line is open.
    fn idle(&self) -> bool {
        self.open.is_empty()
    }

    /// A run of an HTML page's text, with its character references.
    pub(crate) fn text(&mut self, run: &str) {
        self.through.run(run, &mut self.found);
        self.visible(run, true);
    }

    /// A run of text; with `references` (HTML) character references are
    /// read (a named one the scan does not know is [`Self::unknown`]). A
    /// line feed is a place where a line may start.
    fn visible(&mut self, run: &str, references: bool) {
        let bytes = run.as_bytes();
        let mut at = 0;
        while at < run.len() {
            let b = bytes[at];
            if b == b'\n' {
                self.soft();
                at += 1;
                continue;
            }
            if references && b == 0 {
                // A NUL in an HTML page's text is dropped by the tree
                // builder (in a body, a table's text, a select), so the text
                // on both sides of it joins.
                at += 1;
                continue;
            }
            if self.idle() {
                // No line is open and none starts before a line feed.
                at = memchr::memchr(b'\n', &bytes[at..]).map_or(run.len(), |i| at + i);
                continue;
            }
            if matches!(b, b' ' | b'\t' | b'\r' | 0x0c) {
                // A run of white space is one space to every open line
                // ([`Open::space`] keeps one of a run): read it at once.
                self.char(' ');
                at += bytes[at..]
                    .iter()
                    .take_while(|&&b| matches!(b, b' ' | b'\t' | b'\r' | 0x0c))
                    .count();
                continue;
            }
            if references && b == b'&' {
                match reference(&run[at..]) {
                    Some((Some(c), len)) => {
                        self.char(c);
                        at += len;
                    }
                    Some((None, len)) => {
                        self.unknown();
                        at += len;
                    }
                    None => {
                        self.char('&');
                        at += 1;
                    }
                }
                continue;
            }
            if self.open.len() == 1 && self.open[0].text.is_empty() && hopeless(&run[at..]) {
                // The one open line starts here and cannot be any shape.
                self.open.clear();
                continue;
            }
            let Some(c) = run[at..].chars().next() else {
                break;
            };
            self.char(c);
            at += c.len_utf8();
        }
    }

    /// The end of the input.
    pub(crate) fn end(&mut self) {
        self.hard();
        // An element never closed: what was before it ends its line.
        for gap in std::mem::take(&mut self.gaps) {
            for l in gap.lines {
                if l.worth_judging() {
                    Self::count(&mut self.found, &l.text, true);
                }
            }
        }
    }

    /// One raw line of a Markdown page (a place where a line may start, as
    /// every raw line end is: an HTML block runs on over several). Inline
    /// markup may hide or stand for text; at the start of a line every
    /// ASCII punctuation character is taken for markup (block quotes,
    /// headings, list markers).
    pub(crate) fn markdown_line(&mut self, line: &str) {
        self.soft();
        if crate::text::find_ascii_ci(line, "<table").is_some() {
            // Inline HTML may hold a table, which may move its text.
            self.found.unordered = true;
        }
        let bytes = line.as_bytes();
        let mut at = 0;
        while at < line.len() {
            let b = bytes[at];
            if b == b'&' {
                match reference(&line[at..]) {
                    Some((Some(c), len)) => {
                        self.char(c);
                        at += len;
                    }
                    Some((None, len)) => {
                        self.unknown();
                        at += len;
                    }
                    None => {
                        self.unknown();
                        at += 1;
                    }
                }
                continue;
            }
            if super::MARKDOWN_MARKUP.contains(&b) || b == b'>' {
                self.unknown();
                if matches!(b, b'<' | b'>' | b'!') {
                    // Inline HTML (`<br>`) and images break the line, and
                    // an HTML block's text starts after a tag.
                    self.start();
                }
                at += 1;
                continue;
            }
            if b.is_ascii_punctuation() {
                self.char_unless_at_start(char::from(b), true);
                at += 1;
                continue;
            }
            if self.idle() {
                // No line is open and none starts before markup that may
                // break the line.
                match memchr::memchr3(b'<', b'>', b'!', &bytes[at..]) {
                    Some(i) => at += i,
                    None => return,
                }
                continue;
            }
            let Some(c) = line[at..].chars().next() else {
                break;
            };
            self.char(c);
            at += c.len_utf8();
        }
    }

    /// One line of a plain-text page, which is a logical line as written.
    pub(crate) fn text_line(&mut self, line: &str) {
        if hopeless(trim(line)) {
            return;
        }
        let shape = judge(line);
        if let Some((number, title)) = shape.heading {
            self.found.headings += 1;
            self.found.heading_seen = true;
            if self.found.first.is_none() {
                self.found.first = Some((number, crate::model::shorten(title, 200).into_owned()));
            }
        }
        if shape.label {
            self.found.label();
        }
        self.found.contents |= shape.contents;
    }
}

/// The character reference at the start of `s` (which starts with `&`):
/// its character (`None` for a name the scan does not know) and its
/// length, or `None` when no reference starts here (`&` is text).
pub(super) fn reference(s: &str) -> Option<(Option<char>, usize)> {
    let rest = &s.as_bytes()[1..];
    if rest.first() == Some(&b'#') {
        let (radix, from) = match rest.get(1) {
            Some(b'x' | b'X') => (16, 2),
            _ => (10, 1),
        };
        let digits = rest[from..]
            .iter()
            .take_while(|b| b.is_ascii_hexdigit() && (radix == 16 || b.is_ascii_digit()))
            .count();
        if digits == 0 {
            return None;
        }
        let number = std::str::from_utf8(&rest[from..from + digits]).ok()?;
        let mut len = 1 + from + digits;
        if s.as_bytes().get(len) == Some(&b';') {
            len += 1;
        }
        let c = u32::from_str_radix(number, radix)
            .ok()
            .and_then(char::from_u32)
            .unwrap_or('\u{FFFD}');
        // C1 controls stand for other characters (`&#150;` is `–`): not
        // worked out, so unknown.
        let c = (!(0x80..=0x9F).contains(&u32::from(c)) && c != '\0').then_some(c);
        return Some((c, len));
    }
    let name_len = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if name_len == 0 {
        return None;
    }
    let semicolon = rest.get(name_len) == Some(&b';');
    // With its semicolon, a name is read as the tokenizer reads it, from
    // html5ever's own table (which maps the proper prefixes of names to
    // nothing); without, a legacy name may match a prefix: unknown.
    let known = semicolon
        .then(|| std::str::from_utf8(&rest[..=name_len]).ok())
        .flatten()
        .and_then(|key| html5ever::data::NAMED_ENTITIES.get(key))
        .and_then(|&(first, second)| (first != 0 && second == 0).then_some(first))
        .and_then(char::from_u32);
    Some((known, 1 + name_len + usize::from(semicolon)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::LineKind;

    /// Every line the grammar reads as a paper heading, an author line, a
    /// link label or a contents heading is one to [`judge`], and so is its
    /// start cut at [`CAP`] bytes with white space runs made one space; and
    /// every start of such a line is [`viable`] for it.
    #[test]
    fn the_shapes_are_the_grammars() {
        const PIECES: [&str; 26] = [
            "论文", "論文", "Paper", "paper", "作者", "Authors", "链接", "地址", "代码", "目录",
            "Contents", " ", "  ", "\u{3000}", "\u{200B}", "\u{FEFF}", "1", "12", "：", ":", ".",
            "、", "x", "- ", "•", "Code",
        ];
        let mut next = super::super::tests::xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..200_000 {
            let len = usize::try_from(next() % 9).unwrap_or(0);
            let line: String = (0..len)
                .map(|_| PIECES[usize::try_from(next() % 26).unwrap_or(0)])
                .collect();
            let kind = grammar::classify(trim(&line));
            let heading = matches!(kind, LineKind::PaperHeading { .. });
            let label = matches!(kind, LineKind::Authors(_) | LineKind::Link { .. });
            let is_contents = matches!(kind, LineKind::ContentsHeading);
            let mut open = Open::new();
            for c in line.chars() {
                if is_trim_char(c) {
                    open.space(c);
                } else {
                    open.run = 0;
                    open.text.push(c);
                }
            }
            let collapsed = open.text;
            let shape = judge(&collapsed);
            assert!(!heading || shape.heading.is_some(), "{line:?}");
            assert!(!label || shape.label, "{line:?}");
            assert!(!is_contents || shape.contents, "{line:?}");
            // Every prefix can still become what the line is.
            for (cut, _) in collapsed.char_indices() {
                let part = &collapsed[..cut];
                let s = body(part);
                let open = at_start(part);
                assert!(
                    !heading || open || heading_viable(s),
                    "{part:?} of {line:?}"
                );
                assert!(
                    !label || open || label_viable(s) || judge(part).label,
                    "{part:?} of {line:?}"
                );
                assert!(
                    !is_contents || open || contents_viable(s),
                    "{part:?} of {line:?}"
                );
            }
        }
    }

    fn html(page: &str) -> Found {
        let mut lines = Lines::new();
        let mut last = 0;
        for token in crate::markup::Tokens::new(page.as_bytes()) {
            let span = token.span();
            lines.text(&page[last..span.start]);
            lines.token(page, &token);
            last = span.end;
        }
        lines.text(&page[last..]);
        lines.end();
        lines.found
    }

    #[test]
    fn headings_are_found_at_line_starts_only() {
        let found = html("<p>论文 1：标题</p><p>正文提到论文 2：不是标题</p>");
        assert_eq!(found.headings, 1);
        assert_eq!(found.first, Some((1, "标题".to_owned())));
        assert_eq!(found.labels, 0);
        let found = html("<div><b>论<span>文</span></b> 3：标题<br>作者：张三</div>");
        assert_eq!(found.first, Some((3, "标题".to_owned())));
        assert_eq!(found.labels, 1);
        // Hidden markup in a heading counts as a possible heading.
        let found = html("<p>论<span hidden>x</span>文 1：标题</p>");
        assert_eq!(found.headings, 1);
        // A named reference the scan does not know may be anything.
        assert_eq!(html("<p>作者&colon;张三</p>").labels, 1);
        assert_eq!(html("<p>作者&nbsp;：张三</p>").labels, 1);
        // Scripts and styles are no text.
        assert_eq!(html("<script>\n论文 1：x\n</script>").headings, 0);
    }
}
