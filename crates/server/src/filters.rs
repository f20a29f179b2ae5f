//! The event filters of `tripwire events`, read from a query string — the same for the JSON API
//! and the dashboard's events table, so a page's URL is its API call — and written back into
//! one, for "next page" links and bookmarks.
//!
//! Every field is text and optional: an HTML form sends empty fields, which mean "no filter".
//! Each is checked here, so a bad value is a 400 that names the parameter.

use crate::error::ApiError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tripwire_store::read::{Cursor, PageQuery};
use tripwire_store::{EventFilter, Origin, View};
use utoipa::IntoParams;

/// The largest page the API and the dashboard hand out.
pub const MAX_SIZE: usize = 1_000;
/// Events per page when the request does not say.
pub const DEFAULT_SIZE: usize = 50;

/// Which events, as in `tripwire events`, and which page of them.
#[derive(Clone, Debug, Default, Deserialize, Serialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventParams {
    /// Directed dyad of ISO-3 countries, source-target (IRN-USA).
    pub dyad: Option<String>,
    /// With `dyad`, both directions (true/false).
    pub both: Option<String>,
    /// Actor code prefix on either side (IRN, IRNGOV, IGOUNO).
    pub actor: Option<String>,
    /// CAMEO event code prefix (046).
    pub code: Option<String>,
    /// CAMEO root code (04).
    pub root: Option<String>,
    /// QuadClass, 1-4.
    pub quad: Option<String>,
    /// First event date (YYYY-MM-DD), inclusive.
    pub from: Option<String>,
    /// Last event date (YYYY-MM-DD), inclusive.
    pub to: Option<String>,
    /// Outlet that reported it.
    pub source: Option<String>,
    /// Where events came from: tripwire, gdelt1, gdelt2, icews, phoenix.
    pub origin: Option<String>,
    /// Every raw mention instead of one row per deduplicated event (true/false).
    pub mentions: Option<String>,
    /// Latest events first (true/false).
    pub newest: Option<String>,
    /// The `next` cursor of the previous page.
    pub after: Option<String>,
    /// Events per page, 1 to 1000 (default 50).
    pub size: Option<String>,
}

/// A text parameter that is present and not blank.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

/// `true`, `1`, `on` (a checked checkbox) or `yes`; `false`, `0`, `off`, `no` or absent.
pub fn flag(name: &str, value: &Option<String>) -> Result<bool, ApiError> {
    match given(value).map(str::to_ascii_lowercase).as_deref() {
        None | Some("false" | "0" | "off" | "no") => Ok(false),
        Some("true" | "1" | "on" | "yes") => Ok(true),
        Some(_) => Err(ApiError::bad_request(format!("{name}: expected true or false"))),
    }
}

pub fn date(name: &str, value: &Option<String>) -> Result<Option<NaiveDate>, ApiError> {
    given(value)
        .map(|text| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| ApiError::bad_request(format!("{name}: {:?} is not a date (YYYY-MM-DD)", clip(text))))
        })
        .transpose()
}

/// `IRN-USA` → (`IRN`, `USA`), as `tripwire events --dyad` reads it.
pub fn directed_dyad(text: &str) -> Result<(String, String), ApiError> {
    let country = |c: &str| c.len() == 3 && c.chars().all(|ch| ch.is_ascii_alphabetic());
    match text.split_once('-') {
        Some((a, b)) if country(a) && country(b) => Ok((a.to_ascii_uppercase(), b.to_ascii_uppercase())),
        _ => Err(ApiError::bad_request(format!(
            "dyad {:?}: expected two ISO-3 country codes joined by '-', such as IRN-USA",
            clip(text)
        ))),
    }
}

/// A code-like parameter: letters and digits only, at most `max` of them.
fn code(name: &str, value: &Option<String>, max: usize, digits_only: bool) -> Result<Option<String>, ApiError> {
    let Some(text) = given(value) else { return Ok(None) };
    let fits = |c: char| if digits_only { c.is_ascii_digit() } else { c.is_ascii_alphanumeric() };
    if text.len() > max || !text.chars().all(fits) {
        let what = if digits_only { "digits" } else { "letters and digits" };
        return Err(ApiError::bad_request(format!("{name}: {:?} is not a code ({what}, at most {max})", clip(text))));
    }
    Ok(Some(text.to_ascii_uppercase()))
}

/// At most 40 characters of a rejected value, for a message that cannot be made huge.
pub fn clip(text: &str) -> String {
    text.chars().take(40).collect()
}

