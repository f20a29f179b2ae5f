//! Codes, names and dates in native records, checked against the ontology.

use crate::model::{DateRange, EventCodeSpec};
use chrono::NaiveDate;
use tripwire_ontology::{country, event_type, ActorCode, ActorKind};

/// A country or territory code (`IRN`; CAMEO's older aliases such as `ROM` are accepted).
pub(super) fn country_code(code: &str) -> Result<Box<str>, String> {
    country(code).map(|_| code.into()).map_err(|error| error.to_string())
}

/// Any actor code whose segments the ontology knows (`IGOUNO`, `IRNGOV`, `GOV`).
pub(super) fn actor_code(code: &str) -> Result<Box<str>, String> {
    ActorCode::parse(code).map(|code| code.as_str().into()).map_err(|error| error.to_string())
}

/// An agent code: an actor code that is a role rather than a state (`GOV`, `GOVFRM`, `NGO`), since
/// an agent is combined with the country of the actor it attaches to.
pub(super) fn agent_code(code: &str) -> Result<Box<str>, String> {
    let parsed = ActorCode::parse(code).map_err(|error| error.to_string())?;
    if parsed.kind() == ActorKind::Country {
        return Err(format!("agent code `{code}` starts with a country; an agent is a role such as GOV or MIL"));
    }
    Ok(parsed.as_str().into())
}

/// `---`, a CAMEO event code (`036`), or a pair `A:B` of them.
pub(super) fn event_code(written: &str) -> Result<EventCodeSpec, String> {
    if written == "---" {
        return Ok(EventCodeSpec::Null);
    }
    let (primary, paired) = match written.split_once(':') {
        Some((primary, paired)) => (primary, Some(paired)),
        None => (written, None),
    };
    let known = |code: &str| -> Result<Box<str>, String> {
        event_type(code).map(|_| code.into()).map_err(|error| format!("`{written}`: {error}"))
    };
    Ok(EventCodeSpec::Code { primary: known(primary)?, paired: paired.map(known).transpose()? })
}

/// `FROM..UNTIL`, either side possibly empty, both inclusive.
pub(super) fn date_range(written: &str) -> Result<DateRange, String> {
    let Some((from, until)) = written.split_once("..") else {
        return Err(format!("`{written}`: expected a date range FROM..UNTIL (either side may be empty)"));
    };
    let side = |text: &str| if text.is_empty() { Ok(None) } else { date(text).map(Some) };
    let range = DateRange { from: side(from)?, until: side(until)? };
    if let (Some(from), Some(until)) = (range.from, range.until) {
        if from > until {
            return Err(format!("`{written}`: the range ends before it starts"));
        }
    }
    Ok(range)
}

/// A `YYYY-MM-DD` date, nothing looser.
fn date(text: &str) -> Result<NaiveDate, String> {
    let bad = || format!("`{text}`: expected a date YYYY-MM-DD");
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(index, byte)| match index {
            4 | 7 => *byte == b'-',
            _ => byte.is_ascii_digit(),
        });
    if !shaped {
        return Err(bad());
    }
    let number = |range: std::ops::Range<usize>| text.get(range).and_then(|digits| digits.parse::<u32>().ok());
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return Err(bad());
    };
    let year = i32::try_from(year).map_err(|_| bad())?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| format!("`{text}`: no such day"))
}

/// A synset or issue name: ASCII letters, digits and `-`, compared upper-cased. `_` is left out
/// because it joins pattern items.
pub(super) fn name(written: &str) -> Result<Box<str>, String> {
    if written.is_empty() {
        return Err("missing name".to_string());
    }
    if !written.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(format!("`{written}`: a name has only ASCII letters, digits and `-`"));
    }
    Ok(written.to_ascii_uppercase().into_boxed_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn ranges_may_be_open_on_either_side() {
        assert_eq!(date_range("2024-08-21..").unwrap(), DateRange { from: day(2024, 8, 21), until: None });
        assert_eq!(date_range("..2021-01-20").unwrap(), DateRange { from: None, until: day(2021, 1, 20) });
        assert_eq!(date_range("..").unwrap(), DateRange::ALWAYS);
        assert_eq!(
            date_range("2017-01-20..2021-01-20").unwrap(),
            DateRange { from: day(2017, 1, 20), until: day(2021, 1, 20) }
        );
    }

    #[test]
    fn bad_dates_and_ranges_are_errors() {
        for written in [
            "2024-08-21",
            "2024-8-21..",
            "2024-02-30..",
            "2024/08/21..",
            "..+202-01-01",
            "2021-01-02..2021-01-01",
            "x..y",
        ] {
            assert!(date_range(written).is_err(), "{written}");
        }
    }

    #[test]
    fn event_codes_are_checked() {
        assert_eq!(event_code("---").unwrap(), EventCodeSpec::Null);
        assert_eq!(event_code("036").unwrap(), EventCodeSpec::Code { primary: "036".into(), paired: None });
        assert_eq!(
            event_code("032:033").unwrap(),
            EventCodeSpec::Code { primary: "032".into(), paired: Some("033".into()) }
        );
        assert!(event_code("999").unwrap_err().contains("999"));
        assert!(event_code("032:").is_err());
        assert!(event_code("032:033:034").is_err());
    }

    #[test]
    fn actor_and_country_codes_are_checked() {
        assert!(country_code("IRN").is_ok());
        assert!(country_code("GOV").unwrap_err().contains("GOV"));
        assert!(actor_code("IRNGOV").is_ok());
        assert!(actor_code("IRNXYZ").unwrap_err().contains("XYZ"));
        assert!(actor_code("irn").is_err());
        assert!(agent_code("GOVFRM").is_ok());
        assert!(agent_code("NGO").is_ok());
        assert!(agent_code("IRNGOV").unwrap_err().contains("IRNGOV"));
    }

    #[test]
    fn names_are_upper_cased() {
        assert_eq!(&*name("Weapon-2").unwrap(), "WEAPON-2");
        assert!(name("A_B").is_err());
        assert!(name("").is_err());
    }
}
