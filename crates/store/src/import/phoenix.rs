//! Phoenix and POLECAT event files, the Open Event Data Alliance's public datasets.
//!
//! Phoenix: the OEDA daily TSV (26 columns, no header: EventID, Date, Year, Month, Day, four
//! columns per actor, EventCode, EventRootCode, QuadClass, GoldsteinScore, Issues, Lat, Lon,
//! LocationName, StateName, CountryCode, SentenceID, URLs, NewsSources) and, by header, the Cline
//! Center historical Phoenix files (`eid`, `story_date`, `source`, `target`, `code`, …).
//! POLECAT: tab-separated files with a header, PLOVER event types, actors by name and ISO-3
//! country; columns are found by name.

use super::names::Resolver;
use super::{is_event_code, optional_number, outlet_of_url, plover_of, shorten, split_tabs, ImportReport, RowParser};
use crate::record::{country_of_code, root_of};
use crate::{EventRecord, LocationRecord, Origin};
use chrono::NaiveDate;
use tripwire_ontology::PloverEvent;

/// Phoenix dates: `YYYYMMDD`, `YYYY-MM-DD` or the Cline Center's `MM/DD/YYYY`.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    ["%Y%m%d", "%Y-%m-%d", "%m/%d/%Y"].iter().find_map(|format| NaiveDate::parse_from_str(text, format).ok())
}

/// Finds each wanted column by any of its names; `None` for optional columns not present.
fn locate(names: &[&str], wanted: &[&[&str]]) -> Vec<Option<usize>> {
    wanted
        .iter()
        .map(|aliases| names.iter().position(|name| aliases.iter().any(|alias| name.eq_ignore_ascii_case(alias))))
        .collect()
}

// Phoenix column roles, in the order of `PHOENIX_ALIASES`.
const P_ID: usize = 0;
const P_DATE: usize = 1;
const P_SOURCE: usize = 2;
const P_TARGET: usize = 3;
const P_CODE: usize = 4;
const P_ROOT: usize = 5;
const P_QUAD: usize = 6;
const P_GOLDSTEIN: usize = 7;
const P_ISSUES: usize = 8;
const P_LAT: usize = 9;
const P_LON: usize = 10;
const P_PLACE: usize = 11;
const P_COUNTRY: usize = 12;
const P_SENTENCE: usize = 13;
const P_URLS: usize = 14;
const P_SOURCES: usize = 15;
/// Roles that must be present.
const P_REQUIRED: [usize; 5] = [P_ID, P_DATE, P_SOURCE, P_TARGET, P_CODE];

const PHOENIX_ALIASES: [&[&str]; 16] = [
    &["EventID", "eid"],
    &["Date", "story_date"],
    &["SourceActorFull", "source"],
    &["TargetActorFull", "target"],
    &["EventCode", "code"],
    &["EventRootCode", "root_code"],
    &["QuadClass", "quad_class"],
    &["GoldsteinScore", "goldstein"],
    &["Issues", "joined_issues"],
    &["Lat"],
    &["Lon"],
    &["LocationName", "placename"],
    &["CountryCode", "countryname"],
    &["SentenceID"],
    &["URLs"],
    &["NewsSources"],
];

/// The OEDA layout's positions for the roles above.
const OEDA_POSITIONS: [usize; 16] = [0, 1, 5, 9, 13, 14, 15, 16, 17, 18, 19, 20, 22, 23, 24, 25];

pub struct PhoenixParser {
    positions: Vec<Option<usize>>,
    width: usize,
}

impl PhoenixParser {
    pub fn new(header: Option<&str>) -> Result<PhoenixParser, &'static str> {
        match header {
            Some(header) => {
                let names: Vec<&str> = header.split('\t').map(str::trim).collect();
                let positions = locate(&names, &PHOENIX_ALIASES);
                if let Some(&missing) = P_REQUIRED.iter().find(|&&role| positions[role].is_none()) {
                    return Err(PHOENIX_ALIASES[missing][0]);
                }
                Ok(PhoenixParser { positions, width: names.len() })
            }
            None => Ok(PhoenixParser { positions: OEDA_POSITIONS.iter().map(|&p| Some(p)).collect(), width: 26 }),
        }
    }
}

