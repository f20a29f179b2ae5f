//! The brief of one article: its events sentence by sentence, the dyads it involves, what the
//! store says of each, and a verdict — `countdown`, `false alarm` or `unclear` — with the
//! evidence that decided it.
//!
//! The caller codes the article (the watch knows no coder) and passes its events as store
//! records ([`EventRecord::from_coded`](tripwire_store::EventRecord::from_coded)), so the
//! command line and the server brief alike. How the verdict is reached is in `docs/watch.md`:
//! each event pushes its dyad toward coercion or negotiation by its Goldstein score, scaled by
//! the kind of act ([`weigh`]) and by whether the sentence is background ([`background`]); the
//! store's history ([`history`]) adds a bounded push; the verdict needs a margin and a lead.

pub mod background;
pub mod history;
pub mod modality;
pub mod weigh;

use crate::alarms::{forecasts, DyadForecast, Watch};
use crate::load::Dyad;
use crate::WatchError;
use chrono::NaiveDate;
use history::Trend;
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};
use tripwire_store::{EventRecord, Reader};
use weigh::{is_talk, weigh, Role, Weight};

/// The net push, in Goldstein points, a verdict other than `unclear` needs: a third of a
/// shelling, or a threat of force and a demand.
pub const DECISIVE_MARGIN: f64 = 3.0;
/// How many times the other side's weight the leading side must reach.
pub const DECISIVE_LEAD: f64 = 1.5;

/// The article being briefed.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleInfo {
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
}

/// Where the dyad is heading, as the article and its history tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Countdown,
    FalseAlarm,
    Unclear,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Countdown => "countdown",
            Verdict::FalseAlarm => "false alarm",
            Verdict::Unclear => "unclear",
        }
    }
}

impl Serialize for Verdict {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One coded event as evidence.
#[derive(Clone, Debug, Serialize)]
pub struct EventEvidence {
    pub event_code: String,
    pub event_name: String,
    pub source: String,
    pub target: String,
    pub goldstein: Option<f32>,
    pub quad_class: Option<u8>,
    /// Its weight on the brief's dyad; `None` when it bears on another dyad only.
    pub weight: Option<Weight>,
    /// Every dyad it is weighed for.
    pub dyads: Vec<Dyad>,
}

/// A sentence with coded events.
#[derive(Clone, Debug, Serialize)]
pub struct SentenceEvidence {
    pub index: Option<u32>,
    pub text: String,
    pub background: bool,
    pub events: Vec<EventEvidence>,
}

/// One dyad the article involves.
#[derive(Clone, Debug, Serialize)]
pub struct DyadBrief {
    pub dyad: Dyad,
    pub events: usize,
    /// The article's pushes toward coercion and toward negotiation, both positive.
    pub coercion: f64,
    pub negotiation: f64,
    /// The store's history of the dyad, when it holds any.
    pub history: Option<Trend>,
    /// `coercion − negotiation + history push`.
    pub net: f64,
    pub verdict: Verdict,
}

/// The brief of an article.
#[derive(Clone, Debug, Serialize)]
pub struct Brief {
    pub article: ArticleInfo,
    pub verdict: Verdict,
    /// The dyad the verdict is about: the one the article weighs most.
    pub dyad: Option<Dyad>,
    /// The verdict in one line, naming the events that decided it.
    pub summary: String,
    pub dyads: Vec<DyadBrief>,
    pub evidence: Vec<SentenceEvidence>,
}

/// The store and, when it could be fitted, the watch over it.
pub struct History<'a> {
    pub reader: &'a Reader,
    pub watch: Option<&'a Watch>,
}

/// An event's bearing on each dyad it is weighed for.
struct Bearing {
    dyad: Dyad,
    role: Role,
}

