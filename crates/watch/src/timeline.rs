//! What the report plots of a backtest over time: for the dyads with the most onsets in the test
//! period, their weekly material conflict, the alarms raised and the onsets that came, on one
//! time axis.
//!
//! MID onsets are the disputes' start days. A surge has no single day in the labels (it is a
//! count reached within a window), so its onsets are marked at the first origin of each run of
//! origins a surge followed.

use crate::backtest::{DyadHistory, Kind, Score};
use crate::load::Dyad;
use crate::truth::MidHistory;
use chrono::NaiveDate;

/// The horizon whose alarms are plotted, in days.
pub const HORIZON: u32 = 30;
/// How many dyads are plotted.
pub const TOP_DYADS: usize = 10;

/// One dyad over the test period.
#[derive(Clone, Debug, PartialEq)]
pub struct DyadTimeline {
    pub dyad: Dyad,
    /// Each week's start and its material-conflict mentions.
    pub weeks: Vec<(NaiveDate, f64)>,
    pub alarms: Vec<NaiveDate>,
    pub onsets: Vec<NaiveDate>,
}

/// The plotted dyads of one kind.
#[derive(Clone, Debug, PartialEq)]
pub struct KindTimeline {
    pub kind: Kind,
    pub horizon: u32,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Most onsets first; only dyads with at least one.
    pub dyads: Vec<DyadTimeline>,
}

/// The timelines of `score`'s test period for the `top` dyads with the most onsets.
pub fn build(histories: &[DyadHistory], score: &Score, mids: &MidHistory, top: usize) -> KindTimeline {
    let (from, to) = (score.split.test_from(), score.split.test_to);
    let mut dyads: Vec<DyadTimeline> = histories
        .iter()
        .enumerate()
        .map(|(index, history)| {
            let forecasts: Vec<_> = score.forecasts.iter().filter(|f| f.dyad == index).collect();
            let onsets = match score.kind {
                Kind::MidOnset => mids
                    .onsets()
                    .filter(|o| o.dyad == history.dyad && o.start >= from && o.start <= to)
                    .map(|o| o.start)
                    .collect(),
                Kind::Surge => {
                    let mut starts = Vec::new();
                    let mut previous = false;
                    for f in &forecasts {
                        if f.outcome && !previous {
                            starts.push(f.origin);
                        }
                        previous = f.outcome;
                    }
                    starts
                }
            };
            let weeks = history
                .signals
                .weekly()
                .into_iter()
                .filter(|w| w.week_start >= from && w.week_start <= to)
                .map(|w| (w.week_start, w.quads[3]))
                .collect();
            let alarms = forecasts.iter().filter(|f| f.alarm).map(|f| f.origin).collect();
            DyadTimeline { dyad: history.dyad.clone(), weeks, alarms, onsets }
        })
        .filter(|d| !d.onsets.is_empty())
        .collect();
    dyads.sort_by(|x, y| y.onsets.len().cmp(&x.onsets.len()).then_with(|| x.dyad.cmp(&y.dyad)));
    dyads.truncate(top);
    KindTimeline { kind: score.kind, horizon: score.horizon, from, to, dyads }
}
