//! Byte-level decoding of input files: UTF-8 (with or without BOM), UTF-16 with BOM,
//! or Windows-1256 (older Arabic sites). Anything else is rejected, never mangled.

use std::fmt;

/// The encoding a document was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1256,
}

impl Encoding {
    pub fn as_str(&self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf8Bom => "utf-8-bom",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1256 => "windows-1256",
        }
    }
}

/// Why bytes could not be turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecodeError {
    /// No bytes, or only whitespace.
    Empty,
    /// NUL bytes (outside UTF-16) or many control characters.
    Binary,
    /// Not valid UTF-8 / UTF-16 and not recognisable as Windows-1256 Arabic.
    Undecodable,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DecodeError::Empty => "empty input (no text)",
            DecodeError::Binary => "binary content (NUL bytes or control characters)",
            DecodeError::Undecodable => {
                "undecodable text: not valid UTF-8 or UTF-16 (with BOM), and not Windows-1256 Arabic"
            }
        })
    }
}

impl std::error::Error for DecodeError {}

/// Share of control characters above which a text counts as binary.
const MAX_CONTROL_SHARE: f64 = 0.10;
/// Share of Arabic letters among non-ASCII letters a Windows-1256 reading must reach.
const MIN_ARABIC_LETTER_SHARE: f64 = 0.9;
/// Share of odd symbols (rare in Arabic prose) among non-ASCII characters it may contain.
const MAX_ODD_SYMBOL_SHARE: f64 = 0.05;

/// Text decoded from bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// BOM removed.
    pub text: String,
    pub encoding: Encoding,
    /// Invalid sequences replaced by U+FFFD (damaged UTF-8 or UTF-16).
    pub replaced: usize,
}

/// Detects the encoding of `bytes` and returns the decoded text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let decoded = decode_raw(bytes)?;
    check_text(&decoded.text)?;
    Ok(decoded)
}

/// `bytes` as UTF-8 with each invalid sequence replaced by U+FFFD, and how many were.
pub fn utf8_lossy(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, usize) {
    let replaced = bytes.utf8_chunks().filter(|chunk| !chunk.invalid().is_empty()).count();
    (String::from_utf8_lossy(bytes), replaced)
}

/// The byte-order mark of UTF-8, stripped wherever text is read.
pub const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// The UTF-16 codec a byte-order mark opening `bytes` names, and the encoding it reads as.
fn utf16_bom(bytes: &[u8]) -> Option<(&'static encoding_rs::Encoding, Encoding)> {
    match bytes {
        [0xFF, 0xFE, ..] => Some((encoding_rs::UTF_16LE, Encoding::Utf16Le)),
        [0xFE, 0xFF, ..] => Some((encoding_rs::UTF_16BE, Encoding::Utf16Be)),
        _ => None,
    }
}

/// Whether `bytes` open with a UTF-16 byte-order mark.
pub fn has_utf16_bom(bytes: &[u8]) -> bool {
    utf16_bom(bytes).is_some()
}

/// UTF-16 opened by its byte-order mark as UTF-8 bytes, for readers that parse UTF-8 (JSON);
/// broken pairs become U+FFFD, which the JSON parser keeps in strings or rejects in structure.
/// None without a mark.
pub fn utf16_to_utf8(bytes: &[u8]) -> Option<Vec<u8>> {
    let (codec, _) = utf16_bom(bytes)?;
    Some(codec.decode_without_bom_handling(&bytes[2..]).0.into_owned().into_bytes())
}

fn decode_raw(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let whole = |text: String, encoding| Ok(Decoded { text, encoding, replaced: 0 });
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
        return match std::str::from_utf8(rest) {
            Ok(s) => whole(s.to_owned(), Encoding::Utf8Bom),
            Err(_) => damaged_utf8(rest, Encoding::Utf8Bom),
        };
    }
    if let Some((codec, encoding)) = utf16_bom(bytes) {
        return decode_utf16(&bytes[2..], codec, encoding);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return whole(s.to_owned(), Encoding::Utf8);
    }
    if looks_like_broken_utf8(bytes) {
        return damaged_utf8(bytes, Encoding::Utf8);
    }
    let (text, _) = encoding_rs::WINDOWS_1256.decode_without_bom_handling(bytes);
    if looks_like_arabic(&text) {
        return whole(text.into_owned(), Encoding::Windows1256);
    }
    Err(undecodable_or_binary(bytes))
}

