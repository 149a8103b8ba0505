//! Dates: the calendar check, dates written in text (`2022-04-10`,
//! `2022年4月10日`, `2022/4/10`), and Unix timestamps read as dates in China.

use crate::text::{leading_number, trim};

/// China's offset from UTC (UTC+8, no daylight saving), in seconds: the
/// column's dates are Beijing dates.
pub(crate) const CHINA_UTC_OFFSET: i64 = 8 * 3600;

/// The date in China of a Unix time in seconds, kept only when its year is
/// plausible for a digest.
pub(crate) fn china_date(secs: i64) -> Option<String> {
    plausible(unix_to_date(secs, CHINA_UTC_OFFSET))
}

/// The earliest and latest year a digest date may carry (the column started
/// in 2019; the bounds leave room for reposts and archives).
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<u32> = 1990..=2100;

/// `YYYY-MM-DD` when the day exists in the Gregorian calendar (month lengths,
/// leap years) and the year is plausible; `None` otherwise.
pub(crate) fn calendar_date(year: u32, month: u32, day: u32) -> Option<String> {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (PLAUSIBLE_YEARS.contains(&year) && (1..=days).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Parses a date at the start of `s`: `YYYY-MM-DD` when it is on the calendar
/// (`None` for `2022年2月31日`), the date as written, and the rest of `s`.
/// Text is only read as a date when its month is 1 to 12 and its day 1 to 31.
pub(crate) fn parse_date_prefix(s: &str) -> Option<(Option<String>, &str, &str)> {
    let b = s.as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let (year, rest) = leading_number(s)?;
    if !PLAUSIBLE_YEARS.contains(&year) || s.bytes().take_while(u8::is_ascii_digit).count() != 4 {
        return None;
    }
    let (rest, chinese) = date_sep(rest, '年')?;
    let (month, rest) = leading_number(rest)?;
    let (rest, _) = date_sep(rest, if chinese { '月' } else { '\0' })?;
    let (day, rest) = leading_number(rest)?;
    let rest = rest.trim_start();
    let rest = if chinese {
        rest.strip_prefix(['日', '号']).unwrap_or(rest)
    } else {
        rest
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let raw = trim(&s[..s.len() - rest.len()]);
    // Drop a time of day ("12:02") that follows the date.
    let mut rest = trim(rest);
    if let Some((_, after)) = leading_number(rest)
        && let Some(after) = after.strip_prefix(':')
    {
        let end = after
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b':')
            .count();
        rest = trim(&after[end..]);
    }
    Some((calendar_date(year, month, day), raw, rest))
}

/// A date separator: `年`/`月` (with spaces) for Chinese dates, or one of `-/.`.
fn date_sep(s: &str, chinese: char) -> Option<(&str, bool)> {
    let t = s.trim_start();
    if chinese != '\0'
        && let Some(r) = t.strip_prefix(chinese)
    {
        return Some((r.trim_start(), true));
    }
    let r = s.strip_prefix(['-', '/', '.'])?;
    Some((r, false))
}

/// A date from a timestamp, kept only when its year is plausible for a
/// digest (the calendar check of the text's dates, [`parse_date_prefix`]).
fn plausible(date: String) -> Option<String> {
    parse_date_prefix(&date)
        .is_some_and(|(valid, _, _)| valid.is_some())
        .then_some(date)
}

/// The civil date (`YYYY-MM-DD`) of a Unix time at the given UTC offset
/// (Howard Hinnant's `civil_from_days`).
pub(crate) fn unix_to_date(secs: i64, offset: i64) -> String {
    let days = secs.saturating_add(offset).div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The first date (`2022-04-10`, `2022年4月10日`, `2022/4/10`) in `s`.
pub(crate) fn find_date(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    for (i, _) in s.char_indices() {
        if bytes[i].is_ascii_digit()
            && (i == 0 || !bytes[i - 1].is_ascii_digit())
            && let Some((Some(date), _, _)) = parse_date_prefix(&s[i..])
        {
            return Some(date);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{parse_date_prefix, unix_to_date};

    /// The days on either side of the leap rules' edges: century years that
    /// are not leap years, and the last day of each 400-year era.
    #[test]
    fn unix_dates_at_the_leap_rules_edges() {
        for (secs, date) in [
            (-11_670_998_400, "1600-02-29"),
            (-11_670_912_000, "1600-03-01"),
            (-2_203_977_600, "1900-02-28"),
            (-2_203_891_200, "1900-03-01"),
            (946_598_400, "1999-12-31"),
            (951_782_400, "2000-02-29"),
            (951_868_800, "2000-03-01"),
            (978_307_200, "2001-01-01"),
            (4_107_456_000, "2100-02-28"),
            (4_107_542_400, "2100-03-01"),
            (13_574_563_200, "2400-02-29"),
            (13_574_649_600, "2400-03-01"),
        ] {
            assert_eq!(unix_to_date(secs, 0), date, "{secs}");
            assert_eq!(unix_to_date(secs + 86_399, 0), date, "{secs} + 86,399");
        }
    }

    #[test]
    fn a_date_prefix_has_a_four_digit_plausible_year() {
        let date = |s| {
            parse_date_prefix(s).map(|(date, raw, rest)| (date, raw.to_owned(), rest.to_owned()))
        };
        assert_eq!(
            date("2022-04-10 机器之心"),
            Some((
                Some("2022-04-10".to_owned()),
                "2022-04-10".to_owned(),
                "机器之心".to_owned()
            ))
        );
        // A year outside 1990–2100 is not a date at all (not an invalid one).
        assert_eq!(date("1800-04-10 机器之心"), None);
        // Nor is a plausible year behind a leading zero.
        assert_eq!(date("02022-04-10"), None);
        // A day off the calendar is a date as written, with no ISO value.
        assert_eq!(
            date("2022年2月31日"),
            Some((None, "2022年2月31日".to_owned(), String::new()))
        );
    }
}