/// Briefs an article from its coded events, with the store's history when given.
pub fn brief(article: &ArticleInfo, events: &[EventRecord], history: Option<&History>) -> Result<Brief, WatchError> {
    let dyads: BTreeSet<Dyad> = events.iter().filter_map(between).collect();
    let bearings: Vec<Vec<Bearing>> = events.iter().map(|e| bearings(e, &dyads)).collect();
    let talking: BTreeSet<&Dyad> = events
        .iter()
        .zip(&bearings)
        .flat_map(|(e, bs)| bs.iter().filter(move |b| b.role == Role::Mediation || is_talk(e)).map(|b| &b.dyad))
        .collect();
    let backgrounds: Vec<bool> = events
        .iter()
        .map(|e| e.sentence.as_deref().is_some_and(|s| background::dated_before(s, article.date)))
        .collect();
    let forecasts: Vec<DyadForecast> = match history.and_then(|h| h.watch.map(|w| (h.reader, w))) {
        Some((reader, watch)) => forecasts(watch, reader, false)?,
        None => Vec::new(),
    };
    let mut briefs = Vec::new();
    for dyad in &dyads {
        let mut brief = DyadBrief {
            dyad: dyad.clone(),
            events: 0,
            coercion: 0.0,
            negotiation: 0.0,
            history: None,
            net: 0.0,
            verdict: Verdict::Unclear,
        };
        for ((event, bs), &background) in events.iter().zip(&bearings).zip(&backgrounds) {
            for bearing in bs.iter().filter(|b| &b.dyad == dyad) {
                let weight = weigh(event, bearing.role, talking.contains(dyad), background);
                brief.events += 1;
                if weight.push > 0.0 {
                    brief.coercion += weight.push;
                } else {
                    brief.negotiation -= weight.push;
                }
            }
        }
        if let Some(history) = history {
            let forecast = forecasts.iter().find(|f| &f.dyad == dyad);
            brief.history = history::trend(history.reader, dyad, article.date, forecast)?;
        }
        let push = brief.history.as_ref().map_or(0.0, |t| t.push);
        brief.net = brief.coercion - brief.negotiation + push;
        brief.verdict = verdict(brief.coercion + push.max(0.0), brief.negotiation + (-push).max(0.0));
        briefs.push(brief);
    }
    let subject = briefs
        .iter()
        .max_by(|x, y| (x.coercion + x.negotiation).total_cmp(&(y.coercion + y.negotiation)).then(y.dyad.cmp(&x.dyad)))
        .map(|b| b.dyad.clone());
    let evidence = evidence(events, &bearings, &backgrounds, &talking, subject.as_ref());
    let verdict = briefs.iter().find(|b| Some(&b.dyad) == subject.as_ref()).map_or(Verdict::Unclear, |b| b.verdict);
    let summary = summary(verdict, subject.as_ref(), &briefs, &evidence);
    briefs.sort_by(|x, y| (y.coercion + y.negotiation).total_cmp(&(x.coercion + x.negotiation)));
    Ok(Brief { article: article.clone(), verdict, dyad: subject, summary, dyads: briefs, evidence })
}

/// The verdict from the weights on each side (history included).
pub fn verdict(coercion: f64, negotiation: f64) -> Verdict {
    let net = coercion - negotiation;
    if net >= DECISIVE_MARGIN && coercion >= DECISIVE_LEAD * negotiation {
        Verdict::Countdown
    } else if -net >= DECISIVE_MARGIN && negotiation >= DECISIVE_LEAD * coercion {
        Verdict::FalseAlarm
    } else {
        Verdict::Unclear
    }
}

/// The dyad between an event's two countries, when they differ.
fn between(event: &EventRecord) -> Option<Dyad> {
    match (&event.source_country, &event.target_country) {
        (Some(s), Some(t)) if s != t => Some(Dyad::new(s, t)),
        _ => None,
    }
}