/// UTF-8 with a few bad bytes (a truncated or damaged file): the text is kept, each bad
/// sequence replaced and counted. Mostly control bytes is still binary.
fn damaged_utf8(bytes: &[u8], encoding: Encoding) -> Result<Decoded, DecodeError> {
    if undecodable_or_binary(bytes) == DecodeError::Binary {
        return Err(DecodeError::Binary);
    }
    let (text, replaced) = utf8_lossy(bytes);
    Ok(Decoded { text: text.into_owned(), encoding, replaced })
}

fn decode_utf16(
    rest: &[u8],
    codec: &'static encoding_rs::Encoding,
    encoding: Encoding,
) -> Result<Decoded, DecodeError> {
    if rest.is_empty() {
        return Err(DecodeError::Empty);
    }
    match codec.decode_without_bom_handling_and_without_replacement(rest) {
        Some(text) => Ok(Decoded { text: text.into_owned(), encoding, replaced: 0 }),
        None => Err(DecodeError::Undecodable),
    }
}

/// Rejects decoded text that is empty or binary.
fn check_text(text: &str) -> Result<(), DecodeError> {
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    let mut total = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        if c == '\0' {
            return Err(DecodeError::Binary);
        }
        total += 1;
        if is_binary_control(c) {
            controls += 1;
        }
    }
    if controls as f64 > total as f64 * MAX_CONTROL_SHARE {
        return Err(DecodeError::Binary);
    }
    Ok(())
}

/// Control characters that do not occur in text files (tabs, newlines, form feeds do).
fn is_binary_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{e}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// Classifies bytes that failed every decoding: mostly control bytes means binary.
fn undecodable_or_binary(bytes: &[u8]) -> DecodeError {
    let controls = bytes
        .iter()
        .filter(|&&b| b == 0 || is_binary_control(char::from(b)) && b < 0x80)
        .count();
    if controls as f64 > bytes.len() as f64 * MAX_CONTROL_SHARE {
        DecodeError::Binary
    } else {
        DecodeError::Undecodable
    }
}

/// True when the bytes are mostly well-formed UTF-8 multi-byte sequences with a few bad
/// bytes (a truncated or damaged UTF-8 file). Such input read as Windows-1256 gives
/// Arabic-looking mojibake, so it must not reach that fallback.
fn looks_like_broken_utf8(bytes: &[u8]) -> bool {
    let mut valid_non_ascii = 0usize;
    let mut invalid_bytes = 0usize;
    for chunk in bytes.utf8_chunks() {
        valid_non_ascii += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid_bytes += chunk.invalid().len();
    }
    valid_non_ascii >= invalid_bytes
}

/// Does a Windows-1256 reading look like Arabic text rather than mojibake? Only non-ASCII
/// characters are weighed: ASCII (markup, Latin words, digits) reads the same in every
/// candidate encoding. Text from another single-byte code page (Latin-1, Cyrillic) read as
/// Windows-1256 yields accented Latin letters and stray symbols beside the Arabic ones.
fn looks_like_arabic(text: &str) -> bool {
    let mut letters = 0usize;
    let mut arabic_letters = 0usize;
    let mut odd = 0usize;
    let mut non_ascii = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii() && !c.is_whitespace()) {
        non_ascii += 1;
        if is_arabic(c) {
            arabic_letters += usize::from(c.is_alphabetic());
            letters += usize::from(c.is_alphabetic());
        } else if c.is_alphabetic() {
            letters += 1;
        } else if is_odd_symbol(c) {
            odd += 1;
        }
    }
    arabic_letters > 0
        && arabic_letters as f64 >= letters as f64 * MIN_ARABIC_LETTER_SHARE
        && (odd as f64) <= non_ascii as f64 * MAX_ODD_SYMBOL_SHARE
}

