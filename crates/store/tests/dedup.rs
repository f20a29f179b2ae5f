//! Measures cross-article deduplication on the written corpus in `tests/data/dedup/`: codes every
//! article with the shipped dictionaries, attaches each coded event to the story its label names,
//! clusters the events with the default rule and scores the clustering against the stories.
//!
//! Run with `cargo test -p tripwire-store --test dedup -- --nocapture` to see the figures and the
//! wrong merges and splits.

use std::collections::{BTreeMap, HashMap};
use tripwire_coder::{Article, Coder};
use tripwire_store::dedup::{blocking_key, same_event, Clusterer, DedupRule};
use tripwire_store::EventRecord;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/dedup");

/// What an article should yield: an event of this dyad and root (alternatives split by `|`,
/// since CAMEO itself leaves "killed in a raid" between 18 and 19), optionally from one sentence,
/// belonging to a real-world story.
#[derive(serde::Deserialize)]
struct Label {
    article: String,
    source: String,
    /// `*` for any target, `-` for none (the coder may code an attack without its target).
    target: String,
    root: String,
    sentence: Option<u32>,
    story: String,
}

impl Label {
    fn fits(&self, record: &EventRecord) -> bool {
        let actor = |country: &Option<String>, code: &str| match (country, code) {
            (Some(country), _) => country.clone(),
            (None, "") => "-".to_string(),
            (None, code) => code.to_string(),
        };
        self.article == record.article_id
            && self.source == actor(&record.source_country, &record.source_code)
            && (self.target == "*" || self.target == actor(&record.target_country, &record.target_code))
            && self.root.split('|').any(|r| r == record.event_root)
            && self.sentence.is_none_or(|s| record.sentence_index == Some(s))
    }
}

fn read_jsonl<T: serde::de::DeserializeOwned>(name: &str) -> Vec<T> {
    let path = format!("{CORPUS}/{name}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}:{}: {e}", i + 1)))
        .collect()
}

fn coder() -> Coder {
    let dictionaries = tripwire_dictionaries::native::shipped().expect("shipped dictionaries load");
    let gazetteer = tripwire_gazetteer::Gazetteer::shipped().expect("shipped gazetteer loads");
    Coder::new(dictionaries, Some(gazetteer)).expect("coder builds")
}

/// Every event the coder finds in the corpus, in date order, as a store receives them.
fn coded_corpus(articles: &[Article]) -> Vec<EventRecord> {
    let coder = coder();
    let mut records = Vec::new();
    for article in articles {
        let events = coder.code_article(article).unwrap_or_else(|e| panic!("{}: {e}", article.id));
        records.extend(events.iter().map(|e| EventRecord::from_coded(e, article)));
    }
    records.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.article_id.cmp(&b.article_id)));
    records
}

/// The story of each record: its label's, or a story of its own.
fn stories(records: &[EventRecord], labels: &[Label]) -> Vec<String> {
    records
        .iter()
        .enumerate()
        .map(|(i, r)| labels.iter().find(|l| l.fits(r)).map_or_else(|| format!("unlabeled-{i}"), |l| l.story.clone()))
        .collect()
}

#[test]
fn the_rule_is_symmetric_and_every_event_is_itself() {
    let records = coded_corpus(&read_jsonl::<Article>("articles.jsonl"));
    let rule = DedupRule::default();
    let mut same = 0;
    for a in &records {
        assert!(same_event(&rule, a, a), "not the same as itself: {a:?}");
        for b in &records {
            let ab = same_event(&rule, a, b);
            assert_eq!(ab, same_event(&rule, b, a), "asymmetric: {} / {}", a.article_id, b.article_id);
            same += ab as usize;
        }
    }
    assert!(same > records.len(), "some distinct events must match");
}

#[test]
fn clustering_holds_up_when_events_arrive_in_reverse_order() {
    let labels: Vec<Label> = read_jsonl("labels.jsonl");
    let mut records = coded_corpus(&read_jsonl::<Article>("articles.jsonl"));
    records.reverse();
    let truth = stories(&records, &labels);
    let mut clusterer = Clusterer::new(DedupRule::default());
    let predicted: Vec<usize> = records.iter().map(|r| clusterer.add(r)).collect();
    let scores = score(&predicted, &truth);
    println!("reverse order: pairwise precision {:.3} recall {:.3}", scores.pair_precision, scores.pair_recall);
    assert!(scores.pair_precision >= 0.9 && scores.pair_recall >= 0.9);
}

