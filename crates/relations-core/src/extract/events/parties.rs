//! An event's parties: the states of the sentence's possible parties (`Analysis::can_be_party`),
//! with Libya's side and, for a Libya-only sentence, the document's main partner.

use super::super::actors::ActorMention;
use super::super::analysis::Analysis;
use super::super::lexicon::Tsv;
use crate::data_file;
use crate::text::normalize::normalize_str;
use std::collections::BTreeMap;
use std::sync::LazyLock;

pub(super) const LIBYA: &str = "LBY";

/// What the whole document says about parties.
pub(super) struct DocumentParties<'a> {
    /// The state other than Libya named most often (ties: the first code).
    main_partner: Option<&'a str>,
    /// The corpus is Libya's foreign relations: an event in a document that names any state
    /// is read as having a Libyan side.
    about_libya: bool,
}

impl<'a> DocumentParties<'a> {
    pub(super) fn new(a: &'a Analysis) -> DocumentParties<'a> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for m in a.mentions.iter().filter(|m| a.can_be_party(m)) {
            if let Some(c) = m.actor.country.as_deref() {
                *counts.entry(c).or_insert(0) += 1;
            }
        }
        let main_partner = counts.iter().filter(|(c, _)| **c != LIBYA).max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c))).map(|(c, _)| *c);
        DocumentParties { main_partner, about_libya: !counts.is_empty() }
    }

    /// The parties of a trigger at `trigger_at`, given its sentence's party countries (sorted)
    /// and possible party mentions, and those of the trigger's own clause. A clause that names
    /// a state besides Libya names the parties; else the sentence does.
    pub(super) fn of_trigger(&self, sentence_countries: &[&'a str], parties: &[&'a ActorMention], clause_parties: &[&'a ActorMention], trigger_at: usize) -> Vec<&'a str> {
        let mut in_clause: Vec<&str> = clause_parties.iter().filter_map(|m| m.actor.country.as_deref()).collect();
        in_clause.sort_unstable();
        in_clause.dedup();
        let (mut countries, parties) = if in_clause.iter().any(|c| *c != LIBYA) { (in_clause, clause_parties) } else { (sentence_countries.to_vec(), parties) };
        if countries.len() > 3 {
            // Keep Libya and the partner named nearest the trigger (a list of four states is
            // more often background than parties; on the check set, lifting this cost precision).
            let nearest = parties
                .iter()
                .filter_map(|m| m.actor.country.as_deref().map(|c| (c, m.start.abs_diff(trigger_at))))
                .filter(|(c, _)| *c != LIBYA)
                .min_by_key(|(_, d)| *d)
                .map(|(c, _)| c);
            countries.retain(|c| *c == LIBYA || Some(*c) == nearest);
        }
        if self.about_libya {
            insert_sorted(&mut countries, LIBYA);
        }
        if countries == [LIBYA] {
            if let Some(p) = self.main_partner {
                insert_sorted(&mut countries, p);
            }
        }
        countries
    }
}

/// Adds `x` to the sorted set `set` unless it is there.
fn insert_sorted<'a>(set: &mut Vec<&'a str>, x: &'a str) {
    if let Err(at) = set.binary_search(&x) {
        set.insert(at, x);
    }
}

/// Topic words, normalized, each as its words (`data/lexicon/topic_words.tsv`).
static TOPIC_WORDS: LazyLock<Vec<Vec<String>>> = LazyLock::new(|| {
    let t = Tsv::parse(data_file!("lexicon/topic_words.tsv"));
    t.rows.iter().filter_map(|r| t.get(r, "form_ar")).map(|f| normalize_str(f).split_whitespace().map(str::to_string).collect()).collect()
});

/// Which of a sentence's mentions are topics: those `is_topic` finds and the countries listed
/// after one ("الأوضاع في سوريا ولبنان"; joined by و or a comma).
pub(super) fn topics(text: &str, mentions: &[ActorMention]) -> Vec<bool> {
    let mut out: Vec<bool> = Vec::with_capacity(mentions.len());
    for (k, m) in mentions.iter().enumerate() {
        let listed_after_topic = k > 0 && out[k - 1] && matches!(m.actor.actor_type, "country" | "city" | "region") && {
            let prev = &mentions[k - 1];
            prev.end <= m.start && text[prev.end..m.start].chars().all(|c| c.is_whitespace() || matches!(c, 'و' | '،' | ','))
        };
        out.push(listed_after_topic || is_topic(text, m));
    }
    out
}

/// Is the country mention `m` the topic of the act ("بحثا الأوضاع في السودان") or the background
/// of another actor ("المقربة من موسكو"), not a party? A capital or region ("الأوضاع في غزة")
/// stands for its state here.
fn is_topic(text: &str, m: &ActorMention) -> bool {
    if !matches!(m.actor.actor_type, "country" | "city" | "region") {
        return false;
    }
    let before: String = text[..m.start].chars().rev().take(40).collect::<Vec<_>>().into_iter().rev().collect();
    let before = normalize_str(&before);
    let words: Vec<&str> = before.split_whitespace().collect();
    TOPIC_WORDS.iter().any(|form| {
        let n = form.len();
        n <= words.len() && {
            let tail = &words[words.len() - n..];
            tail[1..] == form[1..] && {
                let first = tail[0];
                first == form[0] || ["و", "ب", "ل", "وب", "ول"].iter().any(|p| first.strip_prefix(p) == Some(form[0].as_str()))
            }
        }
    })
}
