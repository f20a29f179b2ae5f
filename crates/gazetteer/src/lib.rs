//! The place gazetteer: which place a piece of news text names, so that the coder can say where an
//! event happened.
//!
//! A [`Gazetteer`] holds countries and cities from GeoNames (every city of 15,000 people or more,
//! and every national capital; see `data/gazetteer/README.md` for source and license). Each is a
//! [`Place`] with a [`Precision`]: a city has coordinates, a country has none, so a country named
//! in the text is never turned into a guessed point.
//!
//! [`Gazetteer::match_at`] finds the longest place name starting at a token of upper-cased text
//! and [`Gazetteer::match_location_phrase`] also reads "northern Syria" or "the south of
//! Lebanon" as the country. Each returns a [`PlaceMatch`]: the place and how many tokens named it.
//! [`Gazetteer::lookup`] finds every place a name can mean, best reading first.
//!
//! When a name fits several places, a country comes first, then a national capital (unless
//! another candidate is more than ten times as populous), then a place whose own name it is before
//! one that lists it as an alternate spelling, then the more populous. `preferred.tsv` overrides
//! this for names that world news reads otherwise ("Odessa" is in Ukraine) and adds English names
//! the source lacks ("Cologne", "Mecca"). Names in `not-places.txt`, which after "in" or "at" are
//! far more often ordinary English ("in March", "at the summit"), are never matched in text.

mod error;
mod index;
mod names;
mod tsv;

pub use error::GazetteerError;

use index::{Candidate, FastMap, IndexBuilder, NameIndex};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::OnceLock;

/// How exactly a [`Place`] locates an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A city or town, with coordinates.
    City,
    /// A region within a country. The shipped data holds none yet.
    Region,
    /// A whole country, without coordinates.
    Country,
}

impl Precision {
    /// The name it is written with in JSON and exports: `city`, `region`, `country`.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::City => "city",
            Precision::Region => "region",
            Precision::Country => "country",
        }
    }
}

/// A place an event can happen in.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Place {
    pub name: String,
    /// ISO 3166-1 alpha-3 code of the country the place is in (or is).
    pub country: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub precision: Precision,
    pub geonames_id: Option<u32>,
    pub population: u64,
}

/// A place named in text, and how many tokens from the start position named it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaceMatch<'g> {
    pub len: usize,
    pub place: &'g Place,
}

/// The text of the four data files a gazetteer is built from.
#[derive(Clone, Copy, Debug)]
pub struct Sources<'a> {
    /// `countries.tsv`
    pub countries: &'a str,
    /// `cities.tsv`
    pub cities: &'a str,
    /// `preferred.tsv`; may be empty.
    pub preferred: &'a str,
    /// `not-places.txt`; may be empty.
    pub not_places: &'a str,
}

const FILE_NAMES: [&str; 4] = ["countries.tsv", "cities.tsv", "preferred.tsv", "not-places.txt"];

/// Shipped with the crate, so that a built binary needs no data directory at run time.
const SHIPPED: Sources<'static> = Sources {
    countries: include_str!("../../../data/gazetteer/countries.tsv"),
    cities: include_str!("../../../data/gazetteer/cities.tsv"),
    preferred: include_str!("../../../data/gazetteer/preferred.tsv"),
    not_places: include_str!("../../../data/gazetteer/not-places.txt"),
};

/// Countries and cities, indexed by name.
pub struct Gazetteer {
    /// Countries first, then cities in file order.
    places: Vec<Place>,
    index: NameIndex,
    countries: FastMap<String, u32>,
    capitals: FastMap<String, u32>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("countries", &self.countries.len())
            .field("cities", &self.city_count())
            .field("names", &self.index.len())
            .finish()
    }
}