/// The dyads an event is weighed for: its own; each dyad of a country acting with no foreign
/// target; and, for a third country's mediation (CAMEO 045) with one side, the dyads of that
/// side with the other countries the article names.
fn bearings(event: &EventRecord, dyads: &BTreeSet<Dyad>) -> Vec<Bearing> {
    if let Some(own) = between(event) {
        let mut out = vec![Bearing { dyad: own, role: Role::Between }];
        if event.event_code.starts_with("045") {
            let (mediator, side) = (event.source_country.as_deref(), event.target_country.as_deref());
            if let (Some(mediator), Some(side)) = (mediator, side) {
                out.extend(
                    involving(dyads, side)
                        .filter(|d| d.a != mediator && d.b != mediator)
                        .map(|d| Bearing { dyad: d.clone(), role: Role::Mediation }),
                );
            }
        }
        return out;
    }
    let actor = event.source_country.as_deref().or(event.target_country.as_deref());
    actor.map_or_else(Vec::new, |country| {
        involving(dyads, country).map(|d| Bearing { dyad: d.clone(), role: Role::OneSided }).collect()
    })
}

fn involving<'a>(dyads: &'a BTreeSet<Dyad>, country: &'a str) -> impl Iterator<Item = &'a Dyad> + 'a {
    dyads.iter().filter(move |d| d.a == country || d.b == country)
}

/// The events grouped by sentence, in article order, weighed for `subject`.
fn evidence(
    events: &[EventRecord],
    bearings: &[Vec<Bearing>],
    backgrounds: &[bool],
    talking: &BTreeSet<&Dyad>,
    subject: Option<&Dyad>,
) -> Vec<SentenceEvidence> {
    let mut sentences: BTreeMap<(Option<u32>, String), SentenceEvidence> = BTreeMap::new();
    for ((event, bs), &background) in events.iter().zip(bearings).zip(backgrounds) {
        let text = event.sentence.clone().unwrap_or_default();
        let sentence = sentences.entry((event.sentence_index, text.clone())).or_insert_with(|| SentenceEvidence {
            index: event.sentence_index,
            text,
            background,
            events: Vec::new(),
        });
        let weight = bs
            .iter()
            .find(|b| Some(&b.dyad) == subject)
            .map(|b| weigh(event, b.role, talking.contains(&b.dyad), background));
        sentence.events.push(EventEvidence {
            event_name: tripwire_ontology::event_type(&event.event_code)
                .map_or_else(|_| format!("CAMEO {}", event.event_code), |t| t.name.to_string()),
            event_code: event.event_code.clone(),
            source: actor_name(event.source_text.as_deref(), &event.source_code),
            target: actor_name(event.target_text.as_deref(), &event.target_code),
            goldstein: event.goldstein,
            quad_class: event.quad_class,
            weight,
            dyads: bs.iter().map(|b| b.dyad.clone()).collect(),
        });
    }
    sentences.into_values().collect()
}

fn actor_name(text: Option<&str>, code: &str) -> String {
    match text {
        Some(text) if !text.is_empty() => format!("{text} ({code})"),
        _ if code.is_empty() => "—".to_string(),
        _ => code.to_string(),
    }
}

