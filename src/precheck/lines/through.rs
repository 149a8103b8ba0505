//! The marks that the line scan follows through an HTML page's text runs,
//! whatever markup stands between their characters: the series title by
//! its number (`7 Papers`, [`Numbered`]) and a radio entry's `(from`
//! ([`Parened`]), each a small automaton read a character (or a run of
//! white space) at a time.

use super::{Found, reference};
use crate::text::is_trim_char;
use crate::vocabulary;

/// A small automaton that follows a mark through the page's text: a set of
/// states (one bit each) and whether the mark was read.
pub(super) trait Automaton: Copy {
    /// One character of every class the automaton tells apart.
    const ALPHABET: &'static [char];
    /// The states.
    fn states(&mut self) -> &mut u8;
    /// Was the mark read?
    fn found(&mut self) -> &mut bool;
    /// The states at the start of every element whose body the source may
    /// leave out: its end may be at any later tag.
    fn pending(&mut self) -> &mut u8;
    /// The states after `c`.
    fn step(&mut self, c: char);
    /// A run of text (with `references`, its character references read).
    fn run(&mut self, run: &str, references: bool);

    /// A tag: text left out before may end here.
    fn resume(&mut self) {
        let pending = *self.pending();
        *self.states() |= pending;
    }

    /// An element whose body the source may leave out starts here.
    fn may_leave_out(&mut self) {
        let states = *self.states();
        *self.pending() |= states;
    }

    /// A raw-text body (`title`, `textarea`, `iframe`, …): its text, which
    /// the source may also leave out.
    fn raw(&mut self, run: &str, references: bool) {
        let before = *self.states();
        self.run(run, references);
        *self.states() |= before;
    }

    /// A character reference the scan does not know: none, one or two
    /// characters, any of them.
    fn unknown(&mut self) {
        let mut all = *self.states();
        let mut one = *self;
        for _ in 0..2 {
            let from = *one.states();
            let mut next = 0;
            for &c in Self::ALPHABET {
                *one.states() = from;
                one.step(c);
                next |= *one.states();
            }
            *one.states() = next;
            all |= next;
        }
        *self.found() |= *one.found();
        *self.states() = all;
    }
}

/// The series title by its number, as [`grammar::is_digest_title`](crate::grammar::is_digest_title) reads a
/// line or a headline element's text (`7 Papers & Radios`: before the
/// series' first word, white space and one run of ASCII digits), followed
/// through the page's text runs. A set of automaton states: such a text may
/// start at any tag (an element's text, a line) and at a line feed, and
/// goes on through every tag (an element's text holds its descendants'),
/// so each tag adds the start state; where the source may leave text out
/// (an element it skips or that may be hidden, a raw-text body), the states
/// before it go on after it too. So the set holds every state some line or
/// element text may be in: sound, and a handful of bits.
///
/// Only the HTML scan needs it: in plain text and Markdown the first stage
/// reads the number right before the word.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Numbered {
    /// The states: [`Self::START`] (white space only), [`Self::DIGITS`],
    /// [`Self::DIGITS_SPACE`], then one bit per letter of the word read.
    states: u8,
    /// The states at the start of every element whose body the source may
    /// leave out: its end may be at any later tag.
    pending: u8,
    /// The word was read after a number.
    found: bool,
}

impl Numbered {
    const START: u8 = 1;
    const DIGITS: u8 = 2;
    const DIGITS_SPACE: u8 = 4;
    /// After `k` letters of the word (1 ≤ k < its length).
    const fn letters(k: usize) -> u8 {
        4 << k
    }
    /// The word, ASCII (it fits the bits: five letters read before the last).
    const WORD: &[u8] = vocabulary::SERIES.0.as_bytes();

    fn new() -> Self {
        Numbered {
            states: Self::START,
            ..Numbered::default()
        }
    }

    /// The states after `c`.
    fn step(&mut self, c: char) {
        let class = match u8::try_from(c) {
            Ok(b) if b.is_ascii() => Self::CLASSES[usize::from(b)],
            _ if is_trim_char(c) => Self::SPACE,
            _ => 0,
        };
        self.advance(class);
    }

