//! The CAMEO and PLOVER ontologies as typed, static Rust data, with no I/O.
//!
//! This crate answers "what does this code mean?" for every other part of tripwire:
//!
//! - [`EventType`]: each 2-, 3- and 4-digit CAMEO 1.1b3 event code with its codebook name, its
//!   Goldstein score and its [`QuadClass`]; look one up with [`event_type`], list them with
//!   [`event_types`].
//! - [`PloverEvent`] and [`PloverMapping`]: the crosswalk from CAMEO onto the PLOVER event types
//!   (manual draft 0.8), usable both ways through [`plover_for`] and [`cameo_for_plover`].
//! - [`Country`], [`ActorType`] and [`ActorKind`]: the 3-letter segments that CAMEO actor codes
//!   are built from (states and territories, regions, international and non-governmental
//!   organisations, agent roles, religions, ethnic groups); see [`country`] and [`actor_type`].
//! - [`ActorCode`]: a validated actor code such as `IRNGOV` or `IGOWSTNAT`.
//!
//! Every failed lookup is an [`OntologyError`].

mod actor_code;
mod actors;
mod cameo;
mod error;
mod event;
mod plover;

pub use actor_code::ActorCode;
pub use actors::{actor_type, actor_types, agent_codes, countries, country, ActorKind, ActorType, Country, UnStatus};
pub use error::OntologyError;
pub use event::{event_type, event_types, EventType, QuadClass};
pub use plover::{cameo_for_plover, plover_for, PloverEvent, PloverMapping};
