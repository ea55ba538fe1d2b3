//! Actor mentions: registry names and adjectives, persons found by title or given name,
//! organizations found by head noun + country adjective, and bare surnames resolved inside
//! the document.

use super::gazetteer::{longest_non_overlapping, Forms, Gazetteer, Hit};
use crate::text::words::{words, Word};
use super::lexicon::Tsv;
use super::registry::{FormKind, REGISTRY};
use crate::data_file;
use crate::model::{Actor, ActorRef};
use crate::text::clitics::proclitic_ends;
use crate::text::romanize;
use crate::text::is_quotation_mark;
use crate::text::normalize::{normalize_str, Normalized};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::cell::Cell;
use std::sync::{Arc, LazyLock};

mod org_names;
pub mod roles;
use org_names::{adjective_country_at, latin_name_end, merge_partial_org_names, org_name_end, quoted_name_end, registry_form_at, ChainEnds};

/// One actor mention, in byte offsets of the original text.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorMention {
    pub actor: ActorRef,
    pub start: usize,
    pub end: usize,
    pub role_text: Option<String>,
}

struct Lexicons {
    /// Title forms and their English gloss.
    titles: Gazetteer<String>,
    org_heads: Gazetteer<OrgHead>,
    /// Normalized given names, each one word; the entry says "also an ordinary word". Matched
    /// in the document's one lexicon pass rather than looked up word by word here.
    given: Gazetteer<bool>,
    /// Words that end a name: function words and the event/sector vocabulary.
    stop: HashSet<String>,
}

/// A head noun of organization names (`data/lexicon/org_heads.tsv`).
struct OrgHead {
    kind: String,
    /// Names an institution by its construct chain alone; else it needs a country adjective.
    chain: bool,
    /// A country adjective right after it names that state's body ("البحرية التركية").
    adjective: bool,
    /// A head that takes an adjective, written with the article and listed without it nowhere:
    /// it opens a name only with the article ("البحرية" the navy; "قطع بحرية تركية" are naval
    /// vessels).
    definite: bool,
}

const FUNCTION_WORDS: &str = "في من الى إلى على عن مع خلال لدى الذي التي الذين أن ان إن قد كما حيث بعد قبل عند حول ضد بين منذ وذلك ذلك هذا هذه هو هي هم التى اليوم امس أمس غدا يوم يوم، كان كانت تم لم لن لا ما إنه انه أنه وقال قال قالت أكد اكد أكدت أوضح اوضح أشار اشار أضاف اضاف وأضاف وأكد أعلن اعلن بحث يبحث استقبل التقى يلتقي وصل زار يزور وقع يوقع ناقش رئيس وزير نائب سفير مبعوث السيد بن ورئيس ووزير ونائب الرئيس اللواء العميد الفريق المشير عبر وفق بحسب نحو أكثر اكثر جميع كل بعض عدة إضافة اضافة فيما بينما ثم أو او أي اي";

static LEX: LazyLock<Lexicons> = LazyLock::new(|| {
    let titles = Gazetteer::from_tsv(data_file!("lexicon/titles.tsv"), "title_ar", |t, r| Some(t.get(r, "role_en").unwrap_or("").to_string()));
    let heads = Tsv::parse(data_file!("lexicon/org_heads.tsv"));
    let head_forms: HashSet<&str> = heads.rows.iter().filter_map(|r| heads.get(r, "head_ar")).collect();
    // Matching drops the article, so "البحرية" alone would also match "بحرية".
    let definite_only = |h: &str| h.strip_prefix("ال").is_some_and(|bare| !head_forms.contains(bare));
    let org_heads = Gazetteer::from_tsv(data_file!("lexicon/org_heads.tsv"), "head_ar", |t, r| {
        Some(OrgHead {
            kind: t.get(r, "org_kind").unwrap_or("other").to_string(),
            chain: t.get(r, "chain") == Some("yes"),
            adjective: t.get(r, "adjective") == Some("yes"),
            definite: t.get(r, "adjective") == Some("yes") && t.get(r, "head_ar").is_some_and(definite_only),
        })
    });
    let t = Tsv::parse(data_file!("lexicon/given_names.tsv"));
    // A name listed twice keeps its last row.
    let given: std::collections::BTreeMap<String, bool> = t
        .rows
        .iter()
        .filter_map(|r| Some((normalize_str(t.get(r, "name_ar")?), t.get(r, "origin") == Some("ambiguous"))))
        .collect();
    let given = Gazetteer::exact(given.values().copied().collect(), given.into_keys().collect());
    let mut stop: HashSet<String> = FUNCTION_WORDS.split_whitespace().map(normalize_str).collect();
    for (file, col) in [(data_file!("lexicon/event_triggers.tsv"), "form_ar"), (data_file!("lexicon/sectors.tsv"), "form_ar")] {
        let t = Tsv::parse(file);
        for r in &t.rows {
            if let Some(f) = t.get(r, col).filter(|f| !f.contains(' ')) {
                stop.insert(normalize_str(f));
            }
        }
    }
    Lexicons { titles, org_heads, given, stop }
});

