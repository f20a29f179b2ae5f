//! Record dates as gold files write them.
//!
//! Each format has one form it is meant to use (PETRARCH `YYYYMMDD`, PLOVER `YYYY-MM-DD`); a date
//! in that form is read silently. A few other forms say the date just as plainly and are read
//! leniently, with a note saying how:
//!
//! * `YYYYMMDD`, `YYYY-MM-DD` and `YYYY/MM/DD`, whichever is not the format's own;
//! * a date and time (`2000-01-01T12:00:00`, `2000-01-01 12:00`): the date part;
//! * six digits, `YYMMDD`, with PETRARCH's own century rule (years up to 30 are 20YY, later ones
//!   19YY), the rule its dictionaries' date restrictions are read with: `121108` is 2012-11-08.
//!
//! Anything else (`1995`, `January`, `20080231`) is not a date.

use chrono::NaiveDate;

/// The form a format writes its dates in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateForm {
    /// `YYYYMMDD` (PETRARCH records).
    Compact,
    /// `YYYY-MM-DD` (PLOVER records).
    Iso,
}

impl DateForm {
    fn name(self) -> &'static str {
        match self {
            DateForm::Compact => "YYYYMMDD",
            DateForm::Iso => "YYYY-MM-DD",
        }
    }
}

/// A date read from a record: the date, and a note when it was not in the format's own form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordDate {
    pub date: NaiveDate,
    pub lenient: Option<String>,
}

/// Reads a record's date; the error says what was expected.
pub fn read_record_date(written: &str, form: DateForm) -> Result<RecordDate, String> {
    let text = written.trim();
    let not_a_date = || format!("date \"{written}\" is not {}", form.name());
    let own = match form {
        DateForm::Compact => parse_compact(text),
        DateForm::Iso => NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().filter(|_| text.len() == 10),
    };
    if let Some(date) = own {
        return Ok(RecordDate { date, lenient: None });
    }
    let (date, how) = other_form(text).ok_or_else(not_a_date)?;
    Ok(RecordDate { date, lenient: Some(format!("date \"{text}\" read as {how}: {date}")) })
}

fn parse_compact(text: &str) -> Option<NaiveDate> {
    if text.len() != 8 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y%m%d").ok()
}

/// A date in one of the lenient forms, and the name of the form.
fn other_form(text: &str) -> Option<(NaiveDate, &'static str)> {
    if let Some(date) = parse_compact(text) {
        return Some((date, "YYYYMMDD"));
    }
    if text.len() == 6 && text.bytes().all(|b| b.is_ascii_digit()) {
        let number = |range: std::ops::Range<usize>| text.get(range).and_then(|s| s.parse::<u32>().ok());
        let yy = number(0..2)? as i32;
        let year = if yy <= 30 { 2000 + yy } else { 1900 + yy };
        return NaiveDate::from_ymd_opt(year, number(2..4)?, number(4..6)?).map(|d| (d, "YYMMDD"));
    }
    let day = text.get(..10)?;
    let rest = &text[10..];
    let separated = |sep: char| {
        let fmt = if sep == '-' { "%Y-%m-%d" } else { "%Y/%m/%d" };
        NaiveDate::parse_from_str(day, fmt).ok()
    };
    let date = separated('-').map(|d| (d, "YYYY-MM-DD")).or_else(|| separated('/').map(|d| (d, "YYYY/MM/DD")))?;
    if rest.is_empty() {
        return Some(date);
    }
    // A time after the date: `T12:00:00`, ` 12:00`, `T12:00:00Z`.
    let time = rest.strip_prefix(['T', ' '])?;
    let clock = time.trim_end_matches('Z');
    let ok = clock.len() >= 5
        && clock.bytes().all(|b| b.is_ascii_digit() || b == b':' || b == b'.' || b == b'+' || b == b'-');
    ok.then_some((date.0, "a date and time"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn own_forms_read_silently() {
        assert_eq!(
            read_record_date(" 19950101 ", DateForm::Compact).unwrap(),
            RecordDate { date: day(1995, 1, 1), lenient: None }
        );
        assert_eq!(read_record_date("2000-01-01", DateForm::Iso).unwrap().lenient, None);
    }

    #[test]
    fn other_plain_forms_read_leniently() {
        let six = read_record_date("121108", DateForm::Compact).unwrap();
        assert_eq!(six.date, day(2012, 11, 8));
        assert_eq!(six.lenient.as_deref(), Some("date \"121108\" read as YYMMDD: 2012-11-08"));
        assert_eq!(read_record_date("950101", DateForm::Compact).unwrap().date, day(1995, 1, 1));
        assert_eq!(read_record_date("300101", DateForm::Compact).unwrap().date, day(2030, 1, 1));
        let iso = read_record_date("2008-08-01", DateForm::Compact).unwrap();
        assert_eq!((iso.date, iso.lenient.is_some()), (day(2008, 8, 1), true));
        assert_eq!(read_record_date("20000101", DateForm::Iso).unwrap().date, day(2000, 1, 1));
        assert_eq!(read_record_date("2000/01/02", DateForm::Iso).unwrap().date, day(2000, 1, 2));
        assert_eq!(read_record_date("2000-01-03T12:30:00Z", DateForm::Iso).unwrap().date, day(2000, 1, 3));
    }

    #[test]
    fn anything_else_is_not_a_date() {
        for bad in ["1995", "January", "20080231", "", "2000-01-01Tnoon", "2000-1-1", "1x1108", "123456789"] {
            let err = read_record_date(bad, DateForm::Compact).unwrap_err();
            assert_eq!(err, format!("date \"{bad}\" is not YYYYMMDD"));
        }
        assert_eq!(read_record_date("January", DateForm::Iso).unwrap_err(), "date \"January\" is not YYYY-MM-DD");
    }
}
