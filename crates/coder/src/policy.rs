//! The coding policy: switches that change what the coder codes, not how it matches. The
//! [`crate::Coder`] owns one; the compiled [`crate::Lexicon`] knows nothing of it.

/// Which events the coder emits and how it reads mood.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Code only events with both a source and a target, as PETRARCH does by default
    /// (`require_dyad`). Off by default: CAMEO codes some events without a target ("thousands
    /// protested in Tbilisi").
    pub require_dyad: bool,
    /// Read "will"/"must" before a verb as intent or demand (CAMEO's coding rule). On by
    /// default; PETRARCH codes the verb as written, so its suite turns it off.
    pub read_modality: bool,
}

impl Default for Policy {
    fn default() -> Policy {
        Policy { require_dyad: false, read_modality: true }
    }
}
