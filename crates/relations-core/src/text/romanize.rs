//! Romanization of Arabic names for actors outside the registry: ALA-LC without diacritics
//! (no macrons or underdots), and ASCII slugs of the result for ids.
//!
//! Conventions: ʿayn and hamza are dropped, in names as in slugs (an Arabic input gives ASCII;
//! the one apostrophe is ALA-LC's separator between letters that would read as a digraph,
//! "Mat'had"); the article is "al-" without sun-letter assimilation; proclitics "wa-", "bi-al-",
//! "ka-al-", "lil-"; tāʾ marbūṭa "ah", and "at" in construct (a lexicon noun followed by a word
//! with the article: "Wizarat al-Kharijiyah"); ى and آ "a"; digraphs th kh dh sh gh.
//! "عبد الله" and "عبدالله" are both "Abd Allah" (word by word, as ALA-LC). Heuristic words are
//! capitalized; lexicon words are written as the lexicon gives them (particles: bin, fi, min).
//!
//! Short vowels are unwritten, so [`romanize`] guesses them (module `heuristic`) unless the
//! exception lexicon `data/lexicon/romanization.tsv` knows the word. Diacritics, shadda and
//! tatweel are ignored, so a vocalized spelling gets the same name (and id) as the bare one.
//! The output is deterministic, not a reading: it aims at recognizable names.

use crate::data_file;
use crate::extract::lexicon::Tsv;
use crate::text::normalize::{ascii_digit, is_ignorable, normalize_str};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::LazyLock;

/// Normalized Arabic form → (romanization, construct form if the row gives one); first row wins.
static LEXICON: LazyLock<FxHashMap<String, (&'static str, Option<&'static str>)>> = LazyLock::new(|| {
    let t = Tsv::parse(data_file!("lexicon/romanization.tsv"));
    let mut map = FxHashMap::default();
    for row in &t.rows {
        let latin = t.variants(row, "latin");
        if let (Some(form), Some(&first)) = (t.get(row, "form_ar"), latin.first()) {
            map.entry(normalize_str(form)).or_insert((first, latin.get(1).copied()));
        }
    }
    map
});

/// Is `c` a letter of an Arabic word (the Arabic letters and the Persian/Maghrebi extras)?
fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{0671}'..='\u{06D3}')
}

/// Arabic-script digits and punctuation as ASCII; None for anything else.
fn ascii_symbol(c: char) -> Option<char> {
    Some(match c {
        '٠'..='٩' | '۰'..='۹' => ascii_digit(c),
        '،' | '٬' => ',',
        '؛' => ';',
        '؟' => '?',
        '٪' => '%',
        '٫' | '۔' => '.',
        _ => return None,
    })
}

enum Seg {
    Word(Vec<char>),
    Other(String),
}

/// Romanizations a thread has made: the same names recur from article to article, and
/// romanizing was a twentieth of a run. Cleared when full, so memory stays flat.
const CACHE_LIMIT: usize = 50_000;

thread_local! {
    static CACHE: RefCell<FxHashMap<String, String>> = RefCell::new(FxHashMap::default());
}

/// Romanizes Arabic text word by word. Non-Arabic characters pass through unchanged, Arabic
/// digits and punctuation become ASCII, diacritics and tatweel are dropped.
pub fn romanize(arabic: &str) -> String {
    if let Some(done) = CACHE.with_borrow(|cache| cache.get(arabic).cloned()) {
        return done;
    }
    let latin = romanize_uncached(arabic);
    CACHE.with_borrow_mut(|cache| {
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(arabic.to_string(), latin.clone());
    });
    latin
}

