//! The radio lists' lines: a list's heading, its numbered entries, and
//! the lines an entry runs on to.

use super::checks::all_plausible;
use super::{Builder, Region};
use crate::grammar::{self, LineKind};
use crate::model::{Category, RadioEntry, RadioList, WarningCode, quote};
use crate::source::Line;

impl<'a> Builder<'a> {
    pub(super) fn start_radio(
        &mut self,
        heading: Option<&str>,
        count: Option<u32>,
        category: Option<Category>,
        lineno: usize,
    ) {
        self.finish_paper();
        self.finish_header();
        self.digest.radio.push(RadioList {
            heading: heading.map(str::to_owned),
            category: heading.and(category),
            entries: Vec::new(),
        });
        self.radio_meta.push((count, lineno));
        self.region = Region::Radio;
    }

    pub(super) fn radio_entry(&mut self, number: u32, title: &str, from: &str, line: &Line<'_>) {
        let restart = match (self.region, self.digest.radio.last()) {
            (Region::Radio, Some(list)) => list.entries.last().is_some_and(|e| number <= e.number),
            _ => true,
        };
        if restart {
            self.start_radio(None, None, None, line.lineno);
            self.warn(
                WarningCode::RadioListWithoutHeading,
                format!(
                    "radio list {} has no \"本周 N 篇 … 精选论文是\" heading; heading and category left empty",
                    self.digest.radio.len()
                ),
                Some(line.lineno),
            );
        }
        let (from, _) = grammar::split_names(from);
        if !all_plausible(&from) {
            let of = format!("of radio entry {number} ({})", quote(title));
            self.check_names(&from, "name", &of, line.lineno);
        }
        if let Some(list) = self.digest.radio.last_mut() {
            list.entries.push(RadioEntry {
                number,
                title: title.to_owned(),
                from,
            });
        }
    }

    pub(super) fn radio_line(&mut self, line: &Line<'_>, kind: &LineKind<'_>) {
        match kind {
            LineKind::Numbered { number, rest } => {
                let next = self
                    .digest
                    .radio
                    .last()
                    .and_then(|l| l.entries.last())
                    .map_or(1, |e| e.number + 1);
                if *number == next {
                    let title = rest.trim_end_matches(['.', '。']).trim_end();
                    if let Some(list) = self.digest.radio.last_mut() {
                        list.entries.push(RadioEntry {
                            number: *number,
                            title: title.to_owned(),
                            from: Vec::new(),
                        });
                    }
                } else {
                    self.unplaced(line, "radio list");
                }
            }
            LineKind::Radiostation => self.digest.stripped.boilerplate.push(line.text.to_string()),
            _ => self.unplaced(line, "radio list"),
        }
    }
}
