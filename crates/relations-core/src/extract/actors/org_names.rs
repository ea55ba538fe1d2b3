//! Organization names outside the registry: how far a head noun's name runs (its construct
//! chain, a Latin-script or quoted name), what country it states, and partial names of one
//! organization in a document.

use super::{GivenName, Taken, FUNCTION_WORDS, LEX};
use crate::extract::gazetteer::Hit;
use crate::extract::registry::{FormKind, Registry, REGISTRY};
use crate::model::{Actor, ActorRef};
use crate::text::normalize::normalize_str;
use crate::text::is_quotation_mark;
use crate::text::words::Word;
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

/// Words that end an organization's name: a time expression after it is no part of it
/// ("وزارة الخارجية الثلاثاء", "الشركة الليبية العام الماضي"), nor the addressee of a
/// statement ("لوسائل الإعلام") or a participle that places it under another body ("التابعة
/// للمؤسسة", "المنبثقة عن"), nor a word that only describes or refers back ("مقر القنصلية
/// الجديد", "الوزارة نفسها").
const NAME_ENDS: &str = "اليوم الأسبوع الاسبوع الشهر السنة الماضي الماضية الجاري الجارية المقبل المقبلة الحالي الحالية القادم السبت الأحد الاحد الاثنين الإثنين الثلاثاء الأربعاء الاربعاء الخميس الجمعة صباح مساء أيضا ايضا وسائل مراسل مراسلي التابع التابعة المنبثق المنبثقة الجديد الجديدة المذكور المذكورة نفسه نفسها ذاته ذاتها";

/// Titles that take a portfolio: after "وكيل وزارة الخارجية" a phrase "للشؤون السياسية" is the
/// undersecretary's portfolio, not part of the ministry's name. (شؤون is شوون once normalized.)
const PORTFOLIO_TITLES: &str = "وكيل مساعد نائب مستشار مبعوث";

static ORG_NAME_ENDS: LazyLock<HashSet<String>> = LazyLock::new(|| FUNCTION_WORDS.split_whitespace().chain(NAME_ENDS.split_whitespace()).map(normalize_str).collect());

