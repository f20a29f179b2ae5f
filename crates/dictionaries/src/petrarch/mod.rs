//! Readers for the PETRARCH2 / TABARI dictionary formats.
