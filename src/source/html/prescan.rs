//! The pre-parse pass over the raw page: script and style bodies cut, deep
//! nesting capped, WeChat's `var ct` date read, in one tokenizer pass, which
//! also records the tokens of the page it leaves for the scan after it.

use std::borrow::Cow;
use std::ops::Range;

use super::meta::READ_BY_SELECTORS;
use super::reader::El;
use crate::dates;
use crate::markup::{SCOPE, nests};
use crate::markup::{Token, Tokens, is_one_of};
use crate::source::{BYTES_PER_UNIT, Cut, budget};

/// The page that [`reduce`] leaves, for tests.
#[cfg(test)]
pub(crate) fn strip_raw_text(input: &str) -> Cow<'_, str> {
    reduce(input).0
}

/// Copies `input`, leaving out the bodies of `<script>` and `<style>`
/// elements (their tags stay) and start tags that would open elements deeper
/// than [`MAX_NESTING`] (with as many end tags), each replaced by an empty
/// comment where the text around it could otherwise join ([`stay_apart`]);
/// and reads WeChat's
/// publication date from the first script body that sets `var ct`
/// ([`wechat_ct_date`]), in the same pass. The tokens come from [`Tokens`],
/// so comments, other raw-text elements (`<title>`, `<textarea>`, …) and
/// attribute values are stepped over as a parser would. Every cut is at an
/// ASCII byte, so the result is valid UTF-8.
///
/// A page with more start tags than [`budget`] allows for its size is cut
/// before the first tag past the budget, and the [`Cut`] says so: html5ever
/// would build a node or two of a few hundred bytes for each (issue 12:
/// 30 MiB of `<li>甲` once took 1.7 GB).
///
/// `<meta>` and `<link>` tags that no selector reads ([`unread_void`]) are
/// left out and cost nothing: they make no text and no line, so they never
/// use up the budget before the article is reached (issue 22: 17,000 of
/// them in a page's head once made a digest "not a digest").
pub(super) fn reduce(input: &str) -> (Cow<'_, str>, Option<crate::Date>, Option<Cut>) {
    let (reduced, ct_date, cut, _) = reduce_tokens(input);
    (reduced, ct_date, cut)
}