    /// A character's class: [`Self::SPACE`], [`Self::DIGIT`], or bit `k`
    /// for each letter `k` of the word it is (ASCII case ignored).
    const SPACE: u8 = 0x80;
    /// See [`Self::SPACE`].
    const DIGIT: u8 = 0x40;
    /// The class of every ASCII byte.
    const CLASSES: [u8; 128] = {
        assert!(
            Self::WORD.len() <= 6,
            "one bit per letter read before the last"
        );
        let mut classes = [0; 128];
        let mut b = 0;
        while b < 128 {
            let c = b as u8;
            classes[b] = if c.is_ascii_digit() {
                Self::DIGIT
            } else if c.is_ascii_whitespace() || c == 0x0B {
                Self::SPACE
            } else {
                let mut letters = 0;
                let mut k = 0;
                while k < Self::WORD.len() {
                    if Self::WORD[k].eq_ignore_ascii_case(&c) {
                        letters |= 1 << k;
                    }
                    k += 1;
                }
                letters
            };
            b += 1;
        }
        classes
    };

    /// The states after a character of `class`: the letters read advance
    /// together (one shift, as in shift-and matching).
    fn advance(&mut self, class: u8) {
        let s = self.states;
        let number = s & (Self::DIGITS | Self::DIGITS_SPACE) != 0;
        let mut next = 0;
        if class == Self::SPACE {
            next = (s & Self::START) | if number { Self::DIGITS_SPACE } else { 0 };
        } else if class == Self::DIGIT {
            if s & (Self::START | Self::DIGITS) != 0 {
                next = Self::DIGITS;
            }
        } else {
            if number && class & 1 != 0 {
                next = Self::letters(1);
            }
            // Letter k read after k letters: bit k + 2 of both.
            let read = u16::from(s) & (u16::from(class) << 2) & !0b111;
            let last = 1 << (Self::WORD.len() + 1);
            self.found |= read & last != 0;
            next |= ((read & !last) << 1) as u8;
        }
        self.states = next;
    }

    /// A tag (or comment): an element's text or a line may start here, and
    /// text left out before may end here.
    fn tag(&mut self) {
        self.states |= Self::START;
        self.resume();
    }

    /// A run of text (with `references`, its character references read).
    fn run(&mut self, run: &str, references: bool) {
        let bytes = run.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            let b = bytes[at];
            match self.states {
                0 => {
                    // Nothing can go on before a line feed, where a line
                    // may start again (white space only so far).
                    match memchr::memchr(b'\n', &bytes[at..]) {
                        Some(i) => {
                            self.states = Self::START;
                            at += i + 1;
                        }
                        None => return,
                    }
                    continue;
                }
                // Most text is ASCII (white space between tags, above
                // all): no decoding.
                _ if b.is_ascii() && !(references && b == b'&') => {
                    if b == b'\n' {
                        self.states |= Self::START;
                    }
                    let class = Self::CLASSES[usize::from(b)];
                    self.advance(class);
                    at += 1;
                    if class == Self::SPACE {
                        // More white space changes nothing but what a line
                        // feed adds: one step stands for the whole run.
                        while let Some(&b) = bytes.get(at) {
                            if !b.is_ascii() || Self::CLASSES[usize::from(b)] != Self::SPACE {
                                break;
                            }
                            if b == b'\n' {
                                self.states |= Self::START;
                            }
                            at += 1;
                        }
                    }
                    continue;
                }
                _ => {}
            }
            let (c, len) = next_char(run, at, references);
            match c {
                Some(c) => self.step(c),
                None => Automaton::unknown(self),
            }
            at += len;
        }
    }
}

/// The character at `at` of a run (not at its end) and its length: with
/// `references`, a character reference is read as its character, or as
/// `None` when the scan does not know its name.
pub(super) fn next_char(run: &str, at: usize, references: bool) -> (Option<char>, usize) {
    if references && run.as_bytes()[at] == b'&' {
        return match reference(&run[at..]) {
            Some((c, len)) => (c, len),
            None => (Some('&'), 1),
        };
    }
    let c = run[at..].chars().next().unwrap_or('\0');
    (Some(c), c.len_utf8().max(1))
}

