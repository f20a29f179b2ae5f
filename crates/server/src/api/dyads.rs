//! A dyad's evidence: `GET /api/dyads/{dyad}/series` (the dense daily series, raw and
//! normalized by the day's volume), `.../changes` (CUSUM change points) and `.../forecast` (the
//! watch's probabilities with their history).

use super::model::{ChangeOut, DyadForecastOut, ForecastOut, SeriesDayOut, SeriesOut};
use crate::error::{ApiError, ErrorBody};
use crate::extract::{ApiPath, ApiQuery};
use crate::filters::{clip, date, directed_dyad, flag};
use crate::state::{volume_on, AppState};
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use tripwire_store::read::{DailySeriesQuery, SeriesScope};
use tripwire_watch::load::{dyad_signals, Dyad};
use utoipa::IntoParams;

/// Which part of a series.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SeriesParams {
    /// First day (YYYY-MM-DD) [default: the dyad's first event].
    pub from: Option<String>,
    /// Last day (YYYY-MM-DD) [default: the dyad's last event].
    pub to: Option<String>,
    /// Only source → target, as written in the path (default: both directions).
    pub directed: Option<String>,
}

/// `CHN-JPN` as an undirected dyad of two different countries.
pub fn undirected(text: &str) -> Result<Dyad, ApiError> {
    Dyad::parse(text).ok_or_else(|| {
        ApiError::bad_request(format!(
            "dyad {:?}: expected two different ISO-3 countries joined by '-', such as CHN-JPN",
            clip(text)
        ))
    })
}

/// The dense daily series of a dyad.
#[utoipa::path(get, path = "/api/dyads/{dyad}/series", tag = "dyads",
    params(("dyad" = String, Path, description = "Two ISO-3 countries, source-target (IRN-USA)"), SeriesParams),
    responses((status = 200, body = SeriesOut), (status = 400, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn series(
    State(state): State<AppState>,
    ApiPath(dyad): ApiPath<String>,
    ApiQuery(params): ApiQuery<SeriesParams>,
) -> Result<Json<SeriesOut>, ApiError> {
    Ok(Json(series_of(&state, &dyad, &params).await?))
}

pub async fn series_of(state: &AppState, dyad: &str, params: &SeriesParams) -> Result<SeriesOut, ApiError> {
    let (source, target) = directed_dyad(dyad)?;
    let directed = flag("directed", &params.directed)?;
    let (from, to) = (date("from", &params.from)?, date("to", &params.to)?);
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(ApiError::bad_request("from: after to"));
        }
    }
    let name = format!("{source}-{target}");
    let scope = if directed {
        SeriesScope::Directed { source, target }
    } else {
        SeriesScope::Undirected { a: source, b: target }
    };
    let state2 = state.clone();
    let (series, volume) = state
        .read(move |reader| {
            let series = reader.daily_series(&DailySeriesQuery { scope, from, to })?;
            let volume = state2.volume().get(reader)?;
            Ok((series, volume))
        })
        .await?;
    let days = series
        .days
        .iter()
        .map(|d| SeriesDayOut::of(d, volume.as_deref().map_or(0, |v| volume_on(v, d.date))))
        .collect();
    Ok(SeriesOut { dyad: name, directed, from: series.from, to: series.to, days })
}

/// The change points in the weekly Goldstein mean of a dyad (both directions).
#[utoipa::path(get, path = "/api/dyads/{dyad}/changes", tag = "dyads",
    params(("dyad" = String, Path, description = "Two ISO-3 countries (CHN-JPN)")),
    responses((status = 200, body = Vec<ChangeOut>), (status = 400, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn changes(
    State(state): State<AppState>,
    ApiPath(dyad): ApiPath<String>,
) -> Result<Json<Vec<ChangeOut>>, ApiError> {
    Ok(Json(changes_of(&state, &undirected(&dyad)?).await?))
}

pub async fn changes_of(state: &AppState, dyad: &Dyad) -> Result<Vec<ChangeOut>, ApiError> {
    let (state2, dyad) = (state.clone(), dyad.clone());
    state
        .read(move |reader| {
            let Some(volume) = state2.volume().get(reader)? else { return Ok(Vec::new()) };
            let signals = dyad_signals(reader, &dyad, &volume)?;
            let changes = tripwire_watch::changes::detect(&signals.weekly(), &Default::default());
            Ok(changes.iter().map(ChangeOut::from).collect())
        })
        .await
}

/// How many days of probability history a forecast carries.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ForecastParams {
    /// Days of history, 1 to 3650 (default 365).
    pub days: Option<String>,
}

/// The watch's forecast for a dyad and its daily history under the fitted models; 503 while the
/// watch is fitting, 404 when the dyad is not watched.
#[utoipa::path(get, path = "/api/dyads/{dyad}/forecast", tag = "watch",
    params(("dyad" = String, Path, description = "Two ISO-3 countries (CHN-JPN)"), ForecastParams),
    responses((status = 200, body = DyadForecastOut), (status = 404, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn forecast(
    State(state): State<AppState>,
    ApiPath(dyad): ApiPath<String>,
    ApiQuery(params): ApiQuery<ForecastParams>,
) -> Result<Json<DyadForecastOut>, ApiError> {
    let days = match params.days.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => 365,
        Some(text) => match text.parse::<usize>() {
            Ok(n @ 1..=3650) => n,
            _ => return Err(ApiError::bad_request(format!("days: {:?} is not 1-3650", clip(text)))),
        },
    };
    let dyad = undirected(&dyad)?;
    let results = state.watch().results()?;
    let found = results
        .forecast(&dyad)
        .ok_or_else(|| ApiError::not_found(format!("{dyad} is not among the dyads the watch follows")))?;
    Ok(Json(DyadForecastOut {
        forecast: ForecastOut::of(found, &results.thresholds()),
        history: results.history(&dyad, days),
    }))
}