fn romanize_uncached(arabic: &str) -> String {
    let mut segs: Vec<Seg> = Vec::new();
    for c in arabic.chars().filter(|&c| !is_ignorable(c)) {
        match (is_arabic_letter(c), segs.last_mut()) {
            (true, Some(Seg::Word(w))) => w.push(c),
            (true, _) => segs.push(Seg::Word(vec![c])),
            (false, Some(Seg::Other(s))) => s.push(ascii_symbol(c).unwrap_or(c)),
            (false, _) => segs.push(Seg::Other(ascii_symbol(c).unwrap_or(c).to_string())),
        }
    }
    let mut out = String::with_capacity(arabic.len());
    for (i, seg) in segs.iter().enumerate() {
        match seg {
            Seg::Other(s) => out.push_str(s),
            Seg::Word(w) => {
                // Construct state: followed, across spaces only, by a word with the article.
                let construct = matches!((segs.get(i + 1), segs.get(i + 2)),
                    (Some(Seg::Other(sp)), Some(Seg::Word(next))) if sp.chars().all(|c| c == ' ') && has_prefix(next, "ال", 2));
                out.push_str(&word(w, construct));
            }
        }
    }
    out
}

/// The lexicon's romanization of `w`: its construct form when `construct` and the row has one.
fn lookup_in(w: &[char], construct: bool) -> Option<&'static str> {
    let &(latin, construct_form) = LEXICON.get(&normalize_str(&w.iter().collect::<String>()))?;
    Some(construct_form.filter(|_| construct).unwrap_or(latin))
}

fn lookup(w: &[char]) -> Option<&'static str> {
    lookup_in(w, false)
}

fn with_article(w: &[char]) -> Vec<char> {
    ['ا', 'ل'].iter().chain(w).copied().collect()
}

/// A bare stem (no clitic, no article): the lexicon's, also through its article form (الوطنية
/// serves وطنية), else the heuristic's, capitalized.
fn stem(w: &[char], construct: bool) -> String {
    let lexicon = lookup_in(w, construct).or_else(|| lookup(&with_article(w)).and_then(|l| l.strip_prefix("al-")));
    lexicon.map_or_else(|| capitalize(&heuristic::stem(w)), str::to_string)
}

/// A stem after the article: the article form's lexicon entry, else "al-" + the stem.
fn definite(w: &[char]) -> String {
    lookup(&with_article(w)).map_or_else(|| format!("al-{}", stem(w, false)), str::to_string)
}

/// Does `w` start with `prefix` and have at least `after` letters after it?
fn has_prefix(w: &[char], prefix: &str, after: usize) -> bool {
    let p: Vec<char> = prefix.chars().collect();
    w.len() >= p.len() + after && w.starts_with(&p)
}

/// Romanizes one word (letters only); `construct` when a word with the article follows.
fn word(w: &[char], construct: bool) -> String {
    if let Some(latin) = lookup_in(w, construct) {
        return latin.to_string();
    }
    // عبدالرحمن, عبدالله: "Abd" + the rest as its own word.
    if has_prefix(w, "عبدال", 2) {
        return format!("Abd {}", word(&w[3..], false));
    }
    // و only before the article or a lexicon word, so names such as وليد keep their و.
    let definite_next = ["ال", "لل", "بال", "كال"].iter().any(|p| has_prefix(&w[1..], p, 2));
    if w[0] == 'و' && w.len() >= 4 && (definite_next || lookup(&w[1..]).is_some()) {
        return format!("wa-{}", word(&w[1..], construct));
    }
    if has_prefix(w, "لل", 2) {
        // ل before a lexicon word that itself starts with ل (لليبيا), else ل + the article.
        return lookup(&w[1..]).map_or_else(|| format!("lil-{}", stem(&w[2..], false)), |l| format!("li-{l}"));
    }
    // ب and ك only before the article (بكر, كمال are words of their own).
    for (prefix, latin) in [("بال", "bi-"), ("كال", "ka-")] {
        if has_prefix(w, prefix, 2) {
            return format!("{latin}{}", definite(&w[3..]));
        }
    }
    if has_prefix(w, "ال", 2) {
        return definite(&w[2..]);
    }
    stem(w, construct)
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
}

/// An ASCII id slug of a romanized name: lower-case, apostrophes dropped, accented Latin
/// letters folded, any other run of non-[a-z0-9] → "-", trimmed; "x" when nothing is left.
/// Arabic letters in the input are romanized first, so an Arabic name still gets its slug.
pub fn slug(latin: &str) -> String {
    let text = if latin.chars().any(is_arabic_letter) { romanize(latin) } else { latin.to_string() };
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if "'’‘ʼʻʿʾʹ`´".contains(c) || is_ignorable(c) {
            continue;
        }
        let c = ascii_symbol(c).unwrap_or(c);
        let mut buf = [0; 4];
        let part = if c.is_ascii_lowercase() || c.is_ascii_digit() { Some(&*c.encode_utf8(&mut buf)) } else { fold_latin(c) };
        match part {
            Some(part) => {
                if dash && !out.is_empty() {
                    out.push('-');
                }
                dash = false;
                out.push_str(part);
            }
            None => dash = true,
        }
    }
    if out.is_empty() {
        out.push('x');
    }
    out
}

