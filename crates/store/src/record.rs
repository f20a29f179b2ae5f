//! `EventRecord`: one event as the store keeps it, whether the coder produced it or it was
//! imported from GDELT, ICEWS or Phoenix. Flat and owned, so it maps one-to-one onto a table
//! row, a JSON Lines object and a Parquet row.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tripwire_coder::{Article, Event};

/// Where an event came from: coded here from an article, or imported from a published dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Tripwire,
    Gdelt1,
    Gdelt2,
    Icews,
    Phoenix,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Tripwire => "tripwire",
            Origin::Gdelt1 => "gdelt1",
            Origin::Gdelt2 => "gdelt2",
            Origin::Icews => "icews",
            Origin::Phoenix => "phoenix",
        }
    }

    pub fn parse(name: &str) -> Option<Origin> {
        Some(match name {
            "tripwire" => Origin::Tripwire,
            "gdelt1" => Origin::Gdelt1,
            "gdelt2" => Origin::Gdelt2,
            "icews" => Origin::Icews,
            "phoenix" => Origin::Phoenix,
            _ => return None,
        })
    }
}

/// Where an event happened.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocationRecord {
    pub name: String,
    /// ISO 3166-1 alpha-3.
    pub country: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// `city`, `admin`, `country` …, as the gazetteer or the imported file states it.
    pub precision: String,
    pub geonames_id: Option<u32>,
}

/// One event, as stored. Coded events fill every field; imported ones leave empty what their
/// dataset does not carry (ICEWS has no sentence or URL, for instance).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub origin: Origin,
    /// The article the event was coded from, or the dataset's own row identifier
    /// (GDELT's GLOBALEVENTID; for a file without ids, a `content:` id derived from the row).
    pub article_id: String,
    pub sentence_index: Option<u32>,
    /// Character offsets `[start, end)` in the article of the words that make the event.
    pub span: Option<[u32; 2]>,
    /// The sentence the event was coded from: the provenance an analyst reads.
    pub sentence: Option<String>,
    pub date: NaiveDate,
    /// CAMEO actor codes ("IRNGOV"); empty when there is none.
    pub source_code: String,
    pub target_code: String,
    /// ISO-3 country of each actor, when its code or name gives one; dyad queries use these.
    pub source_country: Option<String>,
    pub target_country: Option<String>,
    /// The words (coded events) or dataset names (imports) for each actor.
    pub source_text: Option<String>,
    pub target_text: Option<String>,
    /// CAMEO event code ("046") and its two-digit root ("04").
    pub event_code: String,
    pub event_root: String,
    pub goldstein: Option<f32>,
    pub quad_class: Option<u8>,
    pub plover_event: Option<String>,
    pub location: Option<LocationRecord>,
    /// The outlet and the article URL.
    pub outlet: Option<String>,
    pub url: Option<String>,
    pub issues: Vec<String>,
    /// The coder's provenance (`matched`), as JSON; `None` for imports.
    pub matched: Option<serde_json::Value>,
}

/// The ISO-3 country an actor code names, if its first segment is a country.
pub fn country_of_code(code: &str) -> Option<String> {
    if code.len() < 3 {
        return None;
    }
    let prefix = code.get(..3)?;
    tripwire_ontology::country(prefix).ok().map(|c| c.iso3.to_string())
}

/// The two-digit CAMEO root of an event code ("0461" → "04").
pub fn root_of(code: &str) -> String {
    code.get(..2).unwrap_or(code).to_string()
}

impl EventRecord {
    /// The record for an event the coder produced from `article`.
    pub fn from_coded(event: &Event, article: &Article) -> EventRecord {
        let sentence = article
            .text
            .chars()
            .skip(event.sentence_span[0])
            .take(event.sentence_span[1].saturating_sub(event.sentence_span[0]));
        EventRecord {
            origin: Origin::Tripwire,
            article_id: event.article_id.clone(),
            sentence_index: Some(event.sentence_index as u32),
            span: Some([event.span[0] as u32, event.span[1] as u32]),
            sentence: Some(sentence.collect()),
            date: event.date,
            source_country: country_of_code(&event.source_code),
            target_country: country_of_code(&event.target_code),
            source_code: event.source_code.clone(),
            target_code: event.target_code.clone(),
            source_text: event.source.as_ref().map(|a| a.text.clone()),
            target_text: event.target.as_ref().map(|a| a.text.clone()),
            event_root: root_of(&event.event_code),
            event_code: event.event_code.clone(),
            goldstein: event.goldstein,
            quad_class: event.quad_class,
            plover_event: event.plover_event.map(str::to_string),
            location: event.location.as_ref().map(|l| LocationRecord {
                name: l.place.name.clone(),
                country: l.place.country.clone(),
                lat: l.place.lat,
                lon: l.place.lon,
                precision: l.place.precision.as_str().to_string(),
                geonames_id: l.place.geonames_id,
            }),
            outlet: Some(article.source.clone()).filter(|s| !s.is_empty()),
            url: Some(article.url.clone()).filter(|s| !s.is_empty()),
            issues: event.issues.clone(),
            matched: serde_json::to_value(&event.matched).ok(),
        }
    }
}
