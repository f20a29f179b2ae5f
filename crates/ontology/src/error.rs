/// Why a code could not be resolved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OntologyError {
    #[error("unknown CAMEO event code {0:?}")]
    UnknownEventCode(String),
    #[error("unknown PLOVER event {0:?}")]
    UnknownPloverEvent(String),
    #[error("unknown country code {0:?}")]
    UnknownCountry(String),
    #[error("unknown segment {segment:?} in CAMEO actor code {code:?}")]
    UnknownActorCode { code: String, segment: String },
    #[error("malformed CAMEO actor code {code:?}: {reason}")]
    MalformedActorCode { code: String, reason: &'static str },
}