/// The store compares a new event with each cluster's first mention only, not with every member.
#[test]
fn clustering_against_representatives_as_the_store_does() {
    let labels: Vec<Label> = read_jsonl("labels.jsonl");
    let records = coded_corpus(&read_jsonl::<Article>("articles.jsonl"));
    let truth = stories(&records, &labels);
    let rule = DedupRule::default();
    let mut representatives: Vec<&EventRecord> = Vec::new();
    let predicted: Vec<usize> = records
        .iter()
        .map(|r| match representatives.iter().position(|rep| same_event(&rule, rep, r)) {
            Some(cluster) => cluster,
            None => {
                representatives.push(r);
                representatives.len() - 1
            }
        })
        .collect();
    let scores = score(&predicted, &truth);
    println!("representatives only: pairwise precision {:.3} recall {:.3}", scores.pair_precision, scores.pair_recall);
    assert!(scores.pair_precision >= 0.9 && scores.pair_recall >= 0.9);
}

/// Pairwise and B-cubed precision and recall of `predicted` clusters against `truth` stories,
/// both given per item.
struct Scores {
    pair_precision: f64,
    pair_recall: f64,
    bcubed_precision: f64,
    bcubed_recall: f64,
}

fn score(predicted: &[usize], truth: &[String]) -> Scores {
    let n = predicted.len();
    let (mut same_both, mut same_predicted, mut same_truth) = (0usize, 0usize, 0usize);
    let (mut bp, mut br) = (0.0, 0.0);
    for i in 0..n {
        let (mut cluster, mut story, mut both) = (0usize, 0usize, 0usize);
        for j in 0..n {
            let p = predicted[i] == predicted[j];
            let t = truth[i] == truth[j];
            cluster += p as usize;
            story += t as usize;
            both += (p && t) as usize;
            if j > i {
                same_predicted += p as usize;
                same_truth += t as usize;
                same_both += (p && t) as usize;
            }
        }
        bp += both as f64 / cluster as f64;
        br += both as f64 / story as f64;
    }
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    Scores {
        pair_precision: ratio(same_both, same_predicted),
        pair_recall: ratio(same_both, same_truth),
        bcubed_precision: bp / n.max(1) as f64,
        bcubed_recall: br / n.max(1) as f64,
    }
}

#[test]
fn scoring_counts_pairs_and_items() {
    let truth: Vec<String> = ["a", "a", "b", "b"].iter().map(|s| s.to_string()).collect();
    let perfect = score(&[0, 0, 1, 1], &truth);
    assert_eq!((perfect.pair_precision, perfect.pair_recall), (1.0, 1.0));
    let merged = score(&[0, 0, 0, 0], &truth);
    assert!((merged.pair_precision - 2.0 / 6.0).abs() < 1e-9);
    assert_eq!(merged.pair_recall, 1.0);
    assert!((merged.bcubed_precision - 0.5).abs() < 1e-9);
    let split = score(&[0, 1, 2, 3], &truth);
    assert_eq!(split.pair_recall, 0.0);
    assert_eq!(split.bcubed_precision, 1.0);
    assert!((split.bcubed_recall - 0.5).abs() < 1e-9);
}

#[test]
fn corpus_is_large_and_varied_enough() {
    let articles: Vec<Article> = read_jsonl("articles.jsonl");
    let labels: Vec<Label> = read_jsonl("labels.jsonl");
    assert!(articles.len() >= 60, "{} articles", articles.len());
    let mut per_story: HashMap<&str, usize> = HashMap::new();
    for label in &labels {
        assert!(articles.iter().any(|a| a.id == label.article), "label for unknown article {}", label.article);
        *per_story.entry(&label.story).or_default() += 1;
    }
    let multi_outlet = per_story.values().filter(|&&n| n >= 2).count();
    assert!(multi_outlet >= 15, "only {multi_outlet} stories with several mentions");
}

