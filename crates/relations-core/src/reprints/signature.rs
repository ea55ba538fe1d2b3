//! A document's text as a short signature whose agreement estimates how much of two texts is
//! the same: one-permutation MinHash (Li, Owen and Zhang 2012) over runs of words, each bin's
//! minimum kept as 16 bits.

use crate::text::words::Word;

/// Words per shingle: a reprint keeps runs of words; two reports of one event share names and
/// phrases, rarely four words in a row over most of their text.
const SHINGLE_WORDS: usize = 4;
/// Bins of the signature.
pub const BINS: usize = 32;
/// A text this short says too little to be told a reprint (a one-line brief).
const MIN_SHINGLES: usize = 2 * BINS;

/// The 16-bit minima of the signature's bins.
pub type Signature = [u16; BINS];

/// The signature of a text's words (byte ranges of `text`, already normalized), or `None` for a
/// text too short to have one.
pub fn signature(text: &str, words: &[Word]) -> Option<Signature> {
    if words.len() < SHINGLE_WORDS + MIN_SHINGLES - 1 {
        return None;
    }
    let word_hashes: Vec<u64> = words.iter().map(|w| hash_bytes(text[w.start..w.end].as_bytes())).collect();
    let mut minima = [u64::MAX; BINS];
    for run in word_hashes.windows(SHINGLE_WORDS) {
        let h = run.iter().enumerate().fold(0u64, |acc, (i, &w)| acc ^ w.rotate_left(17 * i as u32));
        let h = mix(h);
        let bin = (h >> (64 - BINS.trailing_zeros())) as usize;
        minima[bin] = minima[bin].min(h);
    }
    // An empty bin borrows the next full one's minimum, told apart by how far it borrowed
    // ("densification", Shrivastava and Li 2014), so that equal texts still give equal bins.
    let mut out = [0u16; BINS];
    for (bin, slot) in out.iter_mut().enumerate() {
        let (distance, min) = (0..BINS).map(|d| (d as u64, minima[(bin + d) % BINS])).find(|&(_, m)| m != u64::MAX).unwrap_or((0, 0));
        *slot = mix(min ^ distance.wrapping_mul(0x9E37_79B9_7F4A_7C15)) as u16;
    }
    Some(out)
}

/// How many bins two signatures share: `BINS` times the estimated share of their shingles.
pub fn agreement(a: &Signature, b: &Signature) -> usize {
    a.iter().zip(b).filter(|(x, y)| x == y).count()
}

/// FNV-1a: stable across platforms and releases, which ids and signatures must be.
fn hash_bytes(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// The splitmix64 finalizer: spreads every input bit over the output.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
