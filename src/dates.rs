//! Dates: the [`Date`] type, the calendar check, dates written in text
//! (`2022-04-10`, `2022年4月10日`, `2022/4/10`), and Unix timestamps read as
//! dates in China.

use std::fmt;
use std::str::FromStr;

use crate::text::{leading_number, trim};

/// A day of the Gregorian calendar, as an issue is dated
/// ([`Issue::date`](crate::Issue::date)): always a day that exists (month
/// lengths and leap years checked), in the years 0 to 9999.
///
/// It is written, parsed and serialized as ISO 8601 `YYYY-MM-DD` (the JSON
/// holds the string, as it did when the field was one), and dates order as
/// the calendar does.
///
/// ```
/// use paper_digest::Date;
///
/// let date: Date = "2022-04-10".parse()?;
/// assert_eq!((date.year(), date.month(), date.day()), (2022, 4, 10));
/// assert_eq!(date.to_string(), "2022-04-10");
/// assert_eq!(Date::new(2022, 4, 10), Some(date));
/// assert!(Date::new(2022, 2, 29).is_none());
/// assert!("2022-4-10".parse::<Date>().is_err());
/// assert!(date < "2022-04-11".parse()?);
///
/// let page = std::fs::read("tests/fixtures/sites/wechat/page.html")?;
/// let digest = paper_digest::parse_bytes(&page)?;
/// assert_eq!(digest.issue.date, Some(date));
/// assert_eq!(serde_json::to_value(&digest)?["issue"]["date"], "2022-04-10");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    // The field order is the calendar's: the derived `Ord` compares years,
    // then months, then days.
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, when the day exists in the Gregorian calendar and the year
    /// is at most 9999; `None` otherwise (`2022-02-29`, month 13, day 0).
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        (year <= 9999 && (1..=days_in_month(year.into(), month.into())).contains(&u32::from(day)))
            .then_some(Date { year, month, day })
    }

    /// The year (0 to 9999).
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }
}

/// The days in `month` of `year` (0 for a month that does not exist).
fn days_in_month(year: u32, month: u32) -> u32 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    /// ISO 8601: `2022-04-10`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why a string is not a [`Date`]: it is not `YYYY-MM-DD` (four, two and
/// two ASCII digits), or the day is not on the calendar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseDateError {
    input: String,
}

impl fmt::Display for ParseDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a date: expected a calendar day as YYYY-MM-DD",
            crate::text::shorten(&self.input, 40)
        )
    }
}

impl std::error::Error for ParseDateError {}

impl FromStr for Date {
    type Err = ParseDateError;

    /// Exactly `YYYY-MM-DD`; the forms the parser reads in text
    /// (`2022年4月10日`, `2022/4/10`) are not ISO and are refused.
    fn from_str(s: &str) -> Result<Date, ParseDateError> {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| {
            b[r].iter().try_fold(0u16, |n, &d| {
                d.is_ascii_digit().then(|| n * 10 + u16::from(d - b'0'))
            })
        };
        let date = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
            .then(|| {
                let year = digits(0..4)?;
                let month = u8::try_from(digits(5..7)?).ok()?;
                let day = u8::try_from(digits(8..10)?).ok()?;
                Date::new(year, month, day)
            })
            .flatten();
        date.ok_or_else(|| ParseDateError {
            input: s.to_owned(),
        })
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        struct Iso;
        impl serde::de::Visitor<'_> for Iso {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date as YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Date, E> {
                s.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Iso)
    }
}

/// China's offset from UTC (UTC+8, no daylight saving), in seconds: the
/// column's dates are Beijing dates.
pub(crate) const CHINA_UTC_OFFSET: i64 = 8 * 3600;

/// The date in China of a Unix time in seconds, kept only when its year is
/// plausible for a digest.
pub(crate) fn china_date(secs: i64) -> Option<Date> {
    plausible(unix_to_date(secs, CHINA_UTC_OFFSET))
}

/// The earliest and latest year a digest date may carry (the column started
/// in 2019; the bounds leave room for reposts and archives).
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<u32> = 1990..=2100;

/// The date when the day exists in the Gregorian calendar (month lengths,
/// leap years) and the year is plausible; `None` otherwise.
pub(crate) fn calendar_date(year: u32, month: u32, day: u32) -> Option<Date> {
    if !PLAUSIBLE_YEARS.contains(&year) {
        return None;
    }
    Date::new(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

/// Parses a date at the start of `s`: `YYYY-MM-DD` when it is on the calendar
/// (`None` for `2022年2月31日`), the date as written, and the rest of `s`.
/// Text is only read as a date when its month is 1 to 12 and its day 1 to 31.
pub(crate) fn parse_date_prefix(s: &str) -> Option<(Option<Date>, &str, &str)> {
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
fn plausible(date: String) -> Option<Date> {
    parse_date_prefix(&date).and_then(|(valid, _, _)| valid)
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
pub(crate) fn find_date(s: &str) -> Option<Date> {
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
    use super::{Date, parse_date_prefix, unix_to_date};

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
                Date::new(2022, 4, 10),
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

    /// `Date` parses exactly what it writes: every day of a leap and of a
    /// common year round-trips, and strings that are not ISO calendar days
    /// are refused (not read loosely, not panicking on non-ASCII).
    #[test]
    fn a_date_parses_exactly_its_iso_form() {
        let mut days = 0;
        for year in [1900u16, 2000, 2023, 2024] {
            for month in 1..=12u8 {
                for day in 1..=31u8 {
                    if let Some(date) = Date::new(year, month, day) {
                        days += 1;
                        let text = date.to_string();
                        assert_eq!(text.parse::<Date>(), Ok(date), "{text}");
                    }
                }
            }
        }
        assert_eq!(days, 365 + 366 + 365 + 366);
        for bad in [
            "",
            "2022-4-10",
            "2022-04-1",
            "2022/04/10",
            "2022-02-29",
            "2022-13-01",
            "2022-00-10",
            "2022-04-00",
            "2022-04-10 ",
            "+022-04-10",
            "２０２２-04-10",
            "2022-04-1０",
            "20220410",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad:?}");
        }
        assert!("1900-02-29".parse::<Date>().is_err());
        assert!("2000-02-29".parse::<Date>().is_ok());
    }

    /// Dates order as the calendar does, and serialize as the ISO string.
    #[test]
    fn dates_order_by_calendar_and_serialize_as_strings() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert!(d("2021-12-31") < d("2022-01-01"));
        assert!(d("2022-01-31") < d("2022-02-01"));
        assert!(d("2022-02-09") < d("2022-02-10"));
        assert_eq!(
            serde_json::to_string(&d("2022-04-10")).unwrap(),
            "\"2022-04-10\""
        );
        assert_eq!(
            serde_json::from_str::<Date>("\"2022-04-10\"").unwrap(),
            d("2022-04-10")
        );
        assert!(serde_json::from_str::<Date>("\"2022-04-31\"").is_err());
        assert!(serde_json::from_str::<Date>("20220410").is_err());
    }
}