impl RowParser for PhoenixParser {
    fn parse(&mut self, line: &str, _: u64, _: &mut ImportReport) -> Result<EventRecord, String> {
        let fields = split_tabs(line);
        if fields.len() != self.width {
            return Err(format!("{} columns; expected {}", fields.len(), self.width));
        }
        let field = |role: usize| self.positions[role].map(|p| fields[p].trim()).unwrap_or("");
        let id = field(P_ID);
        if id.is_empty() {
            return Err("empty event id".to_string());
        }
        let date = parse_date(field(P_DATE)).ok_or_else(|| format!("bad date '{}'", shorten(field(P_DATE))))?;
        let code = field(P_CODE);
        if !is_event_code(code) {
            return Err(format!("bad event code '{}'", shorten(code)));
        }
        // Phoenix writes 0 for neutral statements; the store's QuadClass is 1…4.
        let quad_class = optional_number::<u8>(field(P_QUAD), "QuadClass")?.filter(|q| (1..=4).contains(q));
        let goldstein = optional_number::<f32>(field(P_GOLDSTEIN), "GoldsteinScore")?;
        let lat = optional_number::<f64>(field(P_LAT), "Lat")?;
        let lon = optional_number::<f64>(field(P_LON), "Lon")?;
        let place = field(P_PLACE);
        let country = field(P_COUNTRY);
        let url = field(P_URLS).split([';', ',', ' ']).find(|u| !u.is_empty()).map(str::to_string);
        let outlet = field(P_SOURCES).split(';').map(str::trim).find(|s| !s.is_empty()).map(str::to_string);
        let source = field(P_SOURCE);
        let target = field(P_TARGET);
        Ok(EventRecord {
            origin: Origin::Phoenix,
            article_id: id.to_string(),
            sentence_index: optional_number::<u32>(field(P_SENTENCE), "SentenceID").ok().flatten(),
            span: None,
            sentence: None,
            date,
            source_code: source.to_string(),
            target_code: target.to_string(),
            source_country: country_of_code(source),
            target_country: country_of_code(target),
            source_text: None,
            target_text: None,
            event_code: code.to_string(),
            event_root: Some(field(P_ROOT))
                .filter(|r| is_event_code(r))
                .map(str::to_string)
                .unwrap_or_else(|| root_of(code)),
            goldstein,
            quad_class,
            plover_event: plover_of(code),
            location: (lat.is_some() || !place.is_empty()).then(|| LocationRecord {
                name: place.to_string(),
                country: country.to_string(),
                lat,
                lon,
                precision: "city".to_string(),
                geonames_id: None,
            }),
            outlet: outlet.or_else(|| url.as_deref().and_then(outlet_of_url)),
            url,
            issues: field(P_ISSUES).split(';').map(str::trim).filter(|i| !i.is_empty()).map(str::to_string).collect(),
            matched: None,
        })
    }
}

// POLECAT column roles, in the order of `POLECAT_ALIASES`.
const Q_ID: usize = 0;
const Q_DATE: usize = 1;
const Q_TYPE: usize = 2;
const Q_ACTOR: usize = 3;
const Q_ACTOR_COUNTRY: usize = 4;
const Q_ACTOR_SECTOR: usize = 5;
const Q_RECIPIENT: usize = 6;
const Q_RECIPIENT_COUNTRY: usize = 7;
const Q_RECIPIENT_SECTOR: usize = 8;
const Q_INTENSITY: usize = 9;
const Q_QUAD: usize = 10;
const Q_PLACE: usize = 11;
const Q_COUNTRY: usize = 12;
const Q_LAT: usize = 13;
const Q_LON: usize = 14;
const Q_GEONAMES: usize = 15;
const Q_SOURCE: usize = 16;
const Q_CONTEXTS: usize = 17;
const Q_REQUIRED: [usize; 7] = [Q_ID, Q_DATE, Q_TYPE, Q_ACTOR, Q_ACTOR_COUNTRY, Q_RECIPIENT, Q_RECIPIENT_COUNTRY];

const POLECAT_ALIASES: [&[&str]; 18] = [
    &["Event ID"],
    &["Event Date"],
    &["Event Type"],
    &["Actor Name"],
    &["Actor Country"],
    &["Primary Actor Sector"],
    &["Recipient Name"],
    &["Recipient Country"],
    &["Primary Recipient Sector"],
    &["Intensity"],
    &["Quad Code"],
    &["Placename"],
    &["Country"],
    &["Lat", "Latitude"],
    &["Lon", "Longitude"],
    &["GeoNames ID"],
    &["Source", "Publisher"],
    &["Contexts"],
];

pub struct PolecatParser {
    resolver: &'static Resolver,
    positions: Vec<Option<usize>>,
    width: usize,
}

impl PolecatParser {
    pub fn new(resolver: &'static Resolver, header: Option<&str>) -> Result<PolecatParser, &'static str> {
        let header = header.ok_or(POLECAT_ALIASES[Q_ID][0])?;
        let names: Vec<&str> = header.split('\t').map(str::trim).collect();
        let positions = locate(&names, &POLECAT_ALIASES);
        if let Some(&missing) = Q_REQUIRED.iter().find(|&&role| positions[role].is_none()) {
            return Err(POLECAT_ALIASES[missing][0]);
        }
        Ok(PolecatParser { resolver, positions, width: names.len() })
    }
}

/// The CAMEO code standing for a PLOVER type: its root-level code where it has one, else its
/// first code. PLOVER is coarser than CAMEO, so this is an approximation, flagged in `issues`.
fn cameo_for(plover: PloverEvent) -> Option<&'static str> {
    let codes = tripwire_ontology::cameo_for_plover(plover);
    codes.iter().find(|t| t.code.len() == 2).or(codes.first()).map(|t| t.code)
}

