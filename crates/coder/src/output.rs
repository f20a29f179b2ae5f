//! Event output formats: JSON Lines (every field) and the GDELT 2.0 event table (61 tab-separated
//! columns, in the codebook's order).

use crate::Event;
use chrono::Datelike;
use std::fmt::Write;

/// The GDELT 2.0 event-table header, in column order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// One event as a GDELT 2.0 row (no trailing newline). `id` fills GLOBALEVENTID; `url` SOURCEURL.
///
/// Country codes in the geography columns are ISO-3 (GDELT writes FIPS 10-4 there), and
/// DATEADDED is the event date at midnight, since tripwire does not know when a row was crawled.
pub fn gdelt_row(event: &Event, id: u64, url: &str) -> String {
    let mut row = String::with_capacity(256);
    let date = event.date;
    let day_of_year = date.ordinal0() as f64;
    let fraction = date.year() as f64 + day_of_year / 365.0;
    let _ = write!(row, "{id}\t{}\t{}\t{}\t{:.4}", date.format("%Y%m%d"), date.format("%Y%m"), date.year(), fraction);
    for (code, name) in [
        (&event.source_code, event.source.as_ref().map(|a| a.text.as_str())),
        (&event.target_code, event.target.as_ref().map(|a| a.text.as_str())),
    ] {
        push_actor(&mut row, code, name.unwrap_or(""));
    }
    let code = event.event_code.as_str();
    let base = code.get(..3).unwrap_or(code);
    let root = code.get(..2).unwrap_or(code);
    let quad = event.quad_class.map(|q| q.to_string()).unwrap_or_default();
    let goldstein = event.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default();
    let is_root = u8::from(event.sentence_index == 0);
    let _ = write!(row, "\t{is_root}\t{code}\t{base}\t{root}\t{quad}\t{goldstein}\t1\t1\t1\t0");
    // Actor geographies are not known separately from the action's.
    for _ in 0..2 {
        row.push_str("\t0\t\t\t\t\t\t\t");
    }
    match event.location.as_ref().map(|l| &l.place) {
        Some(place) => {
            let kind = match place.precision {
                tripwire_gazetteer::Precision::Country => 1,
                _ => 4,
            };
            let _ = write!(
                row,
                "\t{kind}\t{}\t{}\t\t\t{}\t{}\t{}",
                clean(&place.name),
                place.country,
                place.lat.map(|v| format!("{v:.4}")).unwrap_or_default(),
                place.lon.map(|v| format!("{v:.4}")).unwrap_or_default(),
                place.geonames_id.map(|v| v.to_string()).unwrap_or_default()
            );
        }
        None => row.push_str("\t0\t\t\t\t\t\t\t"),
    }
    let _ = write!(row, "\t{}000000\t{}", date.format("%Y%m%d"), clean(url));
    row
}

/// Actor columns: code, name, country, known group, ethnic, religion ×2, type ×3.
fn push_actor(row: &mut String, code: &str, name: &str) {
    let code = code.trim_start_matches('-');
    let segments: Vec<&str> = (0..code.len() / 3).filter_map(|i| code.get(i * 3..i * 3 + 3)).collect();
    let country = segments.first().filter(|s| tripwire_ontology::country(s).is_ok()).copied().unwrap_or("");
    let types: Vec<&str> = segments
        .iter()
        .skip(usize::from(!country.is_empty()))
        .filter(|s| tripwire_ontology::actor_type(s).is_ok_and(|t| t.kind == tripwire_ontology::ActorKind::Sector))
        .copied()
        .take(3)
        .collect();
    let _ = write!(row, "\t{code}\t{}\t{country}\t\t\t\t", clean(&name.to_uppercase()));
    for k in 0..3 {
        let _ = write!(row, "\t{}", types.get(k).copied().unwrap_or(""));
    }
}

/// Tabs and newlines would break the row.
fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}