/// A radio entry's authors as [`grammar::split_from`](crate::grammar::split_from) reads them: `(` or
/// `（`, white space, then the word ([`vocabulary::RADIO_FROM`]), followed
/// through the page's text runs as [`Numbered`] follows the series title.
/// A parenthesis may open anywhere, so only the states after one are
/// kept: the text goes on through every tag, and where the source may
/// leave text out the states before it go on after it too.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Parened {
    /// [`Self::OPEN`] after the parenthesis and white space, then one bit
    /// per letter of the word read.
    states: u8,
    /// The states at the start of every element whose body the source may
    /// leave out.
    pending: u8,
    /// The word was read after a parenthesis.
    found: bool,
}

impl Parened {
    /// After the parenthesis (and white space).
    const OPEN: u8 = 1;
    /// The word, ASCII; after `k` of its letters (1 ≤ k < its length), bit
    /// `k` is set.
    const WORD: &[u8] = vocabulary::RADIO_FROM.as_bytes();
    /// A character's class: a parenthesis, white space, or bit `k` for
    /// each letter `k` of the word it is (ASCII case ignored).
    const PAREN: u8 = 0x80;
    /// See [`Self::PAREN`].
    const SPACE: u8 = 0x40;

    /// The class of `c`.
    fn class(c: char) -> u8 {
        if c == '(' || c == '（' {
            return Self::PAREN;
        }
        if is_trim_char(c) {
            return Self::SPACE;
        }
        const _: () = assert!(Parened::WORD.len() <= 6, "one bit per letter");
        let mut letters = 0;
        for (k, w) in Self::WORD.iter().enumerate() {
            if c.eq_ignore_ascii_case(&char::from(*w)) {
                letters |= 1 << k;
            }
        }
        letters
    }

    /// The states after `c`.
    fn step(&mut self, c: char) {
        let class = Self::class(c);
        let s = self.states;
        self.states = if class == Self::PAREN {
            Self::OPEN
        } else if class == Self::SPACE {
            s & Self::OPEN
        } else {
            // Letter k read after k letters (the parenthesis is letter 0's
            // state): bit k of both.
            let read = s & class;
            let last = 1 << (Self::WORD.len() - 1);
            self.found |= read & last != 0;
            (read & !last) << 1
        };
    }

    /// A run of text (with `references`, its character references read).
    fn run(&mut self, run: &str, references: bool) {
        let bytes = run.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            if self.states == 0 {
                // Nothing goes on before a parenthesis (`（` starts with
                // 0xEF) or a reference that may be one.
                let rest = &bytes[at..];
                let next = if references {
                    memchr::memchr3(b'(', 0xEF, b'&', rest)
                } else {
                    memchr::memchr2(b'(', 0xEF, rest)
                };
                match next {
                    Some(i) => at += i,
                    None => return,
                }
            }
            let (c, len) = next_char(run, at, references);
            match c {
                Some(c) => self.step(c),
                None => Automaton::unknown(self),
            }
            at += len;
        }
    }
}

impl Automaton for Numbered {
    const ALPHABET: &'static [char] = &[' ', '0', 'p', 'a', 'e', 'r', 's', 'x'];
    fn states(&mut self) -> &mut u8 {
        &mut self.states
    }
    fn found(&mut self) -> &mut bool {
        &mut self.found
    }
    fn pending(&mut self) -> &mut u8 {
        &mut self.pending
    }
    fn step(&mut self, c: char) {
        Numbered::step(self, c);
    }
    fn run(&mut self, run: &str, references: bool) {
        Numbered::run(self, run, references);
    }
}

impl Automaton for Parened {
    const ALPHABET: &'static [char] = &['(', ' ', 'f', 'r', 'o', 'm', 'x'];
    fn states(&mut self) -> &mut u8 {
        &mut self.states
    }
    fn found(&mut self) -> &mut bool {
        &mut self.found
    }
    fn pending(&mut self) -> &mut u8 {
        &mut self.pending
    }
    fn step(&mut self, c: char) {
        Parened::step(self, c);
    }
    fn run(&mut self, run: &str, references: bool) {
        Parened::run(self, run, references);
    }
}

/// The automata that follow a mark through the page's text runs, tags and
/// left-out text: the series title by its number and a radio entry's
/// `(from`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Through {
    numbered: Numbered,
    parened: Parened,
}

impl Through {
    pub(super) fn new() -> Self {
        Through {
            numbered: Numbered::new(),
            parened: Parened::default(),
        }
    }

    /// A tag (or comment): an element's text or a line may start here, and
    /// text left out before may end here.
    pub(super) fn tag(&mut self) {
        self.numbered.tag();
        self.parened.resume();
    }