/// Accented lower-case Latin letters and their ASCII spelling.
const LATIN_FOLDS: [(&str, &str); 23] = [
    ("àáâãäåāăąǎạả", "a"), ("æ", "ae"), ("çćĉċč", "c"), ("ďđḍð", "d"), ("èéêëēĕėęěẹ", "e"), ("ĝğġģ", "g"),
    ("ĥħḥḫ", "h"), ("ìíîïĩīĭįıǐị", "i"), ("ĵ", "j"), ("ķ", "k"), ("ĺļľŀł", "l"), ("ñńņňṇ", "n"),
    ("òóôõöøōŏőǒọ", "o"), ("œ", "oe"), ("ŕŗř", "r"), ("śŝşšṣș", "s"), ("ß", "ss"), ("ţťŧṭț", "t"),
    ("þ", "th"), ("ùúûüũūŭůűųǔụ", "u"), ("ŵ", "w"), ("ýÿŷ", "y"), ("źżžẓ", "z"),
];

/// A lower-case accented Latin letter as ASCII; None for anything else (a separator).
fn fold_latin(c: char) -> Option<&'static str> {
    LATIN_FOLDS.iter().find(|(from, _)| from.contains(c)).map(|&(_, to)| to)
}

/// The letter heuristic for a bare stem.
mod heuristic {
    /// A consonant (its Latin, empty for the dropped ʿayn and hamza) or a vowel (its Latin, and
    /// whether it is long: written ا آ ى و ي, not a word-initial alef seat).
    #[derive(Clone, Copy)]
    enum U {
        C(&'static str),
        V(&'static str, bool),
    }

    /// Consonant letters and their Latin (ALA-LC without underdots; ʿayn and hamza silent).
    const CONSONANTS: [(&str, &str); 25] = [
        ("ب", "b"), ("تط", "t"), ("ث", "th"), ("ج", "j"), ("حه", "h"), ("خ", "kh"), ("دض", "d"),
        ("ذ", "dh"), ("ر", "r"), ("زظ", "z"), ("سص", "s"), ("ش", "sh"), ("عءئأإ", ""), ("غ", "gh"),
        ("ف", "f"), ("ق", "q"), ("كک", "k"), ("ل", "l"), ("م", "m"), ("ن", "n"), ("پ", "p"),
        ("چ", "ch"), ("ڤڥ", "v"), ("گڨڭ", "g"), ("ژ", "zh"),
    ];

    fn consonant(c: char) -> Option<&'static str> {
        CONSONANTS.iter().find(|(from, _)| from.contains(c)).map(|&(_, to)| to)
    }

    fn is_wy(c: char) -> bool {
        matches!(c, 'و' | 'ي' | 'ی')
    }

