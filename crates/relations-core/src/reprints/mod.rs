//! Reprints: documents whose text is nearly another's (an outlet republishing a wire story, a
//! copy with a different header). They stay documents; `documents.duplicate_of` names the
//! original, the earliest of them (publication day, unknown last, then id), so the mark does
//! not depend on input order. Identical cleaned texts never get here: they are one document.
//!
//! Each document keeps a 64-byte signature (`signature`); at the end, documents that share one
//! of its bands are compared, and those that agree on most bins are reprints.

pub mod signature;

use chrono::NaiveDate;
use signature::{agreement, Signature, BINS};

/// Bins per band: two documents are compared when they agree on all bins of a band.
const BAND_BINS: usize = 4;
/// Agreeing bins that make a reprint: about 80% of the shingles shared. Two reports of one
/// event by different outlets share far fewer; a reprint with a new headline and a changed
/// sentence shares more.
const REPRINT_BINS: usize = BINS * 8 / 10;
/// Earlier documents of a band a document is compared with: a cap on the cost of a band that
/// many documents share.
const COMPARED: usize = 64;
const NONE: u32 = u32::MAX;

struct Entry {
    doc_key: u64,
    published: Option<NaiveDate>,
    /// Into `signatures`, or NONE for a text too short to have one.
    signature: u32,
}

/// The documents of a run, in arrival order.
#[derive(Default)]
pub struct ReprintIndex {
    entries: Vec<Entry>,
    signatures: Vec<Signature>,
}

impl ReprintIndex {
    /// `doc_key`: the 64 bits of the document id.
    pub fn add(&mut self, doc_key: u64, published: Option<NaiveDate>, signature: Option<Signature>) {
        let signature = match signature {
            Some(s) => {
                self.signatures.push(s);
                (self.signatures.len() - 1) as u32
            }
            None => NONE,
        };
        self.entries.push(Entry { doc_key, published, signature });
    }

    /// Per document in arrival order: the key of the document it reprints, if any.
    pub fn originals(self) -> Vec<Option<u64>> {
        let n = self.entries.len();
        let mut order: Vec<u32> = (0..n as u32).collect();
        order.sort_by_key(|&i| {
            let e = &self.entries[i as usize];
            (e.published.is_none(), e.published, e.doc_key)
        });
        // Per place in that order: the earliest earlier document it reprints.
        let mut earliest = vec![NONE; n];
        let mut keyed: Vec<(u64, u32)> = Vec::with_capacity(self.signatures.len());
        for band in 0..BINS / BAND_BINS {
            keyed.clear();
            for (place, &i) in order.iter().enumerate() {
                let s = self.entries[i as usize].signature;
                if s != NONE {
                    let bins = &self.signatures[s as usize][band * BAND_BINS..(band + 1) * BAND_BINS];
                    let key = bins.iter().fold(0u64, |k, &b| k << 16 | b as u64);
                    keyed.push((key, place as u32));
                }
            }
            keyed.sort_unstable();
            for group in keyed.chunk_by(|a, b| a.0 == b.0) {
                for (k, &(_, later)) in group.iter().enumerate().skip(1) {
                    let later_sig = &self.signatures[self.entries[order[later as usize] as usize].signature as usize];
                    for &(_, earlier) in group[..k].iter().take(COMPARED) {
                        if earlier >= earliest[later as usize] {
                            break;
                        }
                        let earlier_sig = &self.signatures[self.entries[order[earlier as usize] as usize].signature as usize];
                        if agreement(earlier_sig, later_sig) >= REPRINT_BINS {
                            earliest[later as usize] = earlier;
                            break;
                        }
                    }
                }
            }
        }
        drop(keyed);
        // A reprint of a reprint names the first original.
        let mut original = vec![NONE; n];
        for place in 0..n {
            let e = earliest[place];
            if e != NONE {
                original[place] = if original[e as usize] != NONE { original[e as usize] } else { e };
            }
        }
        let mut out = vec![None; n];
        for (place, &i) in order.iter().enumerate() {
            if original[place] != NONE {
                out[i as usize] = Some(self.entries[order[original[place] as usize] as usize].doc_key);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
