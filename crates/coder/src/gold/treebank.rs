//! Penn Treebank bracketed parses, as PETRARCH records carry them:
//! `(ROOT (S (NP (NNP Arnor)) (VP (VBZ is) …) (. .)))`.
//!
//! The reader takes the layouts found in the wild: any indentation and line breaks, an unlabelled
//! outer bracket (`( (S …) )`, the Stanford parser's habit), empty constituents (`(S )`). A tree is
//! stored as an arena of nodes in pre-order, so arbitrarily deep input neither recurses nor
//! overflows the stack; malformed input is an error, never a panic.
//!
//! Positions are *leaf indices*: the n-th word of the sentence is leaf n, and a constituent's span
//! is the half-open range of the leaves under it.

use std::fmt;
use std::ops::Range;

/// Index of a node in its [`Tree`].
pub type NodeId = usize;

/// One bracket of a parse: a phrase (`NP`, with children), a part-of-speech tag with its word
/// (`NNP Arnor`), or an empty constituent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// The bracket's label; empty for an unlabelled bracket such as the outer one in `( (S …) )`.
    pub label: String,
    /// The word, for a part-of-speech node; words keep Treebank escapes such as `-LRB-`.
    pub word: Option<String>,
    pub children: Vec<NodeId>,
    pub parent: Option<NodeId>,
    /// The leaves under this node, as leaf indices.
    pub span: Range<usize>,
}

impl Node {
    pub fn is_leaf(&self) -> bool {
        self.word.is_some()
    }
}

/// A parsed tree. Node 0 is the root, and nodes are in pre-order (a node comes before everything
/// under it, and siblings come left to right).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tree {
    nodes: Vec<Node>,
    leaf_count: usize,
}

/// A constituent as [`Tree::constituents`] lists it: label, leaf span, and each child's label and
/// leaf span.
pub type Constituent<'a> = (&'a str, Range<usize>, Vec<(String, Range<usize>)>);

/// Why a parse could not be read. Offsets are byte offsets into the parsed text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TreebankError {
    #[error("no tree: the text holds no bracket")]
    Empty,
    #[error("byte {offset}: `)` closes no open bracket")]
    UnmatchedClose { offset: usize },
    #[error("byte {offset}: this bracket is never closed")]
    Unclosed { offset: usize },
    #[error("byte {offset}: `{text}` stands outside any bracket")]
    OutsideBrackets { offset: usize, text: String },
    #[error("byte {offset}: `{text}` follows a word or a sub-tree; a bracket holds one word or sub-trees")]
    MisplacedWord { offset: usize, text: String },
    #[error("byte {offset}: a sub-tree follows the word of its bracket")]
    SubtreeAfterWord { offset: usize },
}

impl TreebankError {
    /// The byte offset the error points at, when it points anywhere.
    pub fn offset(&self) -> Option<usize> {
        match self {
            TreebankError::Empty => None,
            TreebankError::UnmatchedClose { offset }
            | TreebankError::Unclosed { offset }
            | TreebankError::OutsideBrackets { offset, .. }
            | TreebankError::MisplacedWord { offset, .. }
            | TreebankError::SubtreeAfterWord { offset } => Some(*offset),
        }
    }
}

