//! Scores of probability forecasts against outcomes: Brier score and skill, empirical ROC AUC,
//! area under the precision–recall curve (average precision), reliability bins, hit and
//! false-alarm rates, and a bootstrap over origin days for the skill scores.

use serde::Serialize;

/// Mean squared difference between forecast and outcome.
pub fn brier(forecasts: &[f64], outcomes: &[bool]) -> f64 {
    let n = forecasts.len().max(1) as f64;
    forecasts.iter().zip(outcomes).map(|(p, &y)| (p - f64::from(u8::from(y))).powi(2)).sum::<f64>() / n
}

/// `1 − Brier(model) / Brier(reference)`; `None` when the reference is perfect.
pub fn skill(model: f64, reference: f64) -> Option<f64> {
    (reference > 0.0).then(|| 1.0 - model / reference)
}

/// The empirical ROC AUC: the probability that a random positive outranks a random negative,
/// ties counting half (the Mann–Whitney statistic; no smoothing). `None` without both classes.
pub fn roc_auc(forecasts: &[f64], outcomes: &[bool]) -> Option<f64> {
    let mut order: Vec<usize> = (0..forecasts.len()).collect();
    order.sort_by(|&i, &j| forecasts[i].total_cmp(&forecasts[j]));
    let positives = outcomes.iter().filter(|&&y| y).count() as f64;
    let negatives = outcomes.len() as f64 - positives;
    if positives == 0.0 || negatives == 0.0 {
        return None;
    }
    // Sum of the positives' mid-ranks.
    let mut rank_sum = 0.0;
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && forecasts[order[j + 1]] == forecasts[order[i]] {
            j += 1;
        }
        let mid_rank = (i + j) as f64 / 2.0 + 1.0;
        rank_sum += order[i..=j].iter().filter(|&&k| outcomes[k]).count() as f64 * mid_rank;
        i = j + 1;
    }
    Some((rank_sum - positives * (positives + 1.0) / 2.0) / (positives * negatives))
}

/// Average precision: the precision at each positive, forecasts taken in decreasing order,
/// tied forecasts as one threshold. `None` without positives.
pub fn average_precision(forecasts: &[f64], outcomes: &[bool]) -> Option<f64> {
    let mut order: Vec<usize> = (0..forecasts.len()).collect();
    order.sort_by(|&i, &j| forecasts[j].total_cmp(&forecasts[i]));
    let positives = outcomes.iter().filter(|&&y| y).count() as f64;
    if positives == 0.0 {
        return None;
    }
    let (mut seen, mut hits, mut area) = (0.0, 0.0, 0.0);
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && forecasts[order[j + 1]] == forecasts[order[i]] {
            j += 1;
        }
        let new_hits = order[i..=j].iter().filter(|&&k| outcomes[k]).count() as f64;
        seen += (j - i + 1) as f64;
        hits += new_hits;
        area += new_hits / positives * (hits / seen);
        i = j + 1;
    }
    Some(area)
}

/// One reliability bin: the forecasts from `low` to `high`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bin {
    pub low: f64,
    pub high: f64,
    pub count: usize,
    pub mean_forecast: f64,
    pub observed_rate: f64,
}

/// Forecasts grouped into at most `bins` bins of about equal count, in order of forecast; equal
/// forecasts stay in one bin. Equal-width bins would put nearly every forecast of a rare event
/// (onset rates of a few in a thousand) into the first bin and say nothing about calibration
/// where the forecasts are.
pub fn reliability(forecasts: &[f64], outcomes: &[bool], bins: usize) -> Vec<Bin> {
    let mut pairs: Vec<(f64, bool)> = forecasts.iter().copied().zip(outcomes.iter().copied()).collect();
    pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let per_bin = pairs.len().div_ceil(bins.max(1)).max(1);
    let mut found = Vec::new();
    let mut start = 0;
    while start < pairs.len() {
        let mut end = (start + per_bin).min(pairs.len());
        while end < pairs.len() && pairs[end].0 == pairs[end - 1].0 {
            end += 1;
        }
        let group = &pairs[start..end];
        let count = group.len();
        found.push(Bin {
            low: group[0].0,
            high: group[count - 1].0,
            count,
            mean_forecast: group.iter().map(|p| p.0).sum::<f64>() / count as f64,
            observed_rate: group.iter().filter(|p| p.1).count() as f64 / count as f64,
        });
        start = end;
    }
    found
}

/// Hits over positives and false alarms over negatives when alarming at `alarms`.
pub fn hit_and_false_alarm_rates(alarms: &[bool], outcomes: &[bool]) -> (Option<f64>, Option<f64>) {
    let count =
        |alarm: bool, outcome: bool| alarms.iter().zip(outcomes).filter(|(&a, &y)| a == alarm && y == outcome).count();
    let (hits, misses) = (count(true, true), count(false, true));
    let (false_alarms, quiet) = (count(true, false), count(false, false));
    let rate = |x: usize, y: usize| (x + y > 0).then(|| x as f64 / (x + y) as f64);
    (rate(hits, misses), rate(false_alarms, quiet))
}

