//! What the watch's command-line tests share: running the binary without a default store from
//! the environment, and the standard output of a run that must succeed.

use std::process::{Command, Output};

/// `tripwire ARGS`, never reading `$TRIPWIRE_DB`.
pub fn tripwire(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tripwire")).args(args).env_remove("TRIPWIRE_DB").output().expect("tripwire runs")
}

/// The standard output of a run that succeeded; a failure shows both streams.
pub fn ok(out: &Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "failed: {}\n{stdout}", String::from_utf8_lossy(&out.stderr));
    stdout
}
