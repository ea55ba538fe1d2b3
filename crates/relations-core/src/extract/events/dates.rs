//! Which date an event takes: rules over the words around a date and its trigger, in the
//! sentence and the one before it. The cases they decide are in `events::tests`.

use crate::extract::dates::DateMatch;
use crate::text::words::is_word_char;
use crate::text::normalize::fold_char;
use chrono::{Datelike, NaiveDate};

/// Does the date `d` date the trigger at `trigger_at`, among the sentence's triggers
/// (`triggers`, original byte offsets)? A date belongs to the triggers it stands next to:
/// another trigger between them takes it. A date inside a relative clause ("المذكرات الموقعة
/// في مارس", `in_relative_clause` of the sentence before it) dates only the trigger it follows.
pub fn governs(in_relative_clause: bool, d: &DateMatch, trigger_at: usize, triggers: &[usize]) -> bool {
    if in_relative_clause {
        return triggers.iter().copied().chain([trigger_at]).filter(|&p| p < d.start).max() == Some(trigger_at);
    }
    let (lo, hi) = if d.start < trigger_at { (d.end, trigger_at) } else { (trigger_at, d.start) };
    !triggers.iter().any(|&p| p > lo && p < hi && p != trigger_at)
}

/// Does the date that follows `before` open inside a relative clause: "التي/الذي ..." a few words
/// back, or a definite participle right before its preposition ("الموقعة في", "المبرمة خلال")?
pub fn in_relative_clause(before: &str) -> bool {
    let words = last_words::<5>(before);
    let relative_pronoun = words.iter().take(4).flatten().any(|w| folded_is(w, &["التي", "الذي", "اللذين", "اللتين", "اللذان", "اللتان"]));
    let participle = words.iter().flatten().find(|w| !folded_is(w, &["في", "خلال", "يوم", "منذ", "مطلع", "اواخر", "اوايل", "شهر"]))
        .is_some_and(|w| folded(w).take(3).eq("الم".chars()) && folded(w).count() >= 6 && !is_nisba(w));
    relative_pronoun || participle
}

/// A relative adjective ("المركزي", "المصرية") looks like a participle but ends in ي / ية.
fn is_nisba(word: &str) -> bool {
    let f: String = folded(word).collect();
    f.ends_with('ي') || f.ends_with("يه")
}

/// Does a trigger after `before` stand as the frame of another act ("خلال زيارة", "على هامش")?
pub fn is_frame(before: &str) -> bool {
    match last_words::<2>(before) {
        [Some(w), _] if folded_is(w, &["خلال", "ضمن", "اثناء", "بمناسبه", "هامش"]) => true,
        [_, Some(w2)] => folded_is(w2, &["خلال", "ضمن", "اثناء"]),
        _ => false,
    }
}

/// Prepositions of a frame, the demonstratives that point back at the act, and the verbs that
/// make the act the frame of what it "saw" or came after ("وتأتي الزيارة بعد"), in matching form.
const FRAMES: [&str; 20] = ["خلال", "وخلال", "اثناء", "واثناء", "هامش", "ختام", "هذه", "وهذه", "هذا", "وهذا", "شهدت", "وشهدت", "تاتي", "وتاتي", "ياتي", "وياتي", "جاءت", "وجاءت", "جاء", "وجاء"];
/// The acts such a word points back at, definite: the occasion already told.
const ACTS: [&str; 10] = ["الزياره", "اللقاء", "الاجتماع", "الاجتماعات", "المباحثات", "المحادثات", "القمه", "الجوله", "المنتدي", "الملتقي"];

/// Is the trigger `trigger` (as written), after `before` (its sentence up to it), the occasion
/// an earlier sentence told, pointed back at ("خلال الزيارة", "وتأتي الزيارة بعد أسابيع من
/// إعلان...")? It then states no new event: the states named around it are not its parties.
pub fn refers_back(before: &str, trigger: &str) -> bool {
    folded_is(trigger, &ACTS) && matches!(last_words::<1>(before), [Some(w)] if folded_is(w, &FRAMES))
}

/// Do the sentence's normalized words name an act before it as its frame ("ووقع الجانبان خلال
/// الزيارة", "على هامش الاجتماع", "وشهدت هذه الزيارة توقيع"), or its two sides as the subject
/// ("ووقع الوزيران")? Its act then happened then, on the date and at the place that act took.
pub fn names_earlier_act<'w>(words: impl Iterator<Item = &'w str>) -> bool {
    // The two sides of the act before as the subject: the same occasion goes on. Not البلدان:
    // the two states are the subject of their relations at large as often.
    const BOTH_SIDES: [&str; 6] = ["الجانبان", "الطرفان", "الوزيران", "الوفدان", "الرييسان", "المسوولان"];
    let mut previous = "";
    let mut words = words;
    words.any(|w| {
        let framed = FRAMES.contains(&previous) && ACTS.contains(&w);
        previous = w;
        framed || BOTH_SIDES.contains(&w)
    })
}

/// Does a trigger after `before` (its sentence up to it) recall background ("وكانت ليبيا قد
/// وقعت", "سبق أن زار", "في وقت سابق")? Then it has no date unless its own sentence states one.
pub fn is_recall(before: &str) -> bool {
    let words = last_words::<6>(before);
    let mut after_qad = false;
    for w in words.iter().flatten() {
        if folded_is(w, &["سبق", "وسبق", "سابق"]) {
            return true;
        }
        if after_qad && folded_is(w, &["كان", "كانت", "وكان", "وكانت", "كانوا", "وكانوا", "كانا", "وكانا", "كانتا", "وكانتا"]) {
            return true;
        }
        after_qad |= folded_is(w, &["قد"]);
    }
    false
}

/// The last `N` words of `text`, nearest first, as written.
fn last_words<const N: usize>(text: &str) -> [Option<&str>; N] {
    let mut words = text.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()).rev();
    std::array::from_fn(|_| words.next())
}

/// The matching form of `word`, char by char (`normalize_str` without the copy).
fn folded(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars().filter_map(fold_char)
}

/// Is the matching form of `word` one of `forms` (written in matching form)?
fn folded_is(word: &str, forms: &[&str]) -> bool {
    forms.iter().any(|form| folded(word).eq(form.chars()))
}

/// An occurrence two or more years before publication is history the article recalls
/// ("العقوبات المفروضة منذ عام 2011"), not news it reports.
pub fn is_recalled_history(published: Option<NaiveDate>, date: Option<NaiveDate>) -> bool {
    matches!((published, date), (Some(p), Some(d)) if p.year() - d.year() >= 2)
}

/// Does the date `d` lie ahead of publication ("الأسبوع المقبل", "غدا", a later day, month or
/// year)? An act dated there is a plan, not an occurrence. The end of a term ("حتى 2030",
/// "لمدة") dates no plan.
pub fn is_ahead(published: Option<NaiveDate>, d: &DateMatch, before: &str) -> bool {
    if last_words::<2>(before).iter().flatten().any(|w| folded_is(w, &["حتي", "لغايه", "غايه", "نهايه", "لمده", "مده"])) {
        return false;
    }
    let forward = d.text.split(|c: char| !is_word_char(c)).any(|w| folded_is(w, &["المقبل", "المقبله", "القادم", "القادمه", "غدا"]));
    let later = match (published, d.date) {
        (Some(p), Some(date)) => match d.precision.as_str() {
            "day" => date > p,
            "month" => (date.year(), date.month()) > (p.year(), p.month()),
            "year" => date.year() > p.year(),
            _ => false,
        },
        _ => false,
    };
    forward || later
}