/// Words before a form that make an ambiguous place name a place ("في مالي", "مدينة البيضاء").
const PLACE_CUES: [&str; 12] = ["في", "الى", "من", "مدينه", "بلده", "منطقه", "دوله", "جمهوريه", "عاصمه", "العاصمه", "بمدينه", "لمدينه"];

/// Words before an ambiguous organization name that make it the organization (قالت الجزيرة).
const ORG_CUES: [&str; 16] = ["قالت", "ذكرت", "افادت", "نقلت", "وفق", "بحسب", "حسب", "لقناه", "قناه", "وكاله", "صحيفه", "موقع", "اوردت", "نشرت", "عن", "اعلنت"];

/// The title, organization-head and given-name lexicons' forms, for the one-pass matcher.
pub(super) fn lexicon_forms() -> (Forms<'static>, Forms<'static>, Forms<'static>) {
    (LEX.titles.forms(), LEX.org_heads.forms(), LEX.given.forms())
}

/// The actor mentions of a lone text, found as in a document: from the one lexicon pass.
pub fn find_actors(text: &str, norm: &Normalized) -> Vec<ActorMention> {
    let hits = super::lexicon_pass::match_all(&norm.text, words(&norm.text));
    find_actors_in(text, norm, &hits.words, hits.actors)
}

/// The overlapping hits, in `find_actors_in`'s text, of the lexicons it reads.
#[derive(Default)]
pub struct ActorHits {
    pub registry: Vec<Hit>,
    pub titles: Vec<Hit>,
    pub org_heads: Vec<Hit>,
    pub given_names: Vec<Hit>,
}

/// A word that is a given name, as written or after a glued و (وفيكتور).
#[derive(Clone, Copy, Default)]
struct GivenName {
    /// The whole word is a given name; true if it is also an ordinary word.
    whole: Option<bool>,
    /// The word less its first letter و is one.
    after_waw: Option<bool>,
}

impl GivenName {
    /// Bytes of the glued و to skip, and whether the name is also an ordinary word.
    fn bare(self) -> Option<(usize, bool)> {
        self.whole.map(|ordinary| (0, ordinary)).or(self.after_waw.map(|ordinary| ('و'.len_utf8(), ordinary)))
    }
}

/// For each word, the given name it is, from the given-name lexicon's hits.
fn given_names_at(n: &str, taken: &Taken, hits: &[Hit]) -> Vec<GivenName> {
    let toks = taken.toks;
    let mut given = vec![GivenName::default(); toks.len()];
    for h in hits {
        let Some(i) = taken.token_at(h.word_start) else { continue };
        let word = toks[i];
        // A name of two words (عبد الحميد، أبو بكر) is marked on its first: the name's
        // extension over connectors and ال-words reads the rest.
        let ends_on_word = h.end == word.end || toks.get(i + 1).is_some_and(|next| h.end == next.end && h.start < word.end);
        if !ends_on_word {
            continue;
        }
        let ordinary = LEX.given.entries[h.entry];
        if h.start == word.start {
            given[i].whole = Some(ordinary);
        } else if h.start == word.start + 'و'.len_utf8() && n[word.start..].starts_with('و') {
            given[i].after_waw = Some(ordinary);
        }
    }
    given
}

