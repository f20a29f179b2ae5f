//! The backtest page (`/backtest`): per kind and horizon, the forecast's scores beside its
//! baselines, and its reliability curve (drawn, and as a table).

use super::{page, waiting_status};
use crate::state::AppState;
use axum::extract::State;
use axum::response::Response;
use serde_json::json;

fn fixed(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_string(), |v| format!("{v:.3}"))
}

pub async fn backtest(State(state): State<AppState>) -> Response {
    let render = async {
        let mut context = json!({"title": "Backtest"});
        match state.watch().backtest() {
            Ok(scores) => {
                let shown: Vec<serde_json::Value> = scores
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        json!({
                            "id": format!("score-{i}"),
                            "kind": s.kind.name(), "horizon": s.horizon, "dyads": s.dyads,
                            "fit": format!("{} to {}", s.split.fit_from, s.split.fit_to),
                            "test": format!("{} to {}", s.split.test_from(), s.split.test_to),
                            "test_examples": s.test_examples, "test_onsets": s.test_onsets,
                            "base_rate": fixed(Some(s.base_rate)), "brier": fixed(Some(s.brier)),
                            "auc": fixed(s.auc), "aupr": fixed(s.aupr),
                            "hit_rate": fixed(s.hit_rate), "false_alarm_rate": fixed(s.false_alarm_rate),
                            "naive_hit_rate": fixed(s.naive_hit_rate), "naive_false_alarm_rate": fixed(s.naive_false_alarm_rate),
                            "versus": s.versus.iter().map(|v| json!({
                                "baseline": v.baseline, "brier": fixed(Some(v.brier)), "auc": fixed(v.auc),
                                "skill": fixed(v.skill),
                                "interval": v.interval.map(|(lo, hi)| format!("{lo:+.3} to {hi:+.3}")).unwrap_or_default(),
                            })).collect::<Vec<_>>(),
                            "reliability": s.reliability.iter().map(|b| json!({
                                "range": format!("{:.2}–{:.2}", b.low, b.high), "count": b.count,
                                "forecast": format!("{:.3}", b.mean_forecast), "observed": format!("{:.3}", b.observed_rate),
                            })).collect::<Vec<_>>(),
                            "curve": {
                                "forecast": s.reliability.iter().map(|b| b.mean_forecast).collect::<Vec<_>>(),
                                "observed": s.reliability.iter().map(|b| b.observed_rate).collect::<Vec<_>>(),
                            },
                        })
                    })
                    .collect();
                context["scores"] = json!(shown);
            }
            Err(error) => {
                context["waiting"] = json!(waiting_status(&error).unwrap_or(error.message));
                context["refresh"] = json!(matches!(state.watch().backtest_state(), crate::watch_cache::Fit::Running));
            }
        }
        state.templates().render("backtest.html", context)
    };
    page(&state, render).await
}
