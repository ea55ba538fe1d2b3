//! HTML page -> article text: markup, scripts, navigation and page chrome removed,
//! block elements turned into line breaks.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

/// What an HTML page yields.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HtmlDoc {
    /// Article text: paragraphs separated by a blank line, `<br>` by a line break.
    pub text: String,
    pub title: Option<String>,
    /// Raw value of meta article:published_time / datePublished / `<time datetime>`.
    pub published: Option<String>,
}

/// Elements that never carry article text.
const DROPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "svg", "nav", "header", "footer", "aside",
    "form", "button", "select", "option", "textarea", "input", "label", "canvas", "object",
    "embed", "video", "audio", "map", "head", "title", "meta", "link", "dialog",
];

/// Elements that start a new paragraph.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "caption",
    "section",
    "article",
    "main",
    "blockquote",
    "figure",
    "figcaption",
    "pre",
    "hr",
    "address",
    "details",
    "summary",
    "body",
    "center",
    "header",
    "footer",
];

/// class/id words (split on `-`, `_`, spaces, camel case is not split) marking page chrome.
const NOISE_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "submenu",
    "share",
    "sharing",
    "sharer",
    "social",
    "comment",
    "comments",
    "related",
    "breadcrumb",
    "breadcrumbs",
    "sidebar",
    "footer",
    "header",
    "masthead",
    "widget",
    "widgets",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "adsbygoogle",
    "sponsored",
    "promo",
    "banner",
    "newsletter",
    "subscribe",
    "popup",
    "modal",
    "cookie",
    "cookies",
    "pagination",
    "pager",
    "tags",
    "tagcloud",
    "ticker",
    "trending",
    "popular",
    "print",
    "skip",
];

/// class/id words that mark the article itself: an element carrying one is never dropped
/// for a noise word (e.g. `class="post-content has-sidebar"`).
const CONTENT_WORDS: &[&str] = &[
    "content", "article", "main", "body", "post", "entry", "story", "text", "single",
];

/// A content candidate is used when it holds this share of the page text...
const MIN_CANDIDATE_SHARE: f64 = 0.5;
/// ...or at least this many characters.
const MIN_CANDIDATE_CHARS: usize = 500;

/// Elements nested deeper than this are flattened before parsing: their tags are dropped, their
/// text kept. Articles nest a few dozen deep; selector matching looks up an element's ancestors,
/// so a bound on depth keeps it linear in the page.
pub const MAX_HTML_DEPTH: usize = 256;

/// Converts an HTML page into article text, title and raw publication date.
pub fn html_to_text(html: &str) -> HtmlDoc {
    let html = flatten_deep_nesting(html, MAX_HTML_DEPTH);
    let doc = Html::parse_document(&html);
    let root = doc.root_element();
    let page_text = extract_text(root);
    let text = best_candidate_text(&doc, page_text.chars().count()).unwrap_or(page_text);
    HtmlDoc {
        text,
        title: find_title(&doc),
        published: find_published(&doc),
    }
}

/// Text of the preferred content container (article, articleBody, main) if it is
/// substantial compared with the whole page.
fn best_candidate_text(doc: &Html, page_chars: usize) -> Option<String> {
    for css in ["article", "[itemprop=articleBody]", "main, [role=main]"] {
        // Only the outermost of nested candidates: an inner one's text is part of the outer's.
        let best = outermost(select_all(doc, css))
            .map(extract_text)
            .max_by_key(|text| text.chars().count());
        if let Some(text) = best {
            let chars = text.chars().count();
            if chars > 0
                && (chars >= MIN_CANDIDATE_CHARS
                    || chars as f64 >= page_chars as f64 * MIN_CANDIDATE_SHARE)
            {
                return Some(text);
            }
        }
    }
    None
}

/// The elements of `elements` (in document order) that lie inside none of the others.
fn outermost<'a>(elements: Vec<ElementRef<'a>>) -> impl Iterator<Item = ElementRef<'a>> {
    let mut last_outer: Option<ElementRef<'a>> = None;
    elements.into_iter().filter(move |el| {
        let inside = last_outer.is_some_and(|outer| el.ancestors().any(|a| a.id() == outer.id()));
        if !inside {
            last_outer = Some(*el);
        }
        !inside
    })
}

