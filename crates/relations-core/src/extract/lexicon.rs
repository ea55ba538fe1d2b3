//! Reading the TSV data files under `data/` (embedded at build time): a header line, `#`
//! comments, `|`-separated variants inside a cell.

pub struct Tsv<'a> {
    header: Vec<&'a str>,
    pub rows: Vec<Vec<&'a str>>,
}

impl<'a> Tsv<'a> {
    pub fn parse(text: &'a str) -> Self {
        let mut lines = text.lines().map(|l| l.trim_end_matches('\r')).filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
        let header = lines.next().map(|h| h.split('\t').map(str::trim).collect()).unwrap_or_default();
        let rows = lines.map(|l| l.split('\t').map(str::trim).collect()).collect();
        Self { header, rows }
    }

    pub fn column(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| *h == name)
    }

    /// The cell of `row` under `column`, None when absent or empty.
    pub fn get(&self, row: &[&'a str], column: &str) -> Option<&'a str> {
        self.column(column).and_then(|i| row.get(i).copied()).filter(|s| !s.is_empty())
    }

    /// The `|`-separated variants of a cell.
    pub fn variants(&self, row: &[&'a str], column: &str) -> Vec<&'a str> {
        self.get(row, column).map(|c| c.split('|').map(str::trim).filter(|s| !s.is_empty()).collect()).unwrap_or_default()
    }
}

/// Embeds a data file: `data_file!("registry/countries.tsv")`.
#[macro_export]
macro_rules! data_file {
    ($path:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/", $path))
    };
}

/// A form with the endings running text glues onto its last word, which whole-word matching
/// would otherwise miss: the accusative alif ("منحت ... ترخيصا") and the attached pronouns
/// ("استحواذها", "زيارته", with ة written ت before them; ه only there). Forms that already
/// end in a pronoun, or are too short to be sure of, get none.
pub fn with_endings(form: &str) -> Vec<String> {
    let last = form.rsplit(' ').next().unwrap_or(form);
    let letters = last.chars().count();
    if letters < 3 || ["ه", "ها", "هم", "هما", "نا"].iter().any(|p| last.ends_with(p) && letters > p.chars().count() + 2) {
        return Vec::new();
    }
    let mut out = Vec::new();
    if !last.ends_with(['ا', 'ى', 'ة', 'ء', 'أ', 'ئ', 'ؤ']) {
        out.push(format!("{form}ا"));
    }
    // "his" after any other letter reads like ة once text is normalized (زاره, وزارة): only
    // a feminine noun, whose ة turns ت, takes it.
    match form.strip_suffix('ة') {
        Some(stem) => out.extend(["ه", "ها", "هما", "هم"].iter().map(|p| format!("{stem}ت{p}"))),
        None => out.extend(["ها", "هما", "هم"].iter().map(|p| format!("{form}{p}"))),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_header_comments_and_variants() {
        let t = Tsv::parse("a\tb\n# note\nx\ty|z\n\nw\t\n");
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.variants(&t.rows[0], "b"), vec!["y", "z"]);
        assert_eq!(t.get(&t.rows[1], "b"), None);
        assert_eq!(t.get(&t.rows[0], "nope"), None);
    }

    #[test]
    fn endings_of_nouns_and_verbs() {
        assert_eq!(with_endings("ترخيص"), ["ترخيصا", "ترخيصها", "ترخيصهما", "ترخيصهم"]);
        assert_eq!(with_endings("زيارة"), ["زيارته", "زيارتها", "زيارتهما", "زيارتهم"]);
        assert_eq!(with_endings("توقيع عقد"), ["توقيع عقدا", "توقيع عقدها", "توقيع عقدهما", "توقيع عقدهم"]);
        assert!(with_endings("زيارته").is_empty(), "already ends in a pronoun");
        assert_eq!(with_endings("زار"), ["زارا", "زارها", "زارهما", "زارهم"], "no زاره: normalized it spells the زارة of وزارة");
        assert!(with_endings("مع").is_empty(), "too short");
    }
}
