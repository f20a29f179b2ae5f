//! A parse, when the input has one: part-of-speech tags and clauses that guide the verb and role
//! stages in place of their word-order rules.

use std::ops::Range;

use super::actors::Mention;

/// Syntax from a parser, when the input has one (PETRARCH records carry a Penn Treebank parse):
/// part-of-speech tags per token and the clauses (subject and predicate token ranges). With it,
/// verbs are only words tagged as verbs, the subject is the clause's subject noun phrase and the
/// object lies inside the verb phrase.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Syntax {
    pub pos: Vec<String>,
    pub clauses: Vec<Clause>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    pub subject: Option<Range<usize>>,
    pub predicate: Range<usize>,
}

impl Syntax {
    /// The innermost clause whose predicate holds `token` and that has a subject.
    pub(super) fn clause_of(&self, token: usize) -> Option<&Clause> {
        self.clauses
            .iter()
            .filter(|c| c.predicate.contains(&token) && c.subject.is_some())
            .min_by_key(|c| c.predicate.len())
    }

    /// The smallest clause with a subject whose predicate strictly contains `inner`'s.
    pub(super) fn enclosing_clause(&self, inner: &Clause) -> Option<&Clause> {
        let span = inner.subject.as_ref().map_or(inner.predicate.start, |s| s.start)..inner.predicate.end;
        self.clauses
            .iter()
            .filter(|c| {
                c.subject.is_some()
                    && c.predicate.start <= span.start
                    && span.end <= c.predicate.end
                    && c.predicate != inner.predicate
            })
            .min_by_key(|c| c.predicate.len())
    }

    /// The clause part a mention belongs to: the subject noun phrase holding it, or else the verb
    /// phrase of the verb at `verb`.
    pub(super) fn constituent_of(&self, mention: &Mention, verb: usize) -> Option<Range<usize>> {
        let start = mention.tokens.start;
        self.clauses
            .iter()
            .filter_map(|c| c.subject.clone())
            .filter(|np| np.contains(&start))
            .min_by_key(|np| np.len())
            .or_else(|| self.predicate_of(verb).cloned())
    }

    /// The innermost verb phrase (predicate) holding `token`, subject or not.
    pub(super) fn predicate_of(&self, token: usize) -> Option<&Range<usize>> {
        self.clauses.iter().filter(|c| c.predicate.contains(&token)).map(|c| &c.predicate).min_by_key(|p| p.len())
    }

    pub(super) fn is_verb(&self, token: usize) -> bool {
        self.pos.get(token).is_some_and(|p| p.starts_with("VB"))
    }
}