    /// The units of a stem. و/ي are consonants at the start, after a vowel, before ا/ى/آ or
    /// another و/ي; ي is "iy" before a final ة or ا (Libiyah, Turkiya), absorbed after an "i"
    /// (إيمان); otherwise و/ي are the long vowels u/i.
    fn units(w: &[char]) -> Vec<U> {
        let mut u: Vec<U> = Vec::with_capacity(w.len() + 2);
        for (i, &c) in w.iter().enumerate() {
            let next = w.get(i + 1).copied();
            let unit = match c {
                'ا' | 'ٱ' if i == 0 => U::V(initial_alef(&w[1..]), false),
                'أ' | 'آ' if i == 0 => U::V("a", false),
                'إ' if i == 0 => U::V("i", false),
                'ا' | 'ٱ' | 'آ' | 'ى' => U::V("a", true),
                'ؤ' if next == Some('و') => U::C(""),
                'ؤ' => U::V("u", false),
                'ة' if next.is_none() => U::V("ah", false),
                'ة' => U::C("t"),
                c if is_wy(c) => {
                    let (cons, vowel) = if c == 'و' { ("w", "u") } else { ("y", "i") };
                    let prev_vowel = matches!(u.last(), Some(U::V(..)));
                    let vowel_next = matches!(next, Some('ا' | 'ى' | 'آ'));
                    if matches!(u.last(), Some(U::V(v, _)) if *v == vowel) && !vowel_next {
                        continue;
                    }
                    let final_next = i + 2 == w.len() && matches!(next, Some('ة' | 'ا'));
                    if c != 'و' && i > 0 && !prev_vowel && final_next {
                        u.push(U::V("i", true));
                        U::C(cons)
                    } else if i == 0 || prev_vowel || vowel_next || next.is_some_and(is_wy) || next == Some('ة') {
                        U::C(cons)
                    } else {
                        U::V(vowel, true)
                    }
                }
                c => match consonant(c) {
                    Some(l) => U::C(l),
                    None => continue,
                },
            };
            u.push(unit);
        }
        u
    }

    /// A bare initial ا: "i" before two consonants and a vowel letter (Islam, Istithmar), else
    /// "a" (Ahmad, Amin).
    fn initial_alef(rest: &[char]) -> &'static str {
        let k = rest.iter().take_while(|&&c| consonant(c).is_some()).count();
        let vowel_follows = rest.get(k).is_some_and(|&c| matches!(c, 'ا' | 'ى' | 'آ' | 'و' | 'ي'));
        if k >= 2 && vowel_follows { "i" } else { "a" }
    }

    /// Romanizes a bare stem, lower-case. A word-initial consonant cluster takes "a" after its
    /// first consonant; after a long "a", two consonants take "i" between them (the fāʿil
    /// pattern: Khalid, Fatimah, Masajid); runs of three or more consonants take "a" after
    /// every second one (Ahmad, Kahraba), "i" after a word-initial "i" (Istithmar, Ijtima);
    /// two consonants ending the word take "a" (Hasan, Rajab), "u" after a long u (Yusuf).
    pub fn stem(w: &[char]) -> String {
        let u = units(w);
        let mut out = String::new();
        let mut i = 0;
        // The vowel before the current position: (its Latin, long, is it word-initial).
        let mut prev: Option<(&str, bool, bool)> = None;
        while i < u.len() {
            if let U::V(v, long) = u[i] {
                out.push_str(v);
                prev = Some((v, long, i == 0));
                i += 1;
                continue;
            }
            let end = u[i..].iter().position(|x| matches!(x, U::V(..))).map_or(u.len(), |p| i + p);
            let run: Vec<&str> = u[i..end].iter().map(|x| if let U::C(l) = x { *l } else { "" }).collect();
            cluster(&mut out, &run, if i == 0 { None } else { prev }, end == u.len());
            i = end;
        }
        out
    }

    /// Writes a run of consonants with the vowels it needs; `prev` is the vowel before it
    /// (None at the start of the word).
    fn cluster(out: &mut String, run: &[&str], prev: Option<(&str, bool, bool)>, at_end: bool) {
        let mut rest = run;
        let mut final_vowel = if matches!(prev, Some(("u", true, _))) { 'u' } else { 'a' };
        let first = match prev {
            None => Some('a'),
            Some(("a", true, _)) => Some('i'),
            _ => None,
        };
        if let (Some(v), true) = (first, rest.len() >= 2) {
            consonant_to(out, rest[0]);
            out.push(v);
            rest = &rest[1..];
            final_vowel = 'a';
        }
        let filler = if matches!(prev, Some(("i", _, true))) { 'i' } else { 'a' };
        while rest.len() >= 3 {
            consonant_to(out, rest[0]);
            consonant_to(out, rest[1]);
            out.push(filler);
            rest = &rest[2..];
            final_vowel = 'a';
        }
        if at_end && rest.len() == 2 {
            consonant_to(out, rest[0]);
            out.push(final_vowel);
            rest = &rest[1..];
        }
        rest.iter().for_each(|l| consonant_to(out, l));
    }

