//! The actor registry shipped in `data/registry/`: countries (names, adjectives, demonyms),
//! places, organizations and persons, compiled into one gazetteer so that the longest name
//! wins across kinds ("مجلس النواب البيلاروسي" over "مجلس النواب").

use super::gazetteer::Gazetteer;
use super::lexicon::Tsv;
use crate::data_file;
use crate::model::{Actor, SharedStr};
use crate::text::normalize::normalize_str;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::{Arc, LazyLock};

/// How a registry form names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Name,
    /// A nisba adjective or demonym (الروسي، البيلاروس): a mention of its country.
    Adjective,
    /// Also an ordinary word (مالي "financial", البيضاء "white"): needs place context.
    Ambiguous,
}

#[derive(Debug, Clone, Copy)]
pub struct Form {
    pub actor: usize,
    pub kind: FormKind,
}

pub struct Registry {
    pub actors: Vec<Arc<Actor>>,
    pub gazetteer: Gazetteer<Form>,
    by_id: HashMap<String, usize>,
    /// Normalized last name -> registry persons that carry it.
    pub surnames: HashMap<String, Vec<usize>>,
}

pub static REGISTRY: LazyLock<Registry> = LazyLock::new(Registry::load);

/// An ISO3 code as the registry spells it, so that records share one string; a code the
/// registry does not know is copied.
pub fn country_code(code: &str) -> SharedStr {
    static CODES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| REGISTRY.actors.iter().filter_map(|a| a.country.as_deref()).collect());
    CODES.get(code).map_or_else(|| SharedStr::Shared(code.into()), |&c| SharedStr::Static(c))
}

fn opt(s: Option<&str>) -> Option<String> {
    s.map(str::to_string)
}

/// A degree value of the data file ("32.89") in hundredths (3289).
fn hundredths(v: Option<&str>) -> Option<i32> {
    v.and_then(|v| v.parse::<f64>().ok()).map(|d| (d * 100.0).round() as i32)
}

/// An actor from a registry row; columns a file does not have (places have no faction) are null.
fn registry_actor(t: &Tsv, r: &[&str], id: &str, actor_type: &'static str, names: &[&str]) -> Actor {
    Actor {
        actor_id: id.into(),
        actor_type,
        name_ar: names.first().map(|s| s.to_string()),
        name_en: opt(t.get(r, "name_en")),
        country: opt(t.get(r, "country")),
        faction: opt(t.get(r, "faction")),
        org_kind: opt(t.get(r, "org_kind")),
        cameo_code: opt(t.get(r, "cameo")),
        wikidata_id: opt(t.get(r, "wikidata")),
        in_registry: true,
        coordinates: hundredths(t.get(r, "latitude")).zip(hundredths(t.get(r, "longitude"))),
        admin1: opt(t.get(r, "admin1")),
    }
}