/// Actor mentions given the words of the normalized text and the overlapping hits of the
/// registry, titles, organization heads and given names.
pub fn find_actors_in(text: &str, norm: &Normalized, toks: &[Word], hits: ActorHits) -> Vec<ActorMention> {
    let ActorHits { registry: registry_hits, titles: title_hits, org_heads: org_head_hits, given_names } = hits;
    let n = norm.text.as_str();
    let reg = &*REGISTRY;
    let lex = &*LEX;
    let mut out: Vec<(usize, usize, ActorRef, Option<String>)> = Vec::new(); // normalized span

    // 1. Registry names, adjectives and ambiguous forms in place context.
    let mut taken = Taken::new(toks);
    // "الخارجية الجزائرية" is the ministry, but "التجارة الخارجية الجزائرية" is foreign trade:
    // an elliptical name after a definite noun is that noun's adjective (its country stays).
    let registry_hits: Vec<Hit> = registry_hits
        .into_iter()
        .filter(|h| {
            let elliptical = ["الخارجيه ", "الداخليه "].iter().any(|w| n[h.start..h.end].starts_with(w) || n[h.word_start..h.end].starts_with(w));
            let after_noun = || {
                let prev = taken.token_at(h.word_start).and_then(|i| i.checked_sub(1)).map(|i| &n[toks[i].start..toks[i].end]);
                prev.is_some_and(|p| ["ال", "لل", "وال", "بال"].iter().any(|a| p.starts_with(a)))
            };
            !(elliptical && after_noun())
        })
        .collect();
    // An ambiguous form needs its cue; one without it gives way before overlaps are settled,
    // so the words it spans keep their own hits ("نظيره المصري يوم الأحد" is no newspaper).
    let cued = |h: &Hit| {
        let form = reg.gazetteer.entries[h.entry];
        if form.kind != FormKind::Ambiguous {
            return true;
        }
        let prev = taken.token_at(h.word_start).and_then(|i| i.checked_sub(1)).map(|i| &n[toks[i].start..toks[i].end]);
        let actor_type = reg.actors[form.actor].actor_type;
        let cues: &[&str] = if actor_type == "organization" { &ORG_CUES } else { &PLACE_CUES };
        let quoted = n[..h.word_start].trim_end().ends_with(['"', '“', '«']);
        // An agency's credit line: "(كونا)", "(واس)".
        let credit = actor_type == "organization" && n[..h.word_start].trim_end().ends_with('(') && n[h.end..].trim_start().starts_with(')');
        prev.is_some_and(|p| cues.contains(&p)) || quoted || credit || (actor_type != "organization" && n[h.word_start..h.start].ends_with('ب'))
    };
    let registry_hits: Vec<Hit> = registry_hits.into_iter().filter(|h| cued(h)).collect();
    let reg_hits: Vec<Hit> = longest_non_overlapping(registry_hits);
    for h in &reg_hits {
        let form = reg.gazetteer.entries[h.entry];
        let start = h.mention_start(n);
        out.push((start, h.end, ActorRef::Registry(&reg.actors[form.actor]), None));
        taken.mark(h.word_start, h.end);
    }
    let is_taken = |s: usize, e: usize, taken: &Taken| taken.any(s, e);

    // 2. Persons: after a title, or starting with a given name.
    let title_hits = longest_non_overlapping(title_hits);
    // For each token, the title ending on it (looked up for every word, so indexed, not hashed).
    let mut title_ending_at: Vec<Option<&Hit>> = vec![None; toks.len()];
    for h in &title_hits {
        if let Some(i) = taken.token_at(h.end.saturating_sub(1)) {
            title_ending_at[i] = Some(h);
        }
    }
    // For each token, the nearest token before it on which a title ends, and that title.
    let mut title_before: Vec<Option<(usize, &Hit)>> = Vec::with_capacity(toks.len());
    let mut last_title = None;
    for (i, title) in title_ending_at.iter().enumerate() {
        title_before.push(last_title);
        if let Some(h) = title {
            last_title = Some((i, *h));
        }
    }
    let word = |i: usize| &n[toks[i].start..toks[i].end];
    // Tokens that open an organization name: a role may name the body ("مدير إدارة التعاون
    // الدولي بالوزارة", "رئيس شركة سيمنس للطاقة").
    let mut org_head_at = vec![false; toks.len()];
    for h in &org_head_hits {
        if let Some(i) = taken.token_at(h.word_start) {
            org_head_at[i] = true;
        }
    }
    let given = given_names_at(n, &taken, &given_names);
    let mut title_starts = vec![false; toks.len()];
    for h in &title_hits {
        if let Some(i) = taken.token_at(h.word_start) {
            title_starts[i] = true;
        }
    }
    // A title after a comma names the word before it: "فيدان، وزير الخارجية التركي".
    let title_follows = |i: usize| i + 1 < toks.len() && title_starts[i + 1] && matches!(n[toks[i].end..toks[i + 1].start].trim(), "،" | ",");
    let registry_word = |i: usize, taken: &Taken| taken.flags[i];
    let stop = |w: &str| lex.stop.contains(w) || w.chars().all(|c| c.is_ascii_digit());
    // Normalizing ى to ي makes the name علي and the preposition على one word: where the text
    // spells it with ي, it is the name, no function word ("مدير الإدارة علي الفيتوري",
    // "محمد علي الفيتوري").
    let stop_at = |i: usize| {
        let w = word(i);
        stop(w) && !(w == "علي" && original(text, norm, toks[i].start, toks[i].end).ends_with('ي'))
    };
    // The role phrase that ends right before token i: a title, then up to 4 adjective,
    // registry or ال words, then nothing but punctuation.
    let role_before = |i: usize, taken: &Taken| -> Option<(usize, usize)> {
        let (j, h) = title_before[i].filter(|&(j, _)| i - j <= 5)?;
        let between_ok = (j + 1..i).all(|k| {
            let w = word(k);
            registry_word(k, taken) || org_head_at[k] || ["ال", "بال", "لل"].iter().any(|p| w.starts_with(p)) || matches!(w, "في" | "لدي" | "بحكومه" | "حكومه")
        });
        let gap_is_punct_only = n[toks[i - 1].end..toks[i].start].chars().all(|c| c.is_whitespace() || "،,:\"“”«»'-–(".contains(c));
        (between_ok && gap_is_punct_only).then_some((h.mention_start(n), toks[i - 1].end))
    };
    // Registry persons keep the title they are named with ("وزير الخارجية التركي هاكان فيدان").
    for (s, _, actor, role_text) in out.iter_mut() {
        if actor.actor_type == "person" {
            if let Some(i) = taken.token_at(*s).filter(|&i| toks[i].start == *s) {
                *role_text = role_before(i, &taken).map(|(rs, re)| original(text, norm, rs, re));
            }
        }
    }
    let mut i = 0;
    let mut persons: Vec<(usize, usize, Option<(usize, usize)>)> = Vec::new(); // token range, role span
    while i < toks.len() {
        let role = role_before(i, &taken);
        let first = word(i);
        // What most words lack comes first: being a given name, or a title before.
        let starts_name = !registry_word(i, &taken)
            && match (given[i].bare(), role) {
                (Some((_, ordinary)), _) => !ordinary || role.is_some(),
                // Next to a title, a registry surname alone (الرئيس بوتين، فيدان، وزير…); other words are not names.
                (None, _) if role.is_some() || title_follows(i) => reg.surnames.get(first).is_some_and(|l| l.len() == 1),
                (None, _) => false,
            }
            && !stop_at(i);
        // A quoted name with no title before it names a thing: a ship ("السفينة الإيطالية
        // «أندريا دوريا»"), an exercise or a project. A quoted person has a title before.
        let quoted_without_title = role.is_none() && i > 0 && n[toks[i - 1].end..toks[i].start].contains(is_quotation_mark);
        if !starts_name || quoted_without_title {
            i += 1;
            continue;
        }
        // Extend over the rest of the name.
        let mut end = i + 1;
        while end < toks.len() && end - i < 4 {
            let w = word(end);
            if stop_at(end) || registry_word(end, &taken) || (w.starts_with('و') && given[end].whole.is_none()) {
                break;
            }
            // A gap with punctuation ends the name.
            if !n[toks[end - 1].end..toks[end].start].chars().all(char::is_whitespace) {
                break;
            }
            let connector = matches!(word(end - 1), "عبد" | "ابو" | "بن" | "ابن" | "بك" | "ولد" | "دي" | "فون" | "ال");
            if end - i >= 2 && !(connector || w.starts_with("ال") || given[end].whole.is_some()) {
                break;
            }
            // Names have one ال-word in a row but after عبد/أبو: "مصطفى الفيتوري المؤتمر" is a
            // name and its verb's object; "عبد السلام الزوبي" is one name.
            let after_connector = end >= i + 2 && matches!(word(end - 2), "عبد" | "ابو");
            if w.starts_with("ال") && word(end - 1).starts_with("ال") && !after_connector {
                break;
            }
            end += 1;
        }
        // A surname alone after a title (الرئيس بوتين) or before one, unless it is also a given name: "العميد
        // سالم" is a man called Salem, not the one registry person whose surname is سالم.
        let single_ok = (role.is_some() || title_follows(i)) && reg.surnames.contains_key(first) && given[i].bare().is_none();
        // Some outlets spell على with ي as well: علي opens a name only before a word that
        // continues one (a family name in ال, a given name, عبد/أبو/بن), not "علي أهمية".
        let preposition_like = first == "علي" && end - i >= 2 && {
            let next = word(i + 1);
            !(next.starts_with("ال") || given[i + 1].whole.is_some() || matches!(next, "عبد" | "ابو" | "بن" | "ابن") || reg.surnames.contains_key(next))
        };
        if (end - i >= 2 || single_ok) && !preposition_like {
            persons.push((i, end, role));
            i = end;
        } else {
            i += 1;
        }
    }

    // Resolve found names to registry persons where the registry knows them.
    let mut doc_people: Vec<(String, ActorRef)> = Vec::new(); // normalized full name, actor
    for (a, b, role) in &persons {
        let (s, e) = (toks[*a].start, toks[*b - 1].end);
        let mut name = n[s..e].to_string();
        // A name glued to a conjunction ("وفيكتور") starts after it.
        let mut s = s;
        if let Some((skip, _)) = given[*a].bare().filter(|&(skip, _)| skip > 0) {
            s = toks[*a].start + skip;
            name = n[s..e].to_string();
        }
        let actor = if *b - *a == 1 {
            match reg.surnames.get(name.as_str()) {
                Some(list) if list.len() == 1 => ActorRef::Registry(&reg.actors[list[0]]),
                _ => continue,
            }
        } else {
            ActorRef::Found(unregistered_person(&name, original(text, norm, s, e), role.and_then(|(rs, re)| role_country(&reg_hits, rs, re))))
        };
        let role_text = role.map(|(rs, re)| original(text, norm, rs, re));
        doc_people.push((name.clone(), actor.clone()));
        out.push((s, e, actor, role_text));
        taken.mark(s, e);
    }
    // Registry persons named in full count for bare-surname resolution too.
    for (s, e, actor, _) in &out {
        if actor.actor_type == "person" && actor.in_registry {
            doc_people.push((n[*s..*e].to_string(), actor.clone()));
        }
    }

    // 3. Bare surnames: the one person of that surname already named in the document.
    let mut by_surname: HashMap<&str, HashSet<&str>> = HashMap::default();
    for (name, actor) in &doc_people {
        // A surname that is also a function word (علي, spelled على elsewhere) names nobody alone.
        if let Some(last) = name.rsplit(' ').next().filter(|last| name.contains(' ') && !stop(last)) {
            by_surname.entry(last).or_default().insert(&*actor.actor_id);
        }
    }
    let mut extra = Vec::new();
    // A document names few people: a word that ends in none of their surnames is passed over
    // before its proclitics are read and looked up, most of them by their last byte alone.
    let surnames: Vec<&str> = by_surname.keys().copied().collect();
    let mut surname_last_byte = [false; 256];
    for s in &surnames {
        if let Some(&b) = s.as_bytes().last() {
            surname_last_byte[usize::from(b)] = true;
        }
    }
    for (i, t) in toks.iter().enumerate() {
        if taken.flags[i] || !surname_last_byte[usize::from(n.as_bytes()[t.end - 1])] {
            continue;
        }
        let w = &n[t.start..t.end];
        if !surnames.iter().any(|s| w.ends_with(s)) {
            continue;
        }
        // After up to three letters of proclitics (two bytes each).
        for split in proclitic_ends(w).take_while(|&end| end <= 6) {
            if let Some(ids) = by_surname.get(&w[split..]) {
                if ids.len() == 1 {
                    let id = *ids.iter().next().unwrap_or(&"");
                    if let Some((_, actor)) = doc_people.iter().find(|(_, a)| &*a.actor_id == id) {
                        extra.push((t.start + split, t.end, actor.clone(), None));
                    }
                }
                break;
            }
        }
    }
    out.extend(extra);

    // 4. Organizations outside the registry: head noun + its construct chain.
    let chain_ends = ChainEnds { reg_hits: &reg_hits, given: &given, title_starts: &title_starts, org_heads: &org_head_at };
    for h in longest_non_overlapping(org_head_hits) {
        if is_taken(h.word_start, h.end, &taken) {
            continue;
        }
        let Some(ti) = taken.token_at(h.start) else { continue };
        let head_words = n[h.word_start..h.end].split(' ').count();
        let head = &lex.org_heads.entries[h.entry];
        let article = &n[h.word_start..h.start];
        if head.definite && !(article.ends_with("ال") || article.ends_with("لل")) {
            continue;
        }
        let first = ti + head_words;
        let found = match latin_name_end(n, toks, first, &taken).or_else(|| quoted_name_end(n, toks, first, &taken)) {
            // "شركة Veniva", "مجموعة Blue Ocean Holding", "مجلة «آفاق الأمن»": a Latin-script
            // or quoted name is a name after any head.
            Some(last) => Some((last, adjective_country_at(n, toks, last + 1, &taken, &reg_hits))),
            None => org_name_end(n, toks, first, &n[h.mention_start(n)..h.end], head.adjective, &taken, &chain_ends)
                // A head that is also an ordinary noun needs a country adjective: right after it
                // if the head takes one, else after a complement.
                .filter(|(last, country)| head.chain || (country.is_some() && (*last > first || head.adjective))),
        };
        // A description before a registry name is no name of its own: "شركة الطاقة الإيطالية إيني".
        let described = |last: usize| registry_form_at(n, toks, last + 1, &taken, &reg_hits).is_some_and(|(a, _)| a.actor_type == "organization");
        if let Some((last, country)) = found.filter(|&(last, _)| !described(last)) {
            // A quoted name is the name without its head: "مجلة «آفاق الأمن البحري»".
            let quoted = n[toks[first - 1].end..toks[first].start].trim() != "";
            let s = if quoted { toks[first].start } else { h.mention_start(n) };
            // "للشرطة الإيطالية" is ل + الشرطة: the name gets its article back.
            let article_back = if !quoted && article.ends_with("لل") { "ال" } else { "" };
            let name = format!("{article_back}{}", &n[s..toks[last].end]);
            let org = unregistered_org(&name, format!("{article_back}{}", original(text, norm, s, toks[last].end)), &head.kind, country);
            out.push((s, toks[last].end, ActorRef::Found(org), None));
            taken.mark(s, toks[last].end);
        }
    }
    merge_partial_org_names(&mut out, n);

    let mut mentions: Vec<ActorMention> = out
        .into_iter()
        .map(|(s, e, actor, role_text)| {
            let (os, oe) = norm.original_range(s, e);
            ActorMention { actor, start: os, end: oe, role_text }
        })
        .filter(|m| m.end > m.start && text.get(m.start..m.end).is_some())
        .collect();
    mentions.sort_by(|a, b| (a.start, a.end, &a.actor.actor_id).cmp(&(b.start, b.end, &b.actor.actor_id)));
    mentions.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.actor.actor_id == b.actor.actor_id);
    mentions
}