    /// Appends a consonant, with an apostrophe where it would fuse with the one before into a
    /// digraph (ت+ه is "t'h", not "th"), as ALA-LC's prime does.
    fn consonant_to(out: &mut String, latin: &str) {
        if latin.starts_with('h') && out.ends_with(['t', 'd', 'k', 's', 'g', 'z', 'c']) {
            out.push('\'');
        }
        out.push_str(latin);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts every (input, output) pair, reporting all mismatches at once.
    fn check(cases: &[(&str, &str)]) {
        let bad: Vec<String> = cases.iter().filter(|(a, l)| romanize(a) != *l).map(|(a, l)| format!("{a} → {} (want {l})", romanize(a))).collect();
        assert!(bad.is_empty(), "{bad:#?}");
    }

    #[test]
    fn institutions_and_construct_state() {
        check(&[
            ("الهيئة العامة للاستثمار والتمليك", "al-Hayah al-Ammah lil-Istithmar wa-al-Tamlik"),
            ("المؤسسة الوطنية للنفط", "al-Muassasah al-Wataniyah lil-Naft"),
            ("مصرف ليبيا المركزي", "Masrif Libya al-Markazi"),
            ("المفوضية الوطنية العليا للانتخابات", "al-Mufawwadiyah al-Wataniyah al-Ulya lil-Intikhabat"),
            ("صندوق الإنماء الاقتصادي", "Sunduq al-Inma al-Iqtisadi"),
            ("مجلس النواب", "Majlis al-Nuwwab"),
            ("وزارة الخارجية والتعاون الدولي", "Wizarat al-Kharijiyah wa-al-Taawun al-Duwali"),
            ("شركة الخليج العربي للنفط", "Sharikat al-Khalij al-Arabi lil-Naft"),
            ("هيئة الرقابة الإدارية", "Hayat al-Riqabah al-Idariyah"),
            ("وحكومة الوحدة الوطنية", "wa-Hukumat al-Wahdah al-Wataniyah"),
            // A name before a surname with the article keeps "ah"; so does a noun before a name.
            ("عائشة الكبير", "Aishah al-Kabir"),
            ("جامعة طرابلس", "Jamiah Tarabulus"),
            ("شركة ليبية", "Sharikah Libiyah"),
        ]);
    }

    #[test]
    fn persons_and_places() {
        check(&[
            ("محمد عبد الله الفيتوري", "Muhammad Abd Allah al-Fituri"),
            ("محمد عبدالله الفيتوري", "Muhammad Abd Allah al-Fituri"),
            ("عبدالرحمن يوسف", "Abd al-Rahman Yusuf"),
            ("عبد الحميد مصطفى", "Abd al-Hamid Mustafa"),
            ("خالد إبراهيم", "Khalid Ibrahim"),
            ("أحمد بن علي", "Ahmad bin Ali"),
            ("عمر حسين المهدوي", "Umar Husayn al-Mahdawi"),
            ("فاطمة سالم", "Fatimah Salim"),
            ("أسامة حفتر", "Usamah Haftar"),
            ("نور الدين", "Nur al-Din"),
            ("إيمان", "Iman"),
            ("طرابلس", "Tarabulus"),
            ("بنغازي", "Banghazi"),
            ("ميناء مصراتة", "Mina Misratah"),
            ("راس لانوف", "Ras Lanuf"),
        ]);
    }

    #[test]
    fn heuristic_vowels() {
        check(&[
            ("الخارجية", "al-Kharijiyah"),
            ("الصادرات", "al-Sadirat"),
            ("مدرسة", "Madrasah"),
            ("استقلال", "Istiqlal"),
            ("اجتماع", "Ijtima"),
            ("تسويق", "Taswiq"),
            ("حسن", "Hasan"),
            ("يوسف", "Yusuf"),
            ("تركيا", "Turkiya"),
            ("المصراتي", "al-Masrati"),
            ("وليد", "Walid"),      // و of the name, not the conjunction
            ("بكر", "Bakr"),        // lexicon: the heuristic would say Bakar
            ("متحد", "Mat'had"),    // t+h kept apart from the digraph th
            ("المتحدة", "al-Muttahidah"),
        ]);
    }

    #[test]
    fn clitics() {
        check(&[
            ("بالاستثمار", "bi-al-Istithmar"),
            ("كالشركة", "ka-al-Sharikah"),
            ("للنفط", "lil-Naft"),
            ("لليبيا", "li-Libya"),
            ("ومحمد", "wa-Muhammad"),
            ("وللاستثمار", "wa-lil-Istithmar"),
            ("و", "wa"),
            // ب/ك/ل before anything but the article stay part of the word.
            ("بلال", "Bilal"),
            ("البيت", "al-Bit"),
            ("الم", "Alam"), // too short for the article, which needs two letters after it
        ]);
    }

    #[test]
    fn digits_latin_punctuation_and_diacritics() {
        check(&[
            ("شركة Eni", "Sharikah Eni"),
            ("لجنة ٥+٥", "Lajnah 5+5"),
            ("مؤتمر برلين 2", "Mutmar Barlin 2"),
            ("طرابلس، بنغازي؟", "Tarabulus, Banghazi?"),
            ("(Total) شركة", "(Total) Sharikah"),
            ("", ""),
            ("شـــركة", "Sharikah"),
            ("مَدْرَسَةٌ", "Madrasah"),
            ("احمد", "Ahmad"),
            ("ابراهيم", "Ibrahim"),
            ("مصطفي", "Mustafa"),
            ("الهيئه", "al-Hayah"), // ه written for ة
            ("آمنة", "Aminah"),
        ]);
        assert_eq!(romanize("مُحَمَّد عَبْدُ اللَّهِ الفِيتُورِيّ"), romanize("محمد عبد الله الفيتوري"));
        assert_eq!(romanize("الهَيْئَة العَامَّة"), romanize("الهيئة العامة"));
    }

    #[test]
    fn arabic_input_gives_ascii_and_the_same_output_every_time() {
        for s in ["الهيئة العامة للاستثمار والتمليك", "ظ ض ص ث ذ غ خ ش ع ء ؤ ئ ى ة آ إ أ ٱ پ چ ڤ گ", "قوة الردع", "يحيى ١٢٣"] {
            let out = romanize(s);
            assert!(out.chars().all(|c| c.is_ascii_alphanumeric() || " -'".contains(c)), "{s} → {out}");
            assert!((0..10).all(|_| romanize(s) == out && slug(s) == slug(&out)));
        }
    }

    #[test]
    fn slugs() {
        let cases = [
            ("al-Hayah al-Ammah lil-Istithmar wa-al-Tamlik", "al-hayah-al-ammah-lil-istithmar-wa-al-tamlik"),
            ("al-Hay'ah al-ʿĀmmah", "al-hayah-al-ammah"),
            ("Mat'had", "mathad"),
            ("  Lajnah 5+5 ", "lajnah-5-5"),
            ("Société Générale", "societe-generale"),
            ("Ṭarābulus", "tarabulus"),
            ("---", "x"),
            ("", "x"),
            ("漢字", "x"),
            ("شركة Eni", "sharikah-eni"),
            ("٢٠٢٤", "2024"),
        ];
        for (latin, want) in cases {
            let out = slug(latin);
            assert_eq!(out, want, "{latin}");
            assert!(out.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "{out}");
            assert!(!out.starts_with('-') && !out.ends_with('-') && !out.contains("--"), "{out}");
        }
    }

    #[test]
    fn lexicon_rows_are_well_formed() {
        let t = Tsv::parse(data_file!("lexicon/romanization.tsv"));
        assert!((150..=400).contains(&t.rows.len()), "{} rows", t.rows.len());
        let mut seen = rustc_hash::FxHashSet::default();
        for row in &t.rows {
            let (form, latin) = (t.get(row, "form_ar").unwrap_or_default(), t.variants(row, "latin"));
            assert!(!form.is_empty() && form.chars().all(|c| is_arabic_letter(c) || is_ignorable(c)), "{row:?}");
            assert!((1..=2).contains(&latin.len()), "{row:?}");
            assert!(latin.iter().all(|l| l.bytes().all(|b| b.is_ascii_alphabetic() || b == b'-' || b == b' ')), "{row:?}");
            assert!(seen.insert(normalize_str(form)), "duplicate form {form}");
        }
    }
}