    /// An element whose body the source may leave out starts here.
    pub(super) fn may_leave_out(&mut self) {
        self.numbered.may_leave_out();
        self.parened.may_leave_out();
    }

    /// A run of text, its character references read.
    pub(super) fn run(&mut self, run: &str, found: &mut Found) {
        // Most runs are white space between tags: to each automaton one
        // space (more change nothing), and a line feed's start.
        let mut newline = false;
        let blank = run.bytes().all(|b| {
            newline |= b == b'\n';
            b.is_ascii() && Numbered::CLASSES[usize::from(b)] == Numbered::SPACE
        });
        if blank {
            if !run.is_empty() {
                self.numbered.advance(Numbered::SPACE);
                if newline {
                    self.numbered.states |= Numbered::START;
                }
                self.parened.step(' ');
            }
            return;
        }
        self.numbered.run(run, true);
        self.parened.run(run, true);
        found.title |= self.numbered.found;
        found.from |= self.parened.found;
    }

    /// A raw-text body (`title`, `textarea`, `iframe`, …): its text, which
    /// the source may also leave out.
    pub(super) fn raw(&mut self, run: &str, references: bool, found: &mut Found) {
        self.numbered.raw(run, references);
        self.parened.raw(run, references);
        found.title |= self.numbered.found;
        found.from |= self.parened.found;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An unknown reference stands for any character: each automaton's
    /// alphabet reaches, from every set of states, every state some
    /// character reaches (and the mark, where one does).
    #[test]
    fn the_alphabets_stand_for_every_character() {
        fn check<A: Automaton + std::fmt::Debug>(mut blank: A) {
            let chars: Vec<char> = (0..128u8)
                .map(char::from)
                .chain(['（', '\u{3000}', '\u{A0}', '\u{200B}', '論', 'ｐ'])
                .collect();
            for states in 0..=255u8 {
                *blank.states() = states;
                let mut reach = 0;
                let mut found = false;
                for &c in A::ALPHABET {
                    let mut a = blank;
                    a.step(c);
                    reach |= *a.states();
                    found |= *a.found();
                }
                for &c in &chars {
                    let mut a = blank;
                    a.step(c);
                    assert_eq!(*a.states() & !reach, 0, "{states:#b} {c:?}");
                    assert!(found || !*a.found(), "{states:#b} {c:?}");
                }
            }
        }
        check(Numbered::default());
        check(Parened::default());
    }

    /// The `(from` automaton read bit-parallel ([`Parened::step`]) is the
    /// one written out state by state, and a run read through [`Through`]
    /// (white space at once, the idle text skipped) ends in the states its
    /// characters give one by one.
    #[test]
    fn the_parenthesis_automaton_is_the_plain_one() {
        fn plain(states: u8, c: char) -> (u8, bool) {
            let word: Vec<char> = vocabulary::RADIO_FROM.chars().collect();
            let is = |k: usize| c.eq_ignore_ascii_case(&word[k]);
            let (mut next, mut found) = (0, false);
            if c == '(' || c == '（' {
                next |= Parened::OPEN;
            } else if is_trim_char(c) {
                next |= states & Parened::OPEN;
            }
            for k in 0..word.len() {
                // After the parenthesis (k = 0) or k letters.
                if states & (1 << k) != 0 && is(k) {
                    if k + 1 == word.len() {
                        found = true;
                    } else {
                        next |= 1 << (k + 1);
                    }
                }
            }
            (next, found)
        }
        let chars: Vec<char> = (0..128u8)
            .map(char::from)
            .chain([
                '（', '）', '\u{3000}', '\u{A0}', '\u{200B}', '，', 'ｆ', '\u{212A}',
            ])
            .collect();
        for &c in &chars {
            for states in 0..16u8 {
                let mut n = Parened {
                    states,
                    ..Parened::default()
                };
                n.step(c);
                assert_eq!((n.states, n.found), plain(states, c), "{states:#b} {c:?}");
            }
        }
        let mut next = crate::precheck::tests::xorshift(0x9e37_79b9_7f4a_7c15);
        const PIECES: [&str; 14] = [
            " ", "\n", "\t", "(", "（", "from", "Fr", "om", "7", "papers", " P", "x", "，", "&#40;",
        ];
        for _ in 0..20_000 {
            let len = usize::try_from(next() % 6).unwrap_or(0);
            let run: String = (0..len)
                .map(|_| PIECES[usize::try_from(next() % 14).unwrap_or(0)])
                .collect();
            let states = u8::try_from(next() % 256).unwrap_or(0);
            let mut through = Through::new();
            through.numbered.states = states;
            through.parened.states = states % 16;
            let (mut numbered, mut parened) = (through.numbered, through.parened);
            through.run(&run, &mut Found::default());
            let mut at = 0;
            while at < run.len() {
                let (c, len) = next_char(&run, at, true);
                let c = c.unwrap_or('\0');
                if c == '\n' {
                    numbered.states |= Numbered::START;
                }
                numbered.step(c);
                parened.step(c);
                at += len;
            }
            assert_eq!(
                (through.numbered.states, through.numbered.found),
                (numbered.states, numbered.found),
                "{states:#b} {run:?}"
            );
            assert_eq!(
                (through.parened.states, through.parened.found),
                (parened.states, parened.found),
                "{states:#b} {run:?}"
            );
        }
    }

    /// The series number's automaton read bit-parallel ([`Numbered::advance`])
    /// is the one written out state by state: `(white space)* digits (white
    /// space)* papers`, from every set of states and on every ASCII byte and
    /// the white space and look-alikes beyond it.
    #[test]
    fn the_number_automaton_is_the_plain_one() {
        fn plain(states: u8, c: char) -> (u8, bool) {
            let word: Vec<char> = vocabulary::SERIES.0.chars().collect();
            let space = is_trim_char(c);
            let digit = c.is_ascii_digit();
            let is = |k: usize| c.eq_ignore_ascii_case(&word[k]);
            let (mut next, mut found) = (0, false);
            let has = |bit: u8| states & bit != 0;
            if has(Numbered::START) && space {
                next |= Numbered::START;
            }
            if (has(Numbered::START) || has(Numbered::DIGITS)) && digit {
                next |= Numbered::DIGITS;
            }
            if (has(Numbered::DIGITS) || has(Numbered::DIGITS_SPACE)) && space {
                next |= Numbered::DIGITS_SPACE;
            }
            if (has(Numbered::DIGITS) || has(Numbered::DIGITS_SPACE)) && is(0) {
                next |= Numbered::letters(1);
            }
            for k in 1..word.len() {
                if has(Numbered::letters(k)) && is(k) {
                    if k + 1 == word.len() {
                        found = true;
                    } else {
                        next |= Numbered::letters(k + 1);
                    }
                }
            }
            (next, found)
        }
        let chars = (0..128u8).map(char::from).chain([
            '\u{85}', '\u{A0}', '\u{3000}', '\u{200B}', '\u{FEFF}', '\u{2028}', '\u{212A}',
            '\u{17F}', 'ｐ', '１', '論', 'é',
        ]);
        for c in chars {
            for states in 0..=255u8 {
                let mut n = Numbered {
                    states,
                    ..Numbered::default()
                };
                n.step(c);
                assert_eq!((n.states, n.found), plain(states, c), "{states:#b} {c:?}");
                for d in [' ', '\n', '\t', '3', 'p', 'a', 'x', '\u{3000}'] {
                    let mut m = Numbered {
                        states,
                        ..Numbered::default()
                    };
                    m.run(&format!("{c}{d}"), false);
                    let mut n = Numbered {
                        states,
                        ..Numbered::default()
                    };
                    for e in [c, d] {
                        if e == '\n' {
                            n.states |= Numbered::START;
                        }
                        n.step(e);
                    }
                    assert_eq!(
                        (m.states, m.found),
                        (n.states, n.found),
                        "{states:#b} {c:?}{d:?}"
                    );
                }
                if c.is_ascii() {
                    let mut m = Numbered {
                        states,
                        ..Numbered::default()
                    };
                    m.run(&c.to_string(), false);
                    let expect = if states == 0 {
                        if c == '\n' {
                            (Numbered::START, false)
                        } else {
                            (0, false)
                        }
                    } else {
                        plain(states | if c == '\n' { Numbered::START } else { 0 }, c)
                    };
                    assert_eq!((m.states, m.found), expect, "run {states:#b} {c:?}");
                }
            }
        }
    }
}