/// "false alarm for IRN-USA: negotiation 13.8 against coercion 8.3 — Mediate (045) Qatar → Iran, …"
fn summary(verdict: Verdict, subject: Option<&Dyad>, briefs: &[DyadBrief], evidence: &[SentenceEvidence]) -> String {
    let Some(brief) = subject.and_then(|s| briefs.iter().find(|b| &b.dyad == s)) else {
        return format!("{}: the article names no two countries acting on each other", verdict.as_str());
    };
    let weighed: Vec<(&EventEvidence, f64)> = evidence
        .iter()
        .flat_map(|s| &s.events)
        .filter_map(|e| e.weight.as_ref().map(|w| (e, w.push)))
        .filter(|(_, push)| match verdict {
            Verdict::Countdown => *push > 0.0,
            Verdict::FalseAlarm => *push < 0.0,
            Verdict::Unclear => *push != 0.0,
        })
        .collect();
    // One act coded in both directions, or with several parties, is named once with its
    // parties and its total.
    let mut acts: Vec<(String, Vec<&str>, f64)> = Vec::new();
    for (e, push) in weighed {
        let key = format!("{} ({})", e.event_name, e.event_code);
        let index = acts.iter().position(|a| a.0 == key).unwrap_or_else(|| {
            acts.push((key, Vec::new(), 0.0));
            acts.len() - 1
        });
        let act = &mut acts[index];
        act.2 += push;
        for party in [e.source.as_str(), e.target.as_str()] {
            if party != "—" && !act.1.contains(&party) {
                act.1.push(party);
            }
        }
    }
    acts.sort_by(|x, y| y.2.abs().total_cmp(&x.2.abs()));
    let decisive: Vec<String> =
        acts.iter().take(4).map(|(act, parties, push)| format!("{act}: {} {push:+.2}", parties.join(", "))).collect();
    let history = match &brief.history {
        Some(t) if t.push != 0.0 => format!(", history {:+.2}", t.push),
        _ => String::new(),
    };
    format!(
        "{} for {}: coercion {:.2} against negotiation {:.2}{history} — {}",
        verdict.as_str(),
        brief.dyad,
        brief.coercion,
        brief.negotiation,
        decisive.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::government_event;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 10).unwrap()
    }

    fn event(pair: (&str, &str), code: &str, goldstein: f32, quad: u8, sentence: &str) -> EventRecord {
        let mut e = government_event(0, day(), pair, code, goldstein, quad);
        e.sentence = Some(sentence.to_string());
        e
    }

    fn article() -> ArticleInfo {
        ArticleInfo { id: "a".into(), title: "t".into(), date: day() }
    }

    #[test]
    fn verdicts_need_a_margin_and_a_lead() {
        assert_eq!(verdict(10.0, 0.0), Verdict::Countdown);
        assert_eq!(verdict(0.0, 10.0), Verdict::FalseAlarm);
        assert_eq!(verdict(2.0, 0.0), Verdict::Unclear, "too little either way");
        assert_eq!(verdict(12.0, 9.0), Verdict::Unclear, "a margin without a lead is a mixed picture");
    }

    #[test]
    fn a_third_party_mediation_counts_for_the_dyad_it_mediates() {
        let events = vec![
            event(("QAT", "IRN"), "045", 5.0, 1, "Qatar mediated between Iran and the United States."),
            event(("QAT", "USA"), "045", 5.0, 1, "Qatar mediated between Iran and the United States."),
            event(("USA", "IRN"), "163", -8.0, 4, "Washington imposed sanctions in 2019."),
            event(("USA", "IRN"), "040", 1.0, 1, "The ministers met."),
        ];
        let brief = brief(&article(), &events, None).unwrap();
        assert_eq!(brief.dyad, Dyad::parse("IRN-USA"));
        assert_eq!(brief.verdict, Verdict::FalseAlarm, "{}", brief.summary);
        assert!(brief.summary.contains("Mediate (045)"), "{}", brief.summary);
        let sanctions = &brief.evidence.iter().find(|s| s.background).unwrap().events[0];
        assert_eq!(sanctions.weight.as_ref().map(|w| w.push), Some(2.0));
    }

    #[test]
    fn one_sided_deeds_count_for_their_countrys_dyads() {
        let mut mobilized = event(("IND", "IND"), "154", -7.2, 4, "India mobilized two divisions.");
        mobilized.target_country = None;
        let events = vec![event(("PAK", "IND"), "194", -10.0, 4, "Pakistani troops shelled Indian posts."), mobilized];
        let brief = brief(&article(), &events, None).unwrap();
        assert_eq!(brief.verdict, Verdict::Countdown);
        assert_eq!(brief.dyads[0].events, 2);
        assert!((brief.dyads[0].coercion - 17.2).abs() < 1e-5);
    }

    #[test]
    fn an_article_without_a_dyad_is_unclear() {
        let mut alone = event(("IND", "IND"), "154", -7.2, 4, "India mobilized.");
        alone.target_country = None;
        let brief = brief(&article(), &[alone], None).unwrap();
        assert_eq!((brief.verdict, brief.dyad), (Verdict::Unclear, None));
        assert_eq!(brief.evidence.len(), 1);
    }
}