impl RowParser for PolecatParser {
    fn parse(&mut self, line: &str, _: u64, report: &mut ImportReport) -> Result<EventRecord, String> {
        let fields = split_tabs(line);
        if fields.len() != self.width {
            return Err(format!("{} columns; the header has {}", fields.len(), self.width));
        }
        let field = |role: usize| self.positions[role].map(|p| fields[p].trim()).unwrap_or("");
        let id = field(Q_ID);
        if id.is_empty() {
            return Err("empty Event ID".to_string());
        }
        let date_text = field(Q_DATE);
        let date = parse_date(date_text.get(..10).unwrap_or(date_text))
            .ok_or_else(|| format!("bad Event Date '{}'", shorten(date_text)))?;
        let event_type = field(Q_TYPE);
        let plover = PloverEvent::ALL.into_iter().find(|p| p.as_str().eq_ignore_ascii_case(event_type));
        report.event_names += 1;
        let plover = plover.ok_or_else(|| format!("unknown PLOVER Event Type '{}'", shorten(event_type)))?;
        let code = cameo_for(plover).ok_or_else(|| format!("no CAMEO code for PLOVER type {}", plover.as_str()))?;
        report.event_names_resolved += 1;
        let mut actors = Vec::with_capacity(2);
        for (name, country, sector) in [
            (field(Q_ACTOR), field(Q_ACTOR_COUNTRY), field(Q_ACTOR_SECTOR)),
            (field(Q_RECIPIENT), field(Q_RECIPIENT_COUNTRY), field(Q_RECIPIENT_SECTOR)),
        ] {
            let iso3 = tripwire_ontology::country(country)
                .map(|c| c.iso3.to_string())
                .ok()
                .or_else(|| self.resolver.country(country).map(str::to_string));
            let agent = self.resolver.sector(sector).unwrap_or("");
            if !name.is_empty() || !country.is_empty() {
                report.actor_mentions += 1;
                report.actors_with_country += u64::from(iso3.is_some());
                report.actors_coded += u64::from(iso3.is_some() || !agent.is_empty());
            }
            let code = format!("{}{agent}", iso3.as_deref().unwrap_or(""));
            actors.push((code, iso3, Some(name.to_string()).filter(|n| !n.is_empty())));
        }
        let [(source_code, source_country, source_text), (target_code, target_country, target_text)]: [_; 2] =
            actors.try_into().map_err(|_| "internal: two actors expected".to_string())?;
        let event_type_entry = tripwire_ontology::event_type(code).ok();
        let intensity = optional_number::<f32>(field(Q_INTENSITY), "Intensity")?;
        let quad_class = optional_number::<u8>(field(Q_QUAD), "Quad Code")
            .ok()
            .flatten()
            .filter(|q| (1..=4).contains(q))
            .or(event_type_entry.map(|t| t.quad_class.number()));
        let lat = optional_number::<f64>(field(Q_LAT), "Lat")?;
        let lon = optional_number::<f64>(field(Q_LON), "Lon")?;
        let place = field(Q_PLACE);
        let mut issues = vec![format!("event code approximated from PLOVER type {}", plover.as_str())];
        issues.extend(
            field(Q_CONTEXTS)
                .split([';', ','])
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(|c| format!("context: {c}")),
        );
        Ok(EventRecord {
            origin: Origin::Phoenix,
            article_id: id.to_string(),
            sentence_index: None,
            span: None,
            sentence: None,
            date,
            source_code,
            target_code,
            source_country,
            target_country,
            source_text,
            target_text,
            event_code: code.to_string(),
            event_root: root_of(code),
            goldstein: intensity.or(event_type_entry.map(|t| t.goldstein)),
            quad_class,
            plover_event: Some(plover.as_str().to_string()),
            location: (lat.is_some() || !place.is_empty()).then(|| LocationRecord {
                name: place.to_string(),
                country: self
                    .resolver
                    .country(field(Q_COUNTRY))
                    .map(str::to_string)
                    .unwrap_or_else(|| field(Q_COUNTRY).to_string()),
                lat,
                lon,
                precision: "city".to_string(),
                geonames_id: field(Q_GEONAMES).parse().ok(),
            }),
            outlet: Some(field(Q_SOURCE).to_string()).filter(|s| !s.is_empty()),
            url: None,
            issues,
            matched: None,
        })
    }
}