/// Which tokens are already part of a mention, and tokens found by byte offset.
struct Taken<'a> {
    toks: &'a [Word],
    flags: Vec<bool>,
    /// Where the last search ended. Offsets come mostly in text order (hits, names), so the
    /// next token is usually a few steps on: found by stepping, not by a binary search.
    hint: Cell<usize>,
}

impl<'a> Taken<'a> {
    fn new(toks: &'a [Word]) -> Self {
        Self { toks, flags: vec![false; toks.len()], hint: Cell::new(0) }
    }

    /// Index of the first token that ends after `byte` (or the number of tokens).
    fn first_ending_after(&self, byte: usize) -> usize {
        const STEPS: usize = 8;
        let toks = self.toks;
        let mut i = self.hint.get();
        if i > 0 && toks[i - 1].end > byte {
            i = toks.partition_point(|t| t.end <= byte);
        } else {
            let stop = (i + STEPS).min(toks.len());
            while i < stop && toks[i].end <= byte {
                i += 1;
            }
            if i == stop {
                i += toks[i..].partition_point(|t| t.end <= byte);
            }
        }
        self.hint.set(i);
        i
    }

    /// Index of the token holding `byte`.
    fn token_at(&self, byte: usize) -> Option<usize> {
        let i = self.first_ending_after(byte);
        (i < self.toks.len() && self.toks[i].start <= byte).then_some(i)
    }

