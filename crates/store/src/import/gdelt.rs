//! GDELT event exports: 1.0 (57 columns, 58 with SOURCEURL) and 2.0 (61 columns), rows laid out
//! as the GDELT event codebooks say, one event per tab-separated line.

use super::{
    fips, is_event_code, optional_number, outlet_of_url, plover_of, shorten, split_tabs, ImportReport, RowParser,
};
use crate::{EventRecord, LocationRecord, Origin};
use chrono::NaiveDate;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Version {
    One,
    Two,
}

/// Column positions shared by both versions (they differ only after AvgTone).
pub(crate) mod column {
    pub const GLOBALEVENTID: usize = 0;
    pub const SQLDATE: usize = 1;
    pub const ACTOR1_CODE: usize = 5;
    pub const ACTOR1_NAME: usize = 6;
    pub const ACTOR1_COUNTRY: usize = 7;
    pub const ACTOR2_CODE: usize = 15;
    pub const ACTOR2_NAME: usize = 16;
    pub const ACTOR2_COUNTRY: usize = 17;
    pub const EVENT_CODE: usize = 26;
    pub const EVENT_ROOT_CODE: usize = 28;
    pub const QUAD_CLASS: usize = 29;
    pub const GOLDSTEIN: usize = 30;
    /// ActionGeo_Type: GDELT 2.0 has an ADM2 column in each geography block, 1.0 does not.
    pub const ACTION_GEO_V1: usize = 49;
    pub const ACTION_GEO_V2: usize = 51;
}

/// GDELT's geography resolution (`*Geo_Type`) and the precision names the store uses.
pub(crate) const GEO_TYPES: [(u8, &str); 5] =
    [(1, "country"), (2, "us-state"), (3, "us-city"), (4, "city"), (5, "region")];

pub(crate) fn precision_of_geo_type(geo_type: u8) -> Option<&'static str> {
    GEO_TYPES.iter().find(|(t, _)| *t == geo_type).map(|(_, name)| *name)
}

/// The GDELT geography type for a stored precision; anything finer than a region is a city.
pub(crate) fn geo_type_of_precision(precision: &str) -> u8 {
    match precision {
        "admin" | "state" | "province" => 5,
        _ => GEO_TYPES.iter().find(|(_, name)| *name == precision).map(|(t, _)| *t).unwrap_or(4),
    }
}

pub struct GdeltParser {
    version: Version,
}

impl GdeltParser {
    pub fn new(version: Version) -> GdeltParser {
        GdeltParser { version }
    }
}

impl RowParser for GdeltParser {
    fn parse(&mut self, line: &str, _: u64, _: &mut ImportReport) -> Result<EventRecord, String> {
        let fields = split_tabs(line);
        parse_row(&fields, self.version)
    }
}