fn select_all<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    match Selector::parse(css) {
        Ok(selector) => doc.select(&selector).collect(),
        Err(_) => Vec::new(),
    }
}

fn first_attr(doc: &Html, css: &str, attr: &str) -> Option<String> {
    select_all(doc, css)
        .into_iter()
        .filter_map(|el| el.value().attr(attr))
        .map(collapse_whitespace)
        .find(|value| !value.is_empty())
}

fn first_text(doc: &Html, css: &str) -> Option<String> {
    select_all(doc, css)
        .into_iter()
        .map(|el| collapse_whitespace(&el.text().collect::<String>()))
        .find(|text| !text.is_empty())
}

/// og:title is usually the bare headline; `<title>` often carries the site name.
fn find_title(doc: &Html) -> Option<String> {
    first_attr(
        doc,
        "meta[property='og:title'], meta[name='og:title']",
        "content",
    )
    .or_else(|| first_text(doc, "title"))
    .or_else(|| first_text(doc, "h1"))
}

fn find_published(doc: &Html) -> Option<String> {
    first_attr(
        doc,
        "meta[property='article:published_time'], meta[name='article:published_time']",
        "content",
    )
    .or_else(|| {
        first_attr(
            doc,
            "meta[itemprop=datePublished], meta[name=datePublished]",
            "content",
        )
    })
    .or_else(|| first_attr(doc, "[itemprop=datePublished][datetime]", "datetime"))
    .or_else(|| first_attr(doc, "[itemprop=datePublished][content]", "content"))
    .or_else(|| json_ld_date_published(doc))
    .or_else(|| first_attr(doc, "article time[datetime]", "datetime"))
    .or_else(|| first_attr(doc, "time[datetime]", "datetime"))
}

/// `"datePublished": "..."` inside a JSON-LD script (read as text, no JSON parser needed).
fn json_ld_date_published(doc: &Html) -> Option<String> {
    const KEY: &str = "\"datePublished\"";
    select_all(doc, "script[type='application/ld+json']")
        .into_iter()
        .find_map(|script| {
            let json: String = script.text().collect();
            let after_key = &json[json.find(KEY)? + KEY.len()..];
            let after_colon = after_key.trim_start().strip_prefix(':')?.trim_start();
            let value = after_colon.strip_prefix('"')?;
            let value = &value[..value.find('"')?];
            Some(value.trim().to_owned()).filter(|v| !v.is_empty())
        })
}

/// Walks the element tree and writes its readable text. A loop over the tree's open and close
/// edges, not recursion: the depth of a page is the input's to choose.
fn extract_text(root: ElementRef) -> String {
    let mut out = TextBuilder::default();
    let mut articles_open = 0usize;
    // The element whose subtree is being skipped (dropped), until its close edge.
    let mut skipping: Option<ego_tree::NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(text) => out.push_text(text),
                    Node::Element(el) => {
                        let Some(element) = ElementRef::wrap(node) else { continue };
                        if is_dropped(element, articles_open > 0) {
                            skipping = Some(node.id());
                        } else if el.name() == "br" {
                            out.line_break();
                        } else {
                            articles_open += usize::from(el.name() == "article");
                            if BLOCK_TAGS.contains(&el.name()) {
                                out.paragraph_break();
                            }
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(id) = skipping {
                    if id == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                let Node::Element(el) = node.value() else { continue };
                match el.name() {
                    "br" => {}
                    name if BLOCK_TAGS.contains(&name) => out.paragraph_break(),
                    "td" | "th" => out.push_text(" "),
                    _ => {}
                }
                articles_open -= usize::from(el.name() == "article");
            }
        }
    }
    out.finish()
}