/// Arabic script, including diacritics and presentation forms.
fn is_arabic(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Characters Windows-1256 can produce that Arabic prose rarely uses: control characters,
/// currency and typographic symbols from the 0x80..0xBF range.
fn is_odd_symbol(c: char) -> bool {
    is_binary_control(c)
        || matches!(
            c,
            '€' | '‚'
                | 'ƒ'
                | '„'
                | '†'
                | '‡'
                | 'ˆ'
                | '‰'
                | '‹'
                | '›'
                | 'Œ'
                | 'œ'
                | '™'
                | '¢'
                | '£'
                | '¤'
                | '¥'
                | '¦'
                | '§'
                | '¨'
                | '©'
                | '®'
                | '¯'
                | '°'
                | '±'
                | '²'
                | '³'
                | '´'
                | 'µ'
                | '¶'
                | '·'
                | '¸'
                | '¹'
                | '¼'
                | '½'
                | '¾'
                | '×'
                | '÷'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text and encoding, for tests that expect nothing replaced.
    fn decode_pair(bytes: &[u8]) -> Result<(String, Encoding), DecodeError> {
        decode(bytes).map(|d| {
            assert_eq!(d.replaced, 0, "replacements in {:?}", d.text);
            (d.text, d.encoding)
        })
    }

    const ARABIC: &str =
        "زار وفد تجاري من تونس مدينة مصراتة الأسبوع الماضي، وبحث فرص الاستثمار في الموانئ.";

    fn windows_1256(s: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(s);
        assert!(!unmappable);
        bytes.into_owned()
    }

    fn utf16(s: &str, big_endian: bool) -> Vec<u8> {
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in s.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&pair);
        }
        out
    }

    #[test]
    fn plain_utf8() {
        assert_eq!(
            decode_pair(ARABIC.as_bytes()),
            Ok((ARABIC.to_owned(), Encoding::Utf8))
        );
    }

    #[test]
    fn utf8_with_bom_is_stripped() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(ARABIC.as_bytes());
        assert_eq!(decode_pair(&bytes), Ok((ARABIC.to_owned(), Encoding::Utf8Bom)));
    }

    #[test]
    fn utf16_both_byte_orders() {
        assert_eq!(
            decode_pair(&utf16(ARABIC, false)),
            Ok((ARABIC.to_owned(), Encoding::Utf16Le))
        );
        assert_eq!(
            decode_pair(&utf16(ARABIC, true)),
            Ok((ARABIC.to_owned(), Encoding::Utf16Be))
        );
    }

    #[test]
    fn utf16_with_odd_length_is_undecodable() {
        let mut bytes = utf16(ARABIC, false);
        bytes.push(0x41);
        assert_eq!(decode_pair(&bytes), Err(DecodeError::Undecodable));
    }

    #[test]
    fn windows_1256_arabic() {
        let bytes = windows_1256(ARABIC);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(
            decode_pair(&bytes),
            Ok((ARABIC.to_owned(), Encoding::Windows1256))
        );
    }

    #[test]
    fn windows_1256_with_ascii_markup_and_digits() {
        let text = "<p>وقعت ليبيا ومالطا 3 اتفاقيات في 12 مارس 2024.</p>\r\n<p>Source: Reuters</p>";
        assert_eq!(
            decode_pair(&windows_1256(text)),
            Ok((text.to_owned(), Encoding::Windows1256))
        );
    }

    #[test]
    fn windows_1256_with_many_commas_after_words() {
        // Letter + "،" pairs happen to form valid UTF-8 sequences in Windows-1256.
        let text =
            "دول الجوار: تونس، مصر، الجزائر، السودان، تشاد، النيجر، وسوريا؛ ثم روسيا؟ «نعم».";
        assert_eq!(
            decode_pair(&windows_1256(text)),
            Ok((text.to_owned(), Encoding::Windows1256))
        );
    }

    #[test]
    fn windows_1256_html_page_heavy_with_ascii_markup() {
        let markup =
            "<div class=\"wrapper\"><script>var tracking = function(){ return 1; };</script>";
        let text = format!(
            "<html><head>{}</head><body><p>{ARABIC}</p></body></html>",
            markup.repeat(30)
        );
        assert_eq!(
            decode_pair(&windows_1256(&text)),
            Ok((text, Encoding::Windows1256))
        );
    }

    #[test]
    fn cyrillic_code_page_is_not_taken_for_arabic() {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251
            .encode("Министр иностранных дел провёл переговоры в Триполи.");
        assert!(!unmappable);
        assert_eq!(decode_pair(&bytes), Err(DecodeError::Undecodable));
    }

    #[test]
    fn truncated_utf8_is_kept_with_the_bad_byte_replaced_not_read_as_windows_1256() {
        let bytes = ARABIC.as_bytes();
        // Cut in the middle of the last two-byte letter and glue more text after it.
        let mut damaged = bytes[..bytes.len() - 2].to_vec();
        damaged.extend_from_slice(" end".as_bytes());
        assert!(std::str::from_utf8(&damaged).is_err());
        let decoded = decode(&damaged).unwrap();
        let mut expected: String = ARABIC.chars().take(ARABIC.chars().count() - 2).collect();
        expected.push_str("\u{FFFD} end");
        assert_eq!((decoded.text, decoded.encoding, decoded.replaced), (expected, Encoding::Utf8, 1));
        // With a BOM too.
        let with_bom = [&[0xEF, 0xBB, 0xBF][..], &damaged].concat();
        assert_eq!(decode(&with_bom).map(|d| (d.encoding, d.replaced)), Ok((Encoding::Utf8Bom, 1)));
    }

    #[test]
    fn latin1_text_is_undecodable() {
        // "Café à Paris, élève" in ISO-8859-1: invalid UTF-8, not Arabic.
        let bytes = b"Caf\xe9 \xe0 Paris, \xe9l\xe8ve du lyc\xe9e".to_vec();
        assert_eq!(decode_pair(&bytes), Err(DecodeError::Undecodable));
    }

    #[test]
    fn nul_bytes_are_binary() {
        assert_eq!(decode_pair(b"PK\x03\x04\x00\x00text"), Err(DecodeError::Binary));
        let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
        png.extend_from_slice(&[0, 0, 0, 13, 0xC3, 0xFF]);
        assert_eq!(decode_pair(&png), Err(DecodeError::Binary));
    }

    #[test]
    fn control_heavy_utf8_is_binary() {
        let bytes: Vec<u8> = b"ab\x01\x02\x03\x04\x05cd\x06\x07".to_vec();
        assert_eq!(decode_pair(&bytes), Err(DecodeError::Binary));
    }

    #[test]
    fn a_few_stray_controls_are_tolerated() {
        let text = format!("{ARABIC}\u{c}\n{ARABIC}\u{1a}");
        assert_eq!(decode_pair(text.as_bytes()), Ok((text.clone(), Encoding::Utf8)));
    }

    #[test]
    fn invalid_bytes_full_of_controls_are_binary() {
        let bytes: Vec<u8> = vec![0xFF, 0x01, 0x02, 0x03, 0xFE, 0x04, 0x05, 0x06, 0x07];
        assert_eq!(decode_pair(&bytes), Err(DecodeError::Binary));
    }

    #[test]
    fn empty_inputs() {
        assert_eq!(decode_pair(b""), Err(DecodeError::Empty));
        assert_eq!(decode_pair(b" \n\t\r\n "), Err(DecodeError::Empty));
        assert_eq!(decode_pair(&[0xEF, 0xBB, 0xBF]), Err(DecodeError::Empty));
        assert_eq!(decode_pair(&[0xFF, 0xFE]), Err(DecodeError::Empty));
        assert_eq!(decode_pair(&utf16("  \n", true)), Err(DecodeError::Empty));
    }

    #[test]
    fn utf16_containing_nul_characters_is_binary() {
        assert_eq!(
            decode_pair(&utf16("ab\0\0\0cd", false)),
            Err(DecodeError::Binary)
        );
    }

    #[test]
    fn never_panics_on_arbitrary_bytes() {
        // A cheap deterministic byte generator covering every byte value and BOM prefixes.
        let mut state: u32 = 0x1234_5678;
        for len in 0..200usize {
            for prefix in [&[][..], &[0xEF, 0xBB, 0xBF], &[0xFF, 0xFE], &[0xFE, 0xFF]] {
                let mut bytes = prefix.to_vec();
                for _ in 0..len {
                    state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    bytes.push((state >> 16) as u8);
                }
                if let Ok(d) = decode(&bytes) {
                    assert_eq!(d.replaced, d.text.matches(char::REPLACEMENT_CHARACTER).count().min(d.replaced));
                }
            }
        }
    }

    #[test]
    fn error_messages_are_readable() {
        assert!(DecodeError::Binary.to_string().contains("binary"));
        assert_eq!(Encoding::Windows1256.as_str(), "windows-1256");
    }
}