/// A reproducible generator (SplitMix64) for the bootstrap.
struct SplitMix(u64);

impl SplitMix {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        (z % n as u64) as usize
    }
}

/// A 95% percentile interval of the Brier skill of `model` over `reference`, resampling origin
/// days (all dyads of a day together, since they share that day's news) with replacement.
/// `groups[i]` is the origin-day index of forecast `i`.
pub fn skill_interval(
    model: &[f64],
    reference: &[f64],
    outcomes: &[bool],
    groups: &[usize],
    resamples: usize,
) -> Option<(f64, f64)> {
    let days = groups.iter().copied().max()? + 1;
    // Per day: sums of squared errors of each forecast.
    let mut per_day = vec![(0.0, 0.0); days];
    for (((m, r), &y), &g) in model.iter().zip(reference).zip(outcomes).zip(groups) {
        let y = f64::from(u8::from(y));
        per_day[g].0 += (m - y).powi(2);
        per_day[g].1 += (r - y).powi(2);
    }
    let mut random = SplitMix(0x7472_6970);
    let mut skills = Vec::with_capacity(resamples);
    for _ in 0..resamples {
        let (mut m, mut r) = (0.0, 0.0);
        for _ in 0..days {
            let (dm, dr) = per_day[random.below(days)];
            m += dm;
            r += dr;
        }
        if let Some(s) = skill(m, r) {
            skills.push(s);
        }
    }
    if skills.is_empty() {
        return None;
    }
    skills.sort_by(f64::total_cmp);
    let at = |q: f64| skills[((skills.len() - 1) as f64 * q).round() as usize];
    Some((at(0.025), at(0.975)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brier_and_skill() {
        assert_eq!(brier(&[1.0, 0.0], &[true, false]), 0.0);
        assert_eq!(brier(&[0.5, 0.5], &[true, false]), 0.25);
        assert_eq!(skill(0.1, 0.2), Some(0.5));
        assert_eq!(skill(0.1, 0.0), None);
    }

    #[test]
    fn auc_counts_ties_half_and_matches_a_hand_count() {
        assert_eq!(roc_auc(&[0.1, 0.9], &[false, true]), Some(1.0));
        assert_eq!(roc_auc(&[0.5, 0.5], &[false, true]), Some(0.5));
        // Positives at 0.8 and 0.4, negatives at 0.6, 0.4, 0.2: pairs won 3 + 1.5 of 6.
        let auc = roc_auc(&[0.8, 0.4, 0.6, 0.4, 0.2], &[true, true, false, false, false]).unwrap();
        assert!((auc - 4.5 / 6.0).abs() < 1e-12, "{auc}");
        assert_eq!(roc_auc(&[0.3], &[true]), None);
    }

    #[test]
    fn average_precision_by_hand() {
        // Ranked: + - + -: precision 1 at the first positive, 2/3 at the second.
        let ap = average_precision(&[0.9, 0.8, 0.7, 0.1], &[true, false, true, false]).unwrap();
        assert!((ap - (1.0 + 2.0 / 3.0) / 2.0).abs() < 1e-12);
        // Everything tied: the base rate.
        assert_eq!(average_precision(&[0.5; 4], &[true, false, false, false]), Some(0.25));
    }

    #[test]
    fn reliability_bins_rates_and_intervals() {
        let bins = reliability(&[0.95, 0.05, 1.0, 0.07], &[true, false, true, true], 2);
        assert_eq!(bins.len(), 2);
        assert_eq!((bins[0].count, bins[0].observed_rate, bins[0].low, bins[0].high), (2, 0.5, 0.05, 0.07));
        assert_eq!((bins[1].count, bins[1].low, bins[1].observed_rate), (2, 0.95, 1.0));
        // Equal forecasts are never split between bins, and every forecast is in one.
        let tied = reliability(&[0.1, 0.1, 0.1, 0.2, 0.3], &[false; 5], 4);
        assert_eq!(tied.iter().map(|b| b.count).collect::<Vec<_>>(), vec![3, 2]);
        let (hit, false_alarm) = hit_and_false_alarm_rates(&[true, false, true, false], &[true, true, false, false]);
        assert_eq!((hit, false_alarm), (Some(0.5), Some(0.5)));
        // A model better on every day has an interval above zero.
        let outcomes = [true, false, true, false, false, true];
        let model = [0.9, 0.1, 0.8, 0.2, 0.1, 0.7];
        let (low, high) = skill_interval(&model, &[0.5; 6], &outcomes, &[0, 0, 1, 1, 2, 2], 200).unwrap();
        assert!(low > 0.0 && high <= 1.0 && low <= high, "{low} {high}");
    }
}