impl Registry {
    fn load() -> Self {
        let mut actors: Vec<Arc<Actor>> = Vec::new();
        let mut forms: Vec<(String, Form)> = Vec::new();
        let mut add = |actor: Actor, names: Vec<&str>, adjectives: Vec<&str>, ambiguous: Vec<&str>, actors: &mut Vec<Arc<Actor>>| {
            let idx = actors.len();
            let ambiguous_set: std::collections::HashSet<String> = ambiguous.iter().map(|a| normalize_str(a)).collect();
            let kind_of = |f: &str, base: FormKind| if ambiguous_set.contains(&normalize_str(f)) { FormKind::Ambiguous } else { base };
            for n in names {
                forms.push((n.to_string(), Form { actor: idx, kind: kind_of(n, FormKind::Name) }));
            }
            for a in adjectives {
                forms.push((a.to_string(), Form { actor: idx, kind: kind_of(a, FormKind::Adjective) }));
            }
            for a in ambiguous {
                forms.push((a.to_string(), Form { actor: idx, kind: FormKind::Ambiguous }));
            }
            actors.push(Arc::new(actor));
        };

        let t = Tsv::parse(data_file!("registry/countries.tsv"));
        for r in &t.rows {
            let Some(iso3) = t.get(r, "iso3") else { continue };
            let names = t.variants(r, "names_ar");
            let actor = Actor { country: Some(iso3.to_string()), ..registry_actor(&t, r, &format!("country/{iso3}"), "country", &names) };
            add(actor, names, t.variants(r, "adjectives_ar"), t.variants(r, "ambiguous_ar"), &mut actors);
        }

        let t = Tsv::parse(data_file!("registry/places.tsv"));
        for r in &t.rows {
            let Some(id) = t.get(r, "id") else { continue };
            let names = t.variants(r, "names_ar");
            let kind = match t.get(r, "kind") {
                Some("region") => "region",
                Some("facility") => "facility",
                _ => "city",
            };
            let actor = registry_actor(&t, r, id, kind, &names);
            add(actor, names, vec![], t.variants(r, "ambiguous_ar"), &mut actors);
        }

        // Organization names that are also ordinary words or shared: accepted only in context.
        let amb = Tsv::parse(data_file!("registry/org_ambiguous.tsv"));
        let mut org_ambiguous: HashMap<&str, Vec<&str>> = HashMap::default();
        for r in &amb.rows {
            if let (Some(v), Some(id)) = (amb.get(r, "variant_ar"), amb.get(r, "id")) {
                org_ambiguous.entry(id).or_default().push(v);
            }
        }
        let t = Tsv::parse(data_file!("registry/organizations.tsv"));
        for r in &t.rows {
            let Some(id) = t.get(r, "id") else { continue };
            let names = t.variants(r, "names_ar");
            let actor = registry_actor(&t, r, id, "organization", &names);
            // Only outlet names are ordinary words often enough to need a cue (العربية، الوسط).
            let is_media = t.get(r, "org_kind") == Some("media");
            let ambiguous = if is_media { org_ambiguous.get(id).cloned().unwrap_or_default() } else { Vec::new() };
            let names = names.into_iter().filter(|n| !ambiguous.contains(n)).collect();
            add(actor, names, vec![], ambiguous, &mut actors);
        }

        let t = Tsv::parse(data_file!("registry/persons.tsv"));
        let mut surnames: HashMap<String, Vec<usize>> = HashMap::default();
        for r in &t.rows {
            let Some(id) = t.get(r, "id") else { continue };
            let names = t.variants(r, "names_ar");
            let idx = actors.len();
            for n in &names {
                let norm = normalize_str(n);
                if let Some(last) = norm.split(' ').next_back().filter(|_| norm.contains(' ')) {
                    let list = surnames.entry(last.to_string()).or_default();
                    if !list.contains(&idx) {
                        list.push(idx);
                    }
                }
            }
            let actor = registry_actor(&t, r, id, "person", &names);
            add(actor, names, vec![], vec![], &mut actors);
        }

        let by_id = actors.iter().enumerate().map(|(i, a)| (a.actor_id.to_string(), i)).collect();
        let entries: Vec<Form> = forms.iter().map(|(_, f)| *f).collect();
        let gazetteer = Gazetteer::new(entries, forms.into_iter().enumerate().map(|(i, (form, _))| (form, i)));
        Registry { actors, gazetteer, by_id, surnames }
    }

    pub fn get(&self, id: &str) -> Option<&Actor> {
        self.by_id.get(id).map(|&i| &*self.actors[i])
    }