/// The last token of an organization name whose head ends before token `first`, and the
/// country its name states. The name runs over its construct chain: definite nouns and
/// adjectives ("مركز جراحات القلب", "المركز الوطني للأورام"), nouns joined by و ("وزارة
/// الاقتصاد والتجارة"), up to a country or city it names (which ends it) or any other word.
/// None when nothing follows the head: a bare head is no name. `takes_adjective`: a country
/// adjective right after the head names that state's body ("السفارة الإيطالية"), where after
/// other heads ("الشركة الإيطالية") it only describes one.
pub(super) fn org_name_end(n: &str, toks: &[Word], first: usize, head: &str, takes_adjective: bool, taken: &Taken, ends: &ChainEnds) -> Option<(usize, Option<String>)> {
    let head_first = first - head.split(' ').count();
    let after_portfolio_title = head_first > 0 && {
        let before = &n[toks[head_first - 1].start..toks[head_first - 1].end];
        PORTFOLIO_TITLES.split(' ').any(|t| before == t || before.strip_prefix('و') == Some(t))
    };
    const MAX_WORDS: usize = 5;
    let reg = &*REGISTRY;
    let ChainEnds { reg_hits, given, title_starts, org_heads } = *ends;
    let mut last: Option<usize> = None;
    let mut adjective_country: Option<String> = None;
    let mut body_country: Option<String> = None;
    let word = |k: usize| &n[toks[k].start..toks[k].end];
    // A time word ends a name. العام is "general" in one (الاتحاد العام للشغل) and "the year"
    // before a time word or a year (العام الماضي، العام 2024).
    let ends_name = |k: usize| {
        ORG_NAME_ENDS.contains(word(k))
            || (word(k) == "العام" && toks.get(k + 1).is_none_or(|_| ORG_NAME_ENDS.contains(word(k + 1)) || word(k + 1).chars().all(|c| c.is_ascii_digit())))
    };
    for k in first..(first + MAX_WORDS).min(toks.len()) {
        if !n[toks[k - 1].end..toks[k].start].chars().all(char::is_whitespace) {
            break;
        }
        let w = &n[toks[k].start..toks[k].end];
        if taken.flags[k] {
            // A registry word: a country or city ends the name; anything else is not part of it.
            let Some(hit) = registry_hit_at(toks, k, reg_hits) else { break };
            let form = reg.gazetteer.entries[hit.entry];
            let actor = &reg.actors[form.actor];
            // "الجمعية الليبية للصحة": an adjective right after the head is part of a name
            // that goes on; alone ("الشركة الإيطالية") it only describes the head.
            if actor.actor_type == "country" && form.kind == FormKind::Adjective && last.is_none() && !takes_adjective {
                // A second state's adjective joins them: "الغرفة الليبية التركية للتجارة".
                let goes_on = k + 1 < toks.len() && !taken.flags[k + 1] && ["ال", "لل"].iter().any(|p| n[toks[k + 1].start..].starts_with(p)) && !ends_name(k + 1);
                if goes_on || adjective_country_at(n, toks, k + 1, taken, reg_hits).is_some() {
                    adjective_country = actor.country.clone();
                    last = Some(k);
                    continue;
                }
                break;
            }
            let names_country = actor.actor_type == "country" && (form.kind == FormKind::Name || last.is_some() || takes_adjective);
            // A facility only in construct (هيئة قناة السويس), not as a place (الحكومة بـ10 داونينغ ستريت).
            let in_construct = matches!(&n[toks[k].start..hit.start], "" | "ال");
            let names_city = (matches!(actor.actor_type, "city" | "region") || (actor.actor_type == "facility" && in_construct)) && form.kind != FormKind::Ambiguous;
            let end = toks.partition_point(|t| t.end <= hit.end).saturating_sub(1).max(k);
            if names_country || names_city {
                // A joint body names both states: "غرفة التجارة الليبية الإيطالية".
                let end = match adjective_country_at(n, toks, end + 1, taken, reg_hits) {
                    Some(_) if form.kind == FormKind::Adjective => end + 1,
                    _ => end,
                };
                return Some((end, adjective_country.or_else(|| actor.country.clone())));
            }
            // The registry body it belongs to ends it and gives its country; the body stays a
            // mention of its own: "لجنة الطاقة" of "لجنة الطاقة بمجلس النواب".
            if actor.actor_type == "organization" && matches!(&n[toks[k].start..hit.start], "ب" | "ل" | "لل") {
                body_country = actor.country.clone();
            }
            break;
        }
        if title_starts[k] || ends_name(k) || w.chars().any(|c| c.is_ascii_digit()) || given[k].whole.is_some_and(|ordinary| !ordinary) {
            break;
        }
        // "مكتب الإعلام بالحكومة": a body named by its head ends the name.
        if last.is_some() && w.starts_with("بال") && org_heads[k] {
            return Some((k, adjective_country));
        }
        if after_portfolio_title && matches!(w, "للشوون" | "لشوون") {
            break;
        }
        let definite = w.starts_with("ال") || w.starts_with("لل");
        // A لـ phrase in construct goes on: "اللجنة الوطنية لحقوق الإنسان", "الاتحاد العام لغرف
        // التجارة". Not to an addressee ("لوسائل الإعلام", "لجميع الشركات") or a body of its own.
        let to_construct = last.is_some()
            && !definite
            && !org_heads[k]
            && w.strip_prefix('ل').is_some_and(|noun| noun.chars().count() > 2 && !ORG_NAME_ENDS.contains(noun))
            && k + 1 < toks.len()
            && !taken.flags[k + 1]
            && n[toks[k + 1].start..].starts_with("ال")
            && !ends_name(k + 1);
        let joined = last.is_some() && w.starts_with("وال");
        // An indefinite noun right after the head in construct ("مركز جراحات القلب") if a
        // definite word follows it.
        let construct = last.is_none() && !head.starts_with("ال") && k + 1 < toks.len() && n[toks[k + 1].start..].starts_with("ال") && !ends_name(k + 1);
        if !(definite || joined || construct || to_construct) {
            break;
        }
        last = Some(k);
    }
    // A chain that ends on a conjunct or an indefinite word is cut back to its last definite word.
    let definite = |k: usize| ["ال", "لل", "وال"].iter().any(|p| n[toks[k].start..].starts_with(p));
    let mut last = last?;
    while !definite(last) {
        if last == first {
            return None;
        }
        last -= 1;
    }
    Some((last, adjective_country.or(body_country)))
}

/// The last token of a Latin-script name that starts at token `first` right after a head
/// ("شركة Veniva Energy"): words of ASCII letters, digits and & . - + that the registry has not
/// taken, at most five, one space apart.
pub(super) fn latin_name_end(n: &str, toks: &[Word], first: usize, taken: &Taken) -> Option<usize> {
    const MAX_WORDS: usize = 5;
    let latin = |k: usize| {
        let w = &n[toks[k].start..toks[k].end];
        w.starts_with(|c: char| c.is_ascii_alphabetic()) && w.chars().all(|c| c.is_ascii_alphanumeric() || "&.-+'".contains(c))
    };
    let mut last = None;
    for k in first..(first + MAX_WORDS).min(toks.len()) {
        let spaced = n[toks[k - 1].end..toks[k].start] == *" ";
        if taken.flags[k] || !spaced || !latin(k) {
            break;
        }
        last = Some(k);
    }
    last
}

