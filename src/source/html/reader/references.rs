//! Character references and carriage returns in the token reader's tree,
//! decoded by html5ever's own tokenizer: every pending piece of a page
//! (text runs, start tags' attributes) in one run, never by hand.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Token as HtmlToken, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::{Kind, Node};

/// A piece html5ever's tokenizer decodes: a text run, or a start tag's
/// attributes.
pub(super) enum Job {
    Text(Range<usize>),
    Tag(Range<usize>),
}

/// What a placeholder in the tree waits for.
#[derive(Clone, Copy)]
pub(super) enum Pending {
    /// Node `node`'s text is job `job`'s.
    Text { node: usize, job: usize },
    /// Node `node`'s attributes are job `job`'s.
    Attrs { node: usize, job: usize },
}

/// Per tag html5ever's tokenizer emits: the characters before it and its
/// attributes (names and values).
type Emitted = (String, Vec<(String, String)>);

/// What html5ever's tokenizer emits for the batch.
#[derive(Default)]
struct Collect {
    chars: RefCell<String>,
    out: RefCell<Vec<Emitted>>,
}

impl TokenSink for Collect {
    type Handle = ();

    fn process_token(&self, token: HtmlToken, _line: u64) -> TokenSinkResult<()> {
        match token {
            HtmlToken::CharacterTokens(t) => self.chars.borrow_mut().push_str(&t),
            HtmlToken::NullCharacterToken => self.chars.borrow_mut().push('\0'),
            HtmlToken::TagToken(tag) => {
                let chars = std::mem::take(&mut *self.chars.borrow_mut());
                let attrs = tag
                    .attrs
                    .into_iter()
                    .map(|a| (a.name.local.to_string(), a.value.to_string()))
                    .collect();
                self.out.borrow_mut().push((chars, attrs));
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// A start tag that ends each text piece of the batch.
const SEPARATOR: &str = "<i>";

/// Decodes every pending piece (character references, carriage returns)
/// with one run of html5ever's tokenizer over all of them: each text piece
/// followed by a [`SEPARATOR`] (it is followed by a `<` in the page too),
/// each start tag as written. `None` when the run does not give one result
/// per piece.
pub(super) fn decode(
    page: &str,
    jobs: &[Job],
    pending: &[Pending],
    nodes: &mut [Node<'_>],
) -> Option<()> {
    if jobs.is_empty() {
        return Some(());
    }
    let mut batch = String::new();
    for job in jobs {
        match job {
            Job::Text(r) => {
                batch.push_str(&page[r.clone()]);
                batch.push_str(SEPARATOR);
            }
            Job::Tag(r) => batch.push_str(&page[r.clone()]),
        }
    }
    let tokenizer = Tokenizer::new(Collect::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(batch));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let out = tokenizer.sink.out.take();
    if out.len() != jobs.len() {
        return None;
    }
    let mut out: Vec<Option<Emitted>> = out.into_iter().map(Some).collect();
    for p in pending {
        match *p {
            Pending::Text { node, job } => {
                let (text, _) = out.get_mut(job)?.take()?;
                if text.contains('\0') {
                    return None;
                }
                nodes.get_mut(node)?.kind = Kind::Text(Cow::Owned(text));
            }
            Pending::Attrs { node, job } => {
                let (chars, attrs) = out.get_mut(job)?.take()?;
                if !chars.is_empty() {
                    return None;
                }
                if let Kind::Element(e) = &mut nodes.get_mut(node)?.kind {
                    e.attrs = attrs
                        .into_iter()
                        .map(|(n, v)| (Cow::Owned(n), Cow::Owned(v)))
                        .collect();
                }
            }
        }
    }
    Some(())
}
