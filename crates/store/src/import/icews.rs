//! ICEWS coded event data in its two public layouts: the Dataverse files (20 named columns, with
//! sectors, countries and CAMEO codes) and the `date source event target` files that name
//! actors and events in words. Names become codes through [`Resolver`].

use super::names::{ResolvedActor, Resolver};
use super::{is_event_code, optional_number, plover_of, shorten, split_tabs, ImportReport, RowParser};
use crate::record::{country_of_code, root_of};
use crate::{EventRecord, LocationRecord, Origin};
use chrono::NaiveDate;
use std::collections::HashMap;

/// ICEWS dates are `YYYY-MM-DD`; `YYYYMMDD` and `YYYY/MM/DD` are accepted too.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    ["%Y-%m-%d", "%Y%m%d", "%Y/%m/%d"].iter().find_map(|format| NaiveDate::parse_from_str(text, format).ok())
}

fn empty_record(article_id: String, date: NaiveDate) -> EventRecord {
    EventRecord {
        origin: Origin::Icews,
        article_id,
        sentence_index: None,
        span: None,
        sentence: None,
        date,
        source_code: String::new(),
        target_code: String::new(),
        source_country: None,
        target_country: None,
        source_text: None,
        target_text: None,
        event_code: String::new(),
        event_root: String::new(),
        goldstein: None,
        quad_class: None,
        plover_event: None,
        location: None,
        outlet: None,
        url: None,
        issues: Vec::new(),
        matched: None,
    }
}

/// Fills code, root, Goldstein, QuadClass and PLOVER from a CAMEO code.
fn set_event(record: &mut EventRecord, code: &str) {
    record.event_code = code.to_string();
    record.event_root = root_of(code);
    if let Ok(event_type) = tripwire_ontology::event_type(code) {
        record.goldstein = Some(event_type.goldstein);
        record.quad_class = Some(event_type.quad_class.number());
    }
    record.plover_event = plover_of(code);
}

fn count_actor(report: &mut ImportReport, actor: &ResolvedActor) {
    report.actor_mentions += 1;
    report.actors_coded += u64::from(!actor.code.is_empty());
    report.actors_with_country += u64::from(actor.country.is_some());
    if actor.names_sector {
        report.sector_mentions += 1;
        report.sector_mentions_with_country += u64::from(actor.country.is_some());
    }
}

/// `date source event target`, as in the ICEWS subsets the forecasting literature uses.
///
/// These files carry no event ids, so a row is identified by its content: its `article_id` is
/// [`content_id`] of the date and the three names, with `:2`, `:3` … added for the second and
/// later rows of the same content in one file. A copy of a file under another name, or a file
/// that overlaps one already imported, gives the same ids, and the store keeps each row once.
pub struct NamesParser {
    resolver: &'static Resolver,
    /// Resolution is pure in (name, date) and names repeat a lot: a small cache pays.
    cache: HashMap<(String, NaiveDate), ResolvedActor>,
    /// How many rows of each content this file has had so far.
    occurrences: HashMap<u128, u32>,
}

/// The id of a row identified by its content: `content:` and the xxh3-128 of its fields (the
/// date as `YYYY-MM-DD`, the names as written, trimmed) joined by tabs, in hex; the `n`th row of
/// the same content in one file (from 2 on) adds `:n`.
pub fn content_id(date: NaiveDate, fields: &[&str], occurrence: u32) -> String {
    content_id_of(content_hash(date, fields), occurrence)
}

fn content_hash(date: NaiveDate, fields: &[&str]) -> u128 {
    let mut content = date.format("%Y-%m-%d").to_string();
    for field in fields {
        content.push('\t');
        content.push_str(field.trim());
    }
    xxhash_rust::xxh3::xxh3_128(content.as_bytes())
}

fn content_id_of(hash: u128, occurrence: u32) -> String {
    match occurrence {
        0 | 1 => format!("content:{hash:032x}"),
        n => format!("content:{hash:032x}:{n}"),
    }
}

impl NamesParser {
    pub fn new(resolver: &'static Resolver) -> NamesParser {
        NamesParser { resolver, cache: HashMap::new(), occurrences: HashMap::new() }
    }

