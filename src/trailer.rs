//! Where the content ends, and what the rest of the page is.
//!
//! Republishing sites append furniture after the column's last radio list:
//! copyright lines, "关注公众号" prompts, ads, trending lists. The trailer
//! starts at the first furniture line after the last line that can only be
//! content (a paper heading or marker, a radio heading or entry). Everything
//! from there on is sorted into [`Stripped`]; nothing is dropped.

use crate::grammar::{self, LineKind};
use crate::model::{Ad, Stripped, Trending};

/// Is this a line only the content has?
fn only_in_content(kind: &LineKind<'_>) -> bool {
    matches!(
        kind,
        LineKind::PaperHeading { .. }
            | LineKind::Authors(_)
            | LineKind::Link { .. }
            | LineKind::Abstract(_)
            | LineKind::Recommendation(_)
            | LineKind::RadioHeading { .. }
            | LineKind::RadioEntry { .. }
    )
}

/// Does furniture start here?
fn starts_trailer(kind: &LineKind<'_>) -> bool {
    matches!(kind, LineKind::Boilerplate | LineKind::Trending { .. })
}

/// The index of the first trailer line, or `kinds.len()` when there is none.
pub(crate) fn find_cut(kinds: &[LineKind<'_>]) -> usize {
    // The last content line itself is never furniture.
    let last_content = kinds.iter().rposition(only_in_content).unwrap_or(0);
    kinds[last_content..]
        .iter()
        .position(starts_trailer)
        .map_or(kinds.len(), |i| last_content + i)
}

/// Sorts one trailer line into trending, ads or boilerplate. Returns the
/// heat figure as written when it is too large for its field (the item's
/// `heat` is then `None`), for the caller to warn about.
pub(crate) fn sort<'a>(line: &'a str, stripped: &mut Stripped) -> Option<&'a str> {
    if let Some((rank, title, heat)) = grammar::trending_item(line) {
        stripped.trending.push(Trending {
            rank,
            title: title.to_owned(),
            heat: heat.unwrap_or(None),
        });
        return heat.err();
    }
    if !grammar::is_boilerplate(line)
        && let Some((at, url)) = grammar::find_url_at(line)
    {
        // The URL's text first occurs where it was found (an earlier copy
        // would have been found first): cut it out there.
        let text = format!("{}{}", &line[..at], &line[at + url.len()..]);
        let text = crate::text::trim(&text)
            .trim_end_matches([':', '：'])
            .trim_end();
        stripped.ads.push(Ad {
            text: text.to_owned(),
            url: Some(url.to_owned()),
        });
        return None;
    }
    stripped.boilerplate.push(line.to_owned());
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ads_trending_and_boilerplate() {
        let mut s = Stripped::default();
        for line in [
            "© THE END",
            "四季很好,只要有你,文娱排行榜:https://www.yaopaiming.com/",
            "- 2 中国黄金原董事长家搜出大量黄金 7932363",
            "随时掌握互联网精彩",
        ] {
            assert_eq!(sort(line, &mut s), None);
        }
        assert_eq!(s.boilerplate, ["© THE END", "随时掌握互联网精彩"]);
        assert_eq!(
            s.ads,
            [Ad {
                text: "四季很好,只要有你,文娱排行榜".into(),
                url: Some("https://www.yaopaiming.com/".into())
            }]
        );
        assert_eq!(
            s.trending,
            [Trending {
                rank: 2,
                title: "中国黄金原董事长家搜出大量黄金".into(),
                heat: Some(7932363)
            }]
        );
    }

    #[test]
    fn heat_too_large_for_u64_is_reported_not_dropped() {
        let mut s = Stripped::default();
        let heat = "99999999999999999999999";
        assert_eq!(sort(&format!("- 3 某新闻 {heat}"), &mut s), Some(heat));
        assert_eq!(
            s.trending,
            [Trending {
                rank: 3,
                title: "某新闻".into(),
                heat: None
            }]
        );
    }

    #[test]
    fn cut_is_after_the_last_content_line() {
        let kinds = [
            LineKind::Boilerplate,
            LineKind::RadioEntry {
                number: 1,
                title: "t",
                from: "a",
            },
            LineKind::Plain,
            LineKind::Boilerplate,
            LineKind::Plain,
        ];
        assert_eq!(find_cut(&kinds), 3);
        assert_eq!(find_cut(&kinds[..3]), 3);
    }
}