/// Reads one bracketed tree. Text after the tree's closing bracket is an error, except whitespace.
pub fn parse(text: &str) -> Result<Tree, TreebankError> {
    let mut nodes: Vec<Node> = Vec::new();
    // Open brackets, innermost last, with the byte offset of each `(`.
    let mut open: Vec<(NodeId, usize)> = Vec::new();
    // The innermost open bracket has not yet seen its label (nor anything else).
    let mut awaiting_label = false;
    let mut leaf_count = 0;
    for (offset, token) in Tokens::new(text) {
        match token {
            Token::Open => {
                if open.is_empty() && !nodes.is_empty() {
                    return Err(TreebankError::OutsideBrackets { offset, text: "(".to_string() });
                }
                let id = nodes.len();
                let parent = open.last().map(|&(p, _)| p);
                if let Some(p) = parent {
                    if nodes[p].word.is_some() {
                        return Err(TreebankError::SubtreeAfterWord { offset });
                    }
                    nodes[p].children.push(id);
                }
                nodes.push(Node {
                    label: String::new(),
                    word: None,
                    children: Vec::new(),
                    parent,
                    span: leaf_count..leaf_count,
                });
                open.push((id, offset));
                awaiting_label = true;
            }
            Token::Close => {
                let Some((id, _)) = open.pop() else {
                    return Err(TreebankError::UnmatchedClose { offset });
                };
                nodes[id].span.end = leaf_count;
                awaiting_label = false;
            }
            Token::Atom(atom) => {
                let Some(&(id, _)) = open.last() else {
                    return Err(TreebankError::OutsideBrackets { offset, text: atom.to_string() });
                };
                let node = &mut nodes[id];
                if awaiting_label {
                    node.label = atom.to_string();
                    awaiting_label = false;
                } else if node.word.is_none() && node.children.is_empty() {
                    node.word = Some(atom.to_string());
                    leaf_count += 1;
                } else {
                    return Err(TreebankError::MisplacedWord { offset, text: atom.to_string() });
                }
            }
        }
    }
    if let Some(&(_, offset)) = open.first() {
        return Err(TreebankError::Unclosed { offset });
    }
    if nodes.is_empty() {
        return Err(TreebankError::Empty);
    }
    Ok(Tree { nodes, leaf_count })
}

impl std::str::FromStr for Tree {
    type Err = TreebankError;

    fn from_str(text: &str) -> Result<Tree, TreebankError> {
        parse(text)
    }
}

impl Tree {
    pub fn root(&self) -> &Node {
        &self.nodes[0]
    }

    /// The node with this id. Ids come from this tree ([`Node::children`], [`Node::parent`]).
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id)
    }

    /// Every node, in pre-order; a node's index here is its [`NodeId`].
    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    pub fn leaf_count(&self) -> usize {
        self.leaf_count
    }

    /// The words, left to right.
    pub fn leaves(&self) -> impl Iterator<Item = &str> + '_ {
        self.nodes.iter().filter_map(|n| n.word.as_deref())
    }

    /// (part-of-speech tag, word) for each word, left to right.
    pub fn tagged_leaves(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.nodes.iter().filter_map(|n| n.word.as_deref().map(|w| (n.label.as_str(), w)))
    }

    /// Every bracket that is not a word, in pre-order, as (label, leaf span, children's labels and
    /// spans). Part-of-speech children appear among the children like any other.
    pub fn constituents(&self) -> impl Iterator<Item = Constituent<'_>> + '_ {
        self.nodes.iter().filter(|n| !n.is_leaf()).map(move |n| {
            let children = n
                .children
                .iter()
                .filter_map(|&c| self.nodes.get(c))
                .map(|c| (c.label.clone(), c.span.clone()))
                .collect();
            (n.label.as_str(), n.span.clone(), children)
        })
    }

    /// The words in a leaf span (clipped to the sentence).
    pub fn words(&self, span: Range<usize>) -> Vec<&str> {
        let end = span.end.min(self.leaf_count);
        self.leaves().skip(span.start).take(end.saturating_sub(span.start)).collect()
    }

    /// The tree on one line, in the bracket notation it was read from.
    pub fn to_bracketed(&self) -> String {
        let mut out = String::new();
        // (node, next child to visit); iterative so deep trees cannot overflow the stack.
        let mut stack: Vec<(NodeId, usize)> = vec![(0, 0)];
        while let Some(&(id, next)) = stack.last() {
            let node = &self.nodes[id];
            if next == 0 {
                if !out.is_empty() && !out.ends_with('(') {
                    out.push(' ');
                }
                out.push('(');
                out.push_str(&node.label);
                if let Some(word) = &node.word {
                    if !node.label.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(word);
                }
            }
            match node.children.get(next) {
                Some(&child) => {
                    if let Some(top) = stack.last_mut() {
                        top.1 += 1;
                    }
                    stack.push((child, 0));
                }
                None => {
                    out.push(')');
                    stack.pop();
                }
            }
        }
        out
    }
}