    fn resolve(&mut self, name: &str, date: NaiveDate) -> ResolvedActor {
        if self.cache.len() > 200_000 {
            self.cache.clear();
        }
        let resolver = self.resolver;
        self.cache.entry((name.to_string(), date)).or_insert_with(|| resolver.actor(name, date)).clone()
    }
}

impl RowParser for NamesParser {
    fn parse(&mut self, line: &str, _: u64, report: &mut ImportReport) -> Result<EventRecord, String> {
        let fields = split_tabs(line);
        if fields.len() != 4 {
            return Err(format!("{} columns; this layout has 4 (date, source, event, target)", fields.len()));
        }
        let date =
            parse_date(fields[0]).ok_or_else(|| format!("bad date '{}' (want YYYY-MM-DD)", shorten(fields[0])))?;
        let event_name = fields[2].trim();
        if event_name.is_empty() {
            return Err("empty event name".to_string());
        }
        let hash = content_hash(date, &fields[1..]);
        let occurrence = self.occurrences.entry(hash).or_insert(0);
        *occurrence += 1;
        let mut record = empty_record(content_id_of(hash, *occurrence), date);
        for (position, name) in [(0, fields[1].trim()), (1, fields[3].trim())] {
            if name.is_empty() {
                continue;
            }
            let actor = self.resolve(name, date);
            count_actor(report, &actor);
            let (code, country, text) = match position {
                0 => (&mut record.source_code, &mut record.source_country, &mut record.source_text),
                _ => (&mut record.target_code, &mut record.target_country, &mut record.target_text),
            };
            *code = actor.code;
            *country = actor.country;
            *text = Some(name.to_string());
        }
        report.event_names += 1;
        match self.resolver.event(event_name) {
            Some(code) => {
                report.event_names_resolved += 1;
                set_event(&mut record, code);
            }
            None => record.issues.push(format!("unresolved event name: {event_name}")),
        }
        Ok(record)
    }
}

/// The Dataverse layout's columns, by header name.
const DATAVERSE_COLUMNS: [&str; 20] = [
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
];

/// The ICEWS Dataverse files: one event per row with its CAMEO code, actors by name, sector list
/// and country, and the story's publisher and place.
pub struct DataverseParser {
    resolver: &'static Resolver,
    /// Where each of [`DATAVERSE_COLUMNS`] is in this file.
    positions: [usize; 20],
    width: usize,
}

