//! Made-up texts: copies, near copies, texts that share a part, strangers.

use super::signature::{agreement, signature, Signature, BINS};
use super::*;
use crate::text::words::words;

/// `n` words drawn from a made-up vocabulary by a fixed generator: the same seed, the same text.
fn text(seed: u64, n: usize) -> Vec<String> {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    (0..n)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            format!("kal{}", (state >> 33) % 400)
        })
        .collect()
}

fn sig(words_of: &[String]) -> Option<Signature> {
    let t = words_of.join(" ");
    signature(&t, &words(&t))
}

/// `base` with every `every`-th word replaced and a new first line.
fn edited(base: &[String], every: usize) -> Vec<String> {
    let mut out: Vec<String> = vec!["headline".into(), "of".into(), "another".into(), "outlet".into()];
    out.extend(base.iter().enumerate().map(|(i, w)| if i % every == every - 1 { format!("changed{i}") } else { w.clone() }));
    out
}

#[test]
fn a_copy_agrees_everywhere_a_near_copy_mostly_and_strangers_rarely() {
    let a = text(1, 300);
    let sa = sig(&a).unwrap();
    assert_eq!(agreement(&sa, &sig(&a).unwrap()), BINS);
    // One word in 100 changed, a new headline: about 92% of the four-word runs shared.
    assert!(agreement(&sa, &sig(&edited(&a, 100)).unwrap()) >= REPRINT_BINS);
    // One word in 15: about 60% shared, a rewrite rather than a reprint.
    assert!(agreement(&sa, &sig(&edited(&a, 15)).unwrap()) < REPRINT_BINS);
    assert!(agreement(&sa, &sig(&text(2, 300)).unwrap()) <= 4);
    // Half the text shared (another article quoting a paragraph): no reprint.
    let mut half = a[..150].to_vec();
    half.extend(text(3, 150));
    assert!(agreement(&sa, &sig(&half).unwrap()) < REPRINT_BINS);
}

#[test]
fn a_short_text_has_no_signature() {
    assert!(sig(&text(1, 40)).is_none());
    assert!(sig(&text(1, 80)).is_some());
}

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// (key, published, words) in arrival order → originals by key.
fn originals(docs: &[(u64, Option<NaiveDate>, Vec<String>)]) -> Vec<(u64, Option<u64>)> {
    let mut index = ReprintIndex::default();
    for (key, published, w) in docs {
        index.add(*key, *published, sig(w));
    }
    let mut out: Vec<(u64, Option<u64>)> = docs.iter().map(|d| d.0).zip(index.originals()).collect();
    out.sort();
    out
}

#[test]
fn a_reprint_names_the_earliest_original_whatever_the_input_order() {
    let a = text(10, 250);
    let docs = vec![
        (2, day("2025-07-03"), edited(&a, 125)),
        (1, day("2025-07-02"), a.clone()),
        (3, day("2025-07-01"), text(11, 250)),
        // Unknown publication comes after every dated one.
        (4, None, edited(&a, 100)),
        (5, day("2025-07-05"), a[..40].to_vec()),
    ];
    let expected = vec![(1, None), (2, Some(1)), (3, None), (4, Some(1)), (5, None)];
    assert_eq!(originals(&docs), expected);
    let mut reversed = docs.clone();
    reversed.reverse();
    assert_eq!(originals(&reversed), expected);
}

#[test]
fn a_reprint_of_a_reprint_names_the_first_original() {
    let a = text(20, 250);
    let b = edited(&a, 120);
    let c = edited(&b, 110);
    let docs = vec![(7, day("2025-01-03"), c), (8, day("2025-01-02"), b), (9, day("2025-01-01"), a)];
    assert_eq!(originals(&docs), vec![(7, Some(9)), (8, Some(9)), (9, None)]);
}

