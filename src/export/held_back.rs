//! A table held back until the end of the run: each batch's frame waits in its own file in the
//! version's temporary folder and is read back, batch by batch, when the column that needs the
//! whole run is known (events wait for their `story_id`). One batch is in memory at a time.

use anyhow::{Context, Result};
use polars::prelude::*;
use std::fs::File;
use std::path::PathBuf;

pub struct HeldBack {
    dir: PathBuf,
    batches: usize,
}

impl HeldBack {
    pub fn create(dir: PathBuf) -> Result<Self> {
        std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Self { dir, batches: 0 })
    }

    fn path(&self, batch: usize) -> PathBuf {
        self.dir.join(format!("{batch:08}.parquet"))
    }

    pub fn write(&mut self, mut df: DataFrame) -> Result<()> {
        if df.height() == 0 {
            return Ok(());
        }
        let path = self.path(self.batches);
        let file = File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
        // Read back once, on this machine: speed over size.
        ParquetWriter::new(file).with_compression(ParquetCompression::Uncompressed).finish(&mut df)?;
        self.batches += 1;
        Ok(())
    }

    /// Each batch in the order written, then the folder is gone.
    pub fn drain(self, mut each: impl FnMut(DataFrame) -> Result<()>) -> Result<()> {
        for batch in 0..self.batches {
            let path = self.path(batch);
            let file = File::open(&path).with_context(|| format!("cannot read back {}", path.display()))?;
            each(ParquetReader::new(file).finish()?)?;
            std::fs::remove_file(&path)?;
        }
        std::fs::remove_dir_all(&self.dir)?;
        Ok(())
    }
}
