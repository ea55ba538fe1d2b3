//! A progress bar with documents/s and ETA on a terminal; nothing otherwise (logs say it).

use indicatif::{ProgressBar, ProgressStyle};

pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    pub fn new(enabled: bool, total_bytes: u64) -> Self {
        if !enabled {
            return Self { bar: None };
        }
        let bar = ProgressBar::new(total_bytes);
        let style = ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} {msg} ETA {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(style);
        Self { bar: Some(bar) }
    }

    pub fn advance(&self, bytes: u64, documents: u64) {
        if let Some(bar) = &self.bar {
            bar.inc(bytes);
            let secs = bar.elapsed().as_secs_f64().max(1e-3);
            bar.set_message(format!("{documents} docs ({:.0} docs/s)", documents as f64 / secs));
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
