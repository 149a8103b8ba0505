//! Why an HTML page took the path it took (issue 23): how far the located
//! path came ([`Step`]), and for each piece the token reader reads,
//! whether it read it or the typed reason it declined on ([`Decline`]).
//! [`explain`] puts it in words, for `cargo run --example explain`.

use super::reader::Decline;

/// How the HTML source reads `input`, in words: the located path or the
/// whole page's parse (and the step the located path gave up at), and for
/// each piece the token reader reads, whether it read it or where and why
/// it declined. Offsets are bytes of the page with its script and style
/// bodies cut (what every later stage reads).
pub(crate) fn explain(input: &str) -> String {
    let (reduced, ct_date, _, tokens) = super::prescan::reduce_tokens(input);
    let mut trace = Trace::default();
    let _ = super::located_rest(&reduced, tokens.as_deref(), ct_date.is_none(), &mut trace);
    trace.describe(&reduced)
}

/// How [`located_rest`](super::located_rest) read a page, for [`explain`]: how far it came
/// (the step it gave up at, when it did), the located element, and for
/// each piece the token reader reads, whether it read it or why it
/// declined (html5ever then parsed the piece).
#[derive(Debug, Default)]
pub(crate) struct Trace {
    pub(super) step: Step,
    /// The located element's start tag.
    pub(super) element: Option<std::ops::Range<usize>>,
    /// The page before the element: `None` when not reached, `Some(None)`
    /// when read from its tokens.
    pub(super) prefix: Option<Option<Decline>>,
    /// The element itself, as [`Trace::prefix`].
    pub(super) article: Option<Option<Decline>>,
    /// The container was chosen on the reader's tree.
    pub(super) chosen_by_reader: bool,
}

/// The steps of [`located_rest`](super::located_rest), in order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Step {
    /// Not begun (the page was not read as HTML).
    #[default]
    NotBegun,
    /// Choosing the element around the paper headings ([`super::locate::choose`]).
    Choose,
    /// Placing it in the page before it: read, or html5ever's probe.
    Place,
    /// Its ancestors: none that the element's own parse would not know of.
    Ancestors,
    /// Its end.
    End,
    /// The container inside it.
    Container,
    /// Elements outside it the whole page's parse could choose instead.
    Rivals,
    /// The text density outside it.
    Density,
    /// Located.
    Done,
}

impl Step {
    fn says(self) -> &'static str {
        match self {
            Step::NotBegun => "the page was not read as HTML",
            Step::Choose => {
                "choosing the element around the paper headings (none, or no site selector picks one)"
            }
            Step::Place => "placing the element: html5ever's probe does not land in it",
            Step::Ancestors => {
                "its ancestors: a link, a paragraph or a list item around it, or another element where its start tag is"
            }
            Step::End => "finding its end tag",
            Step::Container => "choosing the container in it",
            Step::Rivals => "an element outside it that the whole page's parse could choose",
            Step::Density => "more text outside it than the densest container inside",
            Step::Done => "located",
        }
    }
}

impl Trace {
    /// The trace in words, for the page `page`.
    fn describe(&self, page: &str) -> String {
        use crate::source::floor_char_boundary;
        use std::fmt::Write as _;
        // Up to 80 bytes of the page from `at` (cut at characters), on one line.
        let near = |at: usize, len: usize| {
            let from = floor_char_boundary(page, at);
            page[from..floor_char_boundary(page, from + len.min(80))].replace('\n', " ")
        };
        let mut out = String::new();
        if self.step == Step::Done {
            out.push_str("path: located (the article found by the byte scan, the rest of the page not parsed)\n");
        } else {
            let _ = writeln!(
                out,
                "path: the whole page parsed by html5ever (the located path gave up at: {})",
                self.step.says()
            );
        }
        if let Some(element) = &self.element {
            let _ = writeln!(
                out,
                "located element: bytes {}.., `{}`",
                element.start,
                near(element.start, element.len())
            );
        }
        for (what, piece) in [
            ("page before it", self.prefix),
            ("the element", self.article),
        ] {
            match piece {
                None => {}
                Some(None) => {
                    let _ = writeln!(out, "{what}: read from its tokens");
                }
                Some(Some(d)) => {
                    let _ = writeln!(
                        out,
                        "{what}: parsed by html5ever; the reader declined on {d}: `{}`",
                        near(d.at, 80)
                    );
                }
            }
        }
        if self.article == Some(None) && self.step > Step::Container {
            let _ = writeln!(
                out,
                "container: chosen {}",
                if self.chosen_by_reader {
                    "on the reader's tree"
                } else {
                    "in html5ever's parse of the element (the reader's tree could not decide it: a selector whose match depends on the quirks mode)"
                }
            );
        }
        out
    }
}