impl DataverseParser {
    /// Columns are found by header name; without a header the published order is assumed.
    /// Errors with the name of a missing column.
    pub fn new(resolver: &'static Resolver, header: Option<&str>) -> Result<DataverseParser, &'static str> {
        let mut positions = [0usize; 20];
        let width = match header {
            Some(header) => {
                let names: Vec<&str> = header.split('\t').map(str::trim).collect();
                for (slot, wanted) in positions.iter_mut().zip(DATAVERSE_COLUMNS) {
                    *slot = names.iter().position(|name| name.eq_ignore_ascii_case(wanted)).ok_or(wanted)?;
                }
                names.len()
            }
            None => {
                for (index, slot) in positions.iter_mut().enumerate() {
                    *slot = index;
                }
                DATAVERSE_COLUMNS.len()
            }
        };
        Ok(DataverseParser { resolver, positions, width })
    }

    /// Actor from name, sector list and country columns. The country column is authoritative;
    /// the first sector that maps to a CAMEO agent qualifies it.
    fn actor(&self, name: &str, sectors: &str, country: &str, date: NaiveDate) -> ResolvedActor {
        let by_name = self.resolver.actor(name, date);
        let iso3 = self.resolver.country(country).map(str::to_string).or(by_name.country.clone());
        let agent = sectors.split(',').find_map(|sector| self.resolver.sector(sector));
        match (&iso3, agent) {
            _ if !by_name.code.is_empty() && by_name.country == iso3 => by_name,
            (Some(iso3), agent) => ResolvedActor {
                code: format!("{iso3}{}", agent.unwrap_or("")),
                country: Some(iso3.clone()),
                names_sector: false,
            },
            (None, _) if !by_name.code.is_empty() => by_name,
            (None, agent) => {
                ResolvedActor { code: agent.unwrap_or("").to_string(), country: None, names_sector: false }
            }
        }
    }
}

impl RowParser for DataverseParser {
    fn parse(&mut self, line: &str, _: u64, report: &mut ImportReport) -> Result<EventRecord, String> {
        let fields = split_tabs(line);
        if fields.len() != self.width {
            return Err(format!("{} columns; the header has {}", fields.len(), self.width));
        }
        let field = |column: usize| fields[self.positions[column]].trim();
        let id = field(0);
        if id.is_empty() {
            return Err("empty Event ID".to_string());
        }
        let date = parse_date(field(1)).ok_or_else(|| format!("bad Event Date '{}'", shorten(field(1))))?;
        let mut record = empty_record(id.to_string(), date);
        for (position, (name, sectors, country)) in
            [(0, (field(2), field(3), field(4))), (1, (field(8), field(9), field(10)))]
        {
            if name.is_empty() && country.is_empty() {
                continue;
            }
            let actor = self.actor(name, sectors, country, date);
            count_actor(report, &actor);
            let (code, country_slot, text) = match position {
                0 => (&mut record.source_code, &mut record.source_country, &mut record.source_text),
                _ => (&mut record.target_code, &mut record.target_country, &mut record.target_text),
            };
            *code = actor.code;
            *country_slot = actor.country.or_else(|| country_of_code(code));
            *text = Some(name.to_string()).filter(|n| !n.is_empty());
        }
        let code = event_code(field(6), field(5), self.resolver, report)?;
        set_event(&mut record, &code);
        // ICEWS intensity is its own Goldstein-like score; it replaces the codebook value.
        if let Some(intensity) = optional_number::<f32>(field(7), "Intensity")? {
            record.goldstein = Some(intensity);
        }
        record.sentence_index = optional_number::<u32>(field(12), "Sentence Number")?;
        record.outlet = Some(field(13).to_string()).filter(|p| !p.is_empty());
        record.location = location(
            [field(14), field(15), field(16), field(17)],
            optional_number(field(18), "Latitude")?,
            optional_number(field(19), "Longitude")?,
            self.resolver,
        );
        Ok(record)
    }
}

/// Dataverse files sometimes lose the leading zero of codes 010…099 ("43" for "043"); the event
/// text decides between the two readings.
fn event_code(raw: &str, text: &str, resolver: &Resolver, report: &mut ImportReport) -> Result<String, String> {
    let by_name = (!text.is_empty()).then(|| resolver.event(text)).flatten();
    if !text.is_empty() {
        report.event_names += 1;
        report.event_names_resolved += u64::from(by_name.is_some());
    }
    if raw.is_empty() {
        return by_name.map(str::to_string).ok_or_else(|| "no CAMEO Code and an unknown Event Text".to_string());
    }
    if !raw.bytes().all(|b| b.is_ascii_digit()) || raw.len() > 4 {
        return Err(format!("bad CAMEO Code '{}'", shorten(raw)));
    }
    let padded = format!("0{raw}");
    if let Some(name_code) = by_name {
        if name_code == raw || name_code == padded {
            return Ok(name_code.to_string());
        }
    }
    if is_event_code(raw) && tripwire_ontology::event_type(raw).is_ok() {
        return Ok(raw.to_string());
    }
    if is_event_code(&padded) && tripwire_ontology::event_type(&padded).is_ok() {
        return Ok(padded);
    }
    Err(format!("CAMEO Code '{raw}' is not in the CAMEO codebook"))
}

fn location(names: [&str; 4], lat: Option<f64>, lon: Option<f64>, resolver: &Resolver) -> Option<LocationRecord> {
    let [city, district, province, country] = names;
    if city.is_empty() && district.is_empty() && province.is_empty() && country.is_empty() && lat.is_none() {
        return None;
    }
    let precision = if !city.is_empty() {
        "city"
    } else if !district.is_empty() || !province.is_empty() {
        "region"
    } else {
        "country"
    };
    let name =
        [city, district, province, country].into_iter().filter(|part| !part.is_empty()).collect::<Vec<_>>().join(", ");
    Some(LocationRecord {
        name,
        country: resolver.country(country).map(str::to_string).unwrap_or_else(|| country.to_string()),
        lat,
        lon,
        precision: precision.to_string(),
        geonames_id: None,
    })
}