    /// The tokens that the byte range `s..e` touches.
    fn range(&self, s: usize, e: usize) -> std::ops::Range<usize> {
        let a = self.first_ending_after(s);
        let b = a + self.toks[a..].iter().take_while(|t| t.start < e).count();
        a..b
    }

    fn mark(&mut self, s: usize, e: usize) {
        for i in self.range(s, e) {
            self.flags[i] = true;
        }
    }

    fn any(&self, s: usize, e: usize) -> bool {
        self.range(s, e).any(|i| self.flags[i])
    }
}

/// The country named by an adjective or country inside a role phrase (وزير الدفاع البيلاروسي).
/// `reg_hits` are in text order: only those starting inside the phrase are read.
fn role_country(reg_hits: &[Hit], start: usize, end: usize) -> Option<String> {
    let reg = &*REGISTRY;
    let first = reg_hits.partition_point(|h| h.start < start);
    reg_hits[first..]
        .iter()
        .take_while(|h| h.start < end)
        .filter(|h| h.end <= end)
        .map(|h| &reg.actors[reg.gazetteer.entries[h.entry].actor])
        .find(|a| a.actor_type == "country")
        .and_then(|a| a.country.clone())
}

fn original(text: &str, norm: &Normalized, s: usize, e: usize) -> String {
    let (os, oe) = norm.original_range(s, e);
    text.get(os..oe).unwrap_or("").trim().to_string()
}

