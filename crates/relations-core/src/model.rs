//! The records the pipeline produces, one struct per output table (SPEC §3).
//! Offsets are Unicode code points into the cleaned document text.

use chrono::NaiveDate;
use std::sync::Arc;

/// Reading, comparing, printing and serializing a type as the `str` its `as_str` gives.
macro_rules! reads_as_str {
    ($t:ty) => {
        impl std::ops::Deref for $t {
            type Target = str;
            fn deref(&self) -> &str {
                self.as_str()
            }
        }

        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl PartialEq for $t {
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl std::fmt::Debug for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.as_str().fmt(f)
            }
        }

        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

/// A stretch of a document's text (byte range), sharing the document's text rather than a
/// copy: records quote their evidence by the dozen per document.
#[derive(Clone)]
pub struct Excerpt {
    text: Arc<str>,
    start: usize,
    end: usize,
}

impl Excerpt {
    /// `text[start..end]`; an empty excerpt if that is no char range of `text`.
    pub fn new(text: &Arc<str>, start: usize, end: usize) -> Excerpt {
        let (start, end) = if text.get(start..end).is_some() { (start, end) } else { (0, 0) };
        Excerpt { text: text.clone(), start, end }
    }

    pub fn as_str(&self) -> &str {
        &self.text[self.start..self.end]
    }
}

reads_as_str!(Excerpt);

/// A string many records share: the registry's own (ids, ISO3 codes), or one made for a
/// document. Registry strings are borrowed, not reference-counted: every worker names the same
/// countries and ministries, and a shared counter would bounce between the cores.
#[derive(Clone)]
pub enum SharedStr {
    Static(&'static str),
    Shared(Arc<str>),
}

impl SharedStr {
    pub fn as_str(&self) -> &str {
        match self {
            SharedStr::Static(s) => s,
            SharedStr::Shared(s) => s,
        }
    }
}

reads_as_str!(SharedStr);

/// Compared, ordered and joined as its `str`.
impl std::borrow::Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl Eq for SharedStr {}

impl PartialOrd for SharedStr {
    fn partial_cmp(&self, other: &SharedStr) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedStr {
    fn cmp(&self, other: &SharedStr) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

/// An actor as mentions name it: the registry's own (borrowed, see `SharedStr`), or one found
/// in a document.
#[derive(Clone, Debug, PartialEq)]
pub enum ActorRef {
    Registry(&'static Actor),
    Found(Arc<Actor>),
}

impl ActorRef {
    pub fn id(&self) -> SharedStr {
        match self {
            ActorRef::Registry(a) => SharedStr::Static(&a.actor_id),
            ActorRef::Found(a) => SharedStr::Shared(a.actor_id.clone()),
        }
    }
}

impl std::ops::Deref for ActorRef {
    type Target = Actor;
    fn deref(&self) -> &Actor {
        match self {
            ActorRef::Registry(a) => a,
            ActorRef::Found(a) => a,
        }
    }
}

impl serde::Serialize for ActorRef {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        (**self).serialize(serializer)
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Document {
    pub doc_id: String,
    pub source: String,
    pub source_id: Option<String>,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published_date: Option<NaiveDate>,
    pub published_date_source: &'static str,
    pub language: Option<String>,
    /// Shared with the excerpts that records quote from it.
    pub text: Arc<str>,
    pub n_chars: i32,
    pub boilerplate_chars: i32,
    /// Invalid byte sequences replaced by U+FFFD while decoding; the text is kept.
    pub decode_errors: i32,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Event {
    /// Shared with the event's sector rows.
    pub event_id: Arc<str>,
    /// Shared by every record of the document.
    pub doc_id: Arc<str>,
    pub event_type: &'static str,
    pub cameo_code: &'static str,
    pub plover_type: &'static str,
    pub event_date: Option<NaiveDate>,
    pub date_precision: &'static str,
    pub date_text: Option<Excerpt>,
    /// ISO3 codes: the registry's own strings, not a copy per record (`registry::country_code`).
    pub countries: Vec<SharedStr>,
    pub location_id: Option<SharedStr>,
    pub actor_ids: Vec<SharedStr>,
    /// Initiator and counterpart (who visited, received, signed with, sent to whom) and their states.
    pub actor1_id: Option<SharedStr>,
    pub actor1_country: Option<SharedStr>,
    pub actor2_id: Option<SharedStr>,
    pub actor2_country: Option<SharedStr>,
    /// One-line English gloss made from the record's own fields.
    pub summary_en: String,
    pub sectors: Vec<&'static str>,
    pub sentence: Excerpt,
    pub char_start: i32,
    pub char_end: i32,
}

/// One occurrence across the documents that report it (`stories`): a row per story, singletons too.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Story {
    pub story_id: String,
    pub event_type: String,
    pub countries: Vec<String>,
    /// The most precise date its reports agree on.
    pub event_date: Option<NaiveDate>,
    pub date_precision: &'static str,
    pub location_id: Option<String>,
    /// Persons and organizations of all its reports.
    pub actor_ids: Vec<String>,
    pub n_events: i32,
    pub n_documents: i32,
    pub n_outlets: i32,
    pub outlets: Vec<String>,
    pub first_published: Option<NaiveDate>,
    pub last_published: Option<NaiveDate>,
    /// In the order the reports came out.
    pub event_ids: Vec<String>,
    pub doc_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Actor {
    /// Shared by the actor's mentions.
    pub actor_id: Arc<str>,
    pub actor_type: &'static str,
    pub name_ar: Option<String>,
    pub name_en: Option<String>,
    pub country: Option<String>,
    pub faction: Option<String>,
    pub org_kind: Option<String>,
    pub cameo_code: Option<String>,
    pub wikidata_id: Option<String>,
    pub in_registry: bool,
    /// Places of the registry: (latitude, longitude) in hundredths of a WGS84 degree (the data
    /// file's two decimals, kept exact and orderable), and the first-level division, for maps.
    pub coordinates: Option<(i32, i32)>,
    pub admin1: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Mention {
    /// Shared by every record of the document.
    pub doc_id: Arc<str>,
    pub actor_id: SharedStr,
    pub mention_text: Excerpt,
    pub role_text: Option<String>,
    /// English gloss of the role (title lexicon, then the state or body it names).
    pub role_en: Option<String>,
    pub char_start: i32,
    pub char_end: i32,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Figure {
    pub figure_id: String,
    /// Shared by every record of the document.
    pub doc_id: Arc<str>,
    pub kind: &'static str,
    pub metric: Option<String>,
    pub value: f64,
    pub unit: Option<String>,
    pub year: Option<i32>,
    /// exact | about | more_than | less_than | at_least | range.
    pub qualifier: &'static str,
    /// actual | target | forecast: a 2027 target is not a 2027 value.
    pub status: &'static str,
    pub countries: Vec<SharedStr>,
    pub text: String,
    pub sentence: Excerpt,
    pub char_start: i32,
    pub char_end: i32,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Sector {
    /// Shared by every record of the document.
    pub doc_id: Arc<str>,
    pub sector: &'static str,
    pub event_id: Option<Arc<str>>,
    pub text: Option<Excerpt>,
    pub char_start: Option<i32>,
    pub char_end: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reject {
    pub source: String,
    pub reason: String,
    pub detail: String,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Extraction {
    pub events: Vec<Event>,
    /// Shared with the registry: an actor is named many times, copied once per dataset.
    pub actors: Vec<ActorRef>,
    pub mentions: Vec<Mention>,
    pub figures: Vec<Figure>,
    pub sectors: Vec<Sector>,
    /// What tells the document's reprints (`reprints`); `None` for a text too short.
    pub signature: Option<crate::reprints::signature::Signature>,
}

/// What one input unit (file or JSONL line) became.
#[derive(Debug)]
pub enum Outcome {
    Document(Box<(Document, Extraction)>),
    Rejected(Reject),
}

/// 16 hex characters of the SHA-256 of the given parts; the stable id scheme of every table.
pub fn short_hash(parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h.update([0x1f]);
        }
        h.update(p.as_bytes());
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut id = String::with_capacity(16);
    for b in &h.finalize()[..8] {
        id.push(char::from(HEX[usize::from(b >> 4)]));
        id.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    id
}

#[cfg(test)]
mod tests {
    use super::{short_hash, Excerpt};
    use std::sync::Arc;

    #[test]
    fn excerpts_read_as_their_stretch_of_the_text() {
        let text: Arc<str> = "وصل الوفد إلى روما".into();
        let at = text.find("روما").unwrap();
        let e = Excerpt::new(&text, at, text.len());
        assert_eq!(&*e, "روما");
        assert_eq!(serde_json::to_string(&e).unwrap(), "\"روما\"");
        assert_eq!(format!("{e:?}"), "\"روما\"");
        assert_eq!(e, Excerpt::new(&"روما".into(), 0, "روما".len()));
        // A range that is not one of the text's char ranges reads as empty, not a panic.
        assert_eq!(&*Excerpt::new(&text, 1, 3), "");
        assert_eq!(&*Excerpt::new(&text, 5, 500), "");
    }

    #[test]
    fn short_hash_is_the_sha256_prefix_in_hex() {
        // SHA-256("abc") = ba7816bf8f01cfea414140de...
        assert_eq!(short_hash(&["abc"]), "ba7816bf8f01cfea");
        // Parts are joined by the unit separator, so ["a", "bc"] differs from ["ab", "c"].
        assert_ne!(short_hash(&["a", "bc"]), short_hash(&["ab", "c"]));
    }
}

#[cfg(test)]
impl Document {
    /// A made-up Arabic article published on `published` (YYYY-MM-DD), for tests.
    pub fn made_up(text: &str, published: &str) -> Document {
        Document {
            doc_id: "t".into(),
            source: "test".into(),
            source_id: None,
            url: None,
            outlet: None,
            title: None,
            published_date: chrono::NaiveDate::parse_from_str(published, "%Y-%m-%d").ok(),
            published_date_source: "metadata",
            language: Some("ar".into()),
            n_chars: text.chars().count() as i32,
            text: text.into(),
            boilerplate_chars: 0,
            decode_errors: 0,
        }
    }
}