    pub fn country(&self, iso3: &str) -> Option<&Actor> {
        self.get(&format!("country/{iso3}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_with_a_state_have_coordinates_and_libyan_ones_lie_in_libya() {
        let places: Vec<&Actor> = REGISTRY.actors.iter().map(|a| &**a).filter(|a| matches!(a.actor_type, "city" | "region" | "facility")).collect();
        assert!(places.len() > 500);
        for p in &places {
            if p.country.is_some() {
                let (lat, lon) = p.coordinates.unwrap_or_else(|| panic!("{} has no coordinates", p.actor_id));
                assert!((-9000..=9000).contains(&lat) && (-18000..=18000).contains(&lon), "{}", p.actor_id);
            }
            // Libya's box, widened by the offshore fields (Bouri, Bahr Essalam).
            if p.country.as_deref() == Some("LBY") {
                let (lat, lon) = p.coordinates.unwrap();
                assert!((1950..=3420).contains(&lat) && (930..=2520).contains(&lon), "{} at {lat} {lon}", p.actor_id);
            }
        }
        let tripoli = REGISTRY.get("city/tripoli").unwrap();
        assert_eq!((tripoli.coordinates, tripoli.admin1.as_deref()), (Some((3289, 1319)), Some("Tripoli")));
    }

    #[test]
    fn country_codes_are_the_registry_strings() {
        assert!(matches!(country_code("LBY"), SharedStr::Static("LBY")));
        assert!(matches!(country_code("ITA"), SharedStr::Static("ITA")));
        assert!(matches!(country_code("XYZ"), SharedStr::Shared(code) if &*code == "XYZ"));
    }

    #[test]
    fn every_state_has_arabic_names_and_ids_are_unique() {
        let r = &*REGISTRY;
        let countries: Vec<&Actor> = r.actors.iter().map(|a| &**a).filter(|a| a.actor_type == "country").collect();
        assert!(countries.len() >= 193, "all UN members: {}", countries.len());
        assert!(countries.iter().all(|c| c.name_ar.is_some() && c.name_en.is_some()));
        assert_eq!(r.by_id.len(), r.actors.len(), "actor ids are unique");
    }

    #[test]
    fn names_and_adjectives_find_their_country() {
        let r = &*REGISTRY;
        for (text, iso) in [("روسيا البيضاء", "BLR"), ("البيلاروسية", "BLR"), ("الروس", "RUS"), ("روسيا الاتحادية", "RUS"), ("الإيطالي", "ITA"), ("والأتراك", "TUR"), ("بليبيا", "LBY")] {
            let n = normalize_str(text);
            let hits = r.gazetteer.find(&n);
            assert!(!hits.is_empty(), "{text}");
            let actor = &r.actors[r.gazetteer.entries[hits[0].entry].actor];
            assert_eq!(actor.country.as_deref(), Some(iso), "{text}");
        }
    }

    /// The data rows of a registry file: tab-separated fields, header and comments skipped.
    fn rows(file: &'static str) -> Vec<Vec<&'static str>> {
        file.lines().skip(1).filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect()).collect()
    }

    #[test]
    fn person_and_organization_rows_are_well_formed() {
        let isos: HashSet<&str> = rows(data_file!("registry/countries.tsv")).iter().map(|r| r[0]).collect();
        let factions = ["GNU", "HoR", "LNA", "PC", "HCS", "CBL"];
        let kinds = ["government", "ministry", "legislature", "military", "security", "agency", "company", "international", "media", "other"];
        let given: HashSet<String> = rows(data_file!("lexicon/given_names.tsv")).iter().map(|r| normalize_str(r[0])).collect();
        let mut owner: HashMap<String, &str> = HashMap::default();
        for (file, prefix, min_rows) in [(data_file!("registry/persons.tsv"), "person/", 1000), (data_file!("registry/organizations.tsv"), "org/", 700)] {
            let rows = rows(file);
            assert!(rows.len() >= min_rows, "{prefix}: {} rows", rows.len());
            for r in rows {
                assert_eq!(r.len(), 8, "{prefix} row needs 8 tab-separated fields: {r:?}");
                let (id, name_en, names, country, faction, kind, wikidata) = (r[0], r[1], r[2], r[3], r[4], r[5], r[7]);
                assert!(id.starts_with(prefix) && id[prefix.len()..].chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'), "id {id}");
                assert!(!name_en.is_empty(), "{id}: name_en");
                assert!(country.is_empty() || isos.contains(country), "{id}: unknown ISO3 {country}");
                assert!(faction.is_empty() || (factions.contains(&faction) && country == "LBY"), "{id}: faction {faction} is for Libyan actors");
                assert!(prefix == "person/" || kinds.contains(&kind), "{id}: org_kind {kind}");
                assert!(wikidata.is_empty() || (wikidata.starts_with('Q') && wikidata[1..].bytes().all(|b| b.is_ascii_digit())), "{id}: wikidata {wikidata}");
                for name in names.split('|') {
                    assert!(!name.trim().is_empty(), "{id}: empty name variant");
                    // A bare given name or surname would name every person who carries it; a
                    // one-word nickname (حميدتي) is no given name.
                    let one_word = !name.trim().contains(' ');
                    assert!(prefix == "org/" || !one_word || (!given.contains(&*normalize_str(name)) && !name.starts_with("ال")), "{id}: one-word person name {name}");
                    let key = normalize_str(name);
                    let first = *owner.entry(key).or_insert(id);
                    assert_eq!(first, id, "{name} names both {first} and {id}");
                }
            }
        }
    }

    #[test]
    fn latin_script_names_inside_arabic_text_are_found() {
        let r = &*REGISTRY;
        for (text, id) in [("وقعت Eni اتفاقا", "org/ita-eni"), ("شراكة مع TotalEnergies", "org/fra-total"), ("وQatarEnergy", "org/qat-qatarenergy"), ("نقلت Reuters", "org/gbr-reuters")] {
            let n = normalize_str(text);
            let found = r.gazetteer.find(&n).iter().map(|h| &*r.actors[r.gazetteer.entries[h.entry].actor].actor_id).collect::<Vec<_>>();
            assert!(found.contains(&id), "{text}: {found:?}");
        }
        // Inside a longer Latin word the name is not there.
        let n = normalize_str("Venice");
        assert!(r.gazetteer.find(&n).iter().all(|h| &*r.actors[r.gazetteer.entries[h.entry].actor].actor_id != "org/ita-eni"));
    }
}