/// The id of an actor outside the registry: the ASCII slug of its romanized normalized name,
/// and 6 hex of the name's hash, because romanization without diacritics merges letters (س and
/// ص are both "s") that tell two names apart. The same name gives the same id in every run.
fn unregistered_id(id_prefix: &str, name: &str) -> String {
    let hash = crate::model::short_hash(&[name]);
    format!("{id_prefix}/{}-{}", romanize::slug(name), &hash[..6])
}

/// An actor found by rule, not in the registry: its id from the normalized name, its name as
/// the article writes it (`written`) and its romanization (`romanize`) as `name_en`.
fn unregistered(name: &str, written: String, actor_type: &'static str, id_prefix: &str, org_kind: Option<&str>, country: Option<String>) -> Arc<Actor> {
    Arc::new(Actor {
        actor_id: unregistered_id(id_prefix, name).into(),
        actor_type,
        name_en: Some(romanize::romanize(&written)),
        name_ar: Some(written),
        faction: None,
        org_kind: org_kind.map(str::to_string),
        cameo_code: None,
        wikidata_id: None,
        in_registry: false,
        country,
        coordinates: None,
        admin1: None,
    })
}

fn unregistered_person(name: &str, written: String, country: Option<String>) -> Arc<Actor> {
    unregistered(name, written, "person", "person", None, country)
}