/// The last token of a name in quotation marks right after a head ("مجلة «آفاق الأمن
/// البحري»", "شركة "الواحة""): up to five words the registry has not taken, no other
/// punctuation and no function word inside (a quoted statement is no name); None if the quote
/// does not close there.
pub(super) fn quoted_name_end(n: &str, toks: &[Word], first: usize, taken: &Taken) -> Option<usize> {
    const MAX_WORDS: usize = 5;
    let gap = |k: usize| &n[toks[k - 1].end..toks[k].start];
    if first == 0 || first >= toks.len() || !matches!(gap(first).trim(), "«" | "\"" | "“") {
        return None;
    }
    for k in first..(first + MAX_WORDS).min(toks.len()) {
        if taken.flags[k] || (k > first && gap(k) != " ") || LEX.stop.contains(&n[toks[k].start..toks[k].end]) {
            return None;
        }
        let after = toks.get(k + 1).map_or(&n[toks[k].end..], |next| &n[toks[k].end..next.start]);
        if after.trim_start().starts_with(['»', '"', '”']) {
            return Some(k);
        }
    }
    None
}

/// The first registry hit (of `reg_hits`, in text order, not overlapping) on token `k`.
fn registry_hit_at<'h>(toks: &[Word], k: usize, reg_hits: &'h [Hit]) -> Option<&'h Hit> {
    let at = reg_hits.partition_point(|r| r.end <= toks[k].start);
    reg_hits[at..].iter().take_while(|r| r.start < toks[k].end).next()
}

/// The registry actor, and the kind of its form, that starts at token `k` with no proclitic
/// but ال, after nothing but spaces and quotation marks ("نوفا” الإيطالية").
pub(super) fn registry_form_at<'r>(n: &str, toks: &[Word], k: usize, taken: &Taken, reg_hits: &[Hit]) -> Option<(&'r Actor, FormKind)> {
    let reg: &'r Registry = &REGISTRY;
    let tok = toks.get(k).filter(|t| taken.flags[k] && n[toks[k - 1].end..t.start].chars().all(|c| c == ' ' || is_quotation_mark(c)))?;
    // A hit that began on an earlier token ("كورية جنوبية" seen from جنوبية) starts no form here.
    let hit = registry_hit_at(toks, k, reg_hits).filter(|h| matches!(n.get(tok.start..h.start), Some("" | "ال")))?;
    let form = reg.gazetteer.entries[hit.entry];
    Some((&reg.actors[form.actor], form.kind))
}

/// The country of a country adjective at token `k` ("شركة Veniva الإيطالية").
pub(super) fn adjective_country_at(n: &str, toks: &[Word], k: usize, taken: &Taken, reg_hits: &[Hit]) -> Option<String> {
    let (actor, kind) = registry_form_at(n, toks, k, taken, reg_hits)?;
    (actor.actor_type == "country" && kind == FormKind::Adjective).then(|| actor.country.clone()).flatten()
}

/// What else in the document ends an organization's construct chain: registry names, given
/// names, titles and organization heads (per token).
#[derive(Clone, Copy)]
pub(super) struct ChainEnds<'a> {
    pub(super) reg_hits: &'a [Hit],
    pub(super) given: &'a [GivenName],
    pub(super) title_starts: &'a [bool],
    pub(super) org_heads: &'a [bool],
}

/// The words of a name without article or و, for comparing names.
pub(super) fn name_words(name: &str) -> Vec<&str> {
    name.split(' ').map(|w| w.strip_prefix('و').filter(|r| r.starts_with("ال")).unwrap_or(w)).map(|w| w.strip_prefix("ال").unwrap_or(w)).collect()
}

/// Within one document, an unregistered organization named in part ("وزارة الخارجية") where
/// another of its names is complete ("وزارة الخارجية الروسية", or a registry body named as
/// "وزارة الدفاع بحكومة الوحدة الوطنية") is that organization: the mention takes the fuller
/// name's actor. Countries must not disagree.
pub(super) fn merge_partial_org_names(out: &mut [(usize, usize, ActorRef, Option<String>)], n: &str) {
    let orgs: Vec<(usize, Vec<&str>, ActorRef)> = out
        .iter()
        .enumerate()
        .filter(|(_, (_, _, a, _))| a.actor_type == "organization")
        .map(|(i, (s, e, a, _))| (i, name_words(&n[*s..*e]), a.clone()))
        .collect();
    for (i, words, actor) in &orgs {
        if !matches!(actor, ActorRef::Found(_)) {
            continue;
        }
        let fuller = orgs
            .iter()
            .filter(|(j, w, other)| j != i && w.len() > words.len() && other.actor_id != actor.actor_id && words.iter().all(|x| w.contains(x)))
            .filter(|(_, _, other)| actor.country.is_none() || other.country == actor.country)
            .max_by_key(|(j, w, _)| (w.len(), std::cmp::Reverse(*j)));
        if let Some((_, _, other)) = fuller {
            out[*i].2 = other.clone();
        }
    }
}
