//! The exit-status rule every command follows (docs/exit-codes.md):
//!
//! - `0`: every input and every record in it was read and used;
//! - `1`: nothing usable: no input could be read, nothing was coded, stored or written, or a fatal
//!   error stopped the command;
//! - `2`: the command line itself was wrong (clap's usage errors);
//! - `3`: the command did its work, but some inputs or records were skipped; each was reported on
//!   standard error with its file and line as it was met.
//!
//! A command that skipped something finishes its output first and then returns [`Skipped`] as its
//! error; `main` turns that into status 3 with a one-line summary.

/// Exit status of a complete run.
pub const COMPLETE: i32 = 0;
/// Exit status when nothing usable came out of the run.
pub const FAILED: i32 = 1;
/// Exit status when the work was done but some inputs or records were skipped.
pub const PARTIAL: i32 = 3;

/// Returned by a command that finished its work but skipped `count` of something (`what`:
/// "inputs", "lines", "rows" …).
#[derive(Debug)]
pub struct Skipped {
    pub count: usize,
    pub what: &'static str,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} skipped (each reported above)", self.count, self.what)
    }
}

impl std::error::Error for Skipped {}

/// The exit status for a command's outcome, and whether its error should be printed as one.
pub fn status_of(outcome: &anyhow::Result<()>) -> i32 {
    match outcome {
        Ok(()) => COMPLETE,
        Err(error) if error.downcast_ref::<Skipped>().is_some() => PARTIAL,
        Err(_) => FAILED,
    }
}
