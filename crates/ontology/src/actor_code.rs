use crate::actors::{actor_type, ActorKind, ActorType, Country};
use crate::{country, OntologyError};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::str::FromStr;

const SEGMENT_LEN: usize = 3;

/// A validated CAMEO actor code: one or more 3-letter upper-case segments, each a known
/// [`ActorType`] (`IRN` + `GOV`, `IGO` + `WST` + `NAT`, `USA` + `MIL` + `REB`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorCode(Box<str>);

impl ActorCode {
    pub fn parse(code: &str) -> Result<ActorCode, OntologyError> {
        let malformed = |reason| OntologyError::MalformedActorCode { code: code.to_string(), reason };
        if code.is_empty() {
            return Err(malformed("empty"));
        }
        if !code.bytes().all(|byte| byte.is_ascii_uppercase()) {
            return Err(malformed("not all upper-case ASCII letters"));
        }
        if !code.len().is_multiple_of(SEGMENT_LEN) {
            return Err(malformed("length is not a multiple of 3"));
        }
        for segment in segments_of(code) {
            if actor_type(segment).is_err() {
                return Err(OntologyError::UnknownActorCode { code: code.to_string(), segment: segment.to_string() });
            }
        }
        Ok(ActorCode(code.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The country the code belongs to. CAMEO puts it first (`IRNGOV`); a later country
    /// segment is not taken, since Phoenix reuses some ISO codes for other meanings after a
    /// role (`REBMUS`, Muslim rebels, not Mauritius).
    pub fn country(&self) -> Option<&'static Country> {
        self.segments().next().and_then(|first| country(first).ok())
    }

    pub fn segments(&self) -> impl Iterator<Item = &str> {
        segments_of(&self.0)
    }

    /// The actor type of each segment, in order.
    pub fn actor_types(&self) -> impl Iterator<Item = &'static ActorType> + '_ {
        // Every segment was checked in `parse`.
        self.segments().filter_map(|segment| actor_type(segment).ok())
    }

    /// The kind of the leading segment, i.e. what sort of actor this is at the top level.
    pub fn kind(&self) -> ActorKind {
        self.actor_types().next().map_or(ActorKind::Other, |actor_type| actor_type.kind)
    }
}

fn segments_of(code: &str) -> impl Iterator<Item = &str> {
    (0..code.len() / SEGMENT_LEN).map(move |index| &code[index * SEGMENT_LEN..(index + 1) * SEGMENT_LEN])
}

impl FromStr for ActorCode {
    type Err = OntologyError;

    fn from_str(code: &str) -> Result<Self, Self::Err> {
        ActorCode::parse(code)
    }
}

impl std::fmt::Display for ActorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for ActorCode {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for ActorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for ActorCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        ActorCode::parse(&code).map_err(serde::de::Error::custom)
    }
}
