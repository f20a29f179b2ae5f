//! CoNLL-U dependency parses, as UniversalPetrarch records carry them: one word a line, ten
//! tab-separated fields (`ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC`; the tabs are shown
//! as spaces here).
//!
//! ```text
//! 1  Arnor  Arnor  PROPN  NNP  Number=Sing  2  nsubj  _  _
//! 2  rebuked  rebuke  VERB  VBD  Tense=Past  0  root  _  _
//! 3  Gondor  Gondor  PROPN  NNP  Number=Sing  2  obj  _  SpaceAfter=No
//! ```
//!
//! Read as found in the wild: blank lines and `#` comments are passed over; the last two fields
//! (`DEPS`, `MISC`) may be missing; runs of spaces stand for a tab when a line has no tab at all;
//! multiword tokens (`25-26  DEL`, the surface form of two syntactic words) are kept beside the
//! words and empty nodes (`8.1`) are left out. Words are numbered 1, 2, 3 …; an id that starts
//! again at 1 begins another sentence, whose words follow on (its heads are shifted to match).
//!
//! The tree is checked: every head names a word of the sentence or 0 (the root), and every word
//! reaches a root. The subtree extents are computed once, without recursion, so a long chain of
//! heads cannot overflow the stack.

use std::ops::Range;

/// One syntactic word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    /// Universal part-of-speech tag (`VERB`, `PROPN` …).
    pub upos: String,
    /// Language-specific tag (the Penn Treebank tag in English files); `_` when absent.
    pub xpos: String,
    pub feats: String,
    /// The head word's index in [`Sentence::words`] (0-based); `None` for a root.
    pub head: Option<usize>,
    /// The relation to the head (`nsubj`, `obj`, `nsubj:pass` …).
    pub deprel: String,
}

impl Word {
    /// The relation without its subtype: `nsubj:pass` → `nsubj`.
    pub fn relation(&self) -> &str {
        self.deprel.split(':').next().unwrap_or_default()
    }

    /// Whether `FEATS` holds this `Name=Value` pair.
    pub fn has_feature(&self, pair: &str) -> bool {
        self.feats.split('|').any(|f| f == pair)
    }
}

/// A parsed sentence: its words in order, their tree, and the multiword tokens over them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub words: Vec<Word>,
    /// Each multiword token: the words it spans (0-based, half-open) and its surface form.
    pub multiword: Vec<(Range<usize>, String)>,
    /// For each word, the half-open range of the words in its subtree.
    subtrees: Vec<Range<usize>>,
    /// For each word, its dependents in order.
    children: Vec<Vec<usize>>,
}

impl Sentence {
    /// The words in `word`'s subtree, as a half-open range of indices (the subtree of a
    /// non-projective tree may have gaps; the range runs from its first to its last word).
    pub fn subtree(&self, word: usize) -> Range<usize> {
        self.subtrees.get(word).cloned().unwrap_or(word..word)
    }

    /// `word`'s dependents, left to right.
    pub fn children(&self, word: usize) -> &[usize] {
        self.children.get(word).map_or(&[], Vec::as_slice)
    }
}

/// Why a parse could not be read. Lines count from 1 within the parse text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConlluError {
    #[error("no words: the parse holds no CoNLL-U line")]
    Empty,
    #[error("parse line {line}: {message}")]
    Line { line: usize, message: String },
}

impl ConlluError {
    /// The 1-based line within the parse text, when the error points at one.
    pub fn line(&self) -> Option<usize> {
        match self {
            ConlluError::Empty => None,
            ConlluError::Line { line, .. } => Some(*line),
        }
    }
}

/// Whether a parse looks like CoNLL-U rather than brackets: its first line that is not blank or a
/// comment starts with a word number.
pub fn looks_like_conllu(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l.split(['\t', ' ']).next().is_some_and(|id| id.starts_with(|c: char| c.is_ascii_digit())))
}

