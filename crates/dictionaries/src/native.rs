//! Reader for tripwire's own dictionary format (docs/dictionary-format.md).
