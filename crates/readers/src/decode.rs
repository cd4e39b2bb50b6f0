//! Bytes to UTF-8 text: byte-order marks, UTF-16, and legacy single-byte encodings.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// Decoded text and what was noticed on the way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, UTF-8, without byte-order mark.
    pub text: String,
    /// Notes for `Document::diagnostics` ("decoded as UTF-16LE (byte-order mark)").
    pub notes: Vec<String>,
}

/// UTF-16 without a byte-order mark, told by its zero bytes: in ASCII-heavy text every
/// other byte is zero (the high byte; odd positions for little-endian).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(8192) & !1];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let even_zero = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_zero * 10 >= pairs * 7 && even_zero * 20 <= pairs {
        Some(UTF_16LE)
    } else if even_zero * 10 >= pairs * 7 && odd_zero * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// True if the bytes look like a binary file rather than text in some encoding: NUL bytes
/// (outside UTF-16) or many control characters in the first 8 KiB.
pub fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || utf16_without_bom(bytes).is_some()
    {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    controls * 20 > head.len()
}

/// `bytes` (after any byte-order mark) decoded with `enc`, noting how it was chosen and any
/// malformed sequences.
fn decoded_as(enc: &'static Encoding, bytes: &[u8], how: &str) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let mut notes = vec![format!("decoded as {} ({how})", enc.name())];
    if had_errors {
        notes.push(format!(
            "malformed {} sequences replaced with U+FFFD",
            enc.name()
        ));
    }
    Decoded {
        text: text.into_owned(),
        notes,
    }
}

/// Decode bytes to text. UTF-8 (with or without BOM) is taken as is; a UTF-16 BOM selects
/// UTF-16; other bytes that are not valid UTF-8 are decoded with the encoding chardetng
/// guesses (Windows-1252 for Latin-1 text). Malformed sequences become U+FFFD, with a note.
pub fn decode(bytes: &[u8]) -> Decoded {
    let mut notes = Vec::new();
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return decoded_as(enc, &bytes[bom_len..], "byte-order mark");
    }
    if let Some(enc) = utf16_without_bom(bytes) {
        return decoded_as(enc, bytes, "no byte-order mark; detected");
    }
    let utf8 = std::str::from_utf8(bytes);
    if let Ok(s) = utf8 {
        return Decoded {
            text: s.to_string(),
            notes,
        };
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let mut enc = det.guess(None, chardetng::Utf8Detection::Deny);
    if enc == UTF_8 || enc == UTF_16LE || enc == UTF_16BE {
        enc = WINDOWS_1252;
    }
    // Mostly valid UTF-8 with a few bad bytes is damaged UTF-8, not a legacy encoding.
    let valid_up_to = utf8.map_or_else(|e| e.valid_up_to(), |_| bytes.len());
    let multibyte_utf8 = bytes[..valid_up_to].iter().any(|&b| b >= 0x80);
    if multibyte_utf8 {
        let text = String::from_utf8_lossy(bytes).into_owned();
        notes.push("invalid UTF-8 sequences replaced with U+FFFD".into());
        return Decoded { text, notes };
    }
    let (text, _, had_errors) = enc.decode(bytes);
    notes.push(format!("not UTF-8: decoded as {} (detected)", enc.name()));
    if had_errors {
        notes.push(format!(
            "malformed {} bytes replaced with U+FFFD",
            enc.name()
        ));
    }
    Decoded {
        text: text.into_owned(),
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode("café".as_bytes()).text, "café");
        assert!(decode("café".as_bytes()).notes.is_empty());
        let bom = [&[0xEF, 0xBB, 0xBF][..], "café".as_bytes()].concat();
        assert_eq!(decode(&bom).text, "café");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("it’s".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&le).text, "it’s");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("it’s".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(&be).text, "it’s");
        // Windows-1252: curly quotes 0x93/0x94, e-acute 0xE9.
        let cp = b"\x93Caf\xe9 reopens,\x94 the mayor said. It\x92s late.";
        let d = decode(cp);
        assert_eq!(d.text, "“Café reopens,” the mayor said. It’s late.");
        assert!(d.notes[0].contains("windows-1252"), "{:?}", d.notes);
        // Damaged UTF-8.
        let bad = ["It’s ".as_bytes(), &[0xC3, 0x28], b" over"].concat();
        let d = decode(&bad);
        assert!(d.text.contains('\u{FFFD}'));
        assert!(d.notes[0].contains("invalid UTF-8"));
    }

    #[test]
    fn utf16_without_byte_order_mark() {
        let le: Vec<u8> = "The bridge closed on Monday."
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert!(!looks_binary(&le));
        assert_eq!(decode(&le).text, "The bridge closed on Monday.");
        let be: Vec<u8> = "It’s shut."
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(decode(&be).text, "It’s shut.");
    }

    #[test]
    fn binary() {
        assert!(looks_binary(b"\x7fELF\x02\x01\x01\x00\x00\x00"));
        assert!(!looks_binary(b"plain text\n"));
        assert!(!looks_binary(&[0xFF, 0xFE, b'a', 0]));
    }
}