/// Reads a CoNLL-U parse.
pub fn parse(text: &str) -> Result<Sentence, ConlluError> {
    let mut words: Vec<Word> = Vec::new();
    let mut multiword = Vec::new();
    // Where the current sentence's words start in `words`, and the line each word came from.
    let mut offset = 0;
    let mut lines_of = Vec::new();
    // Heads as written (1-based within their sentence, 0 for a root) with the start of the word's
    // sentence, resolved once every word is read: a head may point forward.
    let mut heads: Vec<(usize, usize)> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let fail = |message: String| ConlluError::Line { line, message };
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = if trimmed.contains('\t') {
            trimmed.split('\t').map(str::trim).collect()
        } else {
            trimmed.split_whitespace().collect()
        };
        if fields.len() < 8 {
            return Err(fail(format!("{} fields; a word line has at least 8 (ID to DEPREL)", fields.len())));
        }
        let id = fields[0];
        if id.contains('.') {
            continue;
        }
        if let Some((first, last)) = id.split_once('-') {
            let (first, last) = (number(first).map_err(&fail)?, number(last).map_err(&fail)?);
            if first == 0 || last < first {
                return Err(fail(format!("multiword token `{id}` spans no words")));
            }
            multiword.push((offset + first - 1..offset + last, fields[1].to_string()));
            continue;
        }
        let id = number(id).map_err(&fail)?;
        let position = words.len() - offset + 1;
        if id == 1 && position != 1 {
            offset = words.len();
        } else if id != position {
            return Err(fail(format!("word {id} where word {position} was due")));
        }
        let head = number(fields[6]).map_err(|m| fail(format!("head: {m}")))?;
        heads.push((offset, head));
        lines_of.push(line);
        words.push(Word {
            form: fields[1].to_string(),
            lemma: fields[2].to_string(),
            upos: fields[3].to_string(),
            xpos: fields[4].to_string(),
            feats: fields[5].to_string(),
            head: None,
            deprel: fields[7].to_string(),
        });
    }
    if words.is_empty() {
        return Err(ConlluError::Empty);
    }
    // Each sentence runs to where the next one starts, or to the end.
    let mut ends = vec![words.len(); words.len()];
    for word in (0..words.len().saturating_sub(1)).rev() {
        ends[word] = if heads[word + 1].0 != heads[word].0 { word + 1 } else { ends[word + 1] };
    }
    for word in 0..words.len() {
        let (start, head) = heads[word];
        if head > ends[word] - start {
            let line = lines_of[word];
            return Err(ConlluError::Line { line, message: format!("head {head} names no word of the sentence") });
        }
        words[word].head = head.checked_sub(1).map(|h| start + h);
    }
    let (subtrees, children) = tree_extents(&words).map_err(|word| ConlluError::Line {
        line: lines_of[word],
        message: "this word never reaches the root: its heads form a cycle".to_string(),
    })?;
    Ok(Sentence { words, multiword, subtrees, children })
}

fn number(text: &str) -> Result<usize, String> {
    text.trim().parse::<usize>().map_err(|_| format!("`{text}` is not a word number"))
}