/// [`reduce`], with the tokens of the page it leaves: what [`Tokens`]
/// yields on it, recorded from this pass (each token kept, at its place in
/// the page left; an empty body for each body cut; the empty comments put
/// in), so that the scan after it ([`super::locate::choose`]) need not
/// tokenize the page again. A test holds them to a tokenization of the
/// page left. `None` for a page of more tokens than
/// [`BYTES_PER_RECORDED_TOKEN`] allows: the record would cost more memory
/// than the page (a page of empty comments), and the scan tokenizes instead.
pub(super) fn reduce_tokens(
    input: &str,
) -> (
    Cow<'_, str>,
    Option<crate::Date>,
    Option<Cut>,
    Option<Vec<Token<'_>>>,
) {
    let most = input.len() / BYTES_PER_RECORDED_TOKEN + 64;
    let bytes = input.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // input[..copied] is in `out` (or unchanged)
    let mut kept: Vec<Token<'_>> = Vec::new();
    let mut recording = true;
    // Where `input[at]` is in the page left (`at` not before `copied`).
    let place = |out: &Option<String>, copied: usize, at: usize| match out {
        Some(o) => o.len() + (at - copied),
        None => at,
    };
    let cut = |out: &mut Option<String>,
               span: Range<usize>,
               copied: &mut usize,
               kept: &mut Vec<Token<'_>>| {
        let o = out.get_or_insert_with(|| String::with_capacity(input.len() / 4));
        o.push_str(&input[*copied..span.start]);
        // The text on both sides could join into markup (`a<` and `p>b`)
        // or a character reference (`&am` and `p;`) where the token stood:
        // an empty comment keeps them apart, as the token did.
        if !stay_apart(o.as_bytes().last().copied(), bytes.get(span.end).copied()) {
            let at = o.len();
            o.push_str("<!---->");
            record(kept, Token::Comment { span: at..o.len() }, most);
        }
        *copied = span.end;
    };
    let mut ct_date = None;
    // Names of the open elements that nest (see `nests`); an end tag closes
    // the last of its name and everything opened after it, as in a parse.
    let mut open: Vec<&[u8]> = Vec::new();
    let mut over = 0usize;
    let budget = budget(input.len(), BYTES_PER_UNIT);
    let mut cost = 0usize;
    let mut tags = 0usize;
    // Indices in `open` of the elements that bound html5ever's walks of
    // its stack (a table, an object, …: [`SCOPE`]).
    let mut bounds: Vec<usize> = Vec::new();
    let mut end = input.len();
    let mut stopped = None;
    // Past an `<svg>` or `<math>` start tag, a `<meta>` may end foreign
    // content, and is kept.
    let mut foreign = false;
    for token in Tokens::new(bytes) {
        // The token at its place in the page left, unless it is cut below.
        let moved = {
            let span = token.span();
            let at = place(&out, copied, span.start);
            let span = at..at + span.len();
            match &token {
                Token::Start {
                    name, self_closing, ..
                } => Token::Start {
                    name,
                    span,
                    self_closing: *self_closing,
                },
                Token::End { name, .. } => Token::End { name, span },
                Token::Comment { .. } => Token::Comment { span },
                Token::Doctype { .. } => Token::Doctype { span },
                Token::RawText { name, .. } => Token::RawText { name, span },
            }
        };
        let kept_before = kept.len();
        let copied_before = copied;
        // Looked up once per tag (it is asked below up to twice).
        let nesting = match &token {
            Token::Start { name, .. } | Token::End { name, .. } => nests(name),
            _ => false,
        };
        if let Token::Start { name, span, .. } = &token {
            foreign |= is_one_of(name, &[b"svg", b"math"]);
            if !foreign && unread_void(input, name, span) {
                cut(&mut out, span.clone(), &mut copied, &mut kept);
                continue;
            }
        }
        // A start tag the depth guard below keeps is a node to build.
        if let Token::Start { span, .. } = &token
            && !(nesting && open.len() >= MAX_NESTING)
        {
            // html5ever walks its stack of open elements for many start
            // tags, down to the innermost table (or other [`SCOPE`]
            // element) at most: deep in the page, a tag costs as much as
            // several.
            let depth = open.len() - bounds.last().map_or(0, |b| b + 1);
            cost += 1 + depth / DEPTH_PER_UNIT;
            if cost > budget {
                end = span.start;
                stopped = Some(Cut {
                    units: tags,
                    what: "elements",
                    unread: input.len() - span.start,
                });
                break;
            }
            tags += 1;
        }
        match token {
            Token::RawText { name, span } if is_one_of(name, &[b"script", b"style"]) => {
                if ct_date.is_none() && name.eq_ignore_ascii_case(b"script") {
                    ct_date = wechat_ct_date(&input[span.clone()]);
                }
                if !span.is_empty() {
                    cut(&mut out, span, &mut copied, &mut kept);
                }
            }
            // Depth guard: past MAX_NESTING, start tags (and as many end
            // tags) are left out, as browsers do.
            Token::Start { name, span, .. } if nesting => {
                if open.len() >= MAX_NESTING {
                    over += 1;
                    cut(&mut out, span, &mut copied, &mut kept);
                } else {
                    if is_one_of(name, &SCOPE) {
                        bounds.push(open.len());
                    }
                    open.push(name);
                }
            }
            Token::End { name, span } if nesting => {
                if over > 0 {
                    over -= 1;
                    cut(&mut out, span, &mut copied, &mut kept);
                } else if let Some(i) = open.iter().rposition(|n| n.eq_ignore_ascii_case(name)) {
                    open.truncate(i);
                    while bounds.last().is_some_and(|&b| b >= i) {
                        bounds.pop();
                    }
                }
            }
            _ => {}
        }
        if kept.len() >= most {
            // Recorded no further (and freed).
            kept = Vec::new();
            recording = false;
        }
        if !recording {
            continue;
        }
        if copied == copied_before {
            record(&mut kept, moved, most);
        } else if let Token::RawText { name, .. } = moved {
            // A body cut: the element's tags stay, around an empty body, or
            // around the comment that stands in for it (in a raw-text
            // element, text).
            let span = match kept.pop() {
                Some(Token::Comment { span }) if kept.len() == kept_before => span,
                other => {
                    kept.extend(other);
                    let at = place(&out, copied, copied);
                    at..at
                }
            };
            record(&mut kept, Token::RawText { name, span }, most);
        }
    }
    let reduced = match out {
        None => Cow::Borrowed(&input[..end]),
        Some(mut o) => {
            o.push_str(&input[copied..end]);
            Cow::Owned(o)
        }
    };
    (reduced, ct_date, stopped, recording.then_some(kept))
}