/// One GDELT row as a record. Errors name the column that is wrong.
pub fn parse_row(fields: &[&str], version: Version) -> Result<EventRecord, String> {
    let (action_geo, url_column) = match version {
        Version::Two if fields.len() == 61 => (column::ACTION_GEO_V2, Some(60)),
        Version::Two => return Err(format!("{} columns; a GDELT 2.0 event row has 61", fields.len())),
        Version::One if fields.len() == 58 => (column::ACTION_GEO_V1, Some(57)),
        Version::One if fields.len() == 57 => (column::ACTION_GEO_V1, None),
        Version::One => return Err(format!("{} columns; a GDELT 1.0 event row has 57 or 58", fields.len())),
    };
    let field = |index: usize| fields[index].trim();
    let id = field(column::GLOBALEVENTID);
    if id.is_empty() {
        return Err("empty GLOBALEVENTID".to_string());
    }
    let date = parse_sqldate(field(column::SQLDATE))?;
    let event_code = field(column::EVENT_CODE);
    if !is_event_code(event_code) {
        return Err(format!("bad EventCode '{}'", shorten(event_code)));
    }
    let event_root = match field(column::EVENT_ROOT_CODE) {
        "" => crate::record::root_of(event_code),
        root if is_event_code(root) => root.to_string(),
        root => return Err(format!("bad EventRootCode '{}'", shorten(root))),
    };
    let quad_class = optional_number::<u8>(field(column::QUAD_CLASS), "QuadClass")?;
    if quad_class.is_some_and(|q| !(1..=4).contains(&q)) {
        return Err(format!("bad QuadClass '{}'", field(column::QUAD_CLASS)));
    }
    let goldstein = optional_number::<f32>(field(column::GOLDSTEIN), "GoldsteinScale")?;
    if goldstein.is_some_and(|g| !(-10.0..=10.0).contains(&g)) {
        return Err(format!("GoldsteinScale {} outside -10…10", field(column::GOLDSTEIN)));
    }
    let location = parse_geo(fields, action_geo, version)?;
    let url = url_column.map(field).filter(|u| !u.is_empty()).map(str::to_string);
    Ok(EventRecord {
        origin: match version {
            Version::One => Origin::Gdelt1,
            Version::Two => Origin::Gdelt2,
        },
        article_id: id.to_string(),
        sentence_index: None,
        span: None,
        sentence: None,
        date,
        source_code: field(column::ACTOR1_CODE).to_string(),
        target_code: field(column::ACTOR2_CODE).to_string(),
        source_country: actor_country(field(column::ACTOR1_COUNTRY)),
        target_country: actor_country(field(column::ACTOR2_COUNTRY)),
        source_text: non_empty(field(column::ACTOR1_NAME)),
        target_text: non_empty(field(column::ACTOR2_NAME)),
        plover_event: plover_of(event_code),
        event_code: event_code.to_string(),
        event_root,
        goldstein,
        quad_class,
        location,
        outlet: url.as_deref().and_then(outlet_of_url),
        url,
        issues: Vec::new(),
        matched: None,
    })
}

/// SQLDATE is `YYYYMMDD`.
pub fn parse_sqldate(text: &str) -> Result<NaiveDate, String> {
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(date) = NaiveDate::parse_from_str(text, "%Y%m%d") {
            return Ok(date);
        }
    }
    Err(format!("bad SQLDATE '{}' (want YYYYMMDD)", shorten(text)))
}

/// GDELT's actor country columns hold CAMEO country codes; CAMEO's own aliases become ISO-3,
/// regions and anything unknown are kept as written.
fn actor_country(code: &str) -> Option<String> {
    if code.is_empty() {
        return None;
    }
    Some(tripwire_ontology::country(code).map(|c| c.iso3.to_string()).unwrap_or_else(|_| code.to_string()))
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_string())
}

/// The ActionGeo block: type, full name, country (FIPS), ADM1, [ADM2,] lat, long, feature id.
fn parse_geo(fields: &[&str], start: usize, version: Version) -> Result<Option<LocationRecord>, String> {
    let field = |offset: usize| fields[start + offset].trim();
    let geo_type = optional_number::<u8>(field(0), "ActionGeo_Type")?.unwrap_or(0);
    if geo_type == 0 {
        return Ok(None);
    }
    let precision = precision_of_geo_type(geo_type).ok_or_else(|| format!("bad ActionGeo_Type '{geo_type}'"))?;
    let lat_offset = match version {
        Version::One => 4,
        Version::Two => 5,
    };
    let lat = optional_number::<f64>(field(lat_offset), "ActionGeo_Lat")?;
    let lon = optional_number::<f64>(field(lat_offset + 1), "ActionGeo_Long")?;
    if lat.is_some_and(|v| !(-90.0..=90.0).contains(&v)) || lon.is_some_and(|v| !(-180.0..=180.0).contains(&v)) {
        return Err("ActionGeo_Lat/Long outside the globe".to_string());
    }
    Ok(Some(LocationRecord {
        name: field(1).to_string(),
        country: fips::geo_country_to_iso3(field(2)),
        lat,
        lon,
        precision: precision.to_string(),
        // GDELT's feature ids are GNS/GNIS ids, not GeoNames ids.
        geonames_id: None,
    }))
}
