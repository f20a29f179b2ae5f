//! Coder input from a gold record's parse: the words as tokens, and the [`Syntax`] the coder takes
//! as evidence (a part-of-speech tag per token, and clauses as subject and predicate token
//! ranges), from either kind of parse a record may carry.
//!
//! Token offsets are positions in a synthetic text (the words joined by single spaces), since only
//! the codes an evaluation produces are compared, never their spans.
//!
//! * A Penn Treebank parse ([`treebank_input`]): every S, SINV, SQ or SBAR with an NP and a VP
//!   child is a clause with that subject; every VP is also a predicate of its own.
//! * A CoNLL-U dependency parse ([`dependency_input`]): every verb, and every word with a subject
//!   or a copula, heads a clause. Its subject is the subtree of its subject dependent (`nsubj`,
//!   `nsubj:pass`, `csubj`, `expl`); a relative pronoun subject ("the rebels, who attacked …")
//!   stands for the words of the noun the relative clause modifies. Its predicate runs from its
//!   first auxiliary or copula (or the word itself) to the end of the dependents after it, leaving
//!   out punctuation, parataxis ("…, the minister said"), a subject after the verb, and a conjoined
//!   clause with a subject of its own, as a Penn VP would. Tags are the file's Penn tags where it
//!   has them (English files), else the universal tag's nearest Penn tag.

use super::conllu::{self, Sentence, Word};
use super::treebank;
use crate::coder::{Clause, Syntax};
use crate::text::Token;
use std::ops::Range;

/// Tokens and syntax from a record's parse, whichever kind it is; the error says why the parse
/// could not be read.
pub fn record_input(parse: &str) -> Result<(Vec<Token>, Syntax), String> {
    if conllu::looks_like_conllu(parse) {
        let sentence = conllu::parse(parse).map_err(|e| format!("CoNLL-U parse: {e}"))?;
        Ok(dependency_input(&sentence))
    } else {
        let tree = treebank::parse(parse).map_err(|e| format!("Treebank parse: {e}"))?;
        Ok(treebank_input(&tree))
    }
}

/// Words of a sentence as tokens at synthetic offsets.
fn tokens_of<'a>(words: impl Iterator<Item = &'a str>) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut offset = 0;
    for word in words {
        let word = treebank::unescape_word(word);
        tokens.push(Token::new(offset..offset + word.len(), word));
        offset += word.len() + 1;
    }
    tokens
}

/// Tokens and syntax from a Penn Treebank parse.
pub fn treebank_input(tree: &treebank::Tree) -> (Vec<Token>, Syntax) {
    let tokens = tokens_of(tree.tagged_leaves().map(|(_, word)| word));
    let mut syntax =
        Syntax { pos: tree.tagged_leaves().map(|(tag, _)| tag.to_string()).collect(), clauses: Vec::new() };
    for (label, span, children) in tree.constituents() {
        if label == "VP" {
            syntax.clauses.push(Clause { subject: None, predicate: span.clone() });
            continue;
        }
        if !matches!(label, "S" | "SINV" | "SQ" | "SBAR") {
            continue;
        }
        let subject = children.iter().find(|(l, _)| l == "NP").map(|(_, s)| s.clone());
        if let Some((_, vp)) = children.iter().find(|(l, _)| l == "VP") {
            let subject = subject.filter(|np| np.end <= vp.start);
            syntax.clauses.push(Clause { subject, predicate: vp.clone() });
        }
    }
    (tokens, syntax)
}

/// Tokens and syntax from a CoNLL-U dependency parse.
pub fn dependency_input(sentence: &Sentence) -> (Vec<Token>, Syntax) {
    let tokens = tokens_of(sentence.words.iter().map(|w| w.form.as_str()));
    let pos = sentence.words.iter().map(penn_tag).collect();
    let mut clauses = Vec::new();
    for head in 0..sentence.words.len() {
        if let Some(clause) = clause_headed_by(sentence, head) {
            clauses.push(clause);
        }
    }
    (tokens, Syntax { pos, clauses })
}

const SUBJECTS: &[&str] = &["nsubj", "csubj", "nsubjpass", "csubjpass", "expl"];

fn is_subject(word: &Word) -> bool {
    SUBJECTS.contains(&word.relation())
}

fn subject_of(sentence: &Sentence, head: usize) -> Option<usize> {
    let children = sentence.children(head);
    let subjects = || children.iter().copied().filter(|&c| is_subject(&sentence.words[c]));
    // A real subject before a placeholder one ("there").
    subjects().find(|&c| sentence.words[c].relation() != "expl").or_else(|| subjects().next())
}

fn clause_headed_by(sentence: &Sentence, head: usize) -> Option<Clause> {
    let word = &sentence.words[head];
    let children = sentence.children(head);
    let relation_of = |c: usize| sentence.words[c].relation();
    let subject = subject_of(sentence, head);
    let has_copula = children.iter().any(|&c| relation_of(c) == "cop");
    if word.upos != "VERB" && subject.is_none() && !has_copula {
        return None;
    }
    let start = children
        .iter()
        .copied()
        .filter(|&c| c < head && matches!(relation_of(c), "aux" | "auxpass" | "cop" | "neg"))
        .min()
        .unwrap_or(head);
    let mut end = head + 1;
    for &child in children.iter().filter(|&&c| c > head) {
        let kept = match relation_of(child) {
            "punct" | "parataxis" => false,
            "conj" => subject_of(sentence, child).is_none(),
            _ => !is_subject(&sentence.words[child]),
        };
        if kept {
            end = end.max(sentence.subtree(child).end);
        }
    }
    let subject_span = subject.and_then(|s| subject_span(sentence, head, s));
    Some(Clause { subject: subject_span, predicate: start..end })
}