/// Page chrome: dropped tags, hidden elements, and class/id naming navigation, sharing...
/// A `<header>` inside an `<article>` holds the headline and date, so it is kept.
fn is_dropped(element: ElementRef, inside_article: bool) -> bool {
    let el = element.value();
    let name = el.name();
    if matches!(name, "html" | "body" | "article" | "main") {
        return false;
    }
    let keeps_header = inside_article && name == "header";
    if DROPPED_TAGS.contains(&name) && !keeps_header {
        return true;
    }
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    let style = el
        .attr("style")
        .unwrap_or("")
        .to_ascii_lowercase()
        .replace(' ', "");
    if style.contains("display:none") || style.contains("visibility:hidden") {
        return true;
    }
    let words: Vec<String> = [el.attr("class"), el.attr("id"), el.attr("role")]
        .into_iter()
        .flatten()
        .flat_map(|value| value.split(|c: char| !c.is_ascii_alphanumeric()))
        .filter(|word| !word.is_empty())
        .map(|word| word.to_ascii_lowercase())
        .collect();
    if words.iter().any(|w| CONTENT_WORDS.contains(&w.as_str())) {
        return false;
    }
    words
        .iter()
        .any(|w| NOISE_WORDS.contains(&w.as_str()) && !(inside_article && w == "header"))
}

/// Tags whose content is raw text, not markup.
/// SVG and MathML are skipped alike: they are dropped, and their `/>` really closes.
const RAW_TEXT_TAGS: &[&str] = &["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "svg", "math"];
/// Tags that hold no content, or whose end the parser implies: they add no depth. (In HTML a
/// `/>` closes nothing else: `<div/>` opens a div.)
const FLAT_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt", "rp",
];

/// `html` with the tags of elements nested deeper than `max_depth` replaced by a space (their
/// text stays). Depth is counted on start and end tags as written, outside comments and raw
/// text; pages with fewer tags than `max_depth` are returned as they are.
fn flatten_deep_nesting(html: &str, max_depth: usize) -> std::borrow::Cow<'_, str> {
    if html.bytes().filter(|&b| b == b'<').count() <= max_depth {
        return html.into();
    }
    let bytes = html.as_bytes();
    let mut out = String::new();
    let (mut copied, mut depth, mut at) = (0, 0usize, 0);
    while let Some(offset) = html[at..].find('<') {
        let lt = at + offset;
        if bytes[lt..].starts_with(b"<!--") {
            at = html[lt + 4..].find("-->").map_or(html.len(), |i| lt + 4 + i + 3);
            continue;
        }
        let closing = bytes.get(lt + 1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        let Some(tag_end) = (name_len > 0).then(|| tag_end(bytes, name_start + name_len)).flatten() else {
            at = lt + 1;
            continue;
        };
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        at = tag_end + 1;
        if !closing && RAW_TEXT_TAGS.contains(&name.as_str()) {
            at = raw_text_end(html, at, &name);
            continue;
        }
        if FLAT_TAGS.contains(&name.as_str()) {
            continue;
        }
        let too_deep = if closing { depth > max_depth } else { depth >= max_depth };
        depth = if closing { depth.saturating_sub(1) } else { depth + 1 };
        if too_deep {
            out.push_str(&html[copied..lt]);
            out.push(' ');
            copied = tag_end + 1;
        }
    }
    if copied == 0 {
        return html.into();
    }
    out.push_str(&html[copied..]);
    out.into()
}

/// The `>` closing a tag whose name ends at `from`, outside quoted attribute values.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Where the raw text of a `name` element opened before `from` ends: after its end tag.
fn raw_text_end(html: &str, from: usize, name: &str) -> usize {
    let mut at = from;
    while let Some(offset) = html[at..].find("</") {
        let start = at + offset + 2;
        if html.get(start..start + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name)) {
            return html[start..].find('>').map_or(html.len(), |i| start + i + 1);
        }
        at = start;
    }
    html.len()
}

/// Accumulates text, turning structure into line breaks and collapsing whitespace.
#[derive(Default)]
struct TextBuilder {
    lines: Vec<(String, bool)>, // (line, starts a new paragraph)
    current: String,
    new_paragraph: bool,
}

impl TextBuilder {
    fn push_text(&mut self, text: &str) {
        self.current.push_str(text);
    }

    fn line_break(&mut self) {
        self.flush();
    }

    fn paragraph_break(&mut self) {
        self.flush();
        self.new_paragraph = true;
    }

    fn flush(&mut self) {
        let line = collapse_whitespace(&self.current);
        self.current.clear();
        if !line.is_empty() {
            self.lines.push((line, self.new_paragraph));
            self.new_paragraph = false;
        }
    }

