//! How much one coded event pushes a dyad toward coercion or toward negotiation.
//!
//! The push starts from the event's Goldstein score, negated so that conflict pushes up
//! (shelling, −10, pushes +10 toward coercion; an agreement, +8, pushes 8 toward negotiation),
//! and is then scaled by what kind of act it is, each factor named in the evidence:
//! - words (QuadClass 1 and 3: statements, demands, threats, consultations) count half of deeds
//!   (QuadClass 2 and 4: aid, concessions, mobilization, force), because saying costs less
//!   than doing;
//! - a third party's mediation counts in full: both sides have accepted a channel, which is
//!   more than either side's words;
//! - demands, criticism and rejections (CAMEO roots 10–12) between two parties that also talk in
//!   the same article are positions taken at the table, and count half again; threats (13) and
//!   ultimatums are not discounted;
//! - what the sentence dates before the article (see [`super::background`]) counts a quarter.
//!
//! Hypothetical and negated acts do not count as facts: the coder drops "did not fire" and turns
//! "would attack" into a threat (CAMEO 13), which counts as words; a deed it still codes that the
//! sentence tells as possible, conditional or denied ([`super::modality`]) counts nothing.

use super::modality::unfactual;
use serde::Serialize;
use tripwire_store::EventRecord;

/// Words count this much of a deed.
pub const WORDS: f64 = 0.5;
/// Positions taken at the table count this much of other words.
pub const AT_THE_TABLE: f64 = 0.5;
/// Background counts this much of news.
pub const BACKGROUND: f64 = 0.25;

/// Which way an event pushes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lean {
    TowardCoercion,
    TowardNegotiation,
    Neither,
}

impl Lean {
    pub fn of(push: f64) -> Lean {
        if push > 0.0 {
            Lean::TowardCoercion
        } else if push < 0.0 {
            Lean::TowardNegotiation
        } else {
            Lean::Neither
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Lean::TowardCoercion => "toward coercion",
            Lean::TowardNegotiation => "toward negotiation",
            Lean::Neither => "neither way",
        }
    }
}

/// How an event relates to the dyad it is weighed for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Between the two countries.
    Between,
    /// One of them acting with no foreign target (mobilizing, refusing, promising).
    OneSided,
    /// A third country mediating with one of them.
    Mediation,
}

/// An event's push on a dyad and the factors behind it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Weight {
    /// Positive toward coercion, negative toward negotiation, in Goldstein points.
    pub push: f64,
    pub lean: Lean,
    pub factors: Vec<&'static str>,
}

/// CAMEO roots of demands, disapproval and rejection: bargaining positions when the two sides
/// are also talking.
fn is_position(root: &str) -> bool {
    matches!(root, "10" | "11" | "12")
}

/// Whether an event is the dyad's two sides talking: consultation, diplomatic cooperation,
/// mediation or a stated intention to cooperate (CAMEO 03–05, QuadClass 1).
pub fn is_talk(record: &EventRecord) -> bool {
    record.quad_class == Some(1) && matches!(record.event_root.as_str(), "03" | "04" | "05")
}

/// The weight of `record` on a dyad it relates to as `role`; `talking` when the dyad's sides
/// talk in the same article, `background` when its sentence dates it before the article.
pub fn weigh(record: &EventRecord, role: Role, talking: bool, background: bool) -> Weight {
    let Some(goldstein) = record.goldstein else {
        return Weight { push: 0.0, lean: Lean::Neither, factors: vec!["no Goldstein score"] };
    };
    if let Some(reading) = unfactual(record) {
        return Weight { push: 0.0, lean: Lean::Neither, factors: vec![reading.describe()] };
    }
    let mut push = -f64::from(goldstein);
    let mut factors = Vec::new();
    if role == Role::Mediation {
        factors.push("third-party mediation, counted in full");
    } else if matches!(record.quad_class, Some(1 | 3)) {
        push *= WORDS;
        factors.push("words");
        if talking && is_position(&record.event_root) {
            push *= AT_THE_TABLE;
            factors.push("a position taken at the table");
        }
    } else {
        factors.push("deed");
    }
    if role == Role::OneSided {
        factors.push("one-sided");
    }
    if background {
        push *= BACKGROUND;
        factors.push("background (dated before the article)");
    }
    Weight { push, lean: Lean::of(push), factors }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::government_event;
    use chrono::NaiveDate;

    fn event(code: &str, goldstein: f32, quad: u8) -> EventRecord {
        government_event(0, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), ("IND", "PAK"), code, goldstein, quad)
    }

    #[test]
    fn deeds_outweigh_words_and_background_fades() {
        let shelling = weigh(&event("194", -10.0, 4), Role::Between, false, false);
        assert_eq!((shelling.push, shelling.lean), (10.0, Lean::TowardCoercion));
        let threat = weigh(&event("138", -7.0, 3), Role::Between, true, false);
        assert_eq!(threat.push, 3.5, "a threat is not a bargaining position");
        let old = weigh(&event("194", -10.0, 4), Role::Between, false, true);
        assert_eq!(old.push, 2.5);
        assert!(old.factors.iter().any(|f| f.starts_with("background")));
    }

    #[test]
    fn talks_mediation_and_positions_at_the_table() {
        let talks = weigh(&event("046", 7.0, 1), Role::Between, true, false);
        assert_eq!((talks.push, talks.lean), (-3.5, Lean::TowardNegotiation));
        let mediation = weigh(&event("045", 5.0, 1), Role::Mediation, true, false);
        assert_eq!(mediation.push, -5.0);
        let demand = weigh(&event("1056", -5.0, 3), Role::Between, true, false);
        assert_eq!(demand.push, 1.25);
        let demand_alone = weigh(&event("1056", -5.0, 3), Role::Between, false, false);
        assert_eq!(demand_alone.push, 2.5);
        let unscored = EventRecord { goldstein: None, ..event("999", 0.0, 0) };
        assert_eq!(weigh(&unscored, Role::Between, false, false).lean, Lean::Neither);
    }

    #[test]
    fn a_deed_told_as_possible_counts_nothing() {
        let mut blockade = event("191", -9.5, 4);
        blockade.sentence = Some("China could blockade Taiwan, analysts said.".into());
        blockade.matched = Some(serde_json::json!({ "verb_text": "blockade" }));
        let weight = weigh(&blockade, Role::Between, false, false);
        assert_eq!((weight.push, weight.lean), (0.0, Lean::Neither));
        assert_eq!(weight.factors, vec!["told as possible, not as fact"]);
        blockade.sentence = Some("China imposed a blockade on Taiwan.".into());
        assert_eq!(weigh(&blockade, Role::Between, false, false).push, 9.5);
    }
}