impl fmt::Display for Tree {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_bracketed())
    }
}

/// The text a Treebank escape stands for (`-LRB-` → `(`, ` `` ` → `"`); other words unchanged.
pub fn unescape_word(word: &str) -> &str {
    match word {
        "-LRB-" => "(",
        "-RRB-" => ")",
        "-LSB-" => "[",
        "-RSB-" => "]",
        "-LCB-" => "{",
        "-RCB-" => "}",
        "``" | "''" => "\"",
        other => other,
    }
}

enum Token<'a> {
    Open,
    Close,
    Atom(&'a str),
}

/// Brackets and the whitespace-free runs between them, with their byte offsets.
struct Tokens<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str) -> Tokens<'a> {
        Tokens { text, at: 0 }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = (usize, Token<'a>);

    fn next(&mut self) -> Option<(usize, Token<'a>)> {
        let rest = self.text.get(self.at..)?;
        let skipped = rest.len() - rest.trim_start().len();
        let start = self.at + skipped;
        let rest = &rest[skipped..];
        let first = rest.chars().next()?;
        let (token, len) = match first {
            '(' => (Token::Open, 1),
            ')' => (Token::Close, 1),
            _ => {
                let len = rest.find(|c: char| c == '(' || c == ')' || c.is_whitespace()).unwrap_or(rest.len());
                (Token::Atom(&rest[..len]), len)
            }
        };
        self.at = start + len;
        Some((start, token))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_labelled_root_with_spans() {
        let tree = parse("(ROOT (S (NP (NNP Arnor)) (VP (VBZ is) (ADJP (JJ calm))) (. .)))").unwrap();
        assert_eq!(tree.leaves().collect::<Vec<_>>(), ["Arnor", "is", "calm", "."]);
        assert_eq!(tree.root().label, "ROOT");
        assert_eq!(tree.root().span, 0..4);
        let vp = tree.nodes().iter().find(|n| n.label == "VP").unwrap();
        assert_eq!(vp.span, 1..3);
        assert_eq!(tree.words(vp.span.clone()), ["is", "calm"]);
        let s = tree.constituents().find(|(label, _, _)| *label == "S").unwrap();
        let child_labels: Vec<&str> = s.2.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(child_labels, ["NP", "VP", "."]);
    }

    #[test]
    fn reads_an_unlabelled_outer_bracket_and_empty_constituents() {
        let tree = parse("( (S \n (NP (DT The)\n) (S )\n) )").unwrap();
        assert_eq!(tree.root().label, "");
        assert_eq!(tree.leaf_count(), 1);
        let empty = tree.nodes().iter().filter(|n| n.label == "S").nth(1).unwrap();
        assert_eq!(empty.span, 1..1);
        assert_eq!(tree.to_bracketed(), "((S (NP (DT The)) (S)))");
    }

    #[test]
    fn reports_malformed_brackets() {
        assert_eq!(parse("   "), Err(TreebankError::Empty));
        assert_eq!(parse("(S (NP x)"), Err(TreebankError::Unclosed { offset: 0 }));
        assert_eq!(parse("(S x))"), Err(TreebankError::UnmatchedClose { offset: 5 }));
        assert!(matches!(parse("(NN a b)"), Err(TreebankError::MisplacedWord { .. })));
        assert!(matches!(parse("(NN a (X b))"), Err(TreebankError::SubtreeAfterWord { .. })));
        assert!(matches!(parse("word (S)"), Err(TreebankError::OutsideBrackets { .. })));
        assert!(matches!(parse("(S) (S)"), Err(TreebankError::OutsideBrackets { .. })));
    }

    #[test]
    fn deep_nesting_neither_recurses_nor_overflows() {
        let depth = 200_000;
        let text = format!("{}(NN x){}", "(X ".repeat(depth), ")".repeat(depth));
        let tree = parse(&text).unwrap();
        assert_eq!(tree.leaf_count(), 1);
        assert_eq!(tree.nodes().len(), depth + 1);
        assert_eq!(tree.to_bracketed(), text);
    }
}