impl EventParams {
    pub fn filter(&self) -> Result<EventFilter, ApiError> {
        let quad = match given(&self.quad) {
            None => None,
            Some(text) => match text.parse::<u8>() {
                Ok(q @ 1..=4) => Some(q),
                _ => return Err(ApiError::bad_request(format!("quad: {:?} is not a QuadClass (1-4)", clip(text)))),
            },
        };
        let origin = match given(&self.origin) {
            None => None,
            Some(text) => Some(Origin::parse(text).ok_or_else(|| {
                ApiError::bad_request(format!(
                    "origin: {:?} is not one of tripwire, gdelt1, gdelt2, icews, phoenix",
                    clip(text)
                ))
            })?),
        };
        let root = code("root", &self.root, 2, true)?;
        if root.as_ref().is_some_and(|r| r.len() != 2) {
            return Err(ApiError::bad_request("root: a CAMEO root has two digits (04)"));
        }
        let outlet = given(&self.source).map(str::to_string);
        if outlet.as_ref().is_some_and(|o| o.len() > 200) {
            return Err(ApiError::bad_request("source: an outlet name of at most 200 bytes"));
        }
        Ok(EventFilter {
            dyad: given(&self.dyad).map(directed_dyad).transpose()?,
            both_directions: flag("both", &self.both)?,
            actor: code("actor", &self.actor, 32, false)?,
            event_code: code("code", &self.code, 4, true)?,
            event_root: root,
            quad_class: quad,
            from: date("from", &self.from)?,
            to: date("to", &self.to)?,
            outlet,
            origin,
            limit: None,
        })
    }

    pub fn view(&self) -> Result<View, ApiError> {
        Ok(if flag("mentions", &self.mentions)? { View::Mentions } else { View::Deduplicated })
    }

    pub fn size(&self) -> Result<usize, ApiError> {
        match given(&self.size) {
            None => Ok(DEFAULT_SIZE),
            Some(text) => match text.parse::<usize>() {
                Ok(n @ 1..=MAX_SIZE) => Ok(n),
                _ => Err(ApiError::bad_request(format!("size: {:?} is not a page size (1-{MAX_SIZE})", clip(text)))),
            },
        }
    }

    pub fn page_query(&self) -> Result<PageQuery, ApiError> {
        let after = given(&self.after)
            .map(|text| text.parse::<Cursor>().map_err(|e| ApiError::bad_request(format!("after: {e}"))))
            .transpose()?;
        Ok(PageQuery {
            filter: self.filter()?,
            view: self.view()?,
            newest_first: flag("newest", &self.newest)?,
            after,
            size: self.size()?,
        })
    }

    /// These parameters as a query string, blank ones left out, continued after `after`.
    pub fn query_string(&self, after: Option<Cursor>) -> String {
        let mut params = self.clone();
        params.after = after.map(|c| c.to_string());
        let pairs: Vec<(&str, &str)> =
            params.pairs().into_iter().filter_map(|(name, value)| given(value).map(|v| (name, v))).collect();
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    }

    fn pairs(&self) -> [(&'static str, &Option<String>); 14] {
        [
            ("dyad", &self.dyad),
            ("both", &self.both),
            ("actor", &self.actor),
            ("code", &self.code),
            ("root", &self.root),
            ("quad", &self.quad),
            ("from", &self.from),
            ("to", &self.to),
            ("source", &self.source),
            ("origin", &self.origin),
            ("mentions", &self.mentions),
            ("newest", &self.newest),
            ("after", &self.after),
            ("size", &self.size),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(pairs: &[(&str, &str)]) -> EventParams {
        let text = serde_urlencoded::to_string(pairs).unwrap();
        serde_urlencoded::from_str(&text).unwrap()
    }

    #[test]
    fn blank_fields_mean_no_filter_and_bad_ones_name_the_parameter() {
        let filter = params(&[("dyad", "irn-usa"), ("from", ""), ("both", "on"), ("quad", "4")]).filter().unwrap();
        assert_eq!(filter.dyad, Some(("IRN".into(), "USA".into())));
        assert!(filter.both_directions);
        assert_eq!(filter.from, None);
        assert_eq!(filter.quad_class, Some(4));
        for (name, value) in [("quad", "5"), ("from", "2020-13-01"), ("dyad", "IRN"), ("root", "4"), ("code", "04';")] {
            let error = params(&[(name, value)]).filter().unwrap_err();
            assert_eq!(error.status, axum::http::StatusCode::BAD_REQUEST);
            assert!(error.message.starts_with(name), "{name}: {}", error.message);
        }
        assert!(params(&[("size", "0")]).size().is_err());
        assert!(params(&[("after", "x")]).page_query().is_err());
    }

    #[test]
    fn query_strings_keep_given_fields_and_the_cursor() {
        let p = params(&[("dyad", "IRN-USA"), ("actor", ""), ("source", "a&b")]);
        assert_eq!(p.query_string(None), "dyad=IRN-USA&source=a%26b");
        let cursor: Cursor = "100.7".parse().unwrap();
        assert_eq!(p.query_string(Some(cursor)), "dyad=IRN-USA&source=a%26b&after=100.7");
    }
}
