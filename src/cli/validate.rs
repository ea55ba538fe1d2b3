//! `relations-export validate [DIR]`: check a version against its checksums and schemas.

use super::{EXIT_FAILED, EXIT_OK};
use crate::export::{validate, version};
use anyhow::Result;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// A version folder, or a dataset root (its `latest` is checked) [default: relations-data]
    pub dir: Option<PathBuf>,
}

pub fn execute(args: ValidateArgs) -> Result<i32> {
    let dir = version::resolve_version_dir(&args.dir.unwrap_or_else(|| PathBuf::from("relations-data")))?;
    let problems = validate::validate_version(&dir, validate::Checksums::Verify)?;
    if problems.is_empty() {
        println!("{}: valid", dir.display());
        Ok(EXIT_OK)
    } else {
        for p in &problems {
            println!("{}: {p}", dir.display());
        }
        Ok(EXIT_FAILED)
    }
}
