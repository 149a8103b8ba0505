//! Why the token reader declined a piece of a page: the typed reason each
//! decline point gives, with where it stood, so that a contributor can
//! learn which markup sends a page to html5ever's parse (the `explain`
//! example prints it).

use std::fmt;

/// Where the reader declined, and why: html5ever's parse reads the piece
/// instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Decline {
    /// The reason.
    pub(crate) why: Why,
    /// The byte offset in the page of the token (or text) declined on.
    pub(crate) at: usize,
}

/// The reasons the reader declines: each a shape of markup where
/// html5ever's tree building could build another tree than a plain stack
/// of open elements does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Why {
    /// A start tag whose rule the reader does not follow: tables, forms,
    /// selects, templates, foreign content (`svg`, `math`), `<plaintext>`,
    /// `<nobr>`, `<button>` and the like.
    UnfollowedTag,
    /// A tag the input ends inside, which the tokenizer reads otherwise.
    Unterminated,
    /// A tag name that is not UTF-8.
    NotUtf8,
    /// A formatting element closed by anything but its own end tag, or a
    /// second `<a>` inside one: html5ever's adoption agency would reopen or
    /// move it.
    Adoption,
    /// The element read is closed by its own content (a block in a `<p>`,
    /// an item in an item): its parse on a page of its own ends elsewhere.
    ClosedByContent,
    /// An end tag that closes nothing, or only past a special element:
    /// html5ever ignores it, or closes what the stack would not.
    StrayEndTag,
    /// Nesting deeper than the reader follows.
    TooDeep,
    /// `</>` in text: no token, and the text around it one node.
    EmptyEndTag,
    /// A character reference right after `<pre>`, which may spell the line
    /// feed the parse drops.
    ReferenceAfterPre,
    /// A carriage return in a raw-text body (html5ever turns it into a line
    /// feed).
    CarriageReturnInRawText,
    /// A doctype, or a raw-text body where none opened, in the body.
    Misplaced,
    /// A NUL byte, which the tokenizer replaces or drops.
    Nul,
    /// The element ends without its end tag before the end of the page,
    /// or where the caller did not expect it.
    Unclosed,
    /// The piece does not start with the start tag of an element the
    /// reader can read alone.
    NotAnElement,
    /// An element a metadata selector may match: the caller parses the
    /// piece to read it.
    Unwanted,
    /// html5ever's tokenizer decoded the references into another number of
    /// pieces than were given, or into a NUL.
    Decoding,
    /// Before the body: `</body>` or `</html>`, which switch html5ever's
    /// mode without closing anything.
    BodyEnd,
    /// Before the body: text that is not white space, or markup html5ever
    /// reads in another mode (a second `<html>`, `<template>`, `<frameset>`,
    /// a head element after the head, an end tag other than `</head>`).
    OddHead,
    /// Before the body: a `<title>` whose body holds `<`.
    TitleMarkup,
    /// Before the body: a `<form>` left open, which changes how the
    /// article's parse reads a form in it.
    FormOpen,
    /// Before the body: the located element is not the current node where
    /// its start tag ends.
    NotCurrent,
}

impl Why {
    /// At `at`.
    pub(crate) fn at(self, at: usize) -> Decline {
        Decline { why: self, at }
    }

    /// What the reason says, in a few words.
    pub(crate) fn says(self) -> &'static str {
        match self {
            Why::UnfollowedTag => "a start tag whose tree-building rule the reader does not follow",
            Why::Unterminated => "a tag the input ends inside",
            Why::NotUtf8 => "a tag name that is not UTF-8",
            Why::Adoption => {
                "a formatting element closed by another tag, or a link in a link (the adoption agency)"
            }
            Why::ClosedByContent => "the element closed by its own content",
            Why::StrayEndTag => "an end tag that closes nothing, or only past a special element",
            Why::TooDeep => "nesting deeper than the reader follows",
            Why::EmptyEndTag => "`</>` in text",
            Why::ReferenceAfterPre => "a character reference right after <pre>",
            Why::CarriageReturnInRawText => "a carriage return in a script or style body",
            Why::Misplaced => "a doctype or a raw-text body in the body",
            Why::Nul => "a NUL byte",
            Why::Unclosed => "the element ends without its end tag",
            Why::NotAnElement => "the piece does not start with an element the reader reads alone",
            Why::Unwanted => "an element a metadata selector may match",
            Why::Decoding => "character references decoded into other pieces",
            Why::BodyEnd => "</body> or </html> before the article",
            Why::OddHead => "markup before the body that html5ever reads in another mode",
            Why::TitleMarkup => "a <title> that holds `<`",
            Why::FormOpen => "a form left open before the article",
            Why::NotCurrent => "the article's element is not the current node at its start tag",
        }
    }
}

impl fmt::Display for Decline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at byte {})", self.why.says(), self.at)
    }
}
