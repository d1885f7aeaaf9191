//! Dates as glossaries and texts give them: a whole date (2024-07-18), a
//! month (2015-09) or a year (2015), checked as real dates. A period
//! compares by its first day when it starts something ("valid from 2015":
//! from 1 January) and by its last day when it ends something ("valid until
//! 2015-09": through 30 September).

use std::fmt;
use std::str::FromStr;

use time::{Date, Month};

/// A year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    pub fn from_date(d: Date) -> PartialDate {
        PartialDate {
            year: d.year(),
            month: Some(d.month() as u8),
            day: Some(d.day()),
        }
    }

    /// Today, in UTC.
    pub fn today() -> PartialDate {
        PartialDate::from_date(time::OffsetDateTime::now_utc().date())
    }

    /// The first day of the period.
    pub fn first_day(self) -> Date {
        let month = Month::try_from(self.month.unwrap_or(1)).unwrap_or(Month::January);
        Date::from_calendar_date(self.year, month, self.day.unwrap_or(1)).unwrap_or(Date::MIN)
    }

    /// The last day of the period.
    pub fn last_day(self) -> Date {
        let month = Month::try_from(self.month.unwrap_or(12)).unwrap_or(Month::December);
        let day = self
            .day
            .unwrap_or_else(|| time::util::days_in_month(month, self.year));
        Date::from_calendar_date(self.year, month, day).unwrap_or(Date::MAX)
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl FromStr for PartialDate {
    type Err = String;

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real date.
    fn from_str(s: &str) -> Result<PartialDate, String> {
        let bad = || format!("{s:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)");
        let parts: Vec<&str> = s.trim().split('-').collect();
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        if parts.is_empty()
            || parts.len() > 3
            || !digits(parts[0], 4)
            || parts[1..].iter().any(|p| !digits(p, 2))
        {
            return Err(bad());
        }
        let year: i32 = parts[0].parse().map_err(|_| bad())?;
        let month: Option<u8> = parts
            .get(1)
            .map(|m| m.parse())
            .transpose()
            .map_err(|_| bad())?;
        let day: Option<u8> = parts
            .get(2)
            .map(|d| d.parse())
            .transpose()
            .map_err(|_| bad())?;
        if let Some(m) = month {
            let month = Month::try_from(m).map_err(|_| bad())?;
            if let Some(d) = day {
                Date::from_calendar_date(year, month, d).map_err(|_| bad())?;
            }
        }
        Ok(PartialDate { year, month, day })
    }
}

/// A date found in a file name or the first lines of a text: `2015-10-29`,
/// `20151029`, `October 29, 2015`, `29 October 2015`, `2015年10月29日`, or
/// failing those a year alone (`2015`) in the name.
pub fn find_date(name: &str, head: &str) -> Option<PartialDate> {
    find_in(name).or_else(|| find_in(head)).or_else(|| {
        // A year alone, in the name only (in a text a year is too often
        // something else).
        name.split(|c: char| !c.is_ascii_digit())
            .filter(|p| p.len() == 4)
            .filter_map(|p| p.parse::<i32>().ok())
            .find(|y| (1949..=2100).contains(y))
            .map(|year| PartialDate {
                year,
                month: None,
                day: None,
            })
    })
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn date(year: i32, month: u32, day: u32) -> Option<PartialDate> {
    let m = Month::try_from(u8::try_from(month).ok()?).ok()?;
    let d = Date::from_calendar_date(year, m, u8::try_from(day).ok()?).ok()?;
    (1900..=2100)
        .contains(&year)
        .then(|| PartialDate::from_date(d))
}

fn find_in(text: &str) -> Option<PartialDate> {
    let chars: Vec<char> = text.chars().collect();
    let number_at = |i: usize, max: usize| -> Option<(u32, usize)> {
        let n: String = chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .take(max + 1)
            .collect();
        (!n.is_empty() && n.len() <= max).then(|| (n.parse().unwrap_or(0), i + n.len()))
    };
    for i in 0..chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            continue;
        }
        let Some((first, after)) = number_at(i, 8) else {
            continue;
        };
        let width = after - i;
        // 20151029
        if width == 8 {
            if let Some(d) = date((first / 10000) as i32, first / 100 % 100, first % 100) {
                return Some(d);
            }
            continue;
        }
        if width != 4 {
            // "29 October 2015"
            if width <= 2 {
                let rest: String = chars[after..].iter().collect::<String>().to_lowercase();
                let rest = rest.trim_start();
                if let Some(m) = MONTHS.iter().position(|m| rest.starts_with(m)) {
                    let tail = rest[MONTHS[m].len()..].trim_start_matches([' ', ',']);
                    let year: String = tail.chars().take_while(|c| c.is_ascii_digit()).collect();
                    if year.len() == 4 {
                        if let Some(d) = date(year.parse().unwrap_or(0), m as u32 + 1, first) {
                            return Some(d);
                        }
                    }
                }
            }
            continue;
        }
        // 2015-10-29, 2015/10/29, 2015.10.29, 2015年10月29日
        let year = first as i32;
        let sep = chars.get(after).copied();
        if matches!(sep, Some('-' | '/' | '.' | '_' | '年')) {
            if let Some((month, after_m)) = number_at(after + 1, 2) {
                let sep2 = chars.get(after_m).copied();
                let ok = match sep {
                    Some('年') => sep2 == Some('月'),
                    _ => sep2 == sep,
                };
                if ok {
                    if let Some((day, _)) = number_at(after_m + 1, 2) {
                        if let Some(d) = date(year, month, day) {
                            return Some(d);
                        }
                    }
                }
            }
        }
    }
    // "October 29, 2015"
    let lower = text.to_lowercase();
    for (m, name) in MONTHS.iter().enumerate() {
        let mut from = 0;
        while let Some(at) = lower[from..].find(name) {
            let start = from + at;
            from = start + name.len();
            let rest = lower[from..].trim_start_matches(['.', ' ']);
            let day: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
            if day.is_empty() || day.len() > 2 {
                continue;
            }
            let tail = rest[day.len()..].trim_start_matches([',', ' ']);
            let year: String = tail.chars().take_while(|c| c.is_ascii_digit()).collect();
            if year.len() == 4 {
                if let Some(d) = date(
                    year.parse().unwrap_or(0),
                    m as u32 + 1,
                    day.parse().unwrap_or(0),
                ) {
                    return Some(d);
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_are_checked() {
        for ok in ["2015", "2015-09", "2024-02-29", "2024-07-18"] {
            assert_eq!(ok.parse::<PartialDate>().unwrap().to_string(), ok);
        }
        for bad in [
            "2024-13-45",
            "2023-02-29",
            "15",
            "2015-9",
            "2015-09-1",
            "yesterday",
            "",
        ] {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad}");
        }
        let month: PartialDate = "2015-09".parse().unwrap();
        assert_eq!(month.first_day().to_string(), "2015-09-01");
        assert_eq!(month.last_day().to_string(), "2015-09-30");
        let year: PartialDate = "2016".parse().unwrap();
        assert_eq!(year.last_day().to_string(), "2016-12-31");
    }

    #[test]
    fn dates_in_names_and_first_lines() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("xinhua-2015-10-29.txt", "", Some("2015-10-29")),
            ("report_20151029.txt", "", Some("2015-10-29")),
            (
                "a.txt",
                "BEIJING, October 29, 2015 (Xinhua) -- The plenum",
                Some("2015-10-29"),
            ),
            ("a.txt", "Published 29 October 2015", Some("2015-10-29")),
            ("a.txt", "新华社北京2015年10月29日电", Some("2015-10-29")),
            ("plenum-2015.txt", "no date here", Some("2015")),
            ("a.txt", "In 2015 the session met.", None),
            ("a.txt", "2015-13-45 is no date", None),
        ];
        for (name, head, want) in cases {
            assert_eq!(
                find_date(name, head).map(|d| d.to_string()).as_deref(),
                *want,
                "{name} / {head}"
            );
        }
    }
}
