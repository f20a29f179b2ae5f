use crate::cameo::EVENT_TYPES;
use crate::plover::{mapping_for_known_code, PloverMapping};
use crate::OntologyError;
use serde::{Serialize, Serializer};

/// The four-way split of CAMEO events used by GDELT and most conflict-cooperation studies.
///
/// The discriminant is the conventional number, so `QuadClass::MaterialConflict as u8 == 4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QuadClass {
    VerbalCooperation = 1,
    MaterialCooperation = 2,
    VerbalConflict = 3,
    MaterialConflict = 4,
}

impl QuadClass {
    pub const ALL: [QuadClass; 4] = [
        QuadClass::VerbalCooperation,
        QuadClass::MaterialCooperation,
        QuadClass::VerbalConflict,
        QuadClass::MaterialConflict,
    ];

    pub fn number(self) -> u8 {
        self as u8
    }

    pub fn name(self) -> &'static str {
        match self {
            QuadClass::VerbalCooperation => "Verbal Cooperation",
            QuadClass::MaterialCooperation => "Material Cooperation",
            QuadClass::VerbalConflict => "Verbal Conflict",
            QuadClass::MaterialConflict => "Material Conflict",
        }
    }

    /// The class of a CAMEO root (1–20): 01–05 verbal cooperation, 06–08 material cooperation,
    /// 09–13 verbal conflict, 14–20 material conflict.
    pub const fn from_root(root: u8) -> Option<QuadClass> {
        match root {
            1..=5 => Some(QuadClass::VerbalCooperation),
            6..=8 => Some(QuadClass::MaterialCooperation),
            9..=13 => Some(QuadClass::VerbalConflict),
            14..=20 => Some(QuadClass::MaterialConflict),
            _ => None,
        }
    }

    /// The inverse of [`QuadClass::number`].
    pub fn from_number(number: u8) -> Option<QuadClass> {
        QuadClass::ALL.into_iter().find(|class| class.number() == number)
    }
}

impl std::fmt::Display for QuadClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Serialised as its number (1–4), the form event datasets carry it in.
impl Serialize for QuadClass {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.number())
    }
}

/// One CAMEO event code with its codebook name and Goldstein score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EventType {
    /// Two digits for a root (`"19"`), three for a category (`"190"`), four for a subcategory
    /// (`"0311"`). Leading zeros are significant.
    pub code: &'static str,
    pub name: &'static str,
    /// Conflict (−10) to cooperation (+10).
    pub goldstein: f32,
    pub quad_class: QuadClass,
}

impl EventType {
    /// The root number, 1–20.
    pub fn root(&self) -> u8 {
        root_of(self.code)
    }

    pub fn is_root(&self) -> bool {
        self.code.len() == 2
    }

    /// The code one level up (`"0311"` → `"031"` → `"03"`); `None` for a root.
    pub fn parent(&self) -> Option<&'static EventType> {
        if self.is_root() {
            return None;
        }
        event_type(&self.code[..self.code.len() - 1]).ok()
    }

    /// The codes one level down, in codebook order.
    pub fn children(&self) -> impl Iterator<Item = &'static EventType> + '_ {
        EVENT_TYPES
            .iter()
            .filter(move |child| child.code.len() == self.code.len() + 1 && child.code.starts_with(self.code))
    }

    pub fn plover(&self) -> &'static PloverMapping {
        mapping_for_known_code(self.code)
    }
}

impl std::fmt::Display for EventType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code, self.name)
    }
}

/// The root number of a code already known to be valid (the table is checked at compile time).
pub(crate) const fn root_of(code: &str) -> u8 {
    let digits = code.as_bytes();
    (digits[0] - b'0') * 10 + (digits[1] - b'0')
}

/// Looks up a CAMEO event code such as `"046"`, `"0311"` or `"20"`.
pub fn event_type(code: &str) -> Result<&'static EventType, OntologyError> {
    EVENT_TYPES
        .binary_search_by(|probe| probe.code.cmp(code))
        .map(|index| &EVENT_TYPES[index])
        .map_err(|_| OntologyError::UnknownEventCode(code.to_string()))
}

/// Every CAMEO event code, roots included, in codebook order (which is also string order).
pub fn event_types() -> &'static [EventType] {
    EVENT_TYPES
}
