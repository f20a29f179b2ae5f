//! Article dates as people and files write them.

use chrono::NaiveDate;

/// Parses a date as `YYYY-MM-DD`, `YYYYMMDD`, or an RFC 3339 timestamp (its date part).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y%m%d"))
        .ok()
        .or_else(|| t.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_forms_parse_and_others_do_not() {
        let day = |s: &str| parse_date(s).map(|d| d.to_string());
        assert_eq!(day("2026-02-06").as_deref(), Some("2026-02-06"));
        assert_eq!(day(" 20260206 ").as_deref(), Some("2026-02-06"));
        assert_eq!(day("2026-02-06T23:10:00+03:00").as_deref(), Some("2026-02-06"));
        assert_eq!(day("06/02/2026"), None);
        assert_eq!(day("2026-02-30"), None);
        assert_eq!(day(""), None);
    }
}
