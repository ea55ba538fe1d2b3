//! English glosses of roles (`mentions.role_en`): the title's gloss from the title lexicon, and
//! the state or body the role text names after it, by its registry name.

use super::LEX;
use crate::extract::registry::REGISTRY;
use crate::text::normalize::normalize_str;

/// The English gloss of a role as written before a name: "وزير الدفاع البيلاروسي" is "defence
/// minister of Belarus", "رئيس مجلس النواب" "head of House of Representatives". None when no
/// title of the lexicon opens it.
pub fn role_en(role_text: &str) -> Option<String> {
    let norm = normalize_str(role_text);
    let title = LEX.titles.find(&norm).into_iter().find(|h| h.word_start == 0)?;
    let gloss = &LEX.titles.entries[title.entry];
    let rest = &norm[title.end..];
    // The state or body the rest names, if the title does not already name it.
    let hit = REGISTRY.gazetteer.find(rest).into_iter().next();
    let named = hit.as_ref().map(|h| &REGISTRY.actors[REGISTRY.gazetteer.entries[h.entry].actor]);
    let Some(name) = named.and_then(|a| a.name_en.as_deref()).filter(|name| !gloss.contains(name)) else {
        return Some(gloss.clone());
    };
    // "السفير الإيطالي لدى ليبيا": the state after لدى is where the post is, not whose it is.
    let before: Vec<&str> = hit.map_or("", |h| &rest[..h.word_start]).split_whitespace().collect();
    Some(match before.last().copied() {
        Some("لدي") => format!("{gloss} to {name}"),
        Some("في") => format!("{gloss} in {name}"),
        // A gloss that already says whose it is ("prime minister of the Government of National Unity").
        _ if gloss.contains(" of ") => format!("{gloss} ({name})"),
        _ => format!("{gloss} of {name}"),
    })
}

#[cfg(test)]
mod tests {
    use super::role_en;

    #[test]
    fn roles_read_in_english() {
        let cases = [
            ("وزير الدفاع البيلاروسي", Some("defence minister of Belarus")),
            ("وزيرة الخارجية", Some("foreign minister (f)")),
            ("العقيد", Some("colonel")),
            ("السفير الإيطالي لدى ليبيا", Some("ambassador of Italy")),
            ("سفير الاتحاد الأوروبي لدى ليبيا", Some("EU ambassador to Libya")),
            ("رئيس حكومة الوحدة الوطنية الليبية", Some("prime minister of the Government of National Unity (Libya)")),
            ("كلمة", None),
        ];
        for (role, want) in cases {
            assert_eq!(role_en(role).as_deref(), want, "{role}");
        }
    }
}