/// The words a subject stands for: its subtree, or for a relative pronoun the noun the relative
/// clause modifies (without the clause itself).
fn subject_span(sentence: &Sentence, head: usize, subject: usize) -> Option<Range<usize>> {
    let pronoun = &sentence.words[subject];
    let relative = pronoun.has_feature("PronType=Rel") || matches!(pronoun.xpos.as_str(), "WDT" | "WP");
    let clause = &sentence.words[head];
    if relative && clause.relation() == "acl" {
        let noun = clause.head?;
        let span = sentence.subtree(noun).start..sentence.subtree(head).start;
        return (!span.is_empty()).then_some(span);
    }
    Some(sentence.subtree(subject))
}

/// The Penn Treebank tags a CoNLL-U `XPOS` may hold in English files.
const PENN_TAGS: &[&str] = &[
    "CC", "CD", "DT", "EX", "FW", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NN", "NNS", "NNP", "NNPS", "PDT", "POS",
    "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "WDT", "WP",
    "WP$", "WRB", ",", ".", ":", "``", "''", "-LRB-", "-RRB-", "HYPH", "NFP", "ADD", "AFX", "GW", "XX", "$", "#",
];

fn penn_tag(word: &Word) -> String {
    if PENN_TAGS.contains(&word.xpos.as_str()) {
        return word.xpos.clone();
    }
    let tag = match word.upos.as_str() {
        "VERB" | "AUX" => "VB",
        "NOUN" => "NN",
        "PROPN" => "NNP",
        "PRON" => "PRP",
        "DET" => "DT",
        "ADJ" => "JJ",
        "ADV" => "RB",
        "ADP" | "SCONJ" => "IN",
        "CCONJ" | "CONJ" => "CC",
        "NUM" => "CD",
        "PART" => "RP",
        "PUNCT" => ".",
        "INTJ" => "UH",
        "SYM" => "SYM",
        _ => "FW",
    };
    tag.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: usize, form: &str, upos: &str, xpos: &str, feats: &str, head: usize, deprel: &str) -> String {
        format!("{id}\t{form}\t{form}\t{upos}\t{xpos}\t{feats}\t{head}\t{deprel}\t_\t_\n")
    }

    #[test]
    fn a_dependency_parse_gives_subject_and_predicate() {
        // "Arnor has not rebuked Gondor , officials said ."
        let text = [
            line(1, "Arnor", "PROPN", "NNP", "_", 4, "nsubj"),
            line(2, "has", "AUX", "VBZ", "_", 4, "aux"),
            line(3, "not", "PART", "RB", "_", 4, "neg"),
            line(4, "rebuked", "VERB", "VBN", "_", 0, "root"),
            line(5, "Gondor", "PROPN", "NNP", "_", 4, "obj"),
            line(6, ",", "PUNCT", ",", "_", 4, "punct"),
            line(7, "officials", "NOUN", "NNS", "_", 8, "nsubj"),
            line(8, "said", "VERB", "VBD", "_", 4, "parataxis"),
            line(9, ".", "PUNCT", ".", "_", 4, "punct"),
        ]
        .concat();
        let (tokens, syntax) = record_input(&text).unwrap();
        assert_eq!(tokens.len(), 9);
        assert_eq!(tokens[0].norm, "ARNOR");
        assert_eq!(syntax.pos[3], "VBN");
        assert_eq!(
            syntax.clauses,
            [Clause { subject: Some(0..1), predicate: 1..5 }, Clause { subject: Some(6..7), predicate: 7..8 }]
        );
    }

    #[test]
    fn relative_pronouns_stand_for_their_noun_and_conjoined_verbs_share_a_subject() {
        // "rebels who attacked Arnor met envoys and signed truces"
        let text = [
            line(1, "rebels", "NOUN", "_", "_", 4, "nsubj"),
            line(2, "who", "PRON", "_", "PronType=Rel", 3, "nsubj"),
            line(3, "attacked", "VERB", "_", "_", 1, "acl:relcl"),
            line(4, "met", "VERB", "_", "_", 0, "root"),
            line(5, "envoys", "NOUN", "_", "_", 4, "obj"),
            line(6, "and", "CCONJ", "_", "_", 7, "cc"),
            line(7, "signed", "VERB", "_", "_", 4, "conj"),
            line(8, "truces", "NOUN", "_", "_", 7, "obj"),
        ]
        .concat();
        let (_, syntax) = record_input(&text).unwrap();
        assert_eq!(syntax.pos[..3], ["NN", "PRP", "VB"]);
        assert_eq!(
            syntax.clauses,
            [
                Clause { subject: Some(0..1), predicate: 2..3 },
                Clause { subject: Some(0..3), predicate: 3..8 },
                Clause { subject: None, predicate: 6..8 },
            ]
        );
    }

    #[test]
    fn a_treebank_parse_gives_clauses_as_before() {
        let (tokens, syntax) =
            record_input("(ROOT (S (NP (NNP Arnor)) (VP (VBD rebuked) (NP (NNP Gondor))) (. .)))").unwrap();
        assert_eq!(tokens.len(), 4);
        assert_eq!(syntax.pos, ["NNP", "VBD", "NNP", "."]);
        assert_eq!(
            syntax.clauses,
            [Clause { subject: Some(0..1), predicate: 1..3 }, Clause { subject: None, predicate: 1..3 },]
        );
    }

    #[test]
    fn unreadable_parses_say_which_kind_failed() {
        assert!(record_input("1\tA").unwrap_err().starts_with("CoNLL-U parse: parse line 1"));
        assert!(record_input("(S (NP x)").unwrap_err().starts_with("Treebank parse:"));
    }
}