/// Records `token`, growing the record to `most` tokens at the most (not
/// doubling it past them: [`reduce_tokens`] stops recording there).
fn record<'a>(kept: &mut Vec<Token<'a>>, token: Token<'a>, most: usize) {
    if kept.len() == kept.capacity() {
        let room = (kept.capacity() * 2).clamp(64, most.max(64));
        kept.reserve_exact(room.saturating_sub(kept.len()).max(1));
    }
    kept.push(token);
}

/// The differential check of [`reduce_tokens`]' tokens against a
/// tokenization of the page it leaves: `Err` with the first difference.
pub(crate) fn reduced_tokens_agree(page: &str) -> Result<(), String> {
    let (reduced, _, _, kept) = reduce_tokens(page);
    // Not recorded: the scan tokenizes the page itself.
    let Some(kept) = kept else {
        return Ok(());
    };
    let again: Vec<Token<'_>> = Tokens::new(reduced.as_bytes()).collect();
    let show = |t: Option<&Token<'_>>| {
        t.map(|t| {
            format!(
                "{t:?} {:?}",
                reduced.get(t.span()).unwrap_or("(out of the page)")
            )
        })
    };
    match kept.iter().zip(&again).position(|(a, b)| a != b) {
        None if kept.len() == again.len() => Ok(()),
        i => {
            let i = i.unwrap_or(kept.len().min(again.len()));
            Err(format!(
                "token {i}: recorded {:?}, tokenized {:?}\npage left: {reduced:?}",
                show(kept.get(i)),
                show(again.get(i))
            ))
        }
    }
}

/// Is the start tag `span` (named `name`) a `<meta>` or `<link>` that no
/// selector of the page's metadata or the sites' containers may match
/// ([`READ_BY_SELECTORS`])? Such a void element makes no text and no line,
/// and leaving it out changes nothing else in the tree. A tag with a
/// character reference, a carriage return or a NUL is kept: its attributes
/// are read as decoded, which the raw bytes may not show.
fn unread_void(page: &str, name: &[u8], span: &Range<usize>) -> bool {
    let name = if name.eq_ignore_ascii_case(b"meta") {
        "meta"
    } else if name.eq_ignore_ascii_case(b"link") {
        "link"
    } else {
        return false;
    };
    let Some(tag) = El::plain(page, span.clone(), name) else {
        return false;
    };
    !READ_BY_SELECTORS.iter().any(|s| s.may_match(&tag))
}

/// Do the bytes `before` and `after` a token left out stay what they were
/// when they meet? Text joins into other markup only when it ends in `<`
/// or in a character reference's start (`&`, `&am`, `&#6`): after a `>` or
/// white space, and before a `<` or white space, nothing can join.
fn stay_apart(before: Option<u8>, after: Option<u8>) -> bool {
    let apart = |b: Option<u8>, edge: u8| b.is_none_or(|b| b == edge || b.is_ascii_whitespace());
    apart(before, b'>') || apart(after, b'<')
}

/// The page's bytes per token that [`reduce_tokens`] records at most: a
/// token takes 40 bytes, so the record costs at most 2.5 times the page.
const BYTES_PER_RECORDED_TOKEN: usize = 16;

/// Each this many open elements make a start tag count once more against
/// the budget ([`reduce`]); real pages nest a few dozen deep.
const DEPTH_PER_UNIT: usize = 32;

/// How deep elements may nest before their tags are dropped. html5ever
/// walks its stack of open elements for many start and end tags, which is
/// quadratic in the depth; Blink caps the depth at 512 the same way.
pub(super) const MAX_NESTING: usize = 512;

/// WeChat's publication time: `var ct = "1581418070";` in an inline
/// script's body, as a date in China (UTC+8): the first that is a
/// plausible date.
pub(super) fn wechat_ct_date(input: &str) -> Option<crate::Date> {
    let finder = memchr::memmem::Finder::new("var ct");
    let mut from = 0;
    while let Some(i) = finder.find(&input.as_bytes()[from..]) {
        let at = from + i + "var ct".len();
        from = at;
        let rest = input[at..].trim_start();
        let Some(rest) = rest.strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start().trim_start_matches(['"', '\'']);
        let digits: &str = &rest[..rest.bytes().take_while(u8::is_ascii_digit).count()];
        // A value that is no plausible date (`0`, a placeholder) is passed
        // over for a later one.
        if let Some(date) = digits.parse::<i64>().ok().and_then(dates::china_date) {
            return Some(date);
        }
    }
    None
}