/// Subtree extents and children, by an iterative walk down from the roots; the first word that no
/// root reaches is the error.
#[allow(clippy::type_complexity)]
fn tree_extents(words: &[Word]) -> Result<(Vec<Range<usize>>, Vec<Vec<usize>>), usize> {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); words.len()];
    let mut roots = Vec::new();
    for (index, word) in words.iter().enumerate() {
        match word.head {
            Some(head) => children[head].push(index),
            None => roots.push(index),
        }
    }
    let mut extents: Vec<Option<Range<usize>>> = vec![None; words.len()];
    // (word, children visited): a word's extent is known once all its children's are.
    let mut stack: Vec<(usize, usize)> = roots.iter().map(|&r| (r, 0)).collect();
    while let Some(&(word, next)) = stack.last() {
        match children[word].get(next) {
            Some(&child) => {
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }
                stack.push((child, 0));
            }
            None => {
                stack.pop();
                let mut extent = word..word + 1;
                for child in &children[word] {
                    if let Some(span) = &extents[*child] {
                        extent.start = extent.start.min(span.start);
                        extent.end = extent.end.max(span.end);
                    }
                }
                extents[word] = Some(extent);
            }
        }
    }
    if let Some(unreached) = extents.iter().position(Option::is_none) {
        return Err(unreached);
    }
    Ok((extents.into_iter().map(|e| e.unwrap_or_default()).collect(), children))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SENTENCE: &str = "# sent_id = 1\n\
        1\tArnor\tArnor\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_\n\
        2\trebuked\trebuke\tVERB\tVBD\tTense=Past\t0\troot\t_\t_\n\
        3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n\
        4\tenvoy\tenvoy\tNOUN\tNN\t_\t2\tobj\t_\tSpaceAfter=No\n\
        5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n";

    #[test]
    fn reads_words_heads_and_subtrees() {
        let s = parse(SENTENCE).unwrap();
        assert_eq!(
            s.words.iter().map(|w| w.form.as_str()).collect::<Vec<_>>(),
            ["Arnor", "rebuked", "the", "envoy", "."]
        );
        assert_eq!(s.words[1].head, None);
        assert_eq!(s.words[3].head, Some(1));
        assert_eq!(s.subtree(1), 0..5);
        assert_eq!(s.subtree(3), 2..4);
        assert_eq!(s.children(1), [0, 3, 4]);
        assert_eq!(s.words[0].relation(), "nsubj");
        assert!(s.words[1].has_feature("Tense=Past"));
        assert!(looks_like_conllu(SENTENCE));
        assert!(!looks_like_conllu("(ROOT (S (NP (NNP Arnor))))"));
    }

    #[test]
    fn tolerates_short_lines_spaces_multiword_tokens_and_empty_nodes() {
        let text = "1 Vino venir VERB _ _ 0 root\n2-3 del _ _ _ _ _ _ _ _\n2\tde\tde\tADP\t_\t_\t4\tcase\n\
                    3\tel\tel\tDET\t_\t_\t4\tdet\n3.1\tx\tx\tX\t_\t_\t_\t_\t_\t_\n4\tpueblo\tpueblo\tNOUN\t_\t_\t1\tobl\n";
        let s = parse(text).unwrap();
        assert_eq!(s.words.len(), 4);
        assert_eq!(s.multiword, [(1..3, "del".to_string())]);
        assert_eq!(s.words[1].head, Some(3));
    }

    #[test]
    fn a_restarted_numbering_begins_another_sentence() {
        let text = "1\tA\ta\tX\t_\t_\t0\troot\n2\tB\tb\tX\t_\t_\t1\tdep\n\n1\tC\tc\tX\t_\t_\t0\troot\n2\tD\td\tX\t_\t_\t1\tdep\n";
        let s = parse(text).unwrap();
        assert_eq!(s.words[3].head, Some(2));
        assert_eq!(s.subtree(2), 2..4);
    }

    #[test]
    fn reports_bad_lines() {
        assert_eq!(parse(""), Err(ConlluError::Empty));
        assert_eq!(parse("# only a comment\n"), Err(ConlluError::Empty));
        assert_eq!(parse("1\tA\ta\tX\t_\t_\t0").unwrap_err().line(), Some(1));
        assert_eq!(parse("x\tA\ta\tX\t_\t_\t0\troot").unwrap_err().line(), Some(1));
        let gap = "1\tA\ta\tX\t_\t_\t0\troot\n3\tB\tb\tX\t_\t_\t1\tdep";
        assert_eq!(parse(gap).unwrap_err().to_string(), "parse line 2: word 3 where word 2 was due");
        let far_head = "1\tA\ta\tX\t_\t_\t0\troot\n2\tB\tb\tX\t_\t_\t9\tdep";
        assert_eq!(parse(far_head).unwrap_err().line(), Some(2));
        let cycle = "1\tA\ta\tX\t_\t_\t2\tdep\n2\tB\tb\tX\t_\t_\t1\tdep\n3\tC\tc\tX\t_\t_\t0\troot";
        assert!(parse(cycle).unwrap_err().to_string().contains("cycle"));
    }

    #[test]
    fn a_long_chain_of_heads_does_not_overflow() {
        let n = 100_000;
        let text: String = (1..=n).map(|i| format!("{i}\tw\tw\tX\t_\t_\t{}\tdep\n", i - 1)).collect();
        let s = parse(&text).unwrap();
        assert_eq!(s.subtree(0), 0..n);
        assert_eq!(s.subtree(n - 1), n - 1..n);
    }
}