impl Gazetteer {
    /// The gazetteer shipped in `data/gazetteer/`, parsed on first use.
    pub fn shipped() -> Result<&'static Gazetteer, GazetteerError> {
        static SHIPPED_GAZETTEER: OnceLock<Result<Gazetteer, GazetteerError>> = OnceLock::new();
        SHIPPED_GAZETTEER.get_or_init(|| Gazetteer::from_sources(&SHIPPED)).as_ref().map_err(Clone::clone)
    }

    /// Reads a gazetteer from a directory laid out like `data/gazetteer/`. `preferred.tsv` and
    /// `not-places.txt` may be absent.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Gazetteer, GazetteerError> {
        let dir = dir.as_ref();
        let mut texts = Vec::with_capacity(FILE_NAMES.len());
        for (i, name) in FILE_NAMES.iter().enumerate() {
            let path = dir.join(name);
            let optional = i >= 2;
            match std::fs::read_to_string(&path) {
                Ok(text) => texts.push(text),
                Err(e) if optional && e.kind() == std::io::ErrorKind::NotFound => texts.push(String::new()),
                Err(e) => return Err(GazetteerError::Read { file: path.display().to_string(), reason: e.to_string() }),
            }
        }
        let sources = Sources { countries: &texts[0], cities: &texts[1], preferred: &texts[2], not_places: &texts[3] };
        let labels = FILE_NAMES.map(|name| dir.join(name).display().to_string());
        Gazetteer::build(&sources, &labels.each_ref().map(String::as_str))
    }

    /// Builds a gazetteer from the text of its data files. Errors name the file by its usual name.
    pub fn from_sources(sources: &Sources) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::build(sources, &FILE_NAMES)
    }

    fn build(sources: &Sources, labels: &[&str; 4]) -> Result<Gazetteer, GazetteerError> {
        let country_rows = tsv::parse_countries(labels[0], sources.countries)?;
        let city_rows = tsv::parse_cities(labels[1], sources.cities)?;
        let preferred_rows = if sources.preferred.trim().is_empty() {
            Vec::new()
        } else {
            tsv::parse_preferred(labels[2], sources.preferred)?
        };

        let place_count = country_rows.len() + city_rows.len();
        if u32::try_from(place_count).is_err() {
            return Err(GazetteerError::row(labels[1], place_count, "more places than the index can number"));
        }
        let mut places = Vec::with_capacity(place_count);
        let mut is_capital = Vec::with_capacity(place_count);
        // Room for each place's name and plain-letter spelling and each alternate, with their keys.
        let alternates = sources.cities.bytes().filter(|&b| b == b'|').count();
        let mut names = IndexBuilder::with_capacity(2 * place_count + 2 * alternates, sources.cities.len());
        let mut countries = FastMap::default();
        // Fits: place_count was checked above.
        let next_id = |places: &Vec<Place>| places.len() as u32;

        for row in &country_rows {
            let id = next_id(&places);
            if countries.insert(row.iso3.to_string(), id).is_some() {
                return Err(GazetteerError::row(labels[0], row.line, format!("{} appears twice", row.iso3)));
            }
            places.push(Place {
                name: row.name.to_string(),
                country: row.iso3.to_string(),
                lat: None,
                lon: None,
                precision: Precision::Country,
                geonames_id: Some(row.geonameid),
                population: row.population,
            });
            is_capital.push(false);
            let country = Candidate { place: id, own_name: true };
            names.add_name(row.name, country);
            for alias in row.aliases.split('|').filter(|a| !a.is_empty()) {
                names.add_name(alias, country);
            }
        }

        let mut city_by_geonameid = FastMap::default();
        city_by_geonameid.reserve(city_rows.len());
        for row in &city_rows {
            let Some(&country) = countries.get(row.country) else {
                return Err(GazetteerError::row(
                    labels[1],
                    row.line,
                    format!("country {} is not in countries", row.country),
                ));
            };
            let id = next_id(&places);
            if city_by_geonameid.insert(row.geonameid, id).is_some() {
                return Err(GazetteerError::row(
                    labels[1],
                    row.line,
                    format!("geonameid {} appears twice", row.geonameid),
                ));
            }
            places.push(Place {
                name: row.name.to_string(),
                country: places[country as usize].country.clone(),
                lat: Some(row.lat),
                lon: Some(row.lon),
                precision: Precision::City,
                geonames_id: Some(row.geonameid),
                population: row.population,
            });
            is_capital.push(row.is_capital);
            let own = Candidate { place: id, own_name: true };
            names.add_name(row.name, own);
            if row.ascii_name != row.name {
                names.add_name(row.ascii_name, own);
            }
            let other = Candidate { place: id, own_name: false };
            for alternate in row.alternates.split('|').filter(|a| !a.is_empty()) {
                names.add_name(alternate, other);
            }
        }

        let mut capitals = FastMap::default();
        for row in &country_rows {
            if let Some(geonameid) = row.capital_geonameid {
                let Some(&city) = city_by_geonameid.get(&geonameid) else {
                    return Err(GazetteerError::row(
                        labels[0],
                        row.line,
                        format!("capital {geonameid} is not in cities"),
                    ));
                };
                capitals.insert(row.iso3.to_string(), city);
            }
        }

        let mut preferred = FastMap::default();
        for row in &preferred_rows {
            let Some(&city) = city_by_geonameid.get(&row.geonameid) else {
                return Err(GazetteerError::row(
                    labels[2],
                    row.line,
                    format!("geonameid {} is not in cities", row.geonameid),
                ));
            };
            names.add_name(row.name, Candidate { place: city, own_name: false });
            preferred.insert(names::key_of(row.name), city);
        }
        let mut index = names.finish(&places, &is_capital, &preferred);
        for name in tsv::parse_name_list(sources.not_places) {
            index.exclude_from_text(&names::key_of(name), &places);
        }
        Ok(Gazetteer { places, index, countries, capitals })
    }

    /// Every place, countries first.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// How many cities the gazetteer holds.
    pub fn city_count(&self) -> usize {
        self.places.iter().filter(|p| p.precision == Precision::City).count()
    }

    /// The country with this ISO 3166-1 alpha-3 code.
    pub fn country(&self, iso3: &str) -> Option<&Place> {
        self.countries.get(iso3).map(|&i| &self.places[i as usize])
    }

    /// The capital city of the country with this ISO 3166-1 alpha-3 code, if the source has it.
    pub fn capital_of(&self, iso3: &str) -> Option<&Place> {
        self.capitals.get(iso3).map(|&i| &self.places[i as usize])
    }

    /// Every place `name` can mean, best reading first; case and accents as in the name. Unlike
    /// [`Gazetteer::match_at`], this also finds names kept out of text matching ("Reading").
    pub fn lookup(&self, name: &str) -> Vec<&Place> {
        self.index
            .get(&names::key_of(name))
            .map(|names| names.candidates().map(|c| &self.places[c.place as usize]).collect())
            .unwrap_or_default()
    }

    /// The longest place name that starts at `words[i]`: a country name gives the country, a city
    /// name the best-ranked city of that name. `words` are the text's tokens, as the coder
    /// upper-cases them; another case works too. `None` past the end of `words`.
    pub fn match_at(&self, words: &[&str], i: usize) -> Option<PlaceMatch<'_>> {
        self.longest_match(words, i, |_| true)
    }

    /// Like [`Gazetteer::match_at`], and also reads a part of a country as the country: "northern
    /// Syria", "south-east Turkey", "the south of Lebanon" give the country with `Precision::Country`.
    /// A direction before a city name ("southern Gaza") matches nothing, since the part of a
    /// city's surroundings it means is not that city. A leading "the" is read over.
    pub fn match_location_phrase(&self, words: &[&str], i: usize) -> Option<PlaceMatch<'_>> {
        let article = usize::from(words.get(i).is_some_and(|w| w.eq_ignore_ascii_case("THE")));
        let start = i + article;
        let direct = self.match_at(words, start);
        let first = words.get(start)?;

        let mut directional = None;
        if names::is_direction_adjective(first) {
            directional = self.country_at(words, start + 1).map(|m| PlaceMatch { len: m.len + 1, ..m });
        }
        if directional.is_none()
            && names::is_direction_noun(first)
            && words.get(start + 1).is_some_and(|w| w.eq_ignore_ascii_case("OF"))
        {
            let inner_article = usize::from(words.get(start + 2).is_some_and(|w| w.eq_ignore_ascii_case("THE")));
            directional = self
                .country_at(words, start + 2 + inner_article)
                .map(|m| PlaceMatch { len: m.len + 2 + inner_article, ..m });
        }

        let best = match (direct, directional) {
            (Some(d), Some(r)) if r.len > d.len => Some(r),
            (Some(d), _) => Some(d),
            (None, r) => r,
        };
        best.map(|m| PlaceMatch { len: m.len + article, ..m })
    }

    fn country_at(&self, words: &[&str], i: usize) -> Option<PlaceMatch<'_>> {
        self.longest_match(words, i, |place| place.precision == Precision::Country)
    }

    fn longest_match(&self, words: &[&str], i: usize, accept: impl Fn(&Place) -> bool) -> Option<PlaceMatch<'_>> {
        let mut key = String::new();
        // `ends[n]` is where the key of words[i..=i + n] ends.
        let mut ends = Vec::new();
        let mut tokens = 0;
        for word in words.get(i..)? {
            if !names::can_continue_name(word) || tokens >= self.index.longest_key {
                break;
            }
            tokens += names::push_key_tokens(word, &mut key);
            ends.push(key.len());
        }
        for (n, &end) in ends.iter().enumerate().rev() {
            let Some(names) = self.index.get(&key[..end]) else { continue };
            if !names.matchable() {
                continue;
            }
            let place = &self.places[names.best()?.place as usize];
            if accept(place) {
                return Some(PlaceMatch { len: n + 1, place });
            }
        }
        None
    }
}