#[test]
fn clustering_on_the_written_corpus_reaches_precision_and_recall_of_0_9() {
    let articles: Vec<Article> = read_jsonl("articles.jsonl");
    let labels: Vec<Label> = read_jsonl("labels.jsonl");
    let records = coded_corpus(&articles);

    let mut truth = Vec::new();
    let mut unlabeled = 0;
    let mut matched_labels = vec![false; labels.len()];
    for (i, record) in records.iter().enumerate() {
        match labels.iter().position(|l| l.fits(record)) {
            Some(l) => {
                matched_labels[l] = true;
                truth.push(labels[l].story.clone());
            }
            None => {
                unlabeled += 1;
                truth.push(format!("unlabeled-{i}"));
            }
        }
    }

    let mut clusterer = Clusterer::new(DedupRule::default());
    let predicted: Vec<usize> = records.iter().map(|r| clusterer.add(r)).collect();
    let scores = score(&predicted, &truth);

    let describe = |r: &EventRecord| {
        format!(
            "{} s{} {} {}>{} {} @{}: {}",
            r.article_id,
            r.sentence_index.unwrap_or(0),
            r.date,
            r.source_code,
            r.target_code,
            r.event_code,
            r.location.as_ref().map_or("-", |l| l.name.as_str()),
            r.sentence.as_deref().unwrap_or("")
        )
    };
    for (i, label) in labels.iter().enumerate().filter(|(i, _)| !matched_labels[*i]) {
        println!(
            "not coded: label {} {} {}>{} {} ({})",
            i + 1,
            label.article,
            label.source,
            label.target,
            label.root,
            label.story
        );
    }
    for (i, record) in records.iter().enumerate().filter(|(i, _)| truth[*i].starts_with("unlabeled")) {
        println!("unlabeled event {i}: {}", describe(record));
    }
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &c) in predicted.iter().enumerate() {
        clusters.entry(c).or_default().push(i);
    }
    for members in clusters.values() {
        let stories: std::collections::BTreeSet<&str> = members.iter().map(|&i| truth[i].as_str()).collect();
        if stories.len() > 1 {
            println!("wrong merge of {stories:?}:");
            for &i in members {
                println!("    {}", describe(&records[i]));
            }
        }
    }
    let mut story_clusters: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, story) in truth.iter().enumerate() {
        story_clusters.entry(story).or_default().push(i);
    }
    for (story, members) in &story_clusters {
        let distinct: std::collections::BTreeSet<usize> = members.iter().map(|&i| predicted[i]).collect();
        if distinct.len() > 1 {
            println!("split story {story} into {} clusters:", distinct.len());
            for &i in members {
                println!("    [{}] key {} {}", predicted[i], blocking_key(&records[i]), describe(&records[i]));
            }
        }
    }

    // The hard part: events of different stories that the key and the date window cannot tell
    // apart, so only places, figures and wording can.
    let rule = DedupRule::default();
    let (mut confusable, mut kept_apart) = (0, 0);
    for i in 0..records.len() {
        for j in i + 1..records.len() {
            let (a, b) = (&records[i], &records[j]);
            if truth[i] != truth[j]
                && !truth[i].starts_with("unlabeled")
                && !truth[j].starts_with("unlabeled")
                && blocking_key(a) == blocking_key(b)
                && (a.date - b.date).num_days().abs() <= rule.window_days
            {
                confusable += 1;
                kept_apart += (predicted[i] != predicted[j]) as usize;
            }
        }
    }
    println!("confusable pairs (same key and window, different stories): {confusable}, kept apart: {kept_apart}");

    let labeled = records.len() - unlabeled;
    let stories = story_clusters.keys().filter(|s| !s.starts_with("unlabeled")).count();
    println!(
        "dedup corpus: {} articles, {} coded events ({labeled} labeled, {unlabeled} unlabeled), {} of {} labels coded, \
         {stories} stories, {} clusters",
        articles.len(),
        records.len(),
        matched_labels.iter().filter(|m| **m).count(),
        labels.len(),
        clusterer.cluster_count()
    );
    println!(
        "pairwise precision {:.3} recall {:.3}; B-cubed precision {:.3} recall {:.3}",
        scores.pair_precision, scores.pair_recall, scores.bcubed_precision, scores.bcubed_recall
    );
    assert!(labeled * 10 >= labels.len() * 6, "the coder yields too few labeled events ({labeled}) to measure");
    assert!(confusable >= 20, "only {confusable} confusable pairs: the corpus no longer tests the hard part");
    assert!(scores.pair_precision >= 0.9, "pairwise precision {:.3} < 0.9", scores.pair_precision);
    assert!(scores.pair_recall >= 0.9, "pairwise recall {:.3} < 0.9", scores.pair_recall);
}
