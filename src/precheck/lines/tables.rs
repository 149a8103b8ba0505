//! Where a table's parts put text: the table elements the scan counts, so
//! that it knows when text may be moved before a table (foster parenting)
//! or is a cell's, read in place.

use crate::markup::is_one_of;

/// Start tags that may keep an element open past its own end tag: scope
/// boundaries of the tree builder (an end tag with one of them open inside
/// is ignored), and `plaintext`, which never ends.
pub(crate) const KEEP_OPEN: [&[u8]; 9] = [
    b"applet",
    b"caption",
    b"table",
    b"td",
    b"th",
    b"marquee",
    b"object",
    b"template",
    b"plaintext",
];

/// The parts of a table, and the elements whose start tag is ignored in a
/// body: outside a table, the tree builder ignores their start tags.
pub(super) const TABLE_PARTS: [&[u8]; 9] = [
    b"thead", b"tbody", b"tfoot", b"tr", // rows and their groups
    b"td", b"th", b"caption", // cells
    b"body", b"html",
];

/// What a tag is to [`Tables`]: read once per tag, from its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Part {
    /// `svg`, `math`: foreign content.
    Foreign,
    /// `template`.
    Template,
    /// `table`.
    Table,
    /// A row or a group of rows (`thead`, `tbody`, `tfoot`, `tr`).
    Row,
    /// An element whose start tag a body ignores (`body`, `html`).
    Outer,
    /// A cell or a caption, by its name's first byte after `t` (`d`, `h`),
    /// or `c`.
    Cell(u8),
}

impl Part {
    /// The parts' names besides [`TABLE_PARTS`].
    const OTHERS: [&[u8]; 4] = [b"svg", b"math", b"template", b"table"];
    /// For each first letter, the lengths of the parts' names that start
    /// with it (bit `n` for `n` bytes): the few tags that pass are compared.
    const LENGTHS: [u16; 26] = {
        let mut lengths = [0; 26];
        let mut i = 0;
        while i < Self::OTHERS.len() + TABLE_PARTS.len() {
            let name = if i < Self::OTHERS.len() {
                Self::OTHERS[i]
            } else {
                TABLE_PARTS[i - Self::OTHERS.len()]
            };
            assert!(name.len() < 16 && name[0].is_ascii_lowercase());
            lengths[(name[0] - b'a') as usize] |= 1 << name.len();
            i += 1;
        }
        lengths
    };

    /// The part `name` is, if any.
    pub(super) fn of(name: &[u8]) -> Option<Part> {
        let first = name.first()?.to_ascii_lowercase();
        let lengths = match first {
            b'a'..=b'z' => Self::LENGTHS[usize::from(first - b'a')],
            _ => 0,
        };
        if name.len() >= 16 || lengths & (1 << name.len()) == 0 {
            return None;
        }
        let is = |names: &[&[u8]]| is_one_of(name, names);
        if is(&Self::OTHERS[..2]) {
            Some(Part::Foreign)
        } else if is(&Self::OTHERS[2..3]) {
            Some(Part::Template)
        } else if is(&Self::OTHERS[3..]) {
            Some(Part::Table)
        } else if is(&TABLE_PARTS[4..7]) {
            Some(Part::Cell(match first {
                b'c' => b'c',
                _ => name[1].to_ascii_lowercase(),
            }))
        } else if is(&TABLE_PARTS[..4]) {
            Some(Part::Row)
        } else if is(&TABLE_PARTS[7..]) {
            Some(Part::Outer)
        } else {
            None
        }
    }
}

/// Where the text is as to tables, as far as a table's parts need: out of
/// place (no table open) the tree builder ignores them, and in a table's
/// cell (or caption) they end a block; elsewhere in a table, text is moved
/// before it (foster parenting), and joins what came before the table.
/// Counts may be too high (an end tag the tree builder ignores is still
/// subtracted only where it surely closes), never too low.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Tables {
    /// Tables that may be open.
    pub(super) tables: usize,
    /// Templates that may be open (inside one, `</table>` is ignored).
    pub(super) templates: usize,
    /// Foreign elements (`svg`, `math`) that may be open: a `td` inside
    /// one is no cell.
    pub(super) foreign: usize,
    /// The last table part read was the start of a cell or a caption:
    /// its name's first byte after `t` (`d`, `h`), or `c`.
    pub(super) cell: Option<u8>,
}

impl Tables {
    /// Is the text read now surely in a cell or a caption of a table (not
    /// moved before it)?
    pub(super) fn in_cell(&self) -> bool {
        self.cell.is_some() && self.foreign == 0 && self.templates == 0
    }

    /// Does the end tag of `part` surely close the cell or caption the
    /// text is in (a block's end)?
    pub(super) fn closes_cell(&self, part: Option<Part>) -> bool {
        self.in_cell() && matches!(part, Some(Part::Cell(kind)) if self.cell == Some(kind))
    }

    /// A start tag (with `start`) or an end tag of `part`.
    pub(super) fn tag(&mut self, part: Option<Part>, start: bool, self_closing: bool) {
        let Some(part) = part else {
            return;
        };
        match part {
            Part::Foreign => {
                if start && !self_closing {
                    self.foreign += 1;
                } else if !start {
                    self.foreign = self.foreign.saturating_sub(1);
                }
            }
            Part::Template => {
                if start {
                    self.templates += 1;
                } else {
                    self.templates = self.templates.saturating_sub(1);
                }
            }
            // Foreign content: no table's part (an HTML `table` start tag
            // breaks out, and is counted as the table it may be).
            Part::Table if self.foreign > 0 => {
                if start {
                    self.tables += 1;
                    self.cell = None;
                }
            }
            _ if self.foreign > 0 => {}
            Part::Table => {
                if start {
                    self.tables += 1;
                } else if self.templates == 0 {
                    self.tables = self.tables.saturating_sub(1);
                }
                self.cell = None;
            }
            Part::Cell(kind) => {
                self.cell = (start && self.tables > 0).then_some(kind);
            }
            Part::Row => self.cell = None,
            Part::Outer => {}
        }
    }
}