fn unregistered_org(name: &str, written: String, kind: &str, country: Option<String>) -> Arc<Actor> {
    unregistered(name, written, "organization", "org", Some(kind), country)
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;

    fn ids(text: &str) -> Vec<(String, String)> {
        let n = normalize(text);
        find_actors(text, &n).into_iter().map(|m| (m.actor.actor_id.to_string(), text[m.start..m.end].to_string())).collect()
    }

    #[test]
    fn actors_outside_the_registry_have_an_english_name_and_an_ascii_id() {
        let text = "أعلنت الهيئة العامة للاستثمار والتمليك عن شراكة مع مجموعة دانغوت النيجيرية.";
        let found: Vec<_> = find_actors(text, &normalize(text)).into_iter().filter(|m| !m.actor.in_registry).collect();
        assert!(!found.is_empty());
        for m in &found {
            assert!(m.actor.actor_id.is_ascii(), "{}", m.actor.actor_id);
            assert!(m.actor.name_en.as_deref().is_some_and(|n| n.is_ascii() && !n.is_empty()), "{:?}", m.actor.name_en);
        }
        let first = &found[0].actor;
        assert_eq!(first.name_en.as_deref(), Some("al-Hayah al-Ammah lil-Istithmar wa-al-Tamlik"));
        assert!(first.actor_id.starts_with("org/al-hayah-al-ammah-lil-istithmar-wa-al-tamlik-"), "{}", first.actor_id);
    }

    #[test]
    fn a_body_named_in_part_is_the_body_named_in_full_in_the_same_document() {
        // Written for this test: the registry ministry, then its short name.
        let got = ids("استقبل وكيل وزارة الدفاع بحكومة الوحدة الوطنية السفير التركي. وأشاد وكيل وزارة الدفاع بمستوى التعاون.");
        let ministry: Vec<&str> = got.iter().filter(|(_, t)| t.starts_with("وزارة الدفاع")).map(|(id, _)| id.as_str()).collect();
        assert_eq!(ministry, ["org/lby-ministry-defence", "org/lby-ministry-defence"], "{got:?}");
        // Another body whose words do not hold the short name's keeps its own actor.
        let got = ids("اجتمعت لجنة الدفاع بمجلس النواب. وقالت وزارة الدفاع إنها ترحب.");
        assert!(got.iter().any(|(id, t)| t == "وزارة الدفاع" && id.starts_with("org/wizarat-al-difa")), "{got:?}");
    }

    #[test]
    fn countries_from_names_and_demonyms() {
        let got = ids("استقبل الرئيس وفدا بيلاروسيا في طرابلس لبحث العلاقات مع روسيا الاتحادية والجانب الليبي.");
        let countries: Vec<&str> = got.iter().filter(|(id, _)| id.starts_with("country/")).map(|(id, _)| id.as_str()).collect();
        assert!(countries.contains(&"country/BLR") && countries.contains(&"country/RUS") && countries.contains(&"country/LBY"), "{got:?}");
        assert!(got.iter().any(|(id, t)| id == "city/tripoli" && t == "طرابلس"), "{got:?}");
    }

    #[test]
    fn token_search_steps_forward_and_still_finds_any_offset() {
        let text = "وصل وزير الخارجية، السيد أحمد، إلى روما اليوم لبحث ملف الهجرة مع نظيره الإيطالي";
        let toks = words(text);
        let taken = Taken::new(&toks);
        // Offsets in text order, then backwards, then jumping: each as a binary search finds it.
        let forward: Vec<usize> = (0..=text.len()).collect();
        let jumps: Vec<usize> = (0..=text.len()).map(|k| k * 37 % (text.len() + 1)).collect();
        for byte in forward.iter().chain(forward.iter().rev()).chain(&jumps) {
            assert_eq!(taken.first_ending_after(*byte), toks.partition_point(|t| t.end <= *byte), "{byte}");
        }
    }

    #[test]
    fn given_names_are_read_from_the_lexicon_hits_whole_or_after_a_glued_waw() {
        let n = normalize("التقى فيكتور وسالم وأحمد فمحمد وكتب عبد الله").text;
        let toks = words(&n);
        let taken = Taken::new(&toks);
        let given = given_names_at(&n, &taken, &LEX.given.find_all(&n));
        let got: Vec<(&str, Option<(usize, bool)>)> = toks.iter().zip(&given).map(|(t, g)| (&n[t.start..t.end], g.bare())).collect();
        assert_eq!(
            got,
            [
                ("التقي", None),
                ("فيكتور", Some((0, false))),
                ("وسالم", Some((2, true))),  // سالم is also an ordinary word
                ("واحمد", Some((2, false))),
                ("فمحمد", None),             // only و is taken off
                ("وكتب", None),
                ("عبد", Some((0, false))),   // "عبد الله", a name of two words, on its first
                ("الله", None),
            ]
        );
    }

    #[test]
    fn registry_persons_keep_the_title_they_are_named_with() {
        let text = "وقال وزير الخارجية التركي هاكان فيدان إن أنقرة تدعم الحوار، وأكد فيدان ذلك.";
        let n = normalize(text);
        let found = find_actors(text, &n);
        let roles: Vec<(&str, Option<&str>)> =
            found.iter().filter(|m| m.actor.actor_type == "person").map(|m| (&text[m.start..m.end], m.role_text.as_deref())).collect();
        assert_eq!(roles, [("هاكان فيدان", Some("وزير الخارجية التركي")), ("فيدان", None)]);
    }

    #[test]
    fn offsets_slice_to_the_mention() {
        let text = "وأكدت الخارجيةُ الإيطاليةُ أنّ وفداً من بنغازي وصل إلى روما.";
        let n = normalize(text);
        for m in find_actors(text, &n) {
            assert!(text.get(m.start..m.end).is_some());
        }
    }

    const PHRASES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/phrases/actors.tsv"));

    /// "للشرطة" is ل + الشرطة: the mention is what is written, the body's name has its article.
    #[test]
    fn name_after_lil_keeps_its_article() {
        let phrase = "وقال مصدر للشرطة الإيطالية إن الموقوفين ليبيون";
        let found = find_actors(phrase, &normalize(phrase));
        let police = found.iter().find(|m| m.actor.actor_type == "organization").expect("the police");
        assert_eq!(&phrase[police.start..police.end], "شرطة الإيطالية");
        assert_eq!(police.actor.name_ar.as_deref(), Some("الشرطة الإيطالية"));
    }

    /// Every row of tests/phrases/actors.tsv: the mention is found with its type, country, kind
    /// and role; a "none" row finds no mention of its type.
    #[test]
    fn phrase_corpus() {
        let t = Tsv::parse(PHRASES);
        let mut failures = Vec::new();
        for r in &t.rows {
            let (Some(phrase), Some(mention), Some(actor_type)) = (t.get(r, "phrase"), t.get(r, "mention"), t.get(r, "actor_type")) else { continue };
            let n = normalize(phrase);
            let found = find_actors(phrase, &n);
            let of_type: Vec<(&str, Option<&str>, Option<&str>, Option<&str>)> = found
                .iter()
                .filter(|m| m.actor.actor_type == actor_type)
                .map(|m| (&phrase[m.start..m.end], m.actor.country.as_deref(), m.actor.org_kind.as_deref(), m.role_text.as_deref()))
                .collect();
            let ok = if mention == "none" {
                of_type.is_empty()
            } else {
                let country = t.get(r, "country");
                let kind = t.get(r, "org_kind");
                let role = t.get(r, "role");
                of_type.iter().any(|&(text, c, k, rl)| {
                    text == mention && (country == Some("*") || c == country) && (kind.is_none() || k == kind) && (role.is_none() || rl == role.filter(|r| *r != "none"))
                })
            };
            if !ok {
                failures.push(format!("{phrase} -> {mention} ({actor_type}): got {of_type:?}"));
            }
        }
        assert!(t.rows.len() >= 150, "the corpus has its rows");
        assert!(failures.is_empty(), "{} of {} rows fail:\n{}", failures.len(), t.rows.len(), failures.join("\n"));
    }
}