    fn finish(mut self) -> String {
        self.flush();
        let mut text = String::new();
        for (i, (line, new_paragraph)) in self.lines.iter().enumerate() {
            if i > 0 {
                text.push_str(if *new_paragraph { "\n\n" } else { "\n" });
            }
            text.push_str(line);
        }
        text
    }
}

/// Collapses runs of whitespace (including no-break spaces) into one space and trims.
fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="ar" dir="rtl">
<head>
  <meta charset="utf-8">
  <title>وفد ليبي في روما - موقع الأخبار</title>
  <meta property="og:title" content="وفد ليبي في روما">
  <meta property="article:published_time" content="2024-03-12T09:30:00+02:00">
  <style>.x { content: "ليبيا"; }</style>
  <script>var headline = "وزير الخارجية الليبي يزور موسكو"; trackPage("ليبيا");</script>
</head>
<body class="single has-sidebar">
  <header class="site-header"><a href="/">الرئيسية</a> <a href="/news">أخبار</a></header>
  <nav><ul><li>سياسة</li><li>اقتصاد</li><li>رياضة</li></ul></nav>
  <div class="main-menu"><a>منوعات</a></div>
  <article>
    <header class="entry-header"><h1>وفد ليبي في روما</h1>
      <time datetime="2024-03-12">12 مارس 2024</time></header>
    <div class="share-buttons"><a>فيسبوك</a><a>تويتر</a></div>
    <div class="entry-content">
      <p>وصل وفد من وزارة الاقتصاد الليبية إلى روما&nbsp;يوم الاثنين   لبحث
         التعاون التجاري مع إيطاليا.</p>
      <p>وقال رئيس الوفد إن الجانبين اتفقا على تشكيل لجنة مشتركة<br>تجتمع كل ثلاثة أشهر.</p>
      <script>document.write("إعلان عن رحلات إلى طرابلس");</script>
      <div class="related-posts"><h3>اقرأ أيضا</h3><a>عنوان آخر لا علاقة له</a></div>
      <p>وتبلغ قيمة المبادلات &amp; الاستثمارات بين البلدين نحو 9 مليارات يورو.</p>
      <ul><li>الطاقة</li><li>الزراعة</li></ul>
    </div>
    <footer class="entry-footer">الوسوم: ليبيا إيطاليا</footer>
  </article>
  <aside class="sidebar"><p>الأكثر قراءة: خبر جانبي طويل جدا</p></aside>
  <div id="comments"><h3>اترك تعليقا</h3></div>
  <form><input name="q"><button>ابحث في الموقع</button></form>
  <footer>جميع الحقوق محفوظة</footer>
</body></html>"#;

    #[test]
    fn extracts_article_paragraphs_in_order() {
        let doc = html_to_text(PAGE);
        assert_eq!(
            doc.text,
            "وفد ليبي في روما\n\n12 مارس 2024\n\n\
             وصل وفد من وزارة الاقتصاد الليبية إلى روما يوم الاثنين لبحث التعاون التجاري مع إيطاليا.\n\n\
             وقال رئيس الوفد إن الجانبين اتفقا على تشكيل لجنة مشتركة\nتجتمع كل ثلاثة أشهر.\n\n\
             وتبلغ قيمة المبادلات & الاستثمارات بين البلدين نحو 9 مليارات يورو.\n\n\
             الطاقة\n\nالزراعة"
        );
    }

    #[test]
    fn scripts_styles_and_chrome_are_gone() {
        let text = html_to_text(PAGE).text;
        for gone in [
            "موسكو",
            "trackPage",
            "content:",
            "إعلان",
            "الرئيسية",
            "سياسة",
            "منوعات",
            "فيسبوك",
            "اقرأ أيضا",
            "الوسوم",
            "الأكثر قراءة",
            "اترك",
            "ابحث",
            "الحقوق",
        ] {
            assert!(
                !text.contains(gone),
                "{gone:?} should be removed from {text:?}"
            );
        }
    }

    #[test]
    fn title_and_published_date() {
        let doc = html_to_text(PAGE);
        assert_eq!(doc.title.as_deref(), Some("وفد ليبي في روما"));
        assert_eq!(doc.published.as_deref(), Some("2024-03-12T09:30:00+02:00"));
    }

    #[test]
    fn title_falls_back_to_title_tag_and_date_to_time_element() {
        let html = "<html><head><title>  خبر\n عن  تونس </title></head><body>\
                    <p>نص <time datetime=\"2023-01-28\">السبت</time> قصير.</p></body></html>";
        let doc = html_to_text(html);
        assert_eq!(doc.title.as_deref(), Some("خبر عن تونس"));
        assert_eq!(doc.published.as_deref(), Some("2023-01-28"));
        assert_eq!(doc.text, "نص السبت قصير.");
    }

    #[test]
    fn date_from_json_ld() {
        let html = r#"<html><head><script type="application/ld+json">
            {"@type":"NewsArticle","datePublished" : "2025-07-02T10:00:00Z"}</script></head>
            <body><p>نص</p></body></html>"#;
        assert_eq!(
            html_to_text(html).published.as_deref(),
            Some("2025-07-02T10:00:00Z")
        );
    }

    #[test]
    fn page_without_article_uses_body_minus_chrome() {
        let html = "<body><nav>القائمة</nav><div class=\"ads\">إعلان</div>\
                    <div>الفقرة الأولى عن مالطا.</div><div>الفقرة الثانية.</div>\
                    <table><tr><td>العام</td><td>2024</td></tr></table></body>";
        assert_eq!(
            html_to_text(html).text,
            "الفقرة الأولى عن مالطا.\n\nالفقرة الثانية.\n\nالعام 2024"
        );
    }

    #[test]
    fn tiny_article_teaser_does_not_replace_the_page() {
        let long_para = "فقرة طويلة عن التعاون بين البلدين في مجال الطاقة والنقل. ".repeat(12);
        let html = format!(
            "<body><div class=\"story\"><p>{long_para}</p></div>\
             <article><a>عنوان قصير لمقال آخر</a></article></body>"
        );
        let text = html_to_text(&html).text;
        assert!(text.starts_with("فقرة طويلة"), "{text}");
    }

    #[test]
    fn item_prop_article_body_is_used_when_no_article_element() {
        let body = "نص المقال الأساسي عن زيارة الوفد. ".repeat(20);
        let html = format!(
            "<body><div>شريط عاجل</div><div itemprop=\"articleBody\"><p>{body}</p></div>\
             <div>روابط أخرى</div></body>"
        );
        let text = html_to_text(&html).text;
        assert!(
            text.starts_with("نص المقال") && !text.contains("روابط"),
            "{text}"
        );
    }

    #[test]
    fn hidden_elements_are_dropped() {
        let html = "<body><p>ظاهر</p><p hidden>مخفي</p><p style=\"display: none\">مخفي</p></body>";
        assert_eq!(html_to_text(html).text, "ظاهر");
    }

    #[test]
    fn broken_or_empty_html_never_panics() {
        for html in [
            "",
            "<",
            "<<p>>",
            "<p>غير مغلق",
            "</div></div>",
            "<script>",
            "&#xD800;&amp",
        ] {
            let _ = html_to_text(html);
        }
        assert_eq!(html_to_text("").text, "");
        assert_eq!(html_to_text("<p>غير مغلق").text, "غير مغلق");
    }

    #[test]
    fn deep_nesting_is_flattened_past_the_limit_and_keeps_its_text() {
        let depth = 20_000;
        let page = format!("<html><body>{}<p>وصل الوزير إلى روما</p>{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth));
        let doc = html_to_text(&page);
        assert_eq!(doc.text, "وصل الوزير إلى روما");
        // Unclosed, in articles (each a content candidate), in formatting tags.
        for open in ["<div>", "<article>", "<b>", "<span/>"] {
            let page = format!("{}نص المقال{}", open.repeat(depth), "بعده");
            assert_eq!(html_to_text(&page).text, "نص المقالبعده", "{open}");
        }
        let flat = flatten_deep_nesting(&page, 3);
        assert!(flat.starts_with("<html><body><div> ") && flat.matches("<div>").count() == 1);
        // Shallow pages, comments and scripts are left alone.
        let page = format!("<div><!--{}--><script>{}</script>نص</div>", "<div>".repeat(10), "<b>".repeat(10));
        assert_eq!(flatten_deep_nesting(&page, 3), page);
    }
}
